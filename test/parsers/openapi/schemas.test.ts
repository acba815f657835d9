import { describe, expect, it } from "vitest";
import type { JsonValue, SchemaNode } from "../../../src/ir/types.js";
import {
  arraySchema,
  booleanSchema,
  constSchema,
  enumSchema,
  integerSchema,
  intersectionSchema,
  nullSchema,
  numberSchema,
  objectSchema,
  property,
  refSchema,
  stringSchema,
  unionSchema,
  unknownSchema,
} from "../../../src/ir/factories/api.js";
import { mustApi, readSpecText, schemaNamed, specWithSchemas, withoutSources } from "./helpers.js";

interface Row {
  name: string;
  version?: string;
  /** YAML of `components/schemas` (or Swagger `definitions`); the schema under test is `S`. */
  schemas: string;
  node: SchemaNode;
  json: JsonValue;
}

const rows: Row[] = [
  {
    name: "x-vx-pii: true marks personal data (an IR flag, not a JSON Schema keyword)",
    schemas: "S:\n  type: string\n  x-vx-pii: true",
    node: stringSchema({ pii: true }),
    json: { type: "string" },
  },
  {
    name: "x-vx-pii other than true is ignored",
    schemas: "S:\n  type: string\n  x-vx-pii: 'yes'",
    node: stringSchema(),
    json: { type: "string" },
  },
  {
    name: "string with format and constraints",
    schemas: "S:\n  type: string\n  format: email\n  minLength: 3\n  maxLength: 80\n  pattern: '^.+@.+$'",
    node: stringSchema({ format: "email", minLength: 3, maxLength: 80, pattern: "^.+@.+$" }),
    json: { type: "string", format: "email", minLength: 3, maxLength: 80, pattern: "^.+@.+$" },
  },
  {
    name: "3.0 boolean exclusive bounds become numeric",
    schemas: "S:\n  type: integer\n  format: int32\n  minimum: 0\n  exclusiveMinimum: true\n  maximum: 10\n  multipleOf: 2",
    node: integerSchema({ format: "int32", exclusiveMinimum: 0, maximum: 10, multipleOf: 2 }),
    json: { type: "integer", format: "int32", exclusiveMinimum: 0, maximum: 10, multipleOf: 2 },
  },
  {
    name: "3.1 numeric exclusive bound kept",
    version: "3.1.0",
    schemas: "S:\n  type: number\n  exclusiveMaximum: 1.5",
    node: numberSchema({ exclusiveMaximum: 1.5 }),
    json: { type: "number", exclusiveMaximum: 1.5 },
  },
  {
    name: "3.0 nullable folds into a type array",
    schemas: "S:\n  type: string\n  nullable: true",
    node: stringSchema({ nullable: true }),
    json: { type: ["string", "null"] },
  },
  {
    name: "Swagger x-nullable",
    version: "2.0",
    schemas: "S:\n  type: integer\n  x-nullable: true",
    node: integerSchema({ nullable: true }),
    json: { type: ["integer", "null"] },
  },
  {
    name: "3.1 type array with null",
    version: "3.1.0",
    schemas: "S:\n  type: [boolean, 'null']",
    node: booleanSchema({ nullable: true }),
    json: { type: ["boolean", "null"] },
  },
  {
    name: "3.1 type array of two types is an anyOf union",
    version: "3.1.0",
    schemas: "S:\n  type: [integer, string]",
    node: unionSchema({ mode: "anyOf", members: [integerSchema(), stringSchema()] }),
    json: { type: ["integer", "string"] },
  },
  {
    name: "3.1 type null",
    version: "3.1.0",
    schemas: "S:\n  type: 'null'",
    node: nullSchema({ nullable: true }),
    json: { type: "null" },
  },
  {
    name: "nullable enum gets null among its values",
    schemas: "S:\n  type: string\n  nullable: true\n  enum: [a, b]\n  default: a",
    node: enumSchema({ baseType: "string", values: ["a", "b"], nullable: true, default: "a" }),
    json: { type: ["string", "null"], enum: ["a", "b", null], default: "a" },
  },
  {
    name: "integer enum without type",
    schemas: "S:\n  enum: [1, 2, 3]",
    node: enumSchema({ baseType: "integer", values: [1, 2, 3] }),
    json: { enum: [1, 2, 3] },
  },
  {
    name: "const",
    version: "3.1.0",
    schemas: "S:\n  const: fixed\n  description: always the same",
    node: constSchema({ value: "fixed", description: "always the same" }),
    json: { const: "fixed", description: "always the same" },
  },
  {
    name: "object: required, readOnly/writeOnly, additionalProperties false, example",
    schemas:
      "S:\n  type: object\n  required: [id]\n  additionalProperties: false\n  example: {id: 1}\n  properties:\n    id:\n      type: integer\n      readOnly: true\n    secret:\n      type: string\n      writeOnly: true\n      x-internal: true",
    node: objectSchema({
      properties: [property({ name: "id", required: true, schema: integerSchema({ readOnly: true }) }), property({ name: "secret", schema: stringSchema({ writeOnly: true }) })],
      additionalProperties: false,
      examples: [{ id: 1 }],
    }),
    json: { type: "object", required: ["id"], additionalProperties: false, properties: { id: { type: "integer", readOnly: true }, secret: { type: "string", writeOnly: true } } },
  },
  {
    name: "map: additionalProperties schema, patternProperties, min/maxProperties",
    version: "3.1.0",
    schemas: "S:\n  type: object\n  additionalProperties:\n    type: number\n  patternProperties:\n    '^x-':\n      type: string\n  minProperties: 1\n  maxProperties: 9",
    node: objectSchema({ additionalProperties: numberSchema(), patternProperties: [{ pattern: "^x-", schema: stringSchema() }], minProperties: 1, maxProperties: 9 }),
    json: { type: "object", additionalProperties: { type: "number" }, patternProperties: { "^x-": { type: "string" } }, minProperties: 1, maxProperties: 9 },
  },
  {
    name: "object inferred from properties without type",
    schemas: "S:\n  properties:\n    a:\n      type: boolean",
    node: objectSchema({ properties: [property({ name: "a", schema: booleanSchema() })] }),
    json: { properties: { a: { type: "boolean" } } },
  },
  {
    name: "array with constraints and a ref item",
    schemas: "T:\n  type: string\nS:\n  type: array\n  items:\n    $ref: '#/components/schemas/T'\n  minItems: 1\n  maxItems: 5\n  uniqueItems: true",
    node: arraySchema({ items: refSchema({ name: "T" }), minItems: 1, maxItems: 5, uniqueItems: true }),
    json: { type: "array", items: { $ref: "#/$defs/T" }, minItems: 1, maxItems: 5, uniqueItems: true },
  },
  {
    name: "3.1 tuple with prefixItems and items false",
    version: "3.1.0",
    schemas: "S:\n  type: array\n  prefixItems:\n    - type: number\n    - type: string\n  items: false",
    node: arraySchema({ items: unknownSchema(), prefixItems: [numberSchema(), stringSchema()] }),
    json: { type: "array", prefixItems: [{ type: "number" }, { type: "string" }], items: false },
  },
  {
    name: "allOf of one ref with nullable is that ref, nullable",
    schemas: "T:\n  type: string\nS:\n  nullable: true\n  description: maybe\n  allOf:\n    - $ref: '#/components/schemas/T'",
    node: refSchema({ name: "T", nullable: true, description: "maybe" }),
    json: { anyOf: [{ description: "maybe", allOf: [{ $ref: "#/$defs/T" }] }, { type: "null" }] },
  },
  {
    name: "allOf of several is an intersection; own properties are a member",
    schemas: "A:\n  type: object\nS:\n  allOf:\n    - $ref: '#/components/schemas/A'\n  properties:\n    b:\n      type: string",
    node: intersectionSchema({ members: [refSchema({ name: "A" }), objectSchema({ properties: [property({ name: "b", schema: stringSchema() })] })] }),
    json: { allOf: [{ $ref: "#/$defs/A" }], properties: { b: { type: "string" } } },
  },
  {
    name: "oneOf with discriminator: explicit mapping first, implicit ones made explicit",
    schemas:
      "Cat:\n  type: object\nDog:\n  type: object\nS:\n  oneOf:\n    - $ref: '#/components/schemas/Cat'\n    - $ref: '#/components/schemas/Dog'\n  discriminator:\n    propertyName: kind\n    mapping:\n      woof: '#/components/schemas/Dog'",
    node: unionSchema({
      mode: "oneOf",
      members: [refSchema({ name: "Cat" }), refSchema({ name: "Dog" })],
      discriminator: { propertyName: "kind", mapping: [{ value: "woof", schema: "Dog" }, { value: "Cat", schema: "Cat" }] },
    }),
    json: { oneOf: [{ $ref: "#/$defs/Cat" }, { $ref: "#/$defs/Dog" }] },
  },
  {
    name: "anyOf",
    schemas: "S:\n  anyOf:\n    - type: string\n    - type: integer",
    node: unionSchema({ mode: "anyOf", members: [stringSchema(), integerSchema()] }),
    json: { anyOf: [{ type: "string" }, { type: "integer" }] },
  },
  {
    name: "empty schema and not-only schema are unknown; not kept in JSON Schema",
    schemas: "S:\n  not:\n    type: string",
    node: unknownSchema(),
    json: { not: { type: "string" } },
  },
  {
    name: "if/then/else, xml, externalDocs and discriminator-free keys",
    version: "3.1.0",
    schemas: "S:\n  type: object\n  xml:\n    name: s\n  externalDocs:\n    url: https://example.com\n  if:\n    required: [a]\n  then:\n    required: [b]\n  else:\n    required: [c]",
    node: objectSchema(),
    json: { type: "object", if: { required: ["a"] }, then: { required: ["b"] }, else: { required: ["c"] } },
  },
  {
    name: "3.1 $ref with sibling description",
    version: "3.1.0",
    schemas: "T:\n  type: string\nS:\n  $ref: '#/components/schemas/T'\n  description: a T",
    node: refSchema({ name: "T", description: "a T" }),
    json: { $ref: "#/$defs/T", description: "a T" },
  },
];

describe("schemas into the IR and JSON Schema 2020-12", () => {
  it.each(rows)("$name", async ({ version, schemas, node, json }) => {
    const result = await readSpecText({ text: specWithSchemas({ ...(version ? { version } : {}), schemas }) });
    const api = mustApi(result);
    const named = schemaNamed(api, "S");
    expect(withoutSources(named.schema)).toEqual(withoutSources(node));
    expect(named.jsonSchema).toEqual(json);
    expect(result.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("a circular component stays a ref to itself and does not hang", async () => {
    const api = mustApi(
      await readSpecText({ text: specWithSchemas({ schemas: "Node:\n  type: object\n  properties:\n    next:\n      $ref: '#/components/schemas/Node'" }) }),
    );
    const node = schemaNamed(api, "Node");
    expect(withoutSources(node.schema)).toEqual(withoutSources(objectSchema({ properties: [property({ name: "next", schema: refSchema({ name: "Node" }) })] })));
    expect(node.jsonSchema).toEqual({ type: "object", properties: { next: { $ref: "#/$defs/Node" } } });
  });

  it("an unknown type is VX112 at the type, read as unknown", async () => {
    const result = await readSpecText({ text: specWithSchemas({ version: "3.1.0", schemas: "S:\n  type: strin" }) });
    expect(schemaNamed(mustApi(result), "S").schema.kind).toBe("unknown");
    const d = result.diagnostics.find((x) => x.code === "VX112");
    expect(d?.location).toMatchObject({ line: 9, column: 7, pointer: "/components/schemas/S/type" });
  });

  it("x-vx-model on a schema is its model hint; sources point into the file", async () => {
    const result = await readSpecText({ text: specWithSchemas({ schemas: "Pet:\n  x-vx-model: Animal\n  type: object\n  properties:\n    id:\n      type: integer" }) });
    const pet = schemaNamed(mustApi(result), "Pet");
    expect(pet.modelHint).toBe("Animal");
    expect(pet.source.pointer).toBe("/components/schemas/Pet");
    expect(pet.schema.kind === "object" && pet.schema.properties[0]?.schema.source.pointer).toBe("/components/schemas/Pet/properties/id");
    expect(result.locate({ file: pet.source.file, pointer: "/components/schemas/Pet/properties/id" })).toMatchObject({ line: 12, column: 9 });
  });

  it("schemas are sorted by name", async () => {
    const api = mustApi(await readSpecText({ text: specWithSchemas({ schemas: "b:\n  type: string\nA:\n  type: string\na:\n  type: string" }) }));
    expect(api.schemas.map((s) => s.name)).toEqual(["A", "a", "b"]);
  });
});
