import { describe, expect, test } from "vitest";
import type { SchemaValue } from "../../src/validators/forEachSubschema.js";
import { generateValidatorSource } from "../../src/validators/generateValidatorSource.js";
import { toRequestSchema } from "../../src/validators/toRequestSchema.js";
import { toResponseSchema } from "../../src/validators/toResponseSchema.js";
import { loadValidator } from "./loadGenerated.js";

const document = {
  $ref: "#/$defs/Order",
  $defs: {
    Id: { type: "integer", readOnly: true },
    Pet: {
      type: "object",
      additionalProperties: false,
      required: ["id", "name", "secret"],
      properties: {
        id: { $ref: "#/$defs/Id" },
        name: { type: "string" },
        secret: { type: "string", writeOnly: true },
        createdAt: { type: "string", format: "date-time", readOnly: true },
      },
    },
    Order: {
      type: "object",
      required: ["pet"],
      properties: {
        pet: { $ref: "#/$defs/Pet" },
        pets: { type: "array", items: { $ref: "#/$defs/Pet" } },
        note: { type: "string" },
      },
    },
    Tag: { type: "object", properties: { label: { type: "string" } } },
  },
} satisfies SchemaValue;

describe("toRequestSchema", () => {
  test("builds __request variants of affected definitions only, and points references at them", () => {
    const request = toRequestSchema({ schema: document }) as {
      $ref: string;
      $defs: Record<string, { properties?: Record<string, unknown>; required?: string[] }>;
    };
    expect(request.$ref).toBe("#/$defs/Order__request");
    expect(Object.keys(request.$defs).sort()).toEqual(["Id", "Order", "Order__request", "Pet", "Pet__request", "Tag"]);
    expect(request.$defs["Pet__request"]?.properties?.["id"]).toBe(false);
    expect(request.$defs["Pet__request"]?.required).toEqual(["name", "secret"]);
    expect(request.$defs["Order__request"]?.properties?.["pets"]).toEqual({
      type: "array",
      items: { $ref: "#/$defs/Pet__request" },
    });
    // Originals are kept unchanged for responses and other users.
    expect(request.$defs["Pet"]).toEqual(document.$defs.Pet);
  });

  test("readOnly: reject refuses server-owned fields; ignore accepts them without requiring them", async () => {
    const reject = await loadValidator(
      generateValidatorSource({ schema: toRequestSchema({ schema: document }), dialect: "openapi-3.1" }),
    );
    expect(reject({ pet: { name: "Rex", secret: "s" } }).valid).toBe(true);
    expect(
      reject({
        pet: { id: 1, name: "Rex", secret: "s" },
        pets: [{ name: "a", secret: "b", createdAt: "2024-01-01T00:00:00Z" }],
      }).errors,
    ).toEqual([
      { field: "pet.id", message: "is not allowed", keyword: "false schema" },
      { field: "pets[0].createdAt", message: "is not allowed", keyword: "false schema" },
    ]);
    const ignore = await loadValidator(
      generateValidatorSource({
        schema: toRequestSchema({ schema: document, readOnly: "ignore" }),
        dialect: "openapi-3.1",
      }),
    );
    expect(ignore({ pet: { id: 1, name: "Rex", secret: "s" } }).valid).toBe(true);
    expect(ignore({ pet: { name: "Rex", secret: "s" } }).valid).toBe(true);
    // Ignored, not unchecked: a readOnly value of the wrong type is still an error.
    expect(ignore({ pet: { id: "one", name: "Rex", secret: "s" } }).errors[0]?.field).toBe("pet.id");
  });
});

describe("toResponseSchema", () => {
  test("removes writeOnly properties from properties and required, in __response variants", () => {
    const response = toResponseSchema({ schema: document }) as {
      $ref: string;
      $defs: Record<string, { properties?: Record<string, unknown>; required?: string[] }>;
    };
    expect(response.$ref).toBe("#/$defs/Order__response");
    const pet = response.$defs["Pet__response"];
    expect(Object.keys(pet?.properties ?? {})).toEqual(["id", "name", "createdAt"]);
    expect(pet?.required).toEqual(["id", "name"]);
    expect(response.$defs["Tag__response"]).toBeUndefined();
  });

  test("a leaked writeOnly value fails response validation (additionalProperties: false)", async () => {
    const validate = await loadValidator(
      generateValidatorSource({ schema: toResponseSchema({ schema: document }), dialect: "openapi-3.1" }),
    );
    expect(validate({ pet: { id: 1, name: "Rex" } }).valid).toBe(true);
    expect(validate({ pet: { id: 1, name: "Rex", secret: "hunter2" } }).errors).toEqual([
      { field: "pet.secret", message: "is not an allowed property", keyword: "additionalProperties" },
    ]);
  });

  test("schemas without markers or $defs come back equal", () => {
    const plain: SchemaValue = { type: "object", properties: { a: { type: "string" } }, required: ["a"] };
    expect(toResponseSchema({ schema: plain })).toEqual(plain);
    expect(toRequestSchema({ schema: plain })).toEqual(plain);
  });

  test("a variant name never collides with an existing definition", () => {
    const schema: SchemaValue = {
      $ref: "#/$defs/A",
      $defs: { A: { properties: { s: { writeOnly: true } } }, A__response: { type: "string" } },
    };
    const response = toResponseSchema({ schema }) as { $ref: string; $defs: Record<string, unknown> };
    expect(response.$ref).toBe("#/$defs/A__response2");
    expect(response.$defs["A__response"]).toEqual({ type: "string" });
  });
});
