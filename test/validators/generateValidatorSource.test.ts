import { describe, expect, test } from "vitest";
import { findUnknownFormats } from "../../src/validators/findUnknownFormats.js";
import type { SchemaValue } from "../../src/validators/forEachSubschema.js";
import { generateValidatorSource } from "../../src/validators/generateValidatorSource.js";
import type { ValidatorDialect } from "../../src/validators/ValidatorDialect.js";
import { loadValidator } from "./loadGenerated.js";

const compile = ({
  schema,
  dialect = "openapi-3.1",
  maxIssues,
  useDefaults,
}: {
  schema: SchemaValue;
  dialect?: ValidatorDialect;
  maxIssues?: number;
  useDefaults?: boolean;
}) =>
  loadValidator(
    generateValidatorSource({
      schema,
      dialect,
      ...(maxIssues === undefined ? {} : { maxIssues }),
      ...(useDefaults === undefined ? {} : { useDefaults }),
    }),
  );

const order: SchemaValue = {
  type: "object",
  required: ["customer", "items"],
  additionalProperties: false,
  properties: {
    customer: { type: "string", minLength: 1 },
    note: { type: "string" },
    items: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["sku", "price"],
        properties: {
          sku: { type: "string" },
          price: { type: "number", minimum: 0 },
          "unit price": { type: "number" },
        },
      },
    },
  },
};

describe("faithful validation", () => {
  test("12345 is not coerced into a string, and the body is left untouched", async () => {
    const validate = await compile({ schema: order });
    const body = { customer: 12345, items: [{ sku: "a", price: 1 }] };
    expect(validate(body)).toEqual({
      valid: false,
      errors: [{ field: "customer", message: "must be a string (got integer)", keyword: "type" }],
    });
    expect(body.customer).toBe(12345);
    expect(validate({ customer: "true", items: [{ sku: "1", price: "1" }] }).errors).toEqual([
      { field: "items[0].price", message: "must be a number (got string)", keyword: "type" },
    ]);
  });

  test("unknown properties are rejected under additionalProperties: false, never stripped", async () => {
    const validate = await compile({ schema: order });
    const body = { customer: "c", items: [{ sku: "a", price: 1 }], admin: true };
    expect(validate(body).errors).toEqual([
      { field: "admin", message: "is not an allowed property", keyword: "additionalProperties" },
    ]);
    expect(body).toHaveProperty("admin", true);
  });

  test("oneOf means exactly one; not is honoured", async () => {
    const validate = await compile({
      schema: { oneOf: [{ type: "integer" }, { type: "number", minimum: 10 }], not: { const: 42 } },
    });
    expect(validate(3).valid).toBe(true);
    expect(validate(10.5).valid).toBe(true);
    expect(validate(12)).toMatchObject({
      valid: false,
      errors: [{ field: "", keyword: "oneOf", message: expect.stringContaining("alternatives 1 and 2") }],
    });
    expect(validate("x").valid).toBe(false);
    expect(validate(42).errors).toContainEqual({
      field: "",
      message: "must not match the excluded schema",
      keyword: "not",
    });
  });

  test("OpenAPI 3.0 nullable: with type, next to $ref, and with an enum", async () => {
    const validate = await compile({
      dialect: "openapi-3.0",
      schema: {
        type: "object",
        properties: {
          a: { type: "string", nullable: true },
          b: { type: "string" },
          c: { nullable: true, allOf: [{ $ref: "#/components/schemas/Pet" }] },
          d: { type: "string", nullable: true, enum: ["x", "y"] },
        },
        definitions: { Pet: { type: "object", required: ["name"], properties: { name: { type: "string" } } } },
      },
    });
    expect(validate({ a: null, c: null }).valid).toBe(true);
    expect(validate({ b: null }).errors).toEqual([
      { field: "b", message: "must be a string (got null)", keyword: "type" },
    ]);
    expect(validate({ c: { name: 1 } }).errors).toContainEqual({
      field: "c.name",
      message: "must be a string (got integer)",
      keyword: "type",
    });
    // OAS 3.0.3: nullable does not add null to an enum that does not list it.
    expect(validate({ d: null }).valid).toBe(false);
  });

  test("OpenAPI 3.1 type arrays, const, prefixItems, dependentRequired, unevaluatedProperties", async () => {
    const validate = await compile({
      schema: {
        type: "object",
        properties: {
          tag: { type: ["string", "null"] },
          kind: { const: "pet" },
          pair: { type: "array", prefixItems: [{ type: "string" }, { type: "integer" }], items: false },
        },
        dependentRequired: { card: ["cvc"] },
        unevaluatedProperties: false,
        allOf: [{ properties: { card: { type: "string" }, cvc: { type: "string" } } }],
      },
    });
    expect(validate({ tag: null, kind: "pet", pair: ["a", 1], card: "4242", cvc: "123" }).valid).toBe(true);
    const result = validate({ tag: 1, kind: "cat", pair: ["a", "b", 3], card: "4242", extra: 1 });
    expect(result.errors).toContainEqual({
      field: "pair",
      message: "has more items than allowed (at most 2)",
      keyword: "items",
    });
    expect(result.errors.map((e) => `${e.field}:${e.keyword}`).sort()).toEqual(
      [
        "cvc:dependentRequired",
        "extra:unevaluatedProperties",
        "kind:const",
        "pair:items",
        "pair[1]:type",
        "tag:type",
      ].sort(),
    );
  });

  test("inherited names are not taken for present properties; own ones are checked", async () => {
    const validate = await compile({
      schema: {
        type: "object",
        required: ["toString"],
        properties: { constructor: { type: "string" }, name: { type: "string" } },
      },
    });
    expect(validate({}).errors).toEqual([{ field: "toString", message: "is required", keyword: "required" }]);
    expect(validate(JSON.parse('{"toString": 1, "constructor": 2}')).errors).toEqual([
      { field: "constructor", message: "must be a string (got integer)", keyword: "type" },
    ]);
    expect(validate(JSON.parse('{"toString": 1, "name": "x"}')).valid).toBe(true);
  });

  test("OpenAPI annotations are tolerated", async () => {
    const validate = await compile({
      dialect: "openapi-3.0",
      schema: {
        type: "object",
        discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat" } },
        xml: { name: "pet" },
        externalDocs: { url: "https://example.com" },
        example: { kind: "cat" },
        "x-vx-model": "Pet",
        properties: { kind: { type: "string", readOnly: true, deprecated: true, description: "the kind" } },
      },
    });
    expect(validate({ kind: "cat" }).valid).toBe(true);
  });
});

describe("error reports", () => {
  test("paths like items[2].price, quoted odd keys, missing fields named in full", async () => {
    const validate = await compile({ schema: order });
    const result = validate({
      customer: "c",
      items: [{ sku: "a", price: 1 }, { price: 2 }, { sku: "c", price: -1, "unit price": "x" }],
    });
    expect(result.errors).toEqual([
      { field: "items[1].sku", message: "is required", keyword: "required" },
      { field: "items[2].price", message: "must be >= 0", keyword: "minimum" },
      { field: 'items[2]["unit price"]', message: "must be a number (got string)", keyword: "type" },
    ]);
  });

  test("a nullable reference with a bad field reports the field, not 'must be null'", async () => {
    const validate = await compile({
      dialect: "openapi-3.0",
      schema: {
        type: "object",
        properties: { owner: { nullable: true, allOf: [{ $ref: "#/definitions/Owner" }] } },
        definitions: { Owner: { type: "object", properties: { id: { type: "integer" } } } },
      },
    });
    expect(validate({ owner: { id: "x" } }).errors).toEqual([
      { field: "owner.id", message: "must be an integer (got string)", keyword: "type" },
      { field: "owner", message: "must match at least one of the allowed schemas", keyword: "anyOf" },
    ]);
    expect(validate({ owner: 5 }).errors.map((e) => e.message)).toEqual([
      "must be null (got integer)",
      "must be an object (got integer)",
      "must match at least one of the allowed schemas",
    ]);
  });

  test("all violations at once, one detail each", async () => {
    const validate = await compile({ schema: order });
    const result = validate({ items: [], note: 5, extra: 1 });
    expect(result.errors).toHaveLength(4);
    expect(result.errors.map((e) => e.field).sort()).toEqual(["customer", "extra", "items", "note"]);
  });

  test("bounded: at most 20 issues by default, configurable", async () => {
    const schema: SchemaValue = { type: "array", items: { type: "integer" } };
    const data = Array.from({ length: 100 }, () => "x");
    expect((await compile({ schema }))(data).errors).toHaveLength(20);
    const five = (await compile({ schema, dialect: "openapi-3.1", maxIssues: 5 }))(data).errors;
    expect(five.map((e) => e.field)).toEqual(["[0]", "[1]", "[2]", "[3]", "[4]"]);
  });

  test("enum and format messages show the offending value", async () => {
    const validate = await compile({
      schema: {
        type: "object",
        properties: { status: { enum: ["open", "closed"] }, day: { type: "string", format: "date" } },
      },
    });
    expect(validate({ status: "gone", day: "2024-02-30" }).errors).toEqual([
      { field: "status", message: 'must be one of "open" or "closed" (got "gone")', keyword: "enum" },
      { field: "day", message: 'must be a valid date (got "2024-02-30")', keyword: "format" },
    ]);
  });
});

describe("formats", () => {
  const cases: [string, string | number, boolean][] = [
    ["date", "2024-02-29", true],
    ["date", "2023-02-29", false],
    ["date-time", "2024-01-01T10:00:00Z", true],
    ["date-time", "2024-01-01 10:00", false],
    ["time", "10:00:00+02:00", true],
    ["time", "25:00:00Z", false],
    ["email", "a.b@example.com", true],
    ["email", "a@b@c", false],
    ["uuid", "123e4567-e89b-12d3-a456-426614174000", true],
    ["uuid", "123e4567-e89b-12d3-a456", false],
    ["uri", "https://example.com/a?b=c", true],
    ["uri", "not a uri", false],
    ["ipv4", "192.168.0.1", true],
    ["ipv4", "256.1.1.1", false],
    ["ipv6", "::1", true],
    ["ipv6", "12345::", false],
    ["hostname", "api.example.com", true],
    ["hostname", "-bad-.com", false],
    ["byte", "aGVsbG8=", true],
    ["byte", "not base64!", false],
    ["int32", 2147483647, true],
    ["int32", -2147483648, true],
    ["int32", 2147483648, false],
    ["int32", 1.5, false],
    ["int64", Number.MAX_SAFE_INTEGER, true],
    ["int64", 2 ** 53, false],
    ["float", 1.25, true],
    ["double", -1e300, true],
  ];
  for (const [format, value, valid] of cases) {
    test(`${format}: ${JSON.stringify(value)} is ${valid ? "valid" : "invalid"}`, async () => {
      const type = typeof value === "number" ? (format.startsWith("int") ? "integer" : "number") : "string";
      const validate = await compile({
        schema: { type: type === "integer" && !Number.isInteger(value) ? "number" : type, format },
        dialect: "openapi-3.0",
      });
      expect(validate(value).valid).toBe(valid);
    });
  }

  test("unknown formats pass, and findUnknownFormats reports them for a generation-time warning", async () => {
    const schema: SchemaValue = {
      type: "object",
      properties: { format: { type: "string", format: "color-hex" }, ok: { type: "string", format: "email" } },
      items: { format: "phone" },
    };
    expect(findUnknownFormats({ schema })).toEqual([
      { format: "phone", pointer: "/items" },
      { format: "color-hex", pointer: "/properties/format" },
    ]);
    const validate = await compile({ schema });
    expect(validate({ format: "anything at all" }).valid).toBe(true);
  });

  test("draft2020-12 treats format as an annotation unless asked to assert", async () => {
    expect((await compile({ schema: { format: "email" }, dialect: "draft2020-12" }))("nope").valid).toBe(true);
    expect(
      (
        await loadValidator(
          generateValidatorSource({ schema: { format: "email" }, dialect: "draft2020-12", formats: "assert" }),
        )
      )("nope").valid,
    ).toBe(false);
    expect((await compile({ schema: { format: "email" }, dialect: "openapi-3.1" }))("nope").valid).toBe(false);
  });
});

describe("generated module", () => {
  test("is precompiled and self-contained: no schema compilation, only Ajv run-time helpers", () => {
    const source = generateValidatorSource({
      schema: { type: "string", minLength: 2, format: "date" },
      dialect: "openapi-3.1",
    });
    const imports = [...source.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(imports).toEqual(["node:module"]);
    const required = [...source.matchAll(/vxRequire\("([^"]+)"\)/g)].map((m) => m[1]).sort();
    expect(required).toEqual(["ajv-formats/dist/formats", "ajv/dist/runtime/ucs2length"]);
    expect(source).not.toMatch(/new Ajv|\.compile\(|require\("ajv"\)/);
    expect(source).toMatch(/^export default vxWrap\(vxRaw0\);$/m);
  });

  test("is deterministic", () => {
    const a = generateValidatorSource({ schema: order, dialect: "openapi-3.1" });
    expect(generateValidatorSource({ schema: order, dialect: "openapi-3.1" })).toBe(a);
  });

  test("defaults are applied only when asked (OpenAPI dialects)", async () => {
    const schema: SchemaValue = { type: "object", properties: { limit: { type: "integer", default: 10 } } };
    const withDefaults = await compile({ schema, dialect: "openapi-3.1", useDefaults: true });
    const data: Record<string, unknown> = {};
    expect(withDefaults(data).valid).toBe(true);
    expect(data).toEqual({ limit: 10 });
    const plain: Record<string, unknown> = {};
    (await compile({ schema }))(plain);
    expect(plain).toEqual({});
  });

  test("an unresolvable $ref is a generation error", () => {
    expect(() => generateValidatorSource({ schema: { $ref: "#/$defs/Missing" }, dialect: "openapi-3.1" })).toThrow(
      /cannot generate 1 validator/,
    );
  });
});
