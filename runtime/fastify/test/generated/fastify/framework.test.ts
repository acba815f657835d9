import { connect } from "node:net";
import { Writable } from "node:stream";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorHandler, frameworkAnswer, validationDetails } from "../../../src/generated/fastify/errorHandler.js";
import { nestsDeeperThan, registerJsonBodyParser } from "../../../src/generated/fastify/jsonBodyParser.js";
import { redactingLogger } from "../../../src/generated/fastify/logging.js";
import { notFoundHandler } from "../../../src/generated/fastify/notFound.js";
import { registerRoutes } from "../../../src/generated/fastify/routeTable.js";
import { limitOptions } from "../../../src/generated/fastify/serverOptions.js";
import type { HandlerContext } from "../../../src/generated/runtime/context.js";
import { ApiError } from "../../../src/generated/runtime/errors.js";
import { defaultLimits, type Limits } from "../../../src/generated/runtime/limits.js";
import { redacted, secretHeaders, secretQueryParameters } from "../../../src/generated/runtime/secrets.js";
import type { SecurityVerifiers } from "../../../src/generated/security/types.js";
import type { Handlers } from "../../../src/generated/types/operations.js";
import { expectError, field, fieldsOf } from "../support/assertions.js";

// The framework pieces of src/generated/fastify on a small app of their own, with small limits: every failure Fastify
// and Node raise answers the one error format, with a message that never quotes the request.

const limits: Limits = { ...defaultLimits, bodyLimit: 256, jsonMaxDepth: 4, maxParamLength: 16, maxHeaderSize: 1024 };
const secret = "s3cret-value-never-logged";
const logLines: string[] = [];
let app: FastifyInstance;

beforeAll(async () => {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString("utf8"));
      done();
    },
  });
  app = Fastify({
    ...limitOptions(limits),
    logger: redactingLogger({ level: "debug", stream }),
    exposeHeadRoutes: false,
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler(app));
  registerJsonBodyParser({ app, maxDepth: limits.jsonMaxDepth });
  app.post("/echo", async (request) => ({ received: request.body }));
  app.get("/items/:id", async (request) => ({ id: (request.params as { id: string }).id }));
  app.get("/headers", async (request) => {
    request.log.info({ headers: request.headers }, "headers seen");
    return {};
  });
  app.get("/throw/:kind", async (request) => {
    const kind = (request.params as { kind: string }).kind;
    if (kind === "api-4xx")
      throw new ApiError({ code: "CONFLICT", message: "conflict", details: [{ field: "f", message: "m" }] });
    if (kind === "api-5xx") throw new ApiError({ code: "INTERNAL_ERROR", message: "database unreachable" });
    if (kind === "status-403") throw Object.assign(new Error(`denied ${secret}`), { statusCode: 403 });
    if (kind === "status-418") throw Object.assign(new Error(`teapot ${secret}`), { statusCode: 418 });
    throw new Error(`internal detail ${secret}`);
  });
  app.post(
    "/schema",
    {
      schema: {
        body: {
          type: "object",
          required: ["name"],
          additionalProperties: false,
          properties: { name: { type: "string" }, "a/b~c": { type: "array", items: { type: "integer" } } },
        },
      },
    },
    async () => ({}),
  );
  await app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await app.close();
});

/** A request through inject, its body parsed when it is JSON. */
async function send(input: { method: string; url: string; payload?: string; headers?: Record<string, string> }) {
  const response = await app.inject({
    method: input.method as "GET",
    url: input.url,
    ...(input.payload === undefined ? {} : { payload: input.payload }),
    ...(input.headers ? { headers: input.headers } : {}),
  });
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    body = response.body;
  }
  return { status: response.statusCode, body, headers: response.headers, text: response.body };
}

/** Raw bytes over a socket (what inject cannot send): the whole answer as text. */
function rawRequest(bytes: string): Promise<string> {
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: "127.0.0.1" });
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString("utf8")));
    socket.on("error", () => resolve(answer));
    socket.on("close", () => resolve(answer));
    socket.on("connect", () => socket.write(bytes));
    setTimeout(() => reject(new Error("no answer")), 10_000).unref();
  });
}

/** The status and JSON body of a raw HTTP answer. */
function parseRaw(answer: string): { status: number; body: unknown } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
  const text = answer.slice(answer.indexOf("\r\n\r\n") + 4);
  return { status, body: JSON.parse(text) as unknown };
}

const json = { "content-type": "application/json" };
/** Headers that frame a request: never sent with a test value. */
const framing = new Set([
  "connection",
  "content-length",
  "content-type",
  "expect",
  "host",
  "keep-alive",
  "te",
  "transfer-encoding",
  "upgrade",
]);

describe("routing", () => {
  it("404 NOT_FOUND at a path without routes, without quoting it", async () => {
    const response = await send({ method: "GET", url: `/nothing-here-${secret}?q=${secret}` });
    expectError({ response, code: "NOT_FOUND", status: 404 });
    expect(response.text).not.toContain(secret);
  });

  it("405 METHOD_NOT_ALLOWED with Allow at a path with routes for other methods", async () => {
    const response = await send({ method: "DELETE", url: "/items/7?x=1" });
    expectError({ response, code: "METHOD_NOT_ALLOWED", status: 405 });
    expect(response.headers["allow"]).toBe("GET");
  });

  it("414 URI_TOO_LONG for a path parameter over the limit; 400 for a path that is not validly encoded", async () => {
    expect((await send({ method: "GET", url: `/items/${"a".repeat(limits.maxParamLength)}` })).status).toBe(200);
    const tooLong = await send({ method: "GET", url: `/items/${"a".repeat(limits.maxParamLength + 1)}` });
    expectError({ response: tooLong, code: "URI_TOO_LONG", status: 414 });
    expectError({
      response: await send({ method: "GET", url: "/items/%E0%A4%A" }),
      code: "VALIDATION_ERROR",
      status: 400,
    });
  });
});

describe("JSON bodies", () => {
  it("parses application/json and application/*+json", async () => {
    for (const type of ["application/json", "application/merge-patch+json; charset=utf-8"]) {
      const response = await send({
        method: "POST",
        url: "/echo",
        payload: '{"a":["\\"[",{"b":1}]}',
        headers: { "content-type": type },
      });
      expect(response.status, type).toBe(200);
      expect(response.body).toEqual({ received: { a: ['"[', { b: 1 }] } });
    }
  });

  it("400 VALIDATION_ERROR for malformed JSON, without quoting it", async () => {
    const response = await send({ method: "POST", url: "/echo", payload: `{"a": "${secret}"`, headers: json });
    expectError({ response, code: "VALIDATION_ERROR", status: 400 });
    expect(response.text).not.toContain(secret);
    expect(field({ value: field({ value: response.body, name: "error" }), name: "details" })).toEqual([
      { field: "body", message: expect.any(String) },
    ]);
  });

  it("400 VALIDATION_ERROR for __proto__ and for an empty JSON body", async () => {
    const proto = await send({
      method: "POST",
      url: "/echo",
      payload: '{"__proto__":{"polluted":true}}',
      headers: json,
    });
    expectError({ response: proto, code: "VALIDATION_ERROR", status: 400 });
    expectError({
      response: await send({ method: "POST", url: "/echo", payload: "", headers: json }),
      code: "VALIDATION_ERROR",
      status: 400,
    });
  });

  it("400 VALIDATION_ERROR for JSON nested deeper than the limit, before it is parsed", async () => {
    const depth = limits.jsonMaxDepth;
    const within = "[".repeat(depth) + "]".repeat(depth);
    expect((await send({ method: "POST", url: "/echo", payload: within, headers: json })).status).toBe(200);
    const deep = await send({
      method: "POST",
      url: "/echo",
      payload: "[".repeat(depth + 1) + "]".repeat(depth + 1),
      headers: json,
    });
    expectError({ response: deep, code: "VALIDATION_ERROR", status: 400 });
    expect(nestsDeeperThan({ text: `{"a":"${"[".repeat(depth + 1)}"}`, maxDepth: depth })).toBe(false);
    expect(nestsDeeperThan({ text: '"\\\\"' + "[".repeat(depth + 1), maxDepth: depth })).toBe(true);
  });

  it("413 PAYLOAD_TOO_LARGE for a body over the limit", async () => {
    const response = await send({
      method: "POST",
      url: "/echo",
      payload: JSON.stringify("x".repeat(limits.bodyLimit)),
      headers: json,
    });
    expectError({ response, code: "PAYLOAD_TOO_LARGE", status: 413 });
  });

  it("415 UNSUPPORTED_MEDIA_TYPE for a media type without a parser", async () => {
    const response = await send({
      method: "POST",
      url: "/echo",
      payload: "x",
      headers: { "content-type": "text/x-unknown" },
    });
    expectError({ response, code: "UNSUPPORTED_MEDIA_TYPE", status: 415 });
  });
});

describe("the error handler", () => {
  it("answers API errors as thrown, 5xx ones logged", async () => {
    const conflict = await send({ method: "GET", url: "/throw/api-4xx" });
    expectError({ response: conflict, code: "CONFLICT", status: 409 });
    expect(field({ value: field({ value: conflict.body, name: "error" }), name: "details" })).toEqual([
      { field: "f", message: "m" },
    ]);
    expectError({
      response: await send({ method: "GET", url: "/throw/api-5xx" }),
      code: "INTERNAL_ERROR",
      status: 500,
    });
    expect(logLines.join("")).toContain("database unreachable");
  });

  it("answers the framework's 4xx by status with a message of its own; anything else is 500 with a generic message", async () => {
    const forbidden = await send({ method: "GET", url: "/throw/status-403" });
    expectError({ response: forbidden, code: "FORBIDDEN", status: 403 });
    const teapot = await send({ method: "GET", url: "/throw/status-418" });
    expectError({ response: teapot, code: "VALIDATION_ERROR", status: 400 });
    const internal = await send({ method: "GET", url: "/throw/plain" });
    expectError({ response: internal, code: "INTERNAL_ERROR", status: 500 });
    for (const response of [forbidden, teapot, internal]) expect(response.text).not.toContain(secret);
  });

  it("answers schema validation of routes you add with one detail per problem", async () => {
    const response = await send({
      method: "POST",
      url: "/schema",
      payload: '{"name":"n","a/b~c":[1,"x"]}',
      headers: json,
    });
    expectError({ response, code: "VALIDATION_ERROR", status: 400 });
    const details = field({ value: field({ value: response.body, name: "error" }), name: "details" });
    expect(details).toEqual([{ field: "a/b~c[1]", message: expect.any(String) }]);
    const missing = await send({ method: "POST", url: "/schema", payload: "{}", headers: json });
    expect(field({ value: field({ value: missing.body, name: "error" }), name: "details" })).toEqual([
      { field: "name", message: "is required" },
    ]);
  });

  it("names fields by their path and the whole part by its name", () => {
    const issues = [
      { keyword: "type", instancePath: "/a~1b~0c/0", params: {}, message: "must be integer" },
      { keyword: "type", instancePath: "", params: {} },
      { keyword: "additionalProperties", instancePath: "/items/2", params: { additionalProperty: "extra" } },
      { keyword: "required", instancePath: "", params: { missingProperty: "name" }, message: "must have name" },
      { field: "", message: "must be object" },
      { field: "items[2].price", message: "must be number" },
    ];
    expect(validationDetails({ issues, context: "querystring" })).toEqual([
      { field: "a/b~c[0]", message: "must be integer" },
      { field: "query", message: "is invalid" },
      { field: "items[2].extra", message: "is not allowed" },
      { field: "name", message: "is required" },
      { field: "query", message: "must be object" },
      { field: "items[2].price", message: "must be number" },
    ]);
    expect(validationDetails({ issues: [{ field: "", message: "m" }], context: undefined })).toEqual([
      { field: "body", message: "m" },
    ]);
    expect(validationDetails({ issues: [{ field: "", message: "m" }], context: "cookies" })).toEqual([
      { field: "cookies", message: "m" },
    ]);
  });

  it("maps the framework's errors by code, then by status", () => {
    expect(frameworkAnswer({ code: "FST_ERR_CTP_INVALID_MEDIA_TYPE" })).toMatchObject({
      status: 415,
      code: "UNSUPPORTED_MEDIA_TYPE",
    });
    expect(frameworkAnswer({ code: "FST_ERR_OTHER", statusCode: 431 })).toMatchObject({
      status: 431,
      code: "REQUEST_HEADER_FIELDS_TOO_LARGE",
    });
    expect(frameworkAnswer({})).toMatchObject({ status: 400, code: "VALIDATION_ERROR" });
  });
});

describe("Node's HTTP parser", () => {
  it("431 REQUEST_HEADER_FIELDS_TOO_LARGE for headers over the limit, in the error format", async () => {
    const answer = await rawRequest(
      `GET /items/1 HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(limits.maxHeaderSize)}\r\n\r\n`,
    );
    const { status, body } = parseRaw(answer);
    expect(status).toBe(431);
    expect(field({ value: field({ value: body, name: "error" }), name: "code" })).toBe(
      "REQUEST_HEADER_FIELDS_TOO_LARGE",
    );
  });

  it("400 VALIDATION_ERROR for bytes that are not HTTP, without quoting them", async () => {
    const answer = await rawRequest(`NOT HTTP ${secret}\r\n\r\n`);
    const { status, body } = parseRaw(answer);
    expect(status).toBe(400);
    expect(field({ value: field({ value: body, name: "error" }), name: "code" })).toBe("VALIDATION_ERROR");
    expect(answer).not.toContain(secret);
  });

  it("limits the time a request and its headers may take (0: none), a silent connection and an idle keep-alive", () => {
    expect(limitOptions({ ...defaultLimits, requestTimeout: 0 }).http).toMatchObject({
      requestTimeout: 0,
      headersTimeout: defaultLimits.headersTimeout,
    });
    expect(limitOptions({ ...defaultLimits, requestTimeout: 200 }).http).toMatchObject({
      headersTimeout: 200,
      connectionsCheckingInterval: 100,
    });
    expect(limitOptions({ ...defaultLimits, connectionTimeout: 5000, keepAliveTimeout: 7000 })).toMatchObject({
      connectionTimeout: 5000,
      keepAliveTimeout: 7000,
    });
  });
});

describe("logs", () => {
  it("redact credentials and secret query parameters", async () => {
    // Secret headers a client can send (an HTTP token, not one that frames the request).
    const sendable = secretHeaders.filter((name) => /^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name) && !framing.has(name));
    const headers: Record<string, string> = Object.fromEntries(sendable.map((name) => [name, secret]));
    const before = logLines.length;
    const query = [...secretQueryParameters].map((name) => `${encodeURIComponent(name)}=${secret}`).join("&");
    expect((await send({ method: "GET", url: `/headers?${query}`, headers })).status).toBe(200);
    const logged = logLines.slice(before).join("");
    expect(logged).toContain("headers seen");
    expect(logged).toContain(redacted);
    expect(logged).not.toContain(secret);
  });

  it("keep the caller's own redaction paths and no logger stays no logger", () => {
    expect(redactingLogger(undefined)).toBe(false);
    expect(redactingLogger(false)).toBe(false);
    const loggers: FastifyServerOptions["logger"][] = [true, { redact: ["a.b"] }, { redact: { paths: ["a.b"] } }];
    for (const logger of loggers) {
      const options = redactingLogger(logger);
      const redact = typeof options === "object" ? options.redact : undefined;
      const paths = redact === undefined || Array.isArray(redact) ? [] : redact.paths;
      expect(paths).toEqual(
        expect.arrayContaining(logger === true ? ['headers["authorization"]'] : ["a.b", 'headers["authorization"]']),
      );
    }
  });
});

describe("the route table", () => {
  // A table of one route on an app of its own: a handler name this project may not have, hence the casts.
  const handler = "echoThing" as keyof Handlers;
  const said = "sayThing" as keyof Handlers;
  const seen: unknown[] = [];
  let table: FastifyInstance;
  beforeAll(async () => {
    table = Fastify({ exposeHeadRoutes: false });
    table.setErrorHandler(errorHandler);
    const echo = async ({ request }: { request: unknown }) => {
      seen.push(request);
      return { status: 200, body: { ok: true } };
    };
    const say = async ({ request }: { request: { params: { status: number } } }) => ({
      status: request.params.status,
      body: 'a "quoted" word',
    });
    registerRoutes({
      app: table,
      routes: [
        {
          operationId: "echoThing",
          method: "GET",
          url: "/things/:p0/:id",
          handler,
          parameters: [
            {
              name: "__proto__",
              in: "path",
              style: "simple",
              explode: false,
              required: true,
              schema: { type: "integer" },
            },
            {
              name: "id",
              in: "path",
              style: "label",
              explode: false,
              required: true,
              schema: { type: "array", items: { type: "integer" } },
            },
          ],
          pathKeys: [["__proto__", "p0"]],
        },
        // A string answer: documented as JSON for 200 (sent as a JSON string), undocumented for 203 (sent as text).
        {
          operationId: "sayThing",
          method: "GET",
          url: "/said/:status",
          handler: said,
          parameters: [
            {
              name: "status",
              in: "path",
              style: "simple",
              explode: false,
              required: true,
              schema: { type: "integer" },
            },
          ],
          response: { "200": { type: "string" } },
        },
      ],
      // Keys spelled out: with one operation, `keyof Handlers` is one name and `[handler]`, `[said]` would be the same key.
      handlers: { echoThing: echo, sayThing: say } as unknown as Handlers,
      verifiers: {} as SecurityVerifiers,
      access: {},
      context: (request) => ({ logger: request.log, ip: request.ip, auth: {} }) as unknown as HandlerContext,
    });
    await table.ready();
  });
  afterAll(() => table.close());

  it("reads path parameters (plain and styled) and hands them to the handler under their documented names", async () => {
    const response = await table.inject({ method: "GET", url: "/things/7/.1,2?x=1" });
    expect(response.statusCode).toBe(200);
    const request = seen.at(-1) as { params: Record<string, unknown>; query: unknown; body: unknown };
    expect(Object.keys(request.params)).toEqual(["__proto__", "id"]);
    expect(Object.getOwnPropertyDescriptor(request.params, "__proto__")?.value).toBe(7);
    expect(request.params.id).toEqual([1, 2]);
    // No query parameter is documented: the handler sees none of the query string.
    expect(request.query).toEqual({});
    expect(request.body).toBeUndefined();
  });

  it("sends a string documented as JSON as a JSON string, and an undocumented one as text", async () => {
    const json = await table.inject({ method: "GET", url: "/said/200" });
    expect(json.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(json.json()).toBe('a "quoted" word');
    const text = await table.inject({ method: "GET", url: "/said/203" });
    expect(text.statusCode).toBe(203);
    expect(text.headers["content-type"]).toMatch(/^text\/plain/);
    expect(text.body).toBe('a "quoted" word');
  });

  it("answers unreadable path parameters 400 VALIDATION_ERROR naming each, before the handler runs", async () => {
    const before = seen.length;
    const response = await table.inject({ method: "GET", url: "/things/x/1" });
    expectError({
      response: { status: response.statusCode, body: response.json(), headers: response.headers },
      status: 400,
      code: "VALIDATION_ERROR",
    });
    expect(fieldsOf(response.json())).toEqual(["__proto__", "id"]);
    expect(seen.length).toBe(before);
  });
});
