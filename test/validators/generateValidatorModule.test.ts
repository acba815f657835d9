import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, test } from "vitest";
import type { SchemaValue } from "../../src/validators/forEachSubschema.js";
import { generateValidatorModule } from "../../src/validators/generateValidatorModule.js";
import type { GeneratedValidator } from "../../src/validators/ValidationIssue.js";
import { loadGenerated } from "./loadGenerated.js";
import { sharedInputPresent } from "../helpers/sharedInput.js";

const defs: Record<string, SchemaValue> = {
  Money: {
    type: "object",
    required: ["amount", "currency"],
    properties: { amount: { type: "integer", format: "int64" }, currency: { type: "string", pattern: "^[A-Z]{3}$" } },
  },
  Line: {
    type: "object",
    required: ["price"],
    properties: { price: { $ref: "#/$defs/Money" }, sku: { type: "string" } },
  },
  Tree: {
    type: "object",
    properties: { children: { type: "array", items: { $ref: "#/$defs/Tree" } }, name: { type: "string" } },
  },
};

describe("generateValidatorModule", () => {
  test("one export per schema (sorted), shared definitions, recursive refs", async () => {
    const source = generateValidatorModule({
      dialect: "openapi-3.1",
      defs,
      schemas: {
        "createOrder.body": {
          type: "object",
          required: ["lines"],
          properties: { lines: { type: "array", items: { $ref: "#/$defs/Line" } } },
        },
        Tree: { $ref: "#/$defs/Tree" },
        Money: { $ref: "#/components/schemas/Money" },
      },
    });
    expect([...source.matchAll(/^export \{ vxV\d+ as "([^"]+)" \};$/gm)].map((m) => m[1])).toEqual([
      "Money",
      "Tree",
      "createOrder.body",
    ]);
    // Money's code exists once even though three validators use it.
    expect(source.match(/must match pattern/g)?.length ?? 0).toBeLessThanOrEqual(1);
    const module = await loadGenerated(source);
    const createOrder = module["createOrder.body"] as GeneratedValidator;
    expect(createOrder({ lines: [{ price: { amount: 100, currency: "EUR" } }] }).valid).toBe(true);
    expect(
      createOrder({ lines: [{ price: { amount: 1 } }, { price: { amount: 1.5, currency: "eur" } }] }).errors,
    ).toEqual([
      { field: "lines[0].price.currency", message: "is required", keyword: "required" },
      { field: "lines[1].price.amount", message: "must be an integer (got number)", keyword: "type" },
      { field: "lines[1].price.currency", message: 'must match pattern "^[A-Z]{3}$"', keyword: "pattern" },
    ]);
    const tree = (module["default"] as Record<string, GeneratedValidator>)["Tree"];
    expect(tree?.({ name: "a", children: [{ children: [{ name: 3 }] }] }).errors).toEqual([
      { field: "children[0].children[0].name", message: "must be a string (got integer)", keyword: "type" },
    ]);
  });

  test("OpenAPI 3.0: components refs and definitions, nullable", async () => {
    const module = await loadGenerated(
      generateValidatorModule({
        dialect: "openapi-3.0",
        defs: {
          Pet: {
            type: "object",
            properties: { tag: { type: "string", nullable: true }, owner: { $ref: "#/components/schemas/Owner" } },
          },
          Owner: { type: "object", required: ["id"], properties: { id: { type: "integer" } } },
        },
        schemas: { Pet: { $ref: "#/components/schemas/Pet" } },
      }),
    );
    const pet = module["Pet"] as GeneratedValidator;
    expect(pet({ tag: null, owner: { id: 1 } }).valid).toBe(true);
    expect(pet({ owner: {} }).errors).toEqual([{ field: "owner.id", message: "is required", keyword: "required" }]);
  });

  test("a validator named default is only in the default record", async () => {
    const module = await loadGenerated(
      generateValidatorModule({
        dialect: "draft2020-12",
        schemas: { default: { type: "string" }, other: { type: "integer" } },
      }),
    );
    const record = module["default"] as Record<string, GeneratedValidator>;
    expect(record["default"]?.("x").valid).toBe(true);
    expect(record["default"]?.(1).valid).toBe(false);
    expect((module["other"] as GeneratedValidator)(1).valid).toBe(true);
  });

  test("two schemas that are the same definition share its one validator (no duplicate function)", async () => {
    const source = generateValidatorModule({
      dialect: "openapi-3.1",
      defs,
      schemas: { "create.request": { $ref: "#/$defs/Line" }, "replace.request": { $ref: "#/$defs/Line" } },
    });
    const module = await loadGenerated(source);
    for (const name of ["create.request", "replace.request"]) {
      const validate = module[name] as GeneratedValidator;
      expect(validate({ price: { amount: 1, currency: "EUR" } }).valid).toBe(true);
      expect(validate({ price: { amount: 1, currency: "eur" } }).errors.map((e) => e.field)).toEqual([
        "price.currency",
      ]);
    }
  });

  test("every schema that cannot be compiled is listed in one error", () => {
    expect(() =>
      generateValidatorModule({
        dialect: "openapi-3.1",
        schemas: { a: { $ref: "#/$defs/Nope" }, b: { type: "string" }, c: { $ref: "#/$defs/Gone" } },
      }),
    ).toThrow(/cannot generate 2 validator\(s\):\n {2}a: .*\n {2}c: /);
  });
});

const stripe = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "..",
  "shared",
  "corpus",
  "openapi",
  "stripe",
  "spec3.yaml",
);

describe.skipIf(!sharedInputPresent({ path: stripe, what: "Stripe validator module test" }))("Stripe components (../shared/corpus)", () => {
  test("819-ish schemas in one module: generation time, size, and a real validation", async () => {
    const document = parse(readFileSync(stripe, "utf8")) as { components: { schemas: Record<string, SchemaValue> } };
    const stripeDefs = document.components.schemas;
    const schemas = Object.fromEntries(
      Object.keys(stripeDefs).map((name) => [name, { $ref: `#/components/schemas/${name}` }]),
    );
    const started = performance.now();
    const source = generateValidatorModule({ dialect: "openapi-3.0", defs: stripeDefs, schemas });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `Stripe: ${Object.keys(schemas).length} validators generated in ${seconds.toFixed(1)} s, ${(source.length / 1e6).toFixed(1)} MB`,
    );
    expect(seconds).toBeLessThan(60);
    const customer = (await loadGenerated(source))["customer"] as GeneratedValidator;
    expect(
      customer({
        id: "cus_1",
        object: "customer",
        created: 1,
        livemode: false,
        balance: 0,
        default_source: null,
        email: null,
      }).valid,
    ).toBe(true);
    expect(
      customer({ id: 1, object: "customer", created: "yesterday", livemode: false }).errors.map((e) => e.field),
    ).toEqual(["created", "id"]);
  }, 240_000);
});
