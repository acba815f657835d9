import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendResult, type HandlerResult } from "../../../runtime/fastify/src/generated/fastify/sendResult.js";

// runtime/fastify/fastify/sendResult.ts: a handler's result on the wire, through the route's response schema.

const results: Record<string, HandlerResult> = {
  created: { status: 201, body: { id: 7, name: "n", internal: "never sent" }, headers: { location: "/things/7", "x-count": 3, "x-absent": undefined } },
  empty: { status: 204 },
  list: { status: 200, body: [{ id: 1, name: "a", internal: "x" }] },
  // A string documented as JSON (202's range schema), and one with no schema (203): only the first is JSON.
  token: { status: 202, body: 'a "quoted" token' },
  text: { status: 203, body: "plain words" },
};

let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  const response = {
    201: { type: "object", properties: { id: { type: "integer" }, name: { type: "string" } } },
    200: { type: "array", items: { type: "object", properties: { id: { type: "integer" }, name: { type: "string" } } } },
    "2xx": { type: "string" },
  };
  // 203 is in the 2xx range too: this route documents 201 and 200 only.
  const narrow = { 201: response[201], 200: response[200] };
  app.get<{ Params: { kind: string } }>("/:kind", { schema: { response } }, async (request, reply) => {
    const result = results[request.params.kind];
    if (result === undefined) throw new Error("unknown case");
    return sendResult({ reply, result, response: request.params.kind === "text" ? narrow : response });
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

describe("sendResult", () => {
  it("sends the status, the headers given (as strings) and only the documented fields of the body", async () => {
    const response = await app.inject({ method: "GET", url: "/created" });
    expect(response.statusCode).toBe(201);
    expect(response.headers["location"]).toBe("/things/7");
    expect(response.headers["x-count"]).toBe("3");
    expect(response.headers).not.toHaveProperty("x-absent");
    expect(response.json()).toEqual({ id: 7, name: "n" });
    expect(response.body).not.toContain("never sent");
  });

  it("sends no body when the result has none", async () => {
    const response = await app.inject({ method: "GET", url: "/empty" });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe("");
    expect(response.headers["content-length"]).toBeUndefined();
  });

  it("serializes arrays by the status's schema, as JSON", async () => {
    const response = await app.inject({ method: "GET", url: "/list" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(response.json()).toEqual([{ id: 1, name: "a" }]);
  });

  it("sends a string documented as JSON as a JSON string, and an undocumented one as text", async () => {
    const token = await app.inject({ method: "GET", url: "/token" });
    expect(token.statusCode).toBe(202);
    expect(token.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(token.json()).toBe('a "quoted" token');
    const text = await app.inject({ method: "GET", url: "/text" });
    expect(text.statusCode).toBe(203);
    expect(text.headers["content-type"]).toMatch(/^text\/plain/);
    expect(text.body).toBe("plain words");
  });
});
