import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorHandler } from "../../../runtime/fastify/src/generated/fastify/errorHandler.js";
import { cookiesOf } from "../../../runtime/fastify/src/generated/fastify/parameters.js";
import { requestCheck } from "../../../runtime/fastify/src/generated/fastify/validation.js";
import type { ParameterDefinition } from "../../../runtime/shared/src/generated/runtime/parseParameters.js";
import { expectError, fieldsOf } from "../../../runtime/shared/test/generated/support/assertions.js";

// runtime/fastify/fastify/parameters.ts and validation.ts: the hook deserialising an operation's parameters (no
// validators here) on a real route, where the router's own key for a path parameter differs from its documented name (`item-id` is not a valid router key).

const parameters: ParameterDefinition[] = [
  { name: "item-id", in: "path", style: "simple", explode: false, required: true, schema: { type: "integer" } },
  { name: "ids", in: "query", style: "form", explode: false, schema: { type: "array", items: { type: "integer" } } },
  { name: "filter", in: "query", style: "deepObject", explode: true, schema: { type: "object", properties: { min: { type: "number" } } } },
  { name: "x-limit", in: "header", style: "simple", explode: false, schema: { type: "integer" } },
  { name: "session", in: "cookie", style: "form", explode: true, schema: { type: "boolean" } },
];

let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  app.setErrorHandler(errorHandler);
  app.get("/items/:p0", { preValidation: requestCheck({ parameters, pathKeys: new Map([["item-id", "p0"]]), validators: {} }) }, async (request) => ({
    params: request.params,
    query: request.query,
    limit: request.headers["x-limit"] ?? null,
    cookies: cookiesOf(request),
  }));
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await app.inject({ method: "GET", url, headers });
  return { status: response.statusCode, body: response.json() as unknown, headers: response.headers };
}

describe("requestCheck: parameters", () => {
  it("converts each parameter by its style and schema, path parameters back under their documented names", async () => {
    const response = await get("/items/42?ids=1,2,3&filter[min]=2.5", { "x-limit": "10", cookie: "session=true" });
    // The query keeps what Fastify read besides (`filter[min]`); the documented names hold the converted values.
    expect(response).toMatchObject({
      status: 200,
      body: { params: { "item-id": 42 }, query: { ids: [1, 2, 3], filter: { min: 2.5 } }, limit: 10, cookies: { session: true } },
    });
    expect(response.body).toHaveProperty("params", { "item-id": 42 });
  });

  it("leaves absent optional parameters out", async () => {
    expect(await get("/items/1")).toEqual({ status: 200, headers: expect.anything(), body: { params: { "item-id": 1 }, query: {}, limit: null, cookies: {} } });
  });

  it("answers 400 VALIDATION_ERROR naming every parameter it cannot read, by its documented name", async () => {
    const response = await get("/items/abc?ids=1,x&filter[min]=cheap", { "x-limit": "many", cookie: "session=maybe" });
    expectError({ response, code: "VALIDATION_ERROR", status: 400 });
    expect(fieldsOf(response.body).sort()).toEqual(["filter.min", "ids[1]", "item-id", "session", "x-limit"]);
  });

  it("keeps percent-encoded delimiters inside a path value", async () => {
    const response = await get("/items/4%2C2");
    expectError({ response, code: "VALIDATION_ERROR", status: 400 });
    expect(fieldsOf(response.body)).toEqual(["item-id"]);
  });
});
