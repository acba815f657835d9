import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildValidationSchemas } from "../../generators/shared/buildValidationSchemas.js";
import { operationView } from "../../generators/shared/operationView.js";
import type { Operation } from "../../src/ir/types.js";
import type { RenderedFile } from "../../src/pipeline/RenderedFile.js";
import { buildIr } from "../../src/pipeline/buildIr.js";
import { loadTarget } from "../../src/targets/targetRegistry.js";
import type { GeneratedValidator } from "../../src/validators/ValidationIssue.js";
import type { FormValueShape } from "../../runtime/shared/src/generated/runtime/formBody.js";
import { multipartBody, type MultipartField, type MultipartFile } from "../../runtime/shared/src/generated/runtime/multipartBody.js";
import { uploadedFile } from "../../runtime/shared/src/generated/runtime/uploadedFile.js";
import { loadValidationUnits } from "./helpers/loadValidationUnits.js";

// Issue 12: multipart/form-data bodies read (encoding), checked (file parts as UploadedFile objects, allowed media
// types) and typed (UploadedFile) from an OpenAPI 3.1 document written for the purpose: files of 3.0's
// `format: binary` and 3.1's `contentMediaType`, a list of files, a base64 text part and a JSON part.
const spec = `openapi: 3.1.0
info: { title: uploads, version: "1" }
paths:
  /documents:
    post:
      operationId: uploadDocuments
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema: { $ref: "#/components/schemas/DocumentUpload" }
            encoding:
              scan: { contentType: "image/*, application/pdf" }
              attachments: { contentType: "text/plain" }
              meta: { contentType: application/json, style: form }
              notes: { style: form }
      responses:
        "204": { description: Stored. }
  /notes:
    post:
      operationId: createNote
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { text: { type: string } } }
          multipart/form-data:
            schema: { type: object, properties: { text: { type: string }, file: { type: string, format: binary } } }
      responses:
        "204": { description: Stored. }
components:
  schemas:
    DocumentUpload:
      type: object
      required: [scan, title]
      properties:
        title: { type: string, minLength: 1 }
        scan: { type: string, format: binary, maxLength: 100 }
        attachments: { type: array, items: { type: string, contentMediaType: text/plain }, maxItems: 2 }
        thumbnail: { type: string, contentMediaType: image/png }
        signature: { type: string, contentEncoding: base64 }
        meta: { type: object, properties: { pages: { type: integer } }, additionalProperties: false }
        notes: { type: array, items: { type: string } }
`;

let op: Operation;
let files: RenderedFile[];
let body: unknown;
let shape: FormValueShape;
let validate: GeneratedValidator;
let diagnostics: { code: string; message: string }[];

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), "vx-multipart-"));
  const file = join(dir, "openapi.yaml");
  await writeFile(file, spec);
  const { ir, names } = await buildIr({ openapi: file });
  const api = ir.api;
  const found = api?.operations.find((o) => o.operationId === "uploadDocuments");
  if (!api || !found) throw new Error("no uploadDocuments");
  op = found;
  const schemas = buildValidationSchemas({ api, views: [operationView({ op, names })], forcedReadOnly: new Set() }).operations["uploadDocuments"];
  body = schemas?.body;
  shape = schemas?.formBody as FormValueShape;
  const rendered = await (await loadTarget("fastify"))?.render({ ir, names, options: {} });
  files = rendered?.files ?? [];
  diagnostics = rendered?.diagnostics ?? [];
  validate = (await (await loadValidationUnits(files))("upload-documents.body.ts"))["body"] as GeneratedValidator;
}, 120_000);

const text = (name: string, value: string, contentType?: string): MultipartField => ({ name, value, contentType });
const part = (name: string, filename: string, contentType: string, data = "bytes"): MultipartFile => ({
  name,
  file: uploadedFile({ filename, contentType, data: Buffer.from(data) }),
});
const check = ({ fields, parts }: { fields: MultipartField[]; parts: MultipartFile[] }) =>
  validate(multipartBody({ fields, files: parts, shape, maxDepth: 8 }));

describe("a multipart/form-data body", () => {
  it("keeps each part's encoding contentType and style, sorted (a form's style changes nothing in multipart)", () => {
    expect(op.requestBody?.content[0]?.encoding).toEqual([
      { property: "attachments", contentType: "text/plain" },
      { property: "meta", contentType: "application/json", style: "form" },
      { property: "notes", style: "form" },
      { property: "scan", contentType: "image/*, application/pdf" },
    ]);
  });

  it("checks file parts as UploadedFile objects: allowed media types, wildcards, lists, maxLength as the size's maximum", () => {
    const properties = (body as { properties: Record<string, unknown> }).properties;
    expect(properties["scan"]).toEqual({
      type: "object",
      required: ["filename", "mimeType", "size", "data"],
      properties: {
        filename: { type: "string" },
        mimeType: { type: "string", pattern: "^(?:application\\/pdf|image\\/[^/]+)$" },
        size: { type: "integer", minimum: 0, maximum: 100 },
        data: {},
      },
    });
    expect(properties["attachments"]).toMatchObject({ type: "array", maxItems: 2, items: { type: "object", properties: { mimeType: { enum: ["text/plain"] } } } });
    expect(properties["thumbnail"]).toMatchObject({ type: "object", properties: { mimeType: { enum: ["image/png"] } } });
    expect(properties["signature"]).toEqual({ type: "string", contentEncoding: "base64" });
  });

  it("types file parts as UploadedFile (a list for several) and imports the type", () => {
    const types = files.filter((f) => f.path.startsWith("src/generated/types/operations")).map((f) => String(f.content)).join("\n");
    const request = /export interface UploadDocumentsRequest \{[\s\S]*?\n\}/.exec(types)?.[0] ?? "";
    expect(request).toMatch(/scan: UploadedFile;/);
    expect(request).toMatch(/attachments\?: UploadedFile\[\];/);
    expect(request).toMatch(/thumbnail\?: UploadedFile;/);
    expect(request).toMatch(/signature\?: string;/);
    expect(request).toMatch(/meta\?: \{ pages\?: number \}/);
    expect(types).toContain('import type { UploadedFile } from "../../runtime/uploadedFile.js";');
  });

  it("accepts a valid upload: a scan of any image type, text attachments, a JSON part and repeated notes", () => {
    const result = check({
      fields: [text("title", "Lease"), text("meta", '{"pages":3}', "application/json"), text("notes", "a"), text("notes", "b")],
      parts: [part("scan", "lease.jpg", "image/jpeg"), part("attachments", "a.txt", "text/plain")],
    });
    expect(result).toEqual({ valid: true, errors: [] });
  });

  it("reports every problem at once: a missing title, a scan too large, an attachment of the wrong type, a bad JSON field", () => {
    const result = check({
      fields: [text("meta", '{"pages":"three"}', "application/json")],
      parts: [part("scan", "big.pdf", "application/pdf", "x".repeat(101)), part("attachments", "a.exe", "application/x-msdownload")],
    });
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.field).sort()).toEqual(["attachments[0].mimeType", "meta.pages", "scan.size", "title"]);
  });

  it("refuses a missing file and a text part sent where a file belongs", () => {
    expect(check({ fields: [text("title", "x")], parts: [] }).errors.map((e) => e.field)).toEqual(["scan"]);
    expect(check({ fields: [text("title", "x"), text("scan", "not a file")], parts: [] }).errors.map((e) => e.field)).toEqual(["scan"]);
  });

  it("registers the multipart reader and its limits only in a project that has a multipart operation", () => {
    const app = String(files.find((f) => f.path === "src/generated/fastify/app.ts")?.content);
    expect(app).toContain("registerMultipart");
    const limits = String(files.find((f) => f.path === "src/generated/runtime/limits.ts")?.content);
    expect(limits).toContain("UPLOAD_FILE_SIZE_LIMIT");
    const manifest = JSON.parse(String(files.find((f) => f.path === "package.json")?.content)) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).toContain("@fastify/multipart");
    expect(files.map((f) => f.path)).toContain("src/generated/fastify/multipartReader.ts");
  });

  it("warns (VX136) that an operation taking JSON and multipart is checked as JSON, so its uploads are refused", () => {
    const warnings = diagnostics.filter((d) => d.code === "VX136");
    expect(warnings.map((d) => d.message)).toEqual([
      "createNote takes application/json and multipart/form-data: its body is typed and checked as application/json, so a multipart request is refused (400)",
    ]);
  });
});
