import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { RenderedFile } from "../../src/pipeline/RenderedFile.js";
import type { Diagnostic } from "../../src/ir/types.js";
import type { GeneratedValidator } from "../../src/validators/ValidationIssue.js";
import { buildIr } from "../../src/pipeline/buildIr.js";
import { loadTarget } from "../../src/targets/targetRegistry.js";
import { generateFixture } from "./helpers/generateFixture.js";
import { loadValidationUnits } from "./helpers/loadValidationUnits.js";

const openapi = "fixtures/openapi/patterns/api.yaml";

describe("spec patterns in the generated validators: translated, linear time, never silently unchecked", () => {
  let files: RenderedFile[];
  let diagnostics: Diagnostic[];
  let body: GeneratedValidator;
  let query: GeneratedValidator;
  let params: GeneratedValidator;
  beforeAll(async () => {
    const generated = await generateFixture({ openapi });
    files = generated.files;
    diagnostics = [...generated.ir.diagnostics, ...generated.diagnostics];
    const load = await loadValidationUnits(files);
    body = (await load("create-thing.body.ts"))["body"] as GeneratedValidator;
    const parameters = await load("create-thing.parameters.ts");
    query = parameters["query"] as GeneratedValidator;
    params = parameters["params"] as GeneratedValidator;
  }, 120_000);

  it("validates a body whose pattern needed translating (issue 11: it used to accept anything)", () => {
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(body({ name: 123, count: -5, extra: {} })).toEqual({
      valid: false,
      errors: expect.arrayContaining([
        expect.objectContaining({ field: "name", keyword: "type" }),
        expect.objectContaining({ field: "count", keyword: "minimum" }),
        expect.objectContaining({ field: "extra", keyword: "additionalProperties" }),
      ]),
    });
    expect(body({ name: "a-b.c_d", count: 1 }).valid).toBe(true);
    expect(body({ name: "a b", count: 1 }).errors).toEqual([{ field: "name", message: 'must match pattern "^[\\w\\-.]+$"', keyword: "pattern" }]);
    // A POSIX class in a patternProperties key, and PCRE anchors in a path parameter.
    expect(body({ name: "x", count: 0, tags: { ok: "1" } }).valid).toBe(true);
    expect(body({ name: "x", count: 0, tags: { NotLower: "1" } }).valid).toBe(false);
    expect(params({ slug: "abc123" }).valid).toBe(true);
    expect(params({ slug: "abc-123" }).valid).toBe(false);
  });

  it("checks leading lookaheads (password rules) as the patterns they stand for, on RE2", () => {
    const password = (value: string) => body({ name: "x", count: 0, password: value });
    expect(password("Passw0rd").valid).toBe(true);
    expect(password("passw0rd").errors).toEqual([{ field: "password", message: 'must match pattern "^(?:.*[A-Z])"', keyword: "pattern" }]);
    expect(password("Pass w0rd").errors).toEqual([{ field: "password", message: "must not match the excluded schema", keyword: "not" }]);
    expect(password("Passw0r").valid).toBe(false);
    expect(password("Password").valid).toBe(false);
  });

  it("runs patterns on re2js, and the generated project depends on it", () => {
    const unit = files.find((f) => f.path === "src/generated/validation/create-thing.body.ts")?.content ?? "";
    expect(unit).toContain('vxRequire("re2js").RE2JS');
    expect(unit).not.toMatch(/new RegExp/);
    const pkg = JSON.parse(files.find((f) => f.path === "package.json")?.content ?? "{}") as { dependencies: Record<string, string> };
    expect(pkg.dependencies["re2js"]).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("rejects a 10,000-character adversarial input against ^(a+)+$ without backtracking (body and query)", () => {
    // Natively (a backtracking RegExp), 30 characters already cost seconds and 10,000 would never finish: finishing at
    // all, three times, proves the pattern runs on RE2. The speed target (well under 10 ms) is measured by
    // `npm run bench:validators`, not here: a shared CI machine is too noisy for a timed assertion.
    const units = files.filter((f) => /\.(body|parameters)\.ts$/.test(f.path)).map((f) => f.content);
    expect(units.every((unit) => unit.includes('vxRequire("re2js")'))).toBe(true);
    const adversarial = `${"a".repeat(10_000)}!`;
    for (const [validate, value] of [
      [body, { name: "x", count: 0, note: adversarial }],
      [query, { code: adversarial }],
    ] as const) {
      for (let i = 0; i < 3; i++) {
        expect(validate(value)).toEqual({ valid: false, errors: [expect.objectContaining({ keyword: "pattern" })] });
      }
    }
    expect(query({ code: "aaaa" }).valid).toBe(true);
  });

  it("leaves a schema with x-vx-validate: false unchecked, says so, and types it unknown", () => {
    expect(diagnostics.filter((d) => d.code === "VX119").map((d) => d.location?.pointer)).toEqual([
      "/paths/~1things~1{slug}/post/requestBody/content/application~1json/schema/properties/legacy/x-vx-validate",
    ]);
    expect(body({ name: "x", count: 0, legacy: 42 }).valid).toBe(true);
    const types = files.filter((f) => f.path.startsWith("src/generated/") && !f.path.includes("/validation/")).map((f) => f.content).join("\n");
    expect(types).toMatch(/legacy\?: unknown\b/);
  });

  it("reports each translation (VX120, info) at its pattern", () => {
    expect(diagnostics.filter((d) => d.code === "VX120").map((d) => d.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"^[\\\\w-.]+$" is read as "^[\\\\w\\\\-.]+$"'),
        expect.stringContaining('"\\\\A[[:alnum:]]+\\\\z" is read as "^[a-zA-Z0-9]+$"'),
        expect.stringContaining('"^[[:lower:]]+$" is read as "^[a-z]+$"'),
      ]),
    );
  });
});

describe("a request schema Ajv cannot compile at generation time", () => {
  it("is a VX512 error (nothing is written), never a route left unvalidated", async () => {
    const { ir, names } = await buildIr({ openapi });
    // Past the reader's checks (an IR made by hand): Ajv refuses a `minLength` that is not a number.
    const broken = structuredClone(ir);
    const content = broken.api?.operations[0]?.requestBody?.content[0];
    if (!content) throw new Error("no body");
    content.jsonSchema = { type: "object", properties: { n: { type: "string", minLength: "x" } } };
    const plugin = await loadTarget("fastify");
    const rendered = await plugin?.render({ ir: broken, names, options: {} });
    const failures = rendered?.diagnostics.filter((d) => d.code === "VX512") ?? [];
    expect(failures.map((d) => [d.severity, d.message.split(":")[0]])).toEqual([["error", "the body of createThing cannot be compiled into a validator"]]);
  }, 120_000);
});

describe("schemas/vx.extensions.schema.json documents x-vx-validate", () => {
  it("accepts a boolean on a schema and rejects anything else", async () => {
    const { default: Ajv2020 } = await import("ajv/dist/2020.js");
    const extensions = JSON.parse(readFileSync("schemas/vx.extensions.schema.json", "utf8")) as { $id: string };
    const ajv = new Ajv2020.default({ strict: false });
    ajv.addSchema(extensions);
    const schema = ajv.getSchema(`${extensions.$id}#/$defs/schema`);
    expect(schema?.({ type: "string", "x-vx-validate": false })).toBe(true);
    expect(schema?.({ type: "string", "x-vx-validate": "no" })).toBe(false);
  });
});
