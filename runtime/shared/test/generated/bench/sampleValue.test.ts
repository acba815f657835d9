import { describe, expect, it } from "vitest";
import { noSample, sampleValue } from "../../../src/generated/bench/sampleValue.js";

// src/generated/bench/sampleValue.ts: values the schemas accept, made for the bench's requests.

const document = {
  components: {
    schemas: {
      Author: {
        type: "object",
        required: ["id", "name", "email", "born"],
        properties: {
          id: { type: "integer", readOnly: true },
          name: { type: "string", minLength: 8, maxLength: 10 },
          email: { type: "string", format: "email" },
          born: { type: "integer", minimum: 1900, maximum: 2100 },
          bio: { type: "string" },
        },
      },
      Tagged: {
        allOf: [
          { $ref: "#/components/schemas/Author" },
          { type: "object", required: ["tag"], properties: { tag: { enum: ["a", "b"] } } },
        ],
      },
    },
  },
};

describe("sampleValue", () => {
  it("makes the required properties of an object but the read-only ones, within their bounds", () => {
    expect(sampleValue({ schema: { $ref: "#/components/schemas/Author" }, document })).toEqual({
      name: "benchben",
      email: "bench@example.com",
      born: 1900,
    });
  });

  it("prefers the schema's example, default or first enum value", () => {
    expect(sampleValue({ schema: { type: "string", example: "given" }, document })).toBe("given");
    expect(sampleValue({ schema: { type: "integer", default: 7 }, document })).toBe(7);
    expect(sampleValue({ schema: { enum: ["x", "y"] }, document })).toBe("x");
  });

  it("merges allOf parts and takes the first oneOf alternative", () => {
    expect(sampleValue({ schema: { $ref: "#/components/schemas/Tagged" }, document })).toMatchObject({
      tag: "a",
      born: 1900,
    });
    expect(sampleValue({ schema: { oneOf: [{ type: "boolean" }, { type: "string" }] }, document })).toBe(true);
  });

  it("gives up on a pattern without an example, an impossible range and a reference to nothing", () => {
    expect(sampleValue({ schema: { type: "string", pattern: "^[A-Z]{3}$" }, document })).toBe(noSample);
    expect(sampleValue({ schema: { type: "integer", minimum: 5, maximum: 2 }, document })).toBe(noSample);
    expect(sampleValue({ schema: { $ref: "#/components/schemas/Missing" }, document })).toBe(noSample);
    expect(
      sampleValue({
        schema: { type: "object", required: ["code"], properties: { code: { type: "string", pattern: "x" } } },
        document,
      }),
    ).toBe(noSample);
  });

  it("makes minItems items of an array", () => {
    expect(
      sampleValue({ schema: { type: "array", minItems: 2, items: { type: "number", exclusiveMinimum: 0 } }, document }),
    ).toEqual([1, 1]);
    expect(sampleValue({ schema: { type: "array", items: { type: "string" } }, document })).toEqual([]);
  });
});
