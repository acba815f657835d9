import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { generateValidatorRuntimeSource } from "../../src/validators/assembleModule.js";
import type { SchemaValue } from "../../src/validators/forEachSubschema.js";
import { indentCode } from "../../src/validators/indentCode.js";
import {
  createValidatorUnitCache,
  reachableDefs,
  validatorUnitKey,
  type ValidatorUnit,
} from "../../src/validators/validatorUnits.js";
import type { GeneratedValidator } from "../../src/validators/ValidationIssue.js";

const folders: string[] = [];
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "vx-units-"));
  folders.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

const defs: Record<string, SchemaValue> = {
  Order: {
    type: "object",
    additionalProperties: false,
    required: ["customer"],
    properties: { customer: { $ref: "#/$defs/Customer" }, lines: { type: "array", items: { $ref: "#/$defs/Line" } } },
  },
  Customer: { type: "object", properties: { email: { type: "string", format: "email" } } },
  Line: { type: "object", required: ["price"], properties: { price: { type: "number", minimum: 0 } } },
  Tag: { type: "string", maxLength: 3 },
  Unused: { type: "integer" },
};

function unit({
  schemas,
  defsRecord = defs,
}: {
  schemas: Record<string, SchemaValue>;
  defsRecord?: Record<string, SchemaValue>;
}): ValidatorUnit {
  return { schemas, defs: defsRecord, dialect: "openapi-3.1", formats: "assert", runtime: "./runtime.js" };
}

describe("validator units", () => {
  it("reach only the definitions their schemas refer to, through other definitions too", () => {
    expect(Object.keys(reachableDefs({ schemas: [{ $ref: "#/$defs/Order" }], defs }))).toEqual([
      "Customer",
      "Line",
      "Order",
    ]);
    expect(
      Object.keys(reachableDefs({ schemas: [{ type: "array", items: { $ref: "#/components/schemas/Tag" } }], defs })),
    ).toEqual(["Tag"]);
    expect(reachableDefs({ schemas: [{ type: "string" }], defs })).toEqual({});
  });

  it("change key only when a schema they reach changes", () => {
    const order = { body: { $ref: "#/$defs/Order" } };
    const tag = { params: { type: "object", properties: { tag: { $ref: "#/$defs/Tag" } } } };
    const changed = { ...defs, Line: { type: "object", properties: { price: { type: "number", minimum: 1 } } } };
    expect(validatorUnitKey(unit({ schemas: order, defsRecord: changed }))).not.toBe(
      validatorUnitKey(unit({ schemas: order })),
    );
    expect(validatorUnitKey(unit({ schemas: tag, defsRecord: changed }))).toBe(
      validatorUnitKey(unit({ schemas: tag })),
    );
    const unusedChanged = { ...defs, Unused: { type: "string" } };
    expect(validatorUnitKey(unit({ schemas: order, defsRecord: unusedChanged }))).toBe(
      validatorUnitKey(unit({ schemas: order })),
    );
    expect(validatorUnitKey({ ...unit({ schemas: order }), useDefaults: true })).not.toBe(
      validatorUnitKey(unit({ schemas: order })),
    );
  });

  it("compile once: then from memory, from disk in a new process's cache, and still without a writable folder", async () => {
    const dir = folder();
    const first = createValidatorUnitCache({ dir });
    const order = unit({ schemas: { body: { $ref: "#/$defs/Order" } } });
    const compiled = await first.compile(order);
    expect(await first.compile(order)).toEqual(compiled);
    expect(first.stats()).toMatchObject({ compiled: 1, memoryHits: 1, diskHits: 0 });
    expect(readdirSync(dir)).toEqual([`${compiled.key}.js`]);
    // Only the reached definitions are compiled into the module.
    expect(compiled.source).toContain("/defs/Customer.json");
    expect(compiled.source).not.toContain("/defs/Unused.json");

    const second = createValidatorUnitCache({ dir });
    expect(await second.compile(order)).toEqual(compiled);
    expect(second.stats()).toMatchObject({ compiled: 0, diskHits: 1 });

    const blocked = join(folder(), "a-file");
    writeFileSync(blocked, "not a folder");
    const unwritable = createValidatorUnitCache({ dir: join(blocked, "cache") });
    expect((await unwritable.compile(order)).source).toBe(compiled.source);
    expect(unwritable.stats()).toMatchObject({ compiled: 1 });

    // Two operations with the same unit at once: compiled once.
    const fresh = createValidatorUnitCache({ dir: undefined });
    const twins = await Promise.all([fresh.compile(order), fresh.compile(order)]);
    expect(twins[0]).toEqual(twins[1]);
    expect(fresh.stats().compiled).toBe(1);
  });

  it("load and validate next to the shared run time: all problems at once, paths like lines[1].price", async () => {
    const dir = folder();
    writeFileSync(join(dir, "runtime.js"), generateValidatorRuntimeSource({ maxIssues: 20 }));
    const { source } = await createValidatorUnitCache({ dir: undefined }).compile(
      unit({ schemas: { body: { $ref: "#/$defs/Order" } } }),
    );
    writeFileSync(join(dir, "order.mjs"), source);
    const loaded = (await import(pathToFileURL(join(dir, "order.mjs")).href)) as {
      default: { body: GeneratedValidator };
    };
    const result = loaded.default.body({ customer: { email: "x" }, lines: [{ price: 1 }, { price: -1 }], extra: 1 });
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.field).sort()).toEqual(["customer.email", "extra", "lines[1].price"]);
    expect(loaded.default.body({ customer: {} })).toEqual({ valid: true, errors: [] });
  });
});

describe("indentCode", () => {
  it("indents by bracket depth, ignoring brackets in strings, comments and regular expressions", () => {
    const code = [
      "const formats0 = /^[a-z{}(]+(?:\\.[a-z`'\"{]+)*$/i;",
      "function f(data){",
      'if(data === "{"){',
      "/* { */ return [1,",
      "2];",
      "}",
      "else {",
      "return { a: '}' };",
      "}",
      "}",
    ].join("\n");
    expect(indentCode(code)).toBe(
      [
        "const formats0 = /^[a-z{}(]+(?:\\.[a-z`'\"{]+)*$/i;",
        "function f(data){",
        '  if(data === "{"){',
        "    /* { */ return [1,",
        "      2];",
        "  }",
        "  else {",
        "    return { a: '}' };",
        "  }",
        "}",
      ].join("\n"),
    );
  });
});
