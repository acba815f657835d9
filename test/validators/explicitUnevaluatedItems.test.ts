import { describe, expect, test } from "vitest";
import { explicitUnevaluatedItems } from "../../src/validators/explicitUnevaluatedItems.js";
import type { SchemaObject, SchemaValue } from "../../src/validators/forEachSubschema.js";
import { generateValidatorSource } from "../../src/validators/generateValidatorSource.js";
import { prepareSchema } from "../../src/validators/prepareSchema.js";
import { loadValidator } from "./loadGenerated.js";

const compile = (schema: SchemaValue) => loadValidator(generateValidatorSource({ schema, dialect: "draft2020-12" }));

/** Each instance with the validity JSON Schema 2020-12 gives it. */
async function expectValidity({ schema, cases }: { schema: SchemaValue; cases: [SchemaValue, boolean][] }) {
  const validate = await compile(schema);
  for (const [data, valid] of cases) {
    const outcome = validate(data);
    expect({ data, valid: outcome.valid }).toEqual({ data, valid });
    if (!valid) expect(outcome.errors.length).toBeGreaterThan(0);
  }
}

const notNot = (schema: SchemaValue): SchemaValue => ({ not: { not: schema } });

describe("explicitUnevaluatedItems: rewritten schema", () => {
  test("items in an anyOf branch count only when that branch is valid", () => {
    const schema: SchemaObject = {
      unevaluatedItems: { type: "boolean" },
      anyOf: [{ items: { type: "string" } }, true],
    };
    expect(explicitUnevaluatedItems(schema)).toEqual({
      anyOf: [{ items: { type: "string" } }, true],
      allOf: [{ anyOf: [notNot({ items: { type: "string" } }), { items: { type: "boolean" } }] }],
      unevaluatedItems: true,
    });
  });

  test("prefixItems of an if alone count when the if is valid", () => {
    const condition = { prefixItems: [{ const: "a" }] };
    expect(explicitUnevaluatedItems({ if: condition, unevaluatedItems: false })).toEqual({
      if: condition,
      allOf: [
        {
          allOf: [
            { anyOf: [notNot(condition), { items: false }] }, // below 1 item unless the if is valid
            { prefixItems: [true], items: false }, // never more than 1
          ],
        },
      ],
      unevaluatedItems: true,
    });
  });

  test("contains under if/then: only items matching a contains whose conditions hold are evaluated", () => {
    const a = { contains: { const: "a" } };
    const b = { contains: { const: "b" } };
    const rewritten = explicitUnevaluatedItems({ if: a, then: { if: b, then: true }, unevaluatedItems: false });
    expect(rewritten).toEqual({
      if: a,
      then: { if: b, then: true },
      allOf: [
        {
          if: notNot(a),
          then: {
            if: notNot(b),
            then: { items: { anyOf: [{ const: "a" }, { const: "b" }, false] } },
            else: { items: { anyOf: [{ const: "a" }, false] } },
          },
          else: { items: false },
        },
      ],
      unevaluatedItems: true,
    });
  });

  test("own prefixItems stay counted under every condition; else counts when the if fails", () => {
    const rewritten = explicitUnevaluatedItems({
      prefixItems: [true],
      if: { const: [1, 2] },
      then: { prefixItems: [true, true] },
      else: { prefixItems: [true, true, true] },
      unevaluatedItems: { type: "string" },
    });
    const condition = { const: [1, 2] };
    expect(rewritten?.["allOf"]).toEqual([
      {
        allOf: [
          // level 1 (own prefixItems) -> 2: then or else reaches 2
          {
            anyOf: [notNot(condition), notNot({ not: condition }), { prefixItems: [true], items: { type: "string" } }],
          },
          // level 2 -> 3: only else reaches 3
          { anyOf: [notNot({ not: condition }), { prefixItems: [true, true], items: { type: "string" } }] },
          { prefixItems: [true, true, true], items: { type: "string" } },
        ],
      },
    ]);
  });

  test("left to Ajv: nothing conditional, a $ref applied in place, copied identifiers, too many contains conditions", () => {
    expect(explicitUnevaluatedItems({ prefixItems: [true], unevaluatedItems: false })).toBeUndefined();
    expect(explicitUnevaluatedItems({ allOf: [{ contains: true }], unevaluatedItems: false })).toBeUndefined();
    expect(explicitUnevaluatedItems({ unevaluatedItems: true, anyOf: [{ items: true }, true] })).toBeUndefined();
    expect(
      explicitUnevaluatedItems({ anyOf: [{ $ref: "#/$defs/x" }, { prefixItems: [true] }], unevaluatedItems: false }),
    ).toBeUndefined();
    expect(
      explicitUnevaluatedItems({ anyOf: [{ $id: "x", prefixItems: [true] }, true], unevaluatedItems: false }),
    ).toBeUndefined();
    const fiveContains = Array.from({ length: 5 }, (_, i) => ({ contains: { const: i } }));
    expect(explicitUnevaluatedItems({ anyOf: fiveContains, unevaluatedItems: false })).toBeUndefined();
    // prefix levels are checked one by one (no case split): five branches are fine
    const five = Array.from({ length: 5 }, (_, i) => ({ prefixItems: Array.from({ length: i + 1 }, () => true) }));
    expect(explicitUnevaluatedItems({ anyOf: five, unevaluatedItems: false })).toBeDefined();
  });

  test("an items or unevaluatedItems branch evaluates every item: its $ref does not matter", () => {
    const rewritten = explicitUnevaluatedItems({
      oneOf: [{ $ref: "#/$defs/x" }, { items: true, allOf: [{ $ref: "#/$defs/y" }] }],
      unevaluatedItems: false,
    });
    expect(rewritten).toBeUndefined(); // the first branch's $ref is applied in place: unknown
    expect(
      explicitUnevaluatedItems({
        oneOf: [{ type: "string" }, { unevaluatedItems: false, allOf: [{ $ref: "#/$defs/y" }] }],
        unevaluatedItems: false,
      })?.["allOf"],
    ).toEqual([{ anyOf: [notNot({ unevaluatedItems: false, allOf: [{ $ref: "#/$defs/y" }] }), { items: false }] }]);
  });
});

describe("explicitUnevaluatedItems: generated validators (JSON Schema 2020-12 results)", () => {
  test('items in an anyOf branch (Ajv: rejected ["yes", "no"], accepted ["yes", false])', async () => {
    await expectValidity({
      schema: { unevaluatedItems: { type: "boolean" }, anyOf: [{ items: { type: "string" } }, true] },
      cases: [
        [["yes", "no"], true],
        [[true, false], true],
        [["yes", false], false],
        [[], true],
        ["not an array", true],
      ],
    });
  });

  test("a failing if's prefixItems do not count (Ajv counted them)", async () => {
    await expectValidity({
      schema: { if: { prefixItems: [{ const: "a" }] }, unevaluatedItems: false },
      cases: [
        [["a"], true],
        [["b"], false],
        [["a", "b"], false],
        [[], true],
      ],
    });
  });

  test("own prefixItems are kept when a later branch fails (Ajv lost them)", async () => {
    await expectValidity({
      schema: {
        prefixItems: [true],
        anyOf: [{ prefixItems: [true, true], minItems: 3 }, true],
        unevaluatedItems: false,
      },
      cases: [
        [[1], true],
        [[1, 2], false],
        [[1, 2, 3], false],
        [[1, 2, 3, 4], false],
      ],
    });
    await expectValidity({
      schema: {
        prefixItems: [true],
        anyOf: [{ prefixItems: [true, true, true], minItems: 3 }, true],
        unevaluatedItems: false,
      },
      cases: [
        [[1], true],
        [[1, 2], false],
        [[1, 2, 3], true],
        [[1, 2, 3, 4], false],
      ],
    });
  });

  test("contains under if/then/if: an item is evaluated only by a contains whose conditions hold", async () => {
    await expectValidity({
      schema: {
        if: { contains: { const: "a" } },
        then: { if: { contains: { const: "b" } }, then: { if: { contains: { const: "c" } } } },
        unevaluatedItems: false,
      },
      cases: [
        [[], true],
        [["a", "a"], true],
        [["a", "b", "a"], true],
        [["c", "a", "b"], true],
        [["b", "b"], false],
        [["c", "a", "c"], false],
        [["a", "b", "x"], false],
      ],
    });
  });

  test("oneOf branches with contains and else with prefixItems, next to unevaluatedProperties", async () => {
    await expectValidity({
      schema: {
        oneOf: [
          { type: "array", contains: { type: "string" }, minContains: 2 },
          { if: { maxItems: 1 }, then: { prefixItems: [{ type: "number" }] }, else: { items: { type: "number" } } },
        ],
        unevaluatedItems: { type: "boolean" },
        unevaluatedProperties: false,
      },
      cases: [
        [["x", "y", true], true], // first branch: strings evaluated, the boolean is unevaluated and valid
        [["x", "y", 3], false], // 3 is not a string, and the second branch fails (strings are not numbers)
        [[1], true], // second branch, then: 1 evaluated
        [[1, 2, 3], true], // second branch, else: all items
        [[true], false], // only the second branch (maxItems 1), then: true is not a number
        [{}, true], // not an array: the second branch only
        [{ a: 1 }, false], // unevaluatedProperties still sees what it saw
      ],
    });
  });

  test("an if evaluating every item by its own unevaluatedItems, with else (Ajv accepted [2, 2])", async () => {
    await expectValidity({
      schema: {
        if: { unevaluatedItems: { type: "string" }, oneOf: [{ items: false }, { unevaluatedItems: { const: "b" } }] },
        else: { minItems: 2 },
        unevaluatedItems: { enum: ["a", 1] },
      },
      cases: [
        [["b", "b"], true], // if valid: every item evaluated
        [[2, 2], false], // else: nothing evaluated, 2 is not allowed
        [["a", 1], true],
        [["a"], false], // else fails
      ],
    });
  });

  test("many prefix conditions are checked level by level", async () => {
    const schema: SchemaValue = {
      anyOf: [
        { prefixItems: [{ const: 1 }] },
        { prefixItems: [{ const: 2 }, true] },
        { prefixItems: [{ const: 3 }, true, true] },
        { prefixItems: [{ const: 4 }, true, true, true] },
        { prefixItems: [{ const: 5 }, true, true, true, true] },
        { items: { type: "string" } },
      ],
      unevaluatedItems: false,
    };
    await expectValidity({
      schema,
      cases: [
        [[1], true],
        [[1, 0], false],
        [[3, 0, 0], true],
        [[3, 0, 0, 0], false],
        [[5, 0, 0, 0, 0], true],
        [["a", "b", "c", "d", "e", "f"], true],
        [[5, 0, 0, 0, 0, 0], false],
      ],
    });
  });

  test("the rewrite goes through prepareSchema only for 2020-12 documents", () => {
    const schema: SchemaValue = { anyOf: [{ items: { type: "string" } }, true], unevaluatedItems: false };
    expect(prepareSchema({ schema, dialect: "draft2020-12" })).toMatchObject({ unevaluatedItems: true });
    expect(prepareSchema({ schema, dialect: "openapi-3.1" })).toMatchObject({ unevaluatedItems: true });
    expect(prepareSchema({ schema, dialect: "draft4" })).toEqual(schema);
  });
});
