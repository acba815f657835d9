import { describe, expect, it } from "vitest";
import { integerSchema, numberSchema, objectSchema, property, refSchema, stringSchema, namedSchema } from "../../src/ir/factories/api.js";
import { examplePattern } from "../../generators/shared/examplePattern.js";
import { exampleValue } from "../../generators/shared/exampleValue.js";
import { invalidBodies } from "../../generators/shared/invalidCases.js";

describe("examplePattern", () => {
  it.each(["^[0-9]{13}$", "^[A-Z]{3}-\\d{4}$", "^(ab|cd)+x?$", "^[a-z][a-z0-9_]*$", "^\\w+@\\w+\\.com$"])("builds a string matching %s", (pattern) => {
    const value = examplePattern({ pattern, seed: 7 });
    expect(value).toBeDefined();
    expect(new RegExp(pattern, "u").test(value ?? "")).toBe(true);
  });

  it("varies with the seed (unique fields) and gives up on lookarounds", () => {
    expect(examplePattern({ pattern: "^[0-9]{5}$", seed: 1 })).not.toBe(examplePattern({ pattern: "^[0-9]{5}$", seed: 2 }));
    expect(examplePattern({ pattern: "^(?=a)a$", seed: 1 })).toBeUndefined();
  });
});

describe("exampleValue and invalidBodies", () => {
  const author = objectSchema({
    additionalProperties: false,
    properties: [
      property({ name: "id", schema: integerSchema({ readOnly: true }), required: true }),
      property({ name: "email", schema: stringSchema({ format: "email" }), required: true }),
      property({ name: "name", schema: stringSchema({ minLength: 3, maxLength: 10 }), required: true }),
      property({ name: "rating", schema: numberSchema({ minimum: 1, maximum: 5 }) }),
    ],
  });
  const schemas = new Map([["Author", namedSchema({ name: "Author", schema: author })]]);

  it("builds a valid request body from the constraints, without readOnly properties", () => {
    const value = exampleValue({ node: refSchema({ name: "Author" }), schemas, variant: "request", seed: 3, optional: true }) as Record<string, unknown>;
    expect(value).toEqual({ email: "user3@example.com", name: "text-3", rating: 4.5 });
  });

  it("fits a format it writes no values for (`password`) to the length bounds, as text without a format", () => {
    const password = exampleValue({ node: stringSchema({ format: "password", minLength: 10, maxLength: 12 }), schemas, variant: "request", seed: 3 });
    expect(password).toBe("text-3xxxx");
    expect(exampleValue({ node: stringSchema({ format: "email", minLength: 30 }), schemas, variant: "request", seed: 3 })).toBe("user3@example.com");
  });

  it("lists bodies the schema rejects, naming the field", () => {
    const valid = { email: "a@b.co", name: "abcd", rating: 2 };
    const cases = invalidBodies({ node: refSchema({ name: "Author" }), valid, schemas, forcedReadOnly: new Set() });
    expect(cases.map((c) => c.field)).toEqual(["email", "email", "unexpectedProperty"]);
    expect(cases[0]?.value).toEqual({ name: "abcd", rating: 2 });
    expect(cases[1]?.value).toEqual({ ...valid, email: "not-an-email" });
  });
});
