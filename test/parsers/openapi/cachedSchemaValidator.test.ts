import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cachedSchemaValidator, type AjvInstance } from "../../../src/parsers/openapi/cachedSchemaValidator.js";

const require = createRequire(import.meta.url);
const Ajv = (require("ajv") as { default: new (o: Record<string, unknown>) => AjvInstance }).default;
const dir = path.resolve("node_modules/.cache/vx-gen/schemas");
const name = `test-${process.pid}-${Date.now()}`;
const schema = { type: "object", required: ["a"], properties: { a: { type: "integer", minimum: 1 } } };
const options = { allErrors: true, strict: false };
let compiled = 0;
const createAjv = (o: Record<string, unknown>) => {
  compiled++;
  return new Ajv(o);
};
const cacheFiles = () => (existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith(name)) : []);

afterAll(() => {
  for (const f of cacheFiles()) rmSync(path.join(dir, f));
});

describe("cachedSchemaValidator", () => {
  it("compiles once, then validates from the cached standalone code with the same results", () => {
    const first = cachedSchemaValidator({ name, schema, options, createAjv });
    expect(compiled).toBe(1);
    expect(cacheFiles()).toHaveLength(1);
    const second = cachedSchemaValidator({ name, schema, options, createAjv });
    expect(compiled).toBe(1);
    for (const validate of [first, second]) {
      expect(validate({ a: 2 })).toBe(true);
      expect(validate({ a: 0 })).toBe(false);
      expect(validate.errors?.map((e) => [e.instancePath, e.keyword])).toEqual([["/a", "minimum"]]);
    }
  });

  it("a different schema is a different cache entry; a corrupt entry is recompiled", () => {
    cachedSchemaValidator({ name, schema: { ...schema, required: [] }, options, createAjv });
    expect(compiled).toBe(2);
    expect(cacheFiles()).toHaveLength(2);
    for (const f of cacheFiles()) writeFileSync(path.join(dir, f), "module.exports = 42;");
    const validate = cachedSchemaValidator({ name, schema, options, createAjv });
    expect(compiled).toBe(3);
    expect(validate({})).toBe(false);
  });
});
