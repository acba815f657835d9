import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildValidationSchemas } from "../../generators/shared/buildValidationSchemas.js";
import { operationView } from "../../generators/shared/operationView.js";
import type { JsonValue } from "../../src/ir/types.js";
import type { RenderedFile } from "../../src/pipeline/RenderedFile.js";
import { buildIr } from "../../src/pipeline/buildIr.js";
import { loadTarget } from "../../src/targets/targetRegistry.js";
import type { GeneratedValidator } from "../../src/validators/ValidationIssue.js";
import { coerceFormBody, parseFormBody, type FormValueShape } from "../../runtime/shared/src/generated/runtime/formBody.js";
import { multipartBody, type MultipartField } from "../../runtime/shared/src/generated/runtime/multipartBody.js";
import { uploadedFile } from "../../runtime/shared/src/generated/runtime/uploadedFile.js";
import { loadValidationUnits } from "./helpers/loadValidationUnits.js";

// Issue 12: Stripe's API takes urlencoded forms only (`metadata[key]=v`, `expand[]=x`, nested objects). A real Stripe
// operation, PostCustomers, generated from the corpus spec: its body is typed from the schema, its form text is read
// in bracket notation, typed by the body shape and checked by the body validator generated for it.
const stripe = join("..", "shared", "corpus", "openapi", "stripe", "spec3.yaml");

describe.skipIf(!existsSync(stripe))("a Stripe form operation (PostCustomers) and upload (PostFiles)", () => {
  let files: RenderedFile[];
  let shape: FormValueShape;
  let validate: GeneratedValidator;
  let uploadShape: FormValueShape;
  let validateUpload: GeneratedValidator;
  beforeAll(async () => {
    const { ir, names } = await buildIr({ openapi: stripe });
    const api = ir.api;
    const op = api?.operations.find((o) => o.operationId === "PostCustomers");
    const upload = api?.operations.find((o) => o.operationId === "PostFiles");
    if (!api || !op || !upload) throw new Error("no PostCustomers or PostFiles in the Stripe spec");
    const views = [operationView({ op, names }), operationView({ op: upload, names })];
    const schemas = buildValidationSchemas({ api, views, forcedReadOnly: new Set() });
    shape = schemas.operations["PostCustomers"]?.formBody as FormValueShape & JsonValue;
    uploadShape = schemas.operations["PostFiles"]?.formBody as FormValueShape & JsonValue;
    const plugin = await loadTarget("fastify");
    const rendered = await plugin?.render({ ir, names, options: {} });
    files = rendered?.files ?? [];
    const load = await loadValidationUnits(files);
    const units = files.filter((f) => /validation\/post-customers\.body\.ts$/.test(f.path)).map((f) => f.path.split("/").pop() ?? "");
    validate = (await load(units[0] ?? "post-customers.body.ts"))["body"] as GeneratedValidator;
    validateUpload = (await load("post-files.body.ts"))["body"] as GeneratedValidator;
  }, 300_000);

  const check = (text: string) => validate(coerceFormBody({ value: parseFormBody({ text, maxDepth: 8 }), shape }));

  it("types the body from its schema, not as a string or bytes", () => {
    const types = files.filter((f) => f.path.startsWith("src/generated/types/operations")).map((f) => String(f.content)).join("\n");
    const request = /export interface PostCustomersRequest \{[\s\S]*?\n\}/.exec(types)?.[0] ?? "";
    expect(request).toMatch(/body:\s*\|?\s*\{/);
    expect(request).not.toContain("Uint8Array");
    expect(request).toMatch(/balance\?: number;/);
    expect(request).toMatch(/metadata\?:/);
  });

  it("accepts Stripe's own form notation: nested objects, metadata keys, expand[] lists, integers", () => {
    const text =
      "name=Jenny+Rosen&email=jenny%40example.com&balance=-250&metadata[order_id]=6735&expand[]=tax&expand[]=invoice_settings.default_payment_method" +
      "&address[line1]=1+Main+St&address[city]=Dublin&invoice_settings[custom_fields][0][name]=VAT&invoice_settings[custom_fields][0][value]=IE123&preferred_locales[]=en";
    expect(check(text)).toEqual({ valid: true, errors: [] });
  });

  it("reports what is wrong by field: an integer that is not one, an unknown field, a too long value", () => {
    const result = check(`balance=lots&unknown_field=1&name=${"x".repeat(300)}`);
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.field).sort()).toEqual(["balance", "name", "unknown_field"]);
  });

  it("lets an empty value unset a field where Stripe allows \"\"", () => {
    expect(check("address=&name=x")).toEqual({ valid: true, errors: [] });
  });

  // PostFiles: Stripe's file upload, multipart/form-data with a binary `file`, an enum `purpose` and deepObject parts.
  const field = (name: string, value: string): MultipartField => ({ name, value, contentType: undefined });
  const pdf = uploadedFile({ filename: "evidence.pdf", contentType: "application/pdf", data: Buffer.from("%PDF-1.4") });
  const checkUpload = (fields: MultipartField[], withFile = true) =>
    validateUpload(multipartBody({ fields, files: withFile ? [{ name: "file", file: pdf }] : [], shape: uploadShape, maxDepth: 8 }));

  it("types PostFiles' file part as an UploadedFile and its other parts by their schemas", () => {
    const types = files.filter((f) => f.path.startsWith("src/generated/types/operations")).map((f) => String(f.content)).join("\n");
    const request = /export interface PostFilesRequest \{[\s\S]*?\n\}/.exec(types)?.[0] ?? "";
    expect(request).toMatch(/file: UploadedFile;/);
    expect(request).toMatch(/purpose:/);
    expect(request).not.toContain("Uint8Array");
  });

  it("accepts an upload with its purpose, Stripe's deepObject file_link_data parts and expand[] list", () => {
    const fields = [field("purpose", "dispute_evidence"), field("file_link_data[create]", "true"), field("file_link_data[expires_at]", "1700000000"), field("expand[]", "file_link")];
    expect(checkUpload(fields)).toEqual({ valid: true, errors: [] });
  });

  it("refuses an upload without its file, with an unknown purpose, or a file_link_data.create that is not a boolean", () => {
    const missing = checkUpload([field("purpose", "dispute_evidence")], false);
    expect(missing.valid).toBe(false);
    expect(missing.errors.map((e) => e.field)).toEqual(["file"]);
    const wrong = checkUpload([field("purpose", "selfie"), field("file_link_data[create]", "maybe")]);
    expect(wrong.errors.map((e) => e.field).sort()).toEqual(["file_link_data.create", "purpose"]);
  });

  it("refuses a text part where the file should be", () => {
    const text = validateUpload(multipartBody({ fields: [field("purpose", "dispute_evidence"), field("file", "not a file")], files: [], shape: uploadShape, maxDepth: 8 }));
    expect(text.errors.map((e) => e.field)).toEqual(["file"]);
  });
});
