import { describe, expect, test } from "vitest";
import type { SchemaValue } from "../../src/validators/forEachSubschema.js";
import { generateValidatorSource } from "../../src/validators/generateValidatorSource.js";
import { loadValidator } from "./loadGenerated.js";
import { seededRandom } from "../helpers/seededRandom.js";

type Schema = boolean | { [keyword: string]: unknown };
type Json = SchemaValue;

/** Random schemas over the keywords that decide which items are evaluated. */
function schemaGenerator(next: () => number) {
  const pick = <T>(options: T[]): T => options[Math.floor(next() * options.length)] as T;
  const itemSchema = (): Schema =>
    pick<Schema>([
      { const: "a" },
      { const: "b" },
      { type: "string" },
      { type: "number" },
      true,
      false,
      { enum: ["a", 1] },
    ]);
  const generate = (depth: number): Schema => {
    if (depth <= 0 || next() < 0.2)
      return pick<Schema>([
        true,
        { minItems: 2 },
        { maxItems: 2 },
        { contains: itemSchema() },
        { prefixItems: [itemSchema()] },
        { items: itemSchema() },
      ]);
    const schema: { [keyword: string]: unknown } = {};
    for (let i = 0, n = 1 + Math.floor(next() * 3); i < n; i++) {
      const keyword = pick(["prefixItems", "items", "contains", "anyOf", "oneOf", "allOf", "if", "not", "minItems"]);
      if (keyword === "prefixItems") schema[keyword] = Array.from({ length: 1 + Math.floor(next() * 2) }, itemSchema);
      else if (keyword === "items" || keyword === "contains") schema[keyword] = itemSchema();
      else if (keyword === "anyOf" || keyword === "oneOf" || keyword === "allOf")
        schema[keyword] = [generate(depth - 1), generate(depth - 1)];
      else if (keyword === "if") {
        schema["if"] = generate(depth - 1);
        if (next() < 0.6) schema["then"] = generate(depth - 1);
        if (next() < 0.5) schema["else"] = generate(depth - 1);
      } else if (keyword === "not") schema["not"] = generate(depth - 1);
      else if (keyword === "minItems") schema["minItems"] = 1 + Math.floor(next() * 2);
      if (next() < 0.15) schema["unevaluatedItems"] = itemSchema();
      if (next() < 0.1) schema["minContains"] = pick([0, 2]);
    }
    return schema;
  };
  return { generate, itemSchema, pick };
}

/** JSON Schema 2020-12 for those keywords, written from the specification: validity and evaluated item indexes. */
function evaluate({ schema, data }: { schema: Schema; data: Json }): { valid: boolean; evaluated: Set<number> } {
  if (typeof schema === "boolean") return { valid: schema, evaluated: new Set() };
  const s = schema;
  const child = (keyword: string) => s[keyword] as Schema | undefined;
  const children = (keyword: string) => (Array.isArray(s[keyword]) ? (s[keyword] as Schema[]) : undefined);
  const evaluated = new Set<number>();
  const items = Array.isArray(data) ? data : undefined;
  let valid = true;
  const sub = (subschema: Schema, value: Json) => evaluate({ schema: subschema, data: value });
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if ("const" in s && !same(s["const"], data)) valid = false;
  if (Array.isArray(s["enum"]) && !(s["enum"] as unknown[]).some((value) => same(value, data))) valid = false;
  if (s["type"] === "string" && typeof data !== "string") valid = false;
  if (s["type"] === "number" && typeof data !== "number") valid = false;
  if (items && typeof s["minItems"] === "number" && items.length < s["minItems"]) valid = false;
  if (items && typeof s["maxItems"] === "number" && items.length > s["maxItems"]) valid = false;
  const prefix = children("prefixItems") ?? [];
  if (items) {
    prefix.forEach((subschema, i) => {
      if (i >= items.length) return;
      if (!sub(subschema, items[i] as Json).valid) valid = false;
      evaluated.add(i);
    });
    const rest = child("items");
    if (rest !== undefined)
      for (let i = prefix.length; i < items.length; i++) {
        if (!sub(rest, items[i] as Json).valid) valid = false;
        evaluated.add(i);
      }
    const contains = child("contains");
    if (contains !== undefined) {
      let count = 0;
      items.forEach((item, i) => {
        if (!sub(contains, item).valid) return;
        count += 1;
        evaluated.add(i);
      });
      if (count < (typeof s["minContains"] === "number" ? s["minContains"] : 1)) valid = false;
    }
  }
  const keep = (result: { valid: boolean; evaluated: Set<number> }) => {
    if (result.valid) for (const i of result.evaluated) evaluated.add(i);
    return result.valid;
  };
  for (const member of children("allOf") ?? []) if (!keep(sub(member, data))) valid = false;
  const anyOf = children("anyOf");
  if (anyOf && anyOf.map((branch) => keep(sub(branch, data))).every((v) => !v)) valid = false;
  const oneOf = children("oneOf");
  if (oneOf && oneOf.map((branch) => keep(sub(branch, data))).filter((v) => v).length !== 1) valid = false;
  const condition = child("if");
  if (condition !== undefined) {
    const branch = keep(sub(condition, data)) ? child("then") : child("else");
    if (branch !== undefined && !keep(sub(branch, data))) valid = false;
  }
  const not = child("not");
  if (not !== undefined && sub(not, data).valid) valid = false;
  const unevaluated = child("unevaluatedItems");
  if (items && unevaluated !== undefined) {
    items.forEach((item, i) => {
      if (evaluated.has(i)) return;
      if (!sub(unevaluated, item).valid) valid = false;
      evaluated.add(i);
    });
  }
  return { valid, evaluated: valid ? evaluated : new Set() };
}

describe("unevaluatedItems: generated validators agree with a reference evaluator on random schemas", () => {
  test("anyOf/oneOf/allOf/if/not with prefixItems, items, contains and nested unevaluatedItems", async () => {
    const next = seededRandom(20261126);
    const { generate, pick } = schemaGenerator(next);
    const values: Json[] = ["a", "b", 1, 2, true];
    const instances: Json[] = [[], "x", 3];
    for (let length = 1; length <= 4; length++)
      for (let k = 0; k < 10; k++) instances.push(Array.from({ length }, () => pick(values)));
    const disagreements: string[] = [];
    for (let made = 0; made < 80;) {
      const schema = { ...(generate(3) as object), unevaluatedItems: pick<Schema>([false, { type: "string" }]) };
      // Beyond these, explicitUnevaluatedItems leaves a schema to Ajv (whose tracking may be wrong).
      const text = JSON.stringify(schema);
      const count = (keyword: string) => text.split(`"${keyword}":`).length - 1;
      const itemKeywords = ["prefixItems", "items", "contains", "unevaluatedItems"].map(count);
      if (count("contains") > 4 || itemKeywords.reduce((a, b) => a + b, 0) > 12) continue;
      made += 1;
      const validate = await loadValidator(
        generateValidatorSource({ schema: schema as Json, dialect: "draft2020-12" }),
      );
      for (const data of instances) {
        const expected = evaluate({ schema, data }).valid;
        if (validate(data).valid !== expected)
          disagreements.push(`${JSON.stringify(schema)} on ${JSON.stringify(data)}: expected ${String(expected)}`);
      }
    }
    expect(disagreements).toEqual([]);
  }, 60_000);
});
