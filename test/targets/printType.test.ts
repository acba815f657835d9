import { describe, expect, it } from "vitest";
import { arraySchema, enumSchema, integerSchema, objectSchema, property, refSchema, stringSchema, unionSchema, nullSchema } from "../../src/ir/factories/api.js";
import { printType, propertyKey } from "../../generators/shared/printType.js";

const refName = (n: string) => `S.${n}`;

describe("printType", () => {
  const pet = objectSchema({
    additionalProperties: false,
    properties: [
      property({ name: "id", schema: integerSchema({ readOnly: true }), required: true }),
      property({ name: "name", schema: stringSchema(), required: true }),
      property({ name: "password", schema: stringSchema({ writeOnly: true }) }),
      property({ name: "x-tag", schema: stringSchema({ nullable: true }) }),
      property({ name: "updatedAt", schema: stringSchema({ format: "date-time" }), required: true }),
    ],
  });

  it("leaves readOnly properties out of requests and writeOnly ones out of responses", () => {
    expect(printType({ node: pet, variant: "request", refName })).toBe('{ name: string; password?: string; "x-tag"?: string | null; updatedAt: string }');
    expect(printType({ node: pet, variant: "response", refName })).toBe('{ id: number; name: string; "x-tag"?: string | null; updatedAt: string }');
  });

  it("treats database-filled properties of a named schema as readOnly in requests", () => {
    const forced = new Set(["Pet/updatedAt"]);
    expect(printType({ node: pet, variant: "request", refName, forcedReadOnly: forced, schemaName: "Pet" })).not.toContain("updatedAt");
    expect(printType({ node: pet, variant: "response", refName, forcedReadOnly: forced, schemaName: "Pet" })).toContain("updatedAt: string");
  });

  it("prints refs, arrays, enums, unions and open objects", () => {
    expect(printType({ node: arraySchema({ items: refSchema({ name: "Pet" }) }), variant: "response", refName })).toBe("Array<S.Pet>");
    expect(printType({ node: enumSchema({ values: ["a", "b", null] }), variant: "response", refName })).toBe('"a" | "b" | null');
    expect(printType({ node: unionSchema({ members: [stringSchema(), nullSchema()] }), variant: "response", refName })).toBe("string | null");
    expect(printType({ node: objectSchema({ additionalProperties: integerSchema() }), variant: "response", refName })).toBe("Record<string, number>");
    expect(printType({ node: objectSchema(), variant: "response", refName })).toBe("Record<string, unknown>");
  });

  it("prints a map of a named type as an index signature, which a recursive alias may refer back to (Discord's ErrorDetails)", () => {
    const errorDetails = unionSchema({ members: [objectSchema({ additionalProperties: refSchema({ name: "ErrorDetails" }) }), refSchema({ name: "InnerErrors" })] });
    expect(printType({ node: errorDetails, variant: "response", refName })).toBe("{ [key: string]: S.ErrorDetails } | S.InnerErrors");
  });

  it("quotes property keys that are not identifiers", () => {
    expect(propertyKey("name")).toBe("name");
    expect(propertyKey("content-type")).toBe('"content-type"');
    expect(propertyKey("1st")).toBe('"1st"');
  });
});
