import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SchemaValue } from "../../src/validators/forEachSubschema.js";
import type { ValidatorUnit } from "../../src/validators/validatorUnits.js";

// The workers run compiled code, so this drives the built module (dist/, rebuilt by the global setup when stale).
const units = (await import(join(process.cwd(), "dist", "src", "validators", "validatorUnits.js"))) as {
  createValidatorUnitCache: (input: { dir: string | undefined }) => {
    compile(unit: ValidatorUnit): Promise<{ key: string; source: string }>;
    stats(): { compiled: number; pooled: number };
  };
  compileUnitSource: (unit: ValidatorUnit) => string;
  validatorPoolSize: () => number;
};

const defs: Record<string, SchemaValue> = {
  Item: { type: "object", required: ["sku"], properties: { sku: { type: "string", minLength: 3 }, price: { type: "number", minimum: 0 } } },
  Unused: { type: "integer" },
};

describe("compiling many validator units", () => {
  it("spreads a cold run over worker threads with the same code as compiling here", async () => {
    const cache = units.createValidatorUnitCache({ dir: undefined });
    // More units than a process compiles on its own thread, so most of these go to the pool.
    const many: ValidatorUnit[] = Array.from({ length: 24 }, (_, i) => ({
      schemas: { body: { type: "object", properties: { items: { type: "array", maxItems: i + 1, items: { $ref: "#/$defs/Item" } } } } },
      defs,
      dialect: "openapi-3.1",
    }));
    const compiled = await Promise.all(many.map((unit) => cache.compile(unit)));
    expect(units.validatorPoolSize()).toBeGreaterThan(0);
    expect(cache.stats()).toMatchObject({ compiled: 24 });
    expect(cache.stats().pooled).toBeGreaterThan(0);
    for (const [i, unit] of many.entries()) expect(compiled[i]?.source).toBe(units.compileUnitSource(unit));
  }, 60_000);

  it("compiles the one or two units of each run of a long session on this thread", async () => {
    // A watch session: many runs, each compiling a new unit. It used to count compiles per process, and from the
    // ninth on every run waited for a worker (0.3 s to start, then a cold Ajv).
    const cache = units.createValidatorUnitCache({ dir: undefined });
    for (let i = 0; i < 20; i++) {
      const unit: ValidatorUnit = { schemas: { query: { type: "object", properties: { [`p${i}`]: { type: "string" } } } }, defs, dialect: "openapi-3.1" };
      const compiled = await cache.compile(unit);
      expect(compiled.source).toBe(units.compileUnitSource(unit));
    }
    expect(cache.stats()).toMatchObject({ compiled: 20, pooled: 0 });
  }, 60_000);
});
