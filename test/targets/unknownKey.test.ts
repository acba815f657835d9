import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { invalidParameter, invalidScalar } from "../../generators/shared/invalidCases.js";
import type { ColumnField } from "../../generators/shared/modelView.js";
import { unknownKey } from "../../generators/shared/unknownKey.js";
import { enumSchema, integerSchema, jsonSchemaOf, numberSchema, stringSchema, unknownSchema } from "../../src/ir/factories/api.js";
import { scalarField } from "../../src/ir/factories/db.js";
import type { DbModel, JsonValue, SchemaNode } from "../../src/ir/types.js";
import { readPrisma } from "../../src/parsers/prisma/readPrisma.js";
import { generateValidatorSource } from "../../src/validators/generateValidatorSource.js";
import type { GeneratedValidator } from "../../src/validators/ValidationIssue.js";
import { loadValidator } from "../validators/loadGenerated.js";

const noSchemas = new Map();
const validators = new Map<string, GeneratedValidator>();

/** The generated validator of a schema, as a generated project compiles it (OpenAPI 3.1). */
async function validatorOf(node: SchemaNode): Promise<GeneratedValidator> {
  const schema = jsonSchemaOf(node);
  const key = JSON.stringify(schema);
  const known = validators.get(key);
  if (known) return known;
  const validate = await loadValidator(generateValidatorSource({ schema: schema as never, dialect: "openapi-3.1" }));
  validators.set(key, validate);
  return validate;
}

const int32Max = 2_147_483_647;

/**
 * Whether the database takes `value` as a value of the column without an error (so a lookup finds nothing, a 404):
 * the Prisma type, and the native type's own limits.
 */
function columnAccepts({ column, enums, value }: { column: ColumnField; enums: DbModel["enums"]; value: JsonValue }): boolean {
  if (column.kind === "enum") return enums.find((e) => e.name === column.type)?.values.some((v) => v.name === value || v.dbName === value) ?? false;
  const native = column.nativeType;
  switch (column.type) {
    case "Int":
      return Number.isInteger(Number(value)) && Math.abs(Number(value)) <= (native?.name === "SmallInt" ? 32_767 : int32Max);
    case "BigInt":
      try {
        BigInt(value as string | number);
        return true;
      } catch {
        return false;
      }
    case "Float":
    case "Decimal":
      return Number.isFinite(Number(value));
    case "DateTime":
      return typeof value === "string" && !Number.isNaN(new Date(value).getTime());
    case "String": {
      if (typeof value !== "string") return false;
      if (native?.name === "Uuid") return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
      if (native?.name === "ObjectId") return /^[0-9a-f]{24}$/i.test(value);
      const bound = Number(native?.args[0]);
      return !/Char$/.test(native?.name ?? "") || !Number.isInteger(bound) || value.length <= bound;
    }
    default:
      return true;
  }
}

/**
 * The key parameter schemas a spec author may fairly write for a column (its type, its native type's length, its
 * generated default): what a held-out spec over this Prisma schema could say.
 */
function plausibleSchemas({ column, enums }: { column: ColumnField; enums: DbModel["enums"] }): SchemaNode[] {
  if (column.kind === "enum") return [enumSchema({ values: enums.find((e) => e.name === column.type)?.values.map((v) => v.name) ?? [] })];
  const bound = Number(column.nativeType?.args[0]);
  const maxLength = /Char$/.test(column.nativeType?.name ?? "") && Number.isInteger(bound) ? bound : undefined;
  switch (column.type) {
    case "String":
      return [
        stringSchema(),
        stringSchema({ minLength: 1, ...(maxLength ? { maxLength } : { maxLength: 64 }) }),
        ...(column.default?.kind === "uuid" || column.nativeType?.name === "Uuid" ? [stringSchema({ format: "uuid" })] : []),
        ...(column.default?.kind === "cuid" ? [stringSchema({ pattern: "^c[a-z0-9]{24}$" })] : []),
        ...(column.nativeType?.name === "ObjectId" ? [stringSchema({ pattern: "^[0-9a-f]{24}$" })] : []),
      ];
    case "Int":
      return [integerSchema(), integerSchema({ format: "int32", minimum: 1 }), integerSchema({ minimum: 1, maximum: 1000 })];
    case "BigInt":
      return [integerSchema({ format: "int64" }), stringSchema({ pattern: "^[0-9]+$" })];
    case "Float":
    case "Decimal":
      return [numberSchema(), numberSchema({ minimum: 0 })];
    case "DateTime":
      return [stringSchema({ format: "date-time" }), stringSchema({ format: "date" })];
    default:
      return [unknownSchema()];
  }
}

describe("unknownKey: a key no record has, that its parameter's validator and its column accept", () => {
  const cases: { name: string; node: SchemaNode; column?: ColumnField; check: (value: JsonValue) => boolean }[] = [
    { name: "uuid", node: stringSchema({ format: "uuid" }), check: (v) => typeof v === "string" && /^[0-9a-f-]{36}$/.test(v) },
    { name: "cuid pattern", node: stringSchema({ pattern: "^c[a-z0-9]{24}$" }), check: (v) => typeof v === "string" && v.length === 25 },
    { name: "int32 without bounds", node: integerSchema({ format: "int32" }), check: (v) => v === 999_999 },
    { name: "small maximum", node: integerSchema({ minimum: 1, maximum: 50 }), check: (v) => v === 50 },
    { name: "exclusive maximum and multipleOf", node: integerSchema({ exclusiveMaximum: 100, multipleOf: 7 }), check: (v) => v === 98 },
    { name: "date", node: stringSchema({ format: "date" }), check: (v) => v === "2099-12-31" },
    { name: "enum", node: enumSchema({ values: ["a", "b", "c"] }), check: (v) => v === "c" },
    { name: "short strings", node: stringSchema({ maxLength: 4 }), check: (v) => v === "zzzz" },
    { name: "long strings", node: stringSchema({ minLength: 20 }), check: (v) => typeof v === "string" && v.length === 20 },
    {
      name: "plain string on a @db.Uuid column",
      node: stringSchema(),
      column: scalarField({ name: "id", type: "String", nativeType: { name: "Uuid", args: [] } }),
      check: (v) => typeof v === "string" && /^[0-9a-f-]{36}$/.test(v),
    },
    { name: "@db.SmallInt column", node: integerSchema(), column: scalarField({ name: "id", type: "Int", nativeType: { name: "SmallInt", args: [] } }), check: (v) => v === 32_767 },
  ];
  it.each(cases)("$name", async ({ node, column, check }) => {
    const value = unknownKey({ node, column, schemas: noSchemas });
    expect(check(value), JSON.stringify(value)).toBe(true);
    expect((await validatorOf(node))(value)).toEqual({ valid: true, errors: [] });
  });
});

describe("invalid parameter values stay invalid as text, invalid patterns are checked", () => {
  it("has no 'not a string' case for a string parameter (12345 is a valid string in a URL)", () => {
    expect(invalidParameter(stringSchema())).toBeUndefined();
    expect(invalidParameter(integerSchema())).toMatchObject({ keyword: "type" });
  });
  it("breaks a pattern with a value the pattern rejects", async () => {
    const node = stringSchema({ pattern: "^[^a-z]+$" });
    const bad = invalidScalar(node);
    expect(bad?.keyword).toBe("pattern");
    const result = (await validatorOf(node))(bad?.value);
    expect(result.errors.map((e) => e.keyword)).toEqual(["pattern"]);
  });
});

const corpus = fileURLToPath(new URL("../../../shared/corpus/prisma", import.meta.url));
const present = existsSync(corpus);
if (!present) console.log(`unknownKey corpus: skipped, the Prisma corpus is not at ${corpus}`);
const corpusSchemas = present ? readdirSync(corpus).filter((name) => statSync(join(corpus, name)).isDirectory()).sort() : [];

describe.skipIf(!present)("unknownKey over every @id / @unique column of the Prisma corpus", () => {
  it.each(corpusSchemas)("%s", async (name) => {
    const { db } = await readPrisma({ path: join(corpus, name) });
    expect(db).not.toBeNull();
    if (!db) return;
    let checked = 0;
    for (const model of db.models) {
      const keys = model.fields.filter((f): f is ColumnField => (f.kind === "scalar" || f.kind === "enum") && (f.isId || f.isUnique) && !f.isList);
      for (const column of keys) {
        for (const node of plausibleSchemas({ column, enums: db.enums })) {
          const value = unknownKey({ node, column, schemas: noSchemas });
          const where = `${model.name}.${column.name} (${column.type}${column.kind === "scalar" && column.nativeType ? ` @db.${column.nativeType.name}` : ""}) as ${JSON.stringify(jsonSchemaOf(node))}: ${JSON.stringify(value)}`;
          expect((await validatorOf(node))(value), where).toEqual({ valid: true, errors: [] });
          expect(columnAccepts({ column, enums: db.enums, value }), where).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  }, 120_000);
});
