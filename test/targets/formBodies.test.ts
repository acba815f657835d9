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
import { loadValidationUnits } from "./helpers/loadValidationUnits.js";

// Issue 12: Stripe's API takes urlencoded forms only (`metadata[key]=v`, `expand[]=x`, nested objects). A real Stripe
// operation, PostCustomers, generated from the corpus spec: its body is typed from the schema, its form text is read
// in bracket notation, typed by the body shape and checked by the body validator generated for it.
const stripe = join("..", "shared", "corpus", "openapi", "stripe", "spec3.yaml");

describe.skipIf(!existsSync(stripe))("a Stripe form operation (PostCustomers)", () => {
  let files: RenderedFile[];
  let shape: FormValueShape;
  let validate: GeneratedValidator;
  beforeAll(async () => {
    const { ir, names } = await buildIr({ openapi: stripe });
    const api = ir.api;
    const op = api?.operations.find((o) => o.operationId === "PostCustomers");
    if (!api || !op) throw new Error("no PostCustomers in the Stripe spec");
    const schemas = buildValidationSchemas({ api, views: [operationView({ op, names })], forcedReadOnly: new Set() });
    shape = schemas.operations["PostCustomers"]?.formBody as FormValueShape & JsonValue;
    const plugin = await loadTarget("fastify");
    const rendered = await plugin?.render({ ir, names, options: {} });
    files = rendered?.files ?? [];
    const load = await loadValidationUnits(files);
    const units = files.filter((f) => /validation\/post-customers\.body\.ts$/.test(f.path)).map((f) => f.path.split("/").pop() ?? "");
    validate = (await load(units[0] ?? "post-customers.body.ts"))["body"] as GeneratedValidator;
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
});
