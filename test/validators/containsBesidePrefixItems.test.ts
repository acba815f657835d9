import { describe, expect, test } from "vitest";
import { containsBesidePrefixItems } from "../../src/validators/containsBesidePrefixItems.js";
import type { SchemaValue } from "../../src/validators/forEachSubschema.js";
import { generateValidatorSource } from "../../src/validators/generateValidatorSource.js";
import { loadValidator } from "./loadGenerated.js";

describe("containsBesidePrefixItems", () => {
  test("contains, minContains and maxContains move into one more allOf member", () => {
    expect(
      containsBesidePrefixItems({
        prefixItems: [{ type: "number" }],
        contains: { type: "string" },
        minContains: 2,
        allOf: [{ minItems: 1 }],
      }),
    ).toEqual({
      prefixItems: [{ type: "number" }],
      allOf: [{ minItems: 1 }, { contains: { type: "string" }, minContains: 2 }],
    });
    const alone = { contains: { type: "string" } };
    expect(containsBesidePrefixItems(alone)).toBe(alone);
  });

  test("under not, [] no longer passes the contains of a prefixItems schema (Ajv rejected [])", async () => {
    const schema: SchemaValue = { not: { prefixItems: [{ type: "number" }], contains: { type: "string" } } };
    const validate = await loadValidator(generateValidatorSource({ schema, dialect: "draft2020-12" }));
    expect(validate([]).valid).toBe(true); // contains fails on [], so the not holds
    expect(validate([1, "a"]).valid).toBe(false);
    expect(validate([1, 2]).valid).toBe(true);
  });
});
