import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorHandler } from "../../../runtime/fastify/src/generated/fastify/errorHandler.js";
import { negotiation } from "../../../runtime/fastify/src/generated/fastify/negotiation.js";
import { expectError } from "../../../runtime/shared/test/generated/support/assertions.js";

// runtime/fastify/fastify/negotiation.ts: 415 and 406 from what each operation documents, before the body is read.

let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  app.setErrorHandler(errorHandler);
  app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));
  // Each route's hook is made from what its operation documents (the route table's consumes and produces).
  app.post("/things", { preParsing: negotiation({ consumes: ["application/json", "application/merge-patch+json"], produces: ["application/json"] }) }, async () => ({ ok: true }));
  app.post("/text", { preParsing: negotiation({ consumes: ["text/*"] }) }, async () => ({ ok: true }));
  app.get("/report", { preParsing: negotiation({ produces: ["text/csv", "application/json"] }) }, async () => ({ ok: true }));
  app.post("/yours", async () => ({ ok: true }));
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

async function send({ method = "POST", url, headers, payload }: { method?: "GET" | "POST"; url: string; headers: Record<string, string>; payload?: string }) {
  const response = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  return { status: response.statusCode, body: response.json() as unknown, headers: response.headers };
}

describe("negotiation", () => {
  it("accepts a body of a documented media type, whatever its case and parameters", async () => {
    for (const type of ["application/json", "Application/JSON; charset=utf-8", "application/merge-patch+json"]) {
      expect((await send({ url: "/things", headers: { "content-type": type }, payload: "{}" })).status, type).toBe(200);
    }
    expect((await send({ url: "/text", headers: { "content-type": "text/csv" }, payload: "a,b" })).status).toBe(200);
  });

  it("answers 415 for an undocumented media type, or a body without one", async () => {
    expectError({ response: await send({ url: "/things", headers: { "content-type": "text/plain" }, payload: "{}" }), code: "UNSUPPORTED_MEDIA_TYPE", status: 415 });
    expectError({ response: await send({ url: "/text", headers: { "content-type": "application/json" }, payload: "{}" }), code: "UNSUPPORTED_MEDIA_TYPE", status: 415 });
    expectError({ response: await send({ url: "/things", headers: { "content-length": "2" }, payload: "{}" }), code: "UNSUPPORTED_MEDIA_TYPE", status: 415 });
  });

  it("answers 406 when no documented response type is acceptable, honouring wildcards and q=0", async () => {
    const report = (accept: string) => send({ method: "GET", url: "/report", headers: { accept } });
    for (const accept of ["text/csv", "text/*", "*/*", "application/json;q=0.5, text/html", "  "]) expect((await report(accept)).status, accept).toBe(200);
    for (const accept of ["text/html", "image/*", "text/csv;q=0, application/json; q=0.0"]) {
      expectError({ response: await report(accept), code: "NOT_ACCEPTABLE", status: 406 });
    }
  });

  it("leaves routes without the hook alone", async () => {
    expect((await send({ url: "/yours", headers: { "content-type": "text/plain", accept: "image/png" }, payload: "x" })).status).toBe(200);
  });
});
