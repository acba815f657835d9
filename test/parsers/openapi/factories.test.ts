import { describe, expect, it } from "vitest";
import {
  apiModel,
  arraySchema,
  enumSchema,
  jsonSchemaOf,
  namedSchema,
  objectSchema,
  operation,
  parameter,
  property,
  refSchema,
  stringSchema,
} from "../../../src/ir/factories/api.js";

describe("API IR factories", () => {
  it("fill the defaults a plain declaration has", () => {
    expect(parameter({ name: "id", in: "path" })).toMatchObject({ required: true, style: "simple", explode: false, jsonSchema: { type: "string" } });
    expect(parameter({ name: "q" })).toMatchObject({ in: "query", required: false, style: "form", explode: true });
    const op = operation({ method: "get", path: "/pets/{petId}" });
    expect([op.operationId, op.operationIdSynthesized, op.binding, op.source.pointer]).toEqual([
      "getPetsByPetId",
      true,
      { kind: "unbound", reason: "not bound yet" },
      "/paths/~1pets~1{petId}/get",
    ]);
    expect(enumSchema({ values: ["a", "b"] }).baseType).toBe("string");
    expect(enumSchema({ values: [1, 2.5] }).baseType).toBe("number");
  });

  it("jsonSchemaOf gives the normalised JSON Schema the reader would", () => {
    const pet = objectSchema({
      properties: [property({ name: "id", required: true, schema: stringSchema({ format: "uuid", readOnly: true }) }), property({ name: "tag", schema: stringSchema({ nullable: true }) })],
      additionalProperties: false,
    });
    expect(jsonSchemaOf(pet)).toEqual({
      type: "object",
      properties: { id: { type: "string", format: "uuid", readOnly: true }, tag: { type: ["string", "null"] } },
      required: ["id"],
      additionalProperties: false,
    });
    expect(jsonSchemaOf(arraySchema({ items: refSchema({ name: "Pet", nullable: true }) }))).toEqual({ type: "array", items: { anyOf: [{ $ref: "#/$defs/Pet" }, { type: "null" }] } });
    expect(jsonSchemaOf(enumSchema({ values: ["a"], nullable: true }))).toEqual({ type: "string", enum: ["a", null] });
  });

  it("apiModel sorts operations by path and method, schemas by name", () => {
    const api = apiModel({
      operations: [operation({ method: "post", path: "/b" }), operation({ method: "get", path: "/b" }), operation({ method: "delete", path: "/a" })],
      schemas: [namedSchema({ name: "Z", schema: stringSchema() }), namedSchema({ name: "A", schema: stringSchema() })],
    });
    expect(api.operations.map((o) => `${o.method} ${o.path}`)).toEqual(["delete /a", "get /b", "post /b"]);
    expect(api.schemas.map((s) => [s.name, s.source.pointer])).toEqual([
      ["A", "/components/schemas/A"],
      ["Z", "/components/schemas/Z"],
    ]);
  });
});
