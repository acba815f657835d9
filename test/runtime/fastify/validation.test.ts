import { readFileSync } from "node:fs";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorHandler } from "../../../runtime/fastify/src/generated/fastify/errorHandler.js";
import { registerRoutes, type RouteDefinition } from "../../../runtime/fastify/src/generated/fastify/routeTable.js";
import type { HandlerContext } from "../../../runtime/shared/src/generated/runtime/context.js";
import type { SecurityVerifiers } from "../../../runtime/stubs/src/generated/security/types.js";
import type { Handlers } from "../../../runtime/stubs/src/generated/types/operations.js";
import { expectError, fieldsOf } from "../../../runtime/shared/test/generated/support/assertions.js";
import createAuthorBody from "../../golden/fastify/bookstore/src/generated/validation/create-author.body.js";
import getAuthorParameters from "../../golden/fastify/bookstore/src/generated/validation/get-author.parameters.js";
import updateAuthorBody from "../../golden/fastify/bookstore/src/generated/validation/update-author.body.js";

// runtime/fastify/fastify/validation.ts and routeTable.ts with the validators vx-gen generated for the bookstore
// fixture (test/golden), on a table of two routes as the generated route modules write them.

const responseSchemas = JSON.parse(readFileSync(new URL("../../golden/fastify/bookstore/src/generated/validation/responses.json", import.meta.url), "utf8")) as { $id: string };
const author = { id: 1, name: "Ann", email: "ann@example.com", bio: null, createdAt: "2024-01-02T03:04:05.000Z", secret: "never sent" };
const routes: RouteDefinition[] = [
  {
    operationId: "createAuthor",
    method: "POST",
    url: "/authors",
    handler: "createAuthor" as keyof Handlers,
    validators: createAuthorBody,
    response: { "201": { $ref: "vx-response.json#/$defs/Author" }, "400": { $ref: "vx-response.json#/$defs/Error" } },
    consumes: ["application/json"],
    produces: ["application/json"],
    body: true,
  },
  {
    operationId: "getAuthor",
    method: "GET",
    url: "/authors/:authorId",
    handler: "getAuthor" as keyof Handlers,
    validators: getAuthorParameters,
    parameters: [{ name: "authorId", in: "path", style: "simple", explode: false, required: true, schema: { type: "integer" } }],
    response: { "200": { $ref: "vx-response.json#/$defs/Author" } },
    produces: ["application/json"],
  },
  {
    operationId: "updateAuthor",
    method: "PATCH",
    url: "/authors/:authorId",
    handler: "updateAuthor" as keyof Handlers,
    validators: { ...getAuthorParameters, ...updateAuthorBody },
    parameters: [{ name: "authorId", in: "path", style: "simple", explode: false, required: true, schema: { type: "integer" } }],
    response: { "200": { $ref: "vx-response.json#/$defs/Author" } },
    consumes: ["application/json"],
    produces: ["application/json"],
    body: true,
  },
];
const handlers = {
  createAuthor: async () => ({ status: 201, body: author }),
  getAuthor: async ({ request }: { request: { params: { authorId: number } } }) => ({ status: 200, body: { ...author, id: request.params.authorId } }),
  updateAuthor: async ({ request }: { request: { params: { authorId: number } } }) => ({ status: 200, body: { ...author, id: request.params.authorId } }),
} as unknown as Handlers;

let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  app.setErrorHandler(errorHandler);
  app.addSchema(responseSchemas);
  registerRoutes({ app, routes, handlers, verifiers: {} as SecurityVerifiers, access: {}, context: (request) => ({ logger: request.log, auth: {} }) as unknown as HandlerContext });
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

async function send(input: { method: "GET" | "POST" | "PATCH"; url: string; payload?: unknown }) {
  const response = await app.inject({ method: input.method, url: input.url, ...(input.payload === undefined ? {} : { payload: input.payload as object }) });
  return { status: response.statusCode, body: response.json() as unknown, headers: response.headers };
}

describe("a request wrong in several parts", () => {
  it("is answered once with the problems of every part, the parts named", async () => {
    const response = await send({ method: "PATCH", url: "/authors/0", payload: { email: 7 } });
    expectError({ response, code: "VALIDATION_ERROR", status: 400 });
    expect(fieldsOf(response.body)).toEqual(["authorId", "email"]);
    expect((response.body as { error: { message: string } }).error.message).toBe("invalid path and body");
    const unreadable = await send({ method: "PATCH", url: "/authors/five", payload: {} });
    expectError({ response: unreadable, code: "VALIDATION_ERROR", status: 400 });
    expect(fieldsOf(unreadable.body)).toEqual(["authorId", "body"]);
    expect((await send({ method: "PATCH", url: "/authors/2", payload: { bio: "b" } })).body).toMatchObject({ id: 2 });
  });
});

describe("routes of the table, validated by the precompiled validators", () => {
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
    const unreadable = await send({ method: "GET", url: "/authors/five" });
    expectError({ response: unreadable, code: "VALIDATION_ERROR", status: 400 });
    expect(fieldsOf(unreadable.body)).toEqual(["authorId"]);
  });
});
