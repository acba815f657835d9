import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorHandler, frameworkAnswer } from "../../../src/generated/express/errorHandler.js";
import { createHttpServer } from "../../../src/generated/express/httpServer.js";
import { bodyParsers, nestsDeeperThan, parseJsonBody } from "../../../src/generated/express/jsonBody.js";
import { jsonLogger, logLevel, requestLog } from "../../../src/generated/express/logger.js";
import { requestId } from "../../../src/generated/express/requestId.js";
import { secretQueryParameters } from "../../../src/generated/runtime/secrets.js";
import { negotiation } from "../../../src/generated/express/negotiation.js";
import { notFound } from "../../../src/generated/express/notFound.js";
import { tableRouter, type RouteDefinition } from "../../../src/generated/express/routeTable.js";
import { requireSecurity } from "../../../src/generated/express/security.js";
import { ResponseProjectors, responseSchemaOf, type Json } from "../../../src/generated/express/serializer.js";
import { ApiError } from "../../../src/generated/runtime/errors.js";
import type { HandlerContext } from "../../../src/generated/runtime/context.js";
import { defaultLimits, type Limits } from "../../../src/generated/runtime/limits.js";
import type { SecurityVerifiers } from "../../../src/generated/security/types.js";
import type { Handlers } from "../../../src/generated/types/operations.js";
import { expectError } from "../support/assertions.js";

// The framework pieces of src/generated/express on a small app of their own, with small limits: every failure Express
// and Node raise answers the one error format, with a message that never quotes the request.

const limits: Limits = { ...defaultLimits, bodyLimit: 256, jsonMaxDepth: 4, maxHeaderSize: 1024 };

/**
 * A route table as the route modules write one, with what none of this project's operations may have: a path
 * parameter the router cannot name (`file-id`, router key `p0`), no validators, no response schema.
 */
const table: RouteDefinition[] = [
  {
    operationId: "readFile",
    method: "GET",
    url: "/files/:p0",
    handler: "readFile" as string as keyof Handlers,
    parameters: [
      { name: "file-id", in: "path", style: "simple", explode: false, required: true, schema: { type: "string" } },
    ],
    pathKeys: [["file-id", "p0"]],
  },
];
const tableHandlers = {
  readFile: async ({ request }: { request: { params: Record<string, unknown> } }) => ({
    status: 200,
    body: `file ${String(request.params["file-id"])}`,
  }),
};
const tableDeps = {
  handlers: tableHandlers as unknown as Handlers,
  verifiers: {} as SecurityVerifiers,
  access: {},
  projectors: new ResponseProjectors({}),
  limits,
  // What routeSupport reads of the context itself (the audit actor): the address and the verifiers' results.
  context: () => ({ ip: "127.0.0.1", auth: {} }) as unknown as HandlerContext,
};
const marker = "vx-echo-marker";
const logged: string[] = [];
let server: Server;
let origin: string;

beforeAll(async () => {
  const app = express();
  app.set("strict routing", true);
  const logger = jsonLogger({ level: "info", destination: { write: (line: string) => void logged.push(line) } });
  app.use(requestId());
  app.use(requestLog(logger));
  app.post(
    "/echo",
    negotiation({ consumes: ["application/json", "application/merge-patch+json"], produces: ["application/json"] }),
    ...bodyParsers({ bodyLimit: limits.bodyLimit, maxDepth: limits.jsonMaxDepth }),
    (req, res) => {
      res.json({ received: req.body as unknown });
    },
  );
  app.get("/items/:id", (req, res) => {
    res.json({ id: req.params.id });
  });
  app.get("/api-error", () => {
    throw new ApiError({ code: "CONFLICT", message: "taken", details: [{ field: "name", message: "is taken" }] });
  });
  app.get("/failure", () => {
    throw new ApiError({ code: "INTERNAL_ERROR", message: "broken" });
  });
  app.get("/crash", async () => {
    throw new Error(`crashed with ${marker}`);
  });
  app.get("/teapot", () => {
    throw Object.assign(new Error(`no ${marker}`), { status: 418 });
  });
  const deny = async () => ({ ok: false as const, forbidden: true });
  app.get(
    "/secured",
    requireSecurity({ requirements: [[{ scheme: "key", scopes: [] }]], verifiers: { key: deny } }),
    (_req, res) => {
      res.end();
    },
  );
  app.use("/table", tableRouter({ routes: table, deps: tableDeps }));
  app.use(notFound({ basePath: "", paths: [{ path: "/items/{id}", methods: ["GET"] }] }));
  app.use(errorHandler(logger));
  server = createHttpServer({ app, limits });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function call(input: { method?: string; url: string; body?: string; headers?: Record<string, string> }) {
  const response = await fetch(origin + input.url, {
    method: input.method ?? "GET",
    ...(input.body === undefined ? {} : { body: input.body }),
    ...(input.headers ? { headers: input.headers } : {}),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body, headers: Object.fromEntries(response.headers), text };
}

/** Raw bytes to the server (what fetch refuses to send), the answer's text. */
function raw(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect((server.address() as AddressInfo).port, "127.0.0.1", () => socket.write(bytes));
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString("utf8")));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}

const json = { "content-type": "application/json" };

describe("routing", () => {
  it("404 NOT_FOUND at a path without routes, without quoting it", async () => {
    const response = await call({ url: `/nothing-${marker}` });
    expectError({ response, code: "NOT_FOUND", status: 404 });
    expect(response.text).not.toContain(marker);
  });

  it("405 METHOD_NOT_ALLOWED with Allow at a path with routes for other methods", async () => {
    const response = await call({ method: "DELETE", url: "/items/1" });
    expectError({ response, code: "METHOD_NOT_ALLOWED", status: 405 });
    expect(response.headers["allow"]).toBe("GET");
  });

  it("hands a route table's handler its path parameters under their documented names, its text as sent", async () => {
    const response = await call({ url: "/table/files/a%20b" });
    expect([response.status, response.text, response.headers["content-type"]]).toEqual([
      200,
      "file a b",
      "text/plain; charset=utf-8",
    ]);
  });

  it("400 VALIDATION_ERROR for a path parameter that is not validly percent-encoded", async () => {
    const response = await call({ url: "/items/%E0%A4%A" });
    expectError({ response, code: "VALIDATION_ERROR", status: 400 });
  });
});

describe("JSON bodies", () => {
  it("parses application/json and application/*+json", async () => {
    expect((await call({ method: "POST", url: "/echo", body: '{"a":[1]}', headers: json })).body).toEqual({
      received: { a: [1] },
    });
    const patch = await call({
      method: "POST",
      url: "/echo",
      body: '"text"',
      headers: { "content-type": "application/merge-patch+json" },
    });
    expect(patch.body).toEqual({ received: "text" });
  });

  it("400 VALIDATION_ERROR for malformed JSON, __proto__ and an empty body, without quoting them", async () => {
    for (const body of [`{"${marker}": `, `{"a":{"__proto__":{"x":1}}}`, `{"constructor":{"prototype":{"x":1}}}`, ""]) {
      const response = await call({ method: "POST", url: "/echo", body, headers: json });
      expectError({ response, code: "VALIDATION_ERROR", status: 400 });
      expect(response.text).not.toContain(marker);
    }
  });

  it("400 VALIDATION_ERROR for JSON nested deeper than the limit, before it is parsed", async () => {
    const response = await call({ method: "POST", url: "/echo", body: "[[[[[1]]]]]", headers: json });
    expectError({ response, code: "VALIDATION_ERROR", status: 400 });
    expect(nestsDeeperThan({ text: '["[[[[[", [[1]]]', maxDepth: 3 })).toBe(false);
    expect(() => parseJsonBody({ text: "[[[[[]]]]]", maxDepth: 4 })).toThrow(ApiError);
  });

  it("413 PAYLOAD_TOO_LARGE for a body over the limit", async () => {
    const response = await call({
      method: "POST",
      url: "/echo",
      body: JSON.stringify({ [marker]: "x".repeat(limits.bodyLimit) }),
      headers: json,
    });
    expectError({ response, code: "PAYLOAD_TOO_LARGE", status: 413 });
    expect(response.text).not.toContain(marker);
  });

  it("415 UNSUPPORTED_MEDIA_TYPE for an undocumented media type; 406 NOT_ACCEPTABLE for an Accept nothing satisfies", async () => {
    expectError({
      response: await call({ method: "POST", url: "/echo", body: "x", headers: { "content-type": "text/plain" } }),
      code: "UNSUPPORTED_MEDIA_TYPE",
      status: 415,
    });
    expectError({
      response: await call({
        method: "POST",
        url: "/echo",
        body: "{}",
        headers: { ...json, accept: "image/png, application/json;q=0" },
      }),
      code: "NOT_ACCEPTABLE",
      status: 406,
    });
    expect(
      (await call({ method: "POST", url: "/echo", body: "{}", headers: { ...json, accept: "application/*" } })).status,
    ).toBe(200);
  });
});

describe("the error handler", () => {
  it("answers API errors as thrown, 5xx ones logged", async () => {
    const conflict = await call({ url: "/api-error" });
    expectError({ response: conflict, code: "CONFLICT", status: 409 });
    expect(conflict.body).toMatchObject({ error: { details: [{ field: "name", message: "is taken" }] } });
    expectError({ response: await call({ url: "/failure" }), code: "INTERNAL_ERROR", status: 500 });
    expect(logged.some((line) => line.includes("broken"))).toBe(true);
  });

  it("answers other 4xx by status with a message of its own; anything else is 500 with a generic message", async () => {
    const teapot = await call({ url: "/teapot" });
    expectError({ response: teapot, code: "VALIDATION_ERROR", status: 400 });
    expect(teapot.text).not.toContain(marker);
    const crash = await call({ url: "/crash" });
    expectError({ response: crash, code: "INTERNAL_ERROR", status: 500 });
    expect(crash.text).not.toContain(marker);
  });

  it("maps the parsers' errors by type, then by status", () => {
    expect(frameworkAnswer({ type: "entity.too.large", status: 413 }).code).toBe("PAYLOAD_TOO_LARGE");
    expect(frameworkAnswer({ type: "charset.unsupported", status: 415 }).code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(frameworkAnswer({ status: 404 }).code).toBe("NOT_FOUND");
    expect(frameworkAnswer({}).code).toBe("VALIDATION_ERROR");
  });

  it("answers 403 FORBIDDEN when a verifier knows the caller but denies", async () => {
    expectError({ response: await call({ url: "/secured" }), code: "FORBIDDEN", status: 403 });
  });
});

describe("Node's HTTP parser", () => {
  it("431 REQUEST_HEADER_FIELDS_TOO_LARGE for headers over the limit, in the error format", async () => {
    const answer = await raw(`GET /items/1 HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(2048)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431/);
    expect(answer).toContain('"code":"REQUEST_HEADER_FIELDS_TOO_LARGE"');
  });

  it("400 VALIDATION_ERROR for bytes that are not HTTP, without quoting them", async () => {
    const answer = await raw(`${marker} \u0000\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).not.toContain(marker);
  });
});

describe("responses", () => {
  const defs: Readonly<Record<string, Json>> = {
    Pet: {
      type: "object",
      properties: {
        id: { type: "integer" },
        owner: { $ref: "vx-response.json#/$defs/Owner" },
        tags: { type: "array", items: { $ref: "vx-response.json#/$defs/Tag" } },
      },
      additionalProperties: false,
    },
    Owner: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
    Tag: {
      allOf: [
        { type: "object", properties: { label: { type: "string" } } },
        { type: "object", properties: { weight: { type: "number" } } },
      ],
    },
    Free: { type: "object" },
    Map: { type: "object", additionalProperties: { $ref: "vx-response.json#/$defs/Owner" } },
    Node: {
      type: "object",
      properties: {
        value: { type: "integer" },
        next: { anyOf: [{ $ref: "vx-response.json#/$defs/Node" }, { type: "null" }] },
      },
    },
  };
  const projectors = new ResponseProjectors(defs);
  const of = (name: string) => projectors.projector({ $ref: `vx-response.json#/$defs/${name}` });

  it("send only documented properties, through references, arrays and allOf", () => {
    const pet = {
      id: 1,
      secret: "x",
      owner: { name: "a", passwordHash: "h" },
      tags: [{ label: "l", weight: 2, internal: true }],
    };
    expect(JSON.parse(JSON.stringify(of("Pet")(pet)))).toEqual({
      id: 1,
      owner: { name: "a" },
      tags: [{ label: "l", weight: 2 }],
    });
  });

  it("keep free-form objects whole, project additionalProperties and recursive schemas", () => {
    expect(of("Free")({ any: { thing: 1 } })).toEqual({ any: { thing: 1 } });
    expect(JSON.parse(JSON.stringify(of("Map")({ a: { name: "n", extra: 1 } })))).toEqual({ a: { name: "n" } });
    const list = { value: 1, hidden: 0, next: { value: 2, hidden: 0, next: null } };
    expect(JSON.parse(JSON.stringify(of("Node")(list)))).toEqual({ value: 1, next: { value: 2, next: null } });
  });

  it("find the schema of a status: exact, then its range, then default", () => {
    const responses = { "200": { type: "string" }, "4xx": { type: "integer" }, default: { type: "boolean" } };
    expect(responseSchemaOf({ responses, status: 200 })).toEqual({ type: "string" });
    expect(responseSchemaOf({ responses, status: 404 })).toEqual({ type: "integer" });
    expect(responseSchemaOf({ responses, status: 500 })).toEqual({ type: "boolean" });
  });
});

describe("logs", () => {
  /** The parsed JSON line of the request `id`, once written (at the latest a moment after the answer arrived). */
  async function lineOf(id: string): Promise<Record<string, unknown> | undefined> {
    const find = () =>
      logged.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.reqId === id);
    for (let wait = 0; wait < 50 && find() === undefined; wait++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    return find();
  }

  it("have a JSON line per request (pino's, with a Fastify project's fields), secret query parameters redacted", async () => {
    const secret = [...secretQueryParameters][0];
    await call({ url: `/items/7?${secret ?? "token"}=s3cret-value&page=2`, headers: { "x-request-id": "trace-7.1" } });
    const line = await lineOf("trace-7.1");
    expect(line).toMatchObject({
      level: 30,
      msg: "request completed",
      req: {
        method: "GET",
        url: expect.stringMatching(/^\/items\/7\?/) as unknown,
        remoteAddress: expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$/) as unknown,
      },
      res: { statusCode: 200 },
      responseTime: expect.any(Number) as unknown,
    });
    expect(typeof line?.time).toBe("number");
    if (secret !== undefined) expect(JSON.stringify(line)).not.toContain("s3cret-value");
  });

  it("write from the configured level up, every logged object redacted; an unknown LOG_LEVEL is info", () => {
    expect(logLevel("warn")).toBe("warn");
    expect(logLevel("verbose")).toBe("info");
    const lines: string[] = [];
    const logger = jsonLogger({ level: "warn", destination: { write: (line: string) => void lines.push(line) } });
    logger.info("a");
    logger.warn("b");
    logger.error({ authorization: "Bearer s3cret", nested: { Cookie: "session=s3cret" } }, "c");
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.map((line) => [line.level, line.msg])).toEqual([
      [40, "b"],
      [50, "c"],
    ]);
    expect(parsed[1]).toMatchObject({ authorization: "[REDACTED]", nested: { Cookie: "[REDACTED]" } });
  });
});
