import { readFileSync } from "node:fs";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorHandler } from "../../../runtime/fastify/src/generated/fastify/errorHandler.js";
import { parameterHook } from "../../../runtime/fastify/src/generated/fastify/parameters.js";
import { createValidators, routeSchema, type OperationSchemas, type ValidationSchemas } from "../../../runtime/fastify/src/generated/fastify/validation.js";
import { expectError, fieldsOf } from "../../../runtime/shared/test/generated/support/assertions.js";

// runtime/fastify/fastify/validation.ts with the validators and schemas vx-gen generated for the bookstore fixture
// (test/golden; runtime/stubs/validation/index.ts is its validation/index.ts), on routes wired as the generated
// routes wire them.

const generated = join(import.meta.dirname, "..", "..", "golden", "fastify", "bookstore", "src", "generated", "validation");
const read = (file: string): unknown => JSON.parse(readFileSync(join(generated, file), "utf8"));
const schemas: ValidationSchemas = {
  response: read("responses.json") as ValidationSchemas["response"],
  operations: read("operations/authors.json") as Record<string, OperationSchemas>,
};
const validators = createValidators();
const author = { id: 1, name: "Ann", email: "ann@example.com", bio: null, createdAt: "2024-01-02T03:04:05.000Z", secret: "never sent" };

let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  app.setErrorHandler(errorHandler);
  app.addSchema(schemas.response);
  const route = (operationId: string) => ({
    schema: routeSchema({ schemas, operationId }),
    validatorCompiler: validators.compiler(operationId),
    preValidation: parameterHook({ parameters: schemas.operations[operationId]?.parameters ?? [], pathKeys: {} }),
  });
  app.post("/authors", route("createAuthor"), async (_request, reply) => reply.status(201).send(author));
  app.get("/authors/:authorId", route("getAuthor"), async (request) => ({ ...author, id: (request.params as { authorId: number }).authorId }));
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

async function send(input: { method: "GET" | "POST"; url: string; payload?: unknown }) {
  const response = await app.inject({ method: input.method, url: input.url, ...(input.payload === undefined ? {} : { payload: input.payload as object }) });
  return { status: response.statusCode, body: response.json() as unknown, headers: response.headers };
}

describe("routeSchema", () => {
  it("asks for the parts that have a precompiled validator and hands the serializer the documented responses", () => {
    const create = routeSchema({ schemas, operationId: "createAuthor" });
    expect(Object.keys(create).sort()).toEqual(["body", "response"]);
    expect(create.response).toEqual(schemas.operations["createAuthor"]?.response);
    expect(Object.keys(routeSchema({ schemas, operationId: "getAuthor" })).sort()).toEqual(["params", "response"]);
  });

  it("gives nothing for an operationId it does not own, whatever its name", () => {
    for (const operationId of ["constructor", "toString", "__proto__", "noSuchOperation"]) expect(routeSchema({ schemas, operationId }), operationId).toEqual({});
  });
});

describe("createValidators", () => {
  it("lets a valid body through and sends only the documented fields back", async () => {
    const response = await send({ method: "POST", url: "/authors", payload: { name: "Ann", email: "ann@example.com" } });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: 1, name: "Ann", email: "ann@example.com", bio: null, createdAt: author.createdAt });
  });

  it("answers 400 VALIDATION_ERROR with one detail per problem, all at once, never coercing", async () => {
    const response = await send({ method: "POST", url: "/authors", payload: { name: "", email: 7, extra: true } });
    expectError({ response, code: "VALIDATION_ERROR", status: 400 });
    expect(fieldsOf(response.body).sort()).toEqual(["email", "extra", "name"]);
    const whole = await send({ method: "POST", url: "/authors", payload: [1] });
    expectError({ response: whole, code: "VALIDATION_ERROR", status: 400 });
    expect(fieldsOf(whole.body)).toEqual(["body"]);
  });

  it("validates path parameters after their conversion", async () => {
    expect((await send({ method: "GET", url: "/authors/5" })).body).toMatchObject({ id: 5 });
    const response = await send({ method: "GET", url: "/authors/0" });
    expectError({ response, code: "VALIDATION_ERROR", status: 400 });
    expect(fieldsOf(response.body)).toEqual(["authorId"]);
  });

  it("refuses to compile a part the operation has no validator for", () => {
    expect(() => validators.compiler("getAuthor")({ schema: {}, method: "GET", url: "/", httpPart: "body" })).toThrow("getAuthor: no precompiled validator for body");
    expect(() => validators.compiler("constructor")({ schema: {}, method: "GET", url: "/", httpPart: "params" })).toThrow("no precompiled validator");
  });

  it("checks cookies only where the operation has a cookie validator", () => {
    const values = { session: "x" };
    expect(validators.cookies({ operationId: "getAuthor", values })).toBe(values);
  });
});
