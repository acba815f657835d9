import { beforeAll, describe, expect, it } from "vitest";
import type { ApiModel } from "../../../src/ir/types.js";
import { readOpenApi, type ReadOpenApiResult } from "../../../src/parsers/openapi/readOpenApi.js";
import { integerSchema, objectSchema, property, refSchema, stringSchema } from "../../../src/ir/factories/api.js";
import { mustApi, operationWithId, withoutSources } from "./helpers.js";

const file = "fixtures/openapi/v2.0/petstore.yaml";
let result: ReadOpenApiResult;
let api: ApiModel;

beforeAll(async () => {
  result = await readOpenApi({ file });
  api = mustApi(result);
});

describe("Swagger 2.0 (fixtures/openapi/v2.0/petstore.yaml)", () => {
  it("reads cleanly", () => {
    expect(result.diagnostics).toEqual([]);
    expect(api.specVersion).toBe("2.0");
  });

  it("turns schemes + host + basePath into server URLs", () => {
    expect(api.servers).toEqual([
      { url: "https://api.example.com/v2", variables: [] },
      { url: "http://api.example.com/v2", variables: [] },
    ]);
  });

  it("maps collectionFormat to style/explode and reads parameter schemas from the parameter itself", () => {
    const find = operationWithId(api, "findPets");
    expect(find.parameters.map((p) => [p.name, p.style, p.explode])).toEqual([
      ["tags", "form", true],
      ["ids", "form", false],
      ["limit", "form", true],
    ]);
    expect(find.parameters[1]?.jsonSchema).toEqual({ type: "array", items: { type: "integer", format: "int64" } });
    expect(withoutSources(find.parameters[2]?.schema)).toEqual(withoutSources(integerSchema({ exclusiveMaximum: 50 })));
    expect(find.parameters[2]?.jsonSchema).toEqual({ type: "integer", exclusiveMaximum: 50 });
  });

  it("turns the body parameter into a request body per consumes media type", () => {
    const add = operationWithId(api, "addPet");
    expect(add.parameters).toEqual([]);
    expect(add.requestBody?.required).toBe(true);
    expect(add.requestBody?.description).toBe("the pet");
    expect(add.requestBody?.content.map((c) => [c.mediaType, c.schema?.kind, c.jsonSchema])).toEqual([["application/json", "ref", { $ref: "#/$defs/Pet" }]]);
    expect(add.security).toEqual([{ schemes: [{ name: "petstore_auth", scopes: ["write:pets"] }] }]);
  });

  it("turns formData parameters into a multipart object body", () => {
    const upload = operationWithId(api, "uploadPhoto");
    expect(upload.parameters.map((p) => p.name)).toEqual(["petId"]);
    const content = upload.requestBody?.content ?? [];
    expect(content.map((c) => c.mediaType)).toEqual(["multipart/form-data"]);
    expect(withoutSources(content[0]?.schema)).toEqual(
      withoutSources(
        objectSchema({
          properties: [property({ name: "file", required: true, schema: stringSchema({ format: "binary" }) }), property({ name: "caption", schema: stringSchema() })],
        }),
      ),
    );
    expect(content[0]?.jsonSchema).toEqual({ type: "object", properties: { file: { type: "string", format: "binary" }, caption: { type: "string" } }, required: ["file"] });
    expect(upload.requestBody?.required).toBe(true);
  });

  it("serves response schemas as every produces media type; headers are schemas", () => {
    const find = operationWithId(api, "findPets");
    const ok = find.responses[0];
    expect(ok?.content.map((c) => c.mediaType)).toEqual(["application/json", "application/xml"]);
    expect(ok?.content[0]?.jsonSchema).toEqual({ type: "array", items: { $ref: "#/$defs/Pet" } });
    expect(ok?.headers.map((h) => [h.name, h.schema.kind])).toEqual([["X-Rate-Limit", "integer"]]);
    expect(find.security).toEqual([{ schemes: [{ name: "key", scopes: [] }] }]);
  });

  it("reads securityDefinitions", () => {
    expect(withoutSources(api.securitySchemes)).toEqual([
      { kind: "http", name: "basicAuth", scheme: "basic" },
      { kind: "apiKey", name: "key", paramName: "api_key", in: "query" },
      { kind: "oauth2", name: "petstore_auth", flows: [{ flow: "implicit", authorizationUrl: "https://example.com/oauth", scopes: ["write:pets"] }] },
    ]);
  });

  it("reads definitions with x-nullable and boolean exclusive bounds; drops the Swagger discriminator from JSON Schema", () => {
    const pet = api.schemas[0];
    expect(pet?.name).toBe("Pet");
    const schema = pet?.schema;
    expect(schema?.kind === "object" && withoutSources(schema.properties.find((p) => p.name === "nickname")?.schema)).toEqual(withoutSources(stringSchema({ nullable: true })));
    expect(pet?.jsonSchema).toEqual({
      type: "object",
      required: ["name"],
      properties: {
        name: { type: "string" },
        petType: { type: "string" },
        nickname: { type: ["string", "null"] },
        age: { type: "integer", exclusiveMinimum: 0 },
      },
    });
    expect(withoutSources(refSchema({ name: "Pet" }))).toEqual(withoutSources(operationWithId(api, "addPet").requestBody?.content[0]?.schema));
  });
});
