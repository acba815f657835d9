import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorHandler } from "../../../runtime/express/src/generated/express/errorHandler.js";
import { silentLogger } from "../../../runtime/express/src/generated/express/logger.js";
import { notFound } from "../../../runtime/express/src/generated/express/notFound.js";
import { tableRouter, type RouteDefinition } from "../../../runtime/express/src/generated/express/routeTable.js";
import { ResponseProjectors } from "../../../runtime/express/src/generated/express/serializer.js";
import type { HandlerContext } from "../../../runtime/shared/src/generated/runtime/context.js";
import { checkedLimits } from "../../../runtime/stubs/src/generated/runtime/limits.js";
import type { SecurityVerifiers } from "../../../runtime/stubs/src/generated/security/types.js";
import type { Handlers } from "../../../runtime/stubs/src/generated/types/operations.js";
import { expectError, fieldsOf } from "../../../runtime/shared/test/generated/support/assertions.js";
import createAuthorBody from "../../golden/express/bookstore/src/generated/validation/create-author.body.js";
import getAuthorParameters from "../../golden/express/bookstore/src/generated/validation/get-author.parameters.js";

const responseSchemas = JSON.parse(readFileSync(new URL("../../golden/express/bookstore/src/generated/validation/responses.json", import.meta.url), "utf8")) as { $defs: Record<string, unknown> };

// runtime/express/express/routeTable.ts (and the route chain of routeSupport.ts) with the validators vx-gen generated
// for the bookstore fixture (test/golden), on a table of routes as the generated route modules write them.

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
  { operationId: "probe", method: "GET", url: "/probe", handler: "probe" as keyof Handlers },
  { operationId: "probeHead", method: "HEAD", url: "/probe", handler: "probeHead" as keyof Handlers },
];
const handlers = {
  createAuthor: async () => ({ status: 201, body: author }),
  getAuthor: async ({ request }: { request: { params: { authorId: number } } }) => ({ status: 200, body: { ...author, id: request.params.authorId } }),
  probe: async () => ({ status: 200, body: "get" }),
  probeHead: async () => ({ status: 204, headers: { "x-probe": "head" } }),
} as unknown as Handlers;

let server: Server;
let url: string;

beforeAll(async () => {
  const app = express();
  const deps = {
    handlers,
    verifiers: {} as SecurityVerifiers,
    access: {},
    projectors: new ResponseProjectors(responseSchemas.$defs),
    limits: checkedLimits(undefined),
    context: () => ({ logger: silentLogger, auth: {} }) as unknown as HandlerContext,
  };
  app.use(tableRouter({ routes, deps }));
  app.use(notFound({ basePath: "", paths: [{ path: "/authors", methods: ["POST"] }, { path: "/authors/{authorId}", methods: ["GET"] }, { path: "/probe", methods: ["GET", "HEAD"] }] }));
  app.use(errorHandler(silentLogger));
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function send(input: { method: string; path: string; payload?: unknown }) {
  const response = await fetch(`${url}${input.path}`, {
    method: input.method,
    ...(input.payload === undefined ? {} : { body: JSON.stringify(input.payload), headers: { "content-type": "application/json" } }),
  });
  const text = await response.text();
  const json = response.headers.get("content-type")?.startsWith("application/json") === true;
  return { status: response.status, body: json && text !== "" ? (JSON.parse(text) as unknown) : undefined, headers: Object.fromEntries(response.headers), text };
}

describe("tableRouter: a route table's rows on a Router, validated by the precompiled validators", () => {
  it("lets a valid body through and sends only the documented fields back", async () => {
    const response = await send({ method: "POST", path: "/authors", payload: { name: "Ann", email: "ann@example.com" } });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: 1, name: "Ann", email: "ann@example.com", bio: null, createdAt: author.createdAt });
  });

  it("answers 400 VALIDATION_ERROR with one detail per problem, all at once, never coercing", async () => {
    const response = await send({ method: "POST", path: "/authors", payload: { name: "", email: 7, extra: true } });
    expectError({ response, code: "VALIDATION_ERROR", status: 400 });
    expect(fieldsOf(response.body).sort()).toEqual(["email", "extra", "name"]);
  });

  it("converts path parameters by their definition before validating them", async () => {
    expect((await send({ method: "GET", path: "/authors/5" })).body).toMatchObject({ id: 5 });
    const response = await send({ method: "GET", path: "/authors/0" });
    expectError({ response, code: "VALIDATION_ERROR", status: 400 });
    expect(fieldsOf(response.body)).toEqual(["authorId"]);
  });

  it("passes HEAD by a GET route: 405 with Allow where HEAD is not documented, the HEAD operation where it is", async () => {
    const undocumented = await send({ method: "HEAD", path: "/authors/5" });
    expect([undocumented.status, undocumented.headers["allow"], undocumented.text]).toEqual([405, "GET", ""]);
    const documented = await send({ method: "HEAD", path: "/probe" });
    expect([documented.status, documented.headers["x-probe"]]).toEqual([204, "head"]);
    expect((await send({ method: "GET", path: "/probe" })).text).toBe("get");
  });
});
