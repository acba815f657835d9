import { beforeAll, describe, expect, it } from "vitest";
import type { ApiModel } from "../../../src/ir/types.js";
import { readOpenApi, type ReadOpenApiResult } from "../../../src/parsers/openapi/readOpenApi.js";
import { formatDiagnostics } from "../../../src/diagnostics/formatDiagnostics.js";
import { integerSchema, refSchema, stringSchema, arraySchema } from "../../../src/ir/factories/api.js";
import { mustApi, operationWithId, withoutSources } from "./helpers.js";

const file = "fixtures/openapi/v3.0/petstore.yaml";
let result: ReadOpenApiResult;
let api: ApiModel;

beforeAll(async () => {
  result = await readOpenApi({ file });
  api = mustApi(result);
});

describe("OpenAPI 3.0 operations (fixtures/openapi/v3.0/petstore.yaml)", () => {
  it("reads document info, version and servers with variables", () => {
    expect(api.specVersion).toBe("3.0.3");
    expect(api.info).toEqual({ title: "Fixture Petstore 3.0", version: "1.2", description: "Exercises every OpenAPI 3.0 construct the reader maps into the IR." });
    expect(api.servers).toEqual([{ url: "https://{region}.example.com/v1", description: "regional", variables: [{ name: "region", default: "eu", enum: ["eu", "us"] }] }]);
    expect(api.file).toBe(file);
    expect(api.files).toEqual([file]);
  });

  it("sorts operations by path then method and synthesises missing ids", () => {
    expect(api.operations.map((o) => [o.method, o.path, o.operationId, o.operationIdSynthesized])).toEqual([
      ["get", "/pets", "listPets", false],
      ["post", "/pets", "postPets", true],
      ["get", "/pets/{petId}", "getPetsByPetId", true],
      ["delete", "/pets/{petId}", "listPets_2", false],
    ]);
  });

  it("reports a duplicate operationId (VX107) at its line, and synthesised ids (VX108)", () => {
    const printed = formatDiagnostics(result.diagnostics);
    expect(printed).toContain(`${file}:122:7 warning VX107 operationId "listPets" of DELETE /pets/{petId} is already used; renamed to "listPets_2"`);
    expect(result.diagnostics.filter((d) => d.code === "VX108").map((d) => d.location?.line)).toEqual([68, 90, 107]);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("merges path-item and operation parameters (operation wins, document order) with explicit style and explode", () => {
    const list = operationWithId(api, "listPets");
    expect(list.parameters.map((p) => [p.in, p.name, p.style, p.explode, p.required])).toEqual([
      ["header", "X-Request-Id", "simple", false, false],
      ["query", "limit", "form", true, false],
      ["query", "tags", "pipeDelimited", false, false],
      ["cookie", "session", "form", true, false],
    ]);
    const limit = list.parameters[1];
    expect(withoutSources(limit?.schema)).toEqual(withoutSources(integerSchema({ format: "int32", minimum: 1, maximum: 100, default: 20 })));
    expect(limit?.jsonSchema).toEqual({ type: "integer", format: "int32", minimum: 1, maximum: 100, default: 20 });
    expect(limit?.source.pointer).toBe("/paths/~1pets/get/parameters/0");
    expect(list.parameters[3]?.source.pointer).toBe("/components/parameters/Session");
    const pet = operationWithId(api, "getPetsByPetId");
    expect(pet.parameters.map((p) => [p.in, p.name, p.required, p.style])).toEqual([["path", "petId", true, "simple"]]);
    expect(withoutSources(pet.parameters[0]?.schema)).toEqual(withoutSources(stringSchema({ format: "uuid" })));
  });

  it("reads request bodies per media type", () => {
    const post = operationWithId(api, "postPets");
    expect(post.requestBody?.required).toBe(true);
    expect(post.requestBody?.content.map((c) => c.mediaType)).toEqual(["application/json", "application/x-www-form-urlencoded"]);
    expect(withoutSources(post.requestBody?.content[0]?.schema)).toEqual(withoutSources(refSchema({ name: "NewPet" })));
    expect(post.requestBody?.content[0]?.jsonSchema).toEqual({ $ref: "#/$defs/NewPet" });
    expect(post.modelHint).toBe("Pet");
  });

  it("reads responses per status (sorted) and media type, headers, shared $ref responses", () => {
    const list = operationWithId(api, "listPets");
    expect(list.responses.map((r) => r.status)).toEqual(["200", "201", "4XX", "default"]);
    const ok = list.responses[0];
    expect(ok?.headers.map((h) => [h.name, h.required, h.schema.kind])).toEqual([["X-Next", true, "string"]]);
    expect(withoutSources(ok?.content[0]?.schema)).toEqual(withoutSources(arraySchema({ items: refSchema({ name: "Pet" }) })));
    expect(ok?.content[0]?.jsonSchema).toEqual({ type: "array", items: { $ref: "#/$defs/Pet" } });
    const fallback = list.responses[3];
    expect(fallback?.description).toBe("unexpected error");
    expect(fallback?.source.pointer).toBe("/components/responses/Error");
    expect(list.responses[2]?.content).toEqual([]);
  });

  it("applies the document's security unless the operation has its own (empty = open)", () => {
    expect(operationWithId(api, "listPets").security).toEqual([{ schemes: [{ name: "bearerAuth", scopes: [] }] }]);
    expect(operationWithId(api, "postPets").security).toEqual([]);
    expect(operationWithId(api, "getPetsByPetId").security).toEqual([
      { schemes: [{ name: "apiKey", scopes: [] }, { name: "oauth", scopes: ["read:pets"] }] },
      { schemes: [] },
    ]);
  });

  it("reads security schemes sorted by name", () => {
    expect(withoutSources(api.securitySchemes)).toEqual([
      { kind: "apiKey", name: "apiKey", paramName: "X-API-Key", in: "header" },
      { kind: "http", name: "bearerAuth", scheme: "bearer", bearerFormat: "JWT" },
      { kind: "oauth2", name: "oauth", flows: [{ flow: "authorizationCode", authorizationUrl: "https://example.com/auth", tokenUrl: "https://example.com/token", scopes: ["read:pets", "write:pets"] }] },
      { kind: "openIdConnect", name: "oidc", openIdConnectUrl: "https://example.com/.well-known/openid-configuration" },
    ]);
  });

  it("reads callbacks with their runtime expression and operations", () => {
    const post = operationWithId(api, "postPets");
    expect(post.callbacks.map((c) => [c.name, c.expression, c.operations.map((o) => `${o.method} ${o.operationId}`)])).toEqual([
      ["onAdopted", "{$request.body#/callbackUrl}", ["post postOnAdopted"]],
    ]);
  });

  it("marks deprecated operations, keeps description, leaves every operation unbound", () => {
    const pet = operationWithId(api, "getPetsByPetId");
    expect(pet.deprecated).toBe(true);
    expect(pet.description).toBe("Show one pet");
    expect(api.operations.every((o) => o.binding.kind === "unbound" && o.binding.reason === "not bound yet")).toBe(true);
  });

  it("reads discriminators, nullable allOf refs and named schemas' hints", () => {
    const animal = api.schemas.find((s) => s.name === "Animal")?.schema;
    expect(animal?.kind === "union" && animal.discriminator).toEqual({ propertyName: "kind", mapping: [{ value: "doggo", schema: "Dog" }, { value: "Cat", schema: "Cat" }] });
    const nullableRef = api.schemas.find((s) => s.name === "NullableRef");
    expect(withoutSources(nullableRef?.schema)).toEqual(withoutSources(refSchema({ name: "Error", nullable: true })));
    expect(api.schemas.find((s) => s.name === "Pet")?.modelHint).toBe("Pet");
    const pet = api.schemas.find((s) => s.name === "Pet")?.jsonSchema as Record<string, Record<string, unknown>>;
    expect(pet.properties?.weight).toEqual({ type: "number", exclusiveMinimum: 0 });
    expect(pet.properties?.tag).toEqual({ type: ["string", "null"] });
  });

  it("locates any pointer in the file", () => {
    expect(result.locate({ file, pointer: "/paths/~1pets/post" })).toEqual({ file, line: 68, column: 5, pointer: "/paths/~1pets/post" });
    expect(result.locate({ file, pointer: "/paths/~1pets/get/parameters/1" })).toMatchObject({ line: 40, column: 11 });
    expect(result.locate({ file, pointer: "/components/schemas/Nope" })).toMatchObject({ line: 161, column: 3 });
  });
});
