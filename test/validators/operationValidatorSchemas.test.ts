import { describe, expect, test } from "vitest";
import {
  apiModel,
  booleanSchema,
  integerSchema,
  namedSchema,
  objectSchema,
  operation,
  parameter,
  property,
  refSchema,
  requestBody,
  response,
  stringSchema,
} from "../../src/ir/factories/api.js";
import { parseParameters, type ParameterValueSchema } from "../../runtime/shared/src/generated/runtime/parseParameters.js";
import { generateValidatorModule } from "../../src/validators/generateValidatorModule.js";
import { operationValidatorSchemas } from "../../src/validators/operationValidatorSchemas.js";
import type { GeneratedValidator } from "../../src/validators/ValidationIssue.js";
import { loadGenerated } from "./loadGenerated.js";

const pet = namedSchema({
  name: "Pet",
  schema: objectSchema({
    properties: [
      property({ name: "id", schema: integerSchema({ readOnly: true }), required: true }),
      property({ name: "name", schema: stringSchema({ minLength: 1 }), required: true }),
      property({ name: "password", schema: stringSchema({ writeOnly: true }), required: true }),
      property({ name: "colour", schema: stringSchema({ format: "colour-code" }) }),
    ],
  }),
});
const api = apiModel({
  schemas: [pet],
  operations: [
    operation({
      operationId: "createPet",
      method: "post",
      path: "/owners/{ownerId}/pets",
      parameters: [
        parameter({ name: "ownerId", in: "path", required: true, schema: integerSchema({ minimum: 1 }) }),
        parameter({ name: "dryRun", in: "query", schema: booleanSchema() }),
      ],
      requestBody: requestBody({ schema: refSchema({ name: "Pet" }) }),
      responses: [response({ status: "201", schema: refSchema({ name: "Pet" }) })],
    }),
  ],
});

describe("operationValidatorSchemas", () => {
  const built = operationValidatorSchemas({ api });

  test("separate request and response validators per operation, sharing definitions", () => {
    expect(Object.keys(built.schemas).sort()).toEqual([
      "createPet.parameters.path",
      "createPet.parameters.query",
      "createPet.request.application/json",
      "createPet.response.201.application/json",
    ]);
    expect(built.schemas["createPet.request.application/json"]).toEqual({ $ref: "#/$defs/Pet__request" });
    expect(built.schemas["createPet.response.201.application/json"]).toEqual({ $ref: "#/$defs/Pet__response" });
    expect(Object.keys(built.defs).sort()).toEqual(["Pet", "Pet__request", "Pet__response"]);
  });

  test("unknown formats become VX115 warnings pointing into the document", () => {
    expect(built.diagnostics).toHaveLength(1);
    expect(built.diagnostics[0]).toMatchObject({
      code: "VX115",
      severity: "warning",
      location: { file: "api.yaml", pointer: "/components/schemas/Pet/properties/colour" },
    });
  });

  test("end to end: parameters parsed then validated, request and response bodies", async () => {
    const module = await loadGenerated(
      generateValidatorModule({ schemas: built.schemas, defs: built.defs, dialect: "openapi-3.1" }),
    );
    const validator = (name: string) => module[name] as GeneratedValidator;

    const op = api.operations[0];
    if (!op) throw new Error("no operation");
    const parsed = parseParameters({
      parameters: op.parameters.map((p) => ({
        name: p.name,
        in: p.in,
        style: p.style,
        explode: p.explode,
        required: p.required,
        schema: p.jsonSchema as ParameterValueSchema,
      })),
      raw: { path: { ownerId: "0" }, query: "dryRun=true" },
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.values).toMatchObject({ path: { ownerId: 0 }, query: { dryRun: true } });
    expect(validator("createPet.parameters.path")(parsed.values.path).errors).toEqual([
      { field: "ownerId", message: "must be >= 1", keyword: "minimum" },
    ]);

    const request = validator("createPet.request.application/json");
    expect(request({ name: "Rex", password: "s3cret" }).valid).toBe(true);
    expect(request({ id: 7, name: "Rex", password: "s3cret" }).errors).toEqual([
      { field: "id", message: "is not allowed", keyword: "false schema" },
    ]);

    const responseValidator = validator("createPet.response.201.application/json");
    expect(responseValidator({ id: 7, name: "Rex" }).valid).toBe(true);
    expect(responseValidator({ name: "Rex" }).errors).toEqual([
      { field: "id", message: "is required", keyword: "required" },
    ]);
  });

  test("readOnly: ignore keeps server-owned fields optional instead of forbidden", () => {
    const lenient = operationValidatorSchemas({ api, readOnly: "ignore" });
    const variant = lenient.defs["Pet__request"] as { properties: Record<string, unknown>; required: string[] };
    expect(variant.properties["id"]).toEqual({ type: "integer", readOnly: true });
    expect(variant.required).toEqual(["name", "password"]);
  });
});
