import compress from "@fastify/compress";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorHandler } from "../../../runtime/fastify/src/generated/fastify/errorHandler.js";
import { registerEtag } from "../../../runtime/fastify/src/generated/fastify/etag.js";
import { registerMetrics } from "../../../runtime/fastify/src/generated/fastify/metrics.js";
import { sendResult } from "../../../runtime/fastify/src/generated/fastify/sendResult.js";
import { createRequestMetrics } from "../../../runtime/shared/src/generated/runtime/metrics.js";

// runtime/fastify: ETag and 304 (etag.ts), Cache-Control of a route (sendResult), metrics (metrics.ts) on a real app.

const token = "metrics-token-0123456789";
const big = { items: Array.from({ length: 200 }, (_, id) => ({ id, name: `item ${id}` })) };
let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  app.setErrorHandler(errorHandler);
  registerEtag(app);
  await app.register(compress, { global: true, threshold: 1024 });
  registerMetrics({ app, path: "/metrics", metrics: createRequestMetrics(), token });
  const config = (operationId: string) => ({ config: { operationId } });
  app.get("/things", config("listThings"), async (_request, reply) =>
    sendResult({ reply, result: { status: 200, body: big }, cacheControl: "public, max-age=60" }),
  );
  app.get("/missing", config("getThing"), async (_request, reply) =>
    sendResult({ reply, result: { status: 404, body: { error: "none" } }, cacheControl: "public, max-age=60" }),
  );
  app.post("/things", config("createThing"), async (_request, reply) =>
    sendResult({ reply, result: { status: 201, body: { id: 1 } }, cacheControl: "no-store" }),
  );
  app.get("/own", config("ownHeader"), async (_request, reply) =>
    sendResult({
      reply,
      result: { status: 200, body: { id: 1 }, headers: { "cache-control": "private" } },
      cacheControl: "no-store",
    }),
  );
  app.get("/text", async (_request, reply) => reply.type("text/plain").send("plain"));
});

afterAll(async () => {
  await app.close();
});

describe("ETag", () => {
  it("tags a 200 JSON answer to GET and answers a matching If-None-Match 304 without a body, compressed or not", async () => {
    const first = await app.inject({ method: "GET", url: "/things" });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    const gzip = await app.inject({ method: "GET", url: "/things", headers: { "accept-encoding": "gzip" } });
    expect([gzip.headers["content-encoding"], gzip.headers.etag]).toEqual(["gzip", etag]);
    for (const header of [etag, `W/${etag}`, `"x", ${etag}`, "*"]) {
      const again = await app.inject({ method: "GET", url: "/things", headers: { "if-none-match": header } });
      expect([again.statusCode, again.body], header).toEqual([304, ""]);
    }
    const other = await app.inject({ method: "GET", url: "/things", headers: { "if-none-match": '"x"' } });
    expect(other.statusCode).toBe(200);
  });

  it("tags nothing else: other methods, other statuses, other media types", async () => {
    const created = await app.inject({ method: "POST", url: "/things", headers: { "if-none-match": "*" } });
    expect([created.statusCode, created.headers.etag]).toEqual([201, undefined]);
    const missing = await app.inject({ method: "GET", url: "/missing", headers: { "if-none-match": "*" } });
    expect([missing.statusCode, missing.headers.etag]).toEqual([404, undefined]);
    const text = await app.inject({ method: "GET", url: "/text", headers: { "if-none-match": "*" } });
    expect([text.statusCode, text.headers.etag]).toEqual([200, undefined]);
  });
});

describe("Cache-Control", () => {
  it("is the route's on 2xx answers, not on others, and the handler's own wins", async () => {
    expect((await app.inject({ method: "GET", url: "/things" })).headers["cache-control"]).toBe("public, max-age=60");
    expect((await app.inject({ method: "POST", url: "/things" })).headers["cache-control"]).toBe("no-store");
    expect((await app.inject({ method: "GET", url: "/missing" })).headers["cache-control"]).toBeUndefined();
    expect((await app.inject({ method: "GET", url: "/own" })).headers["cache-control"]).toBe("private");
  });
});

describe("metrics", () => {
  it("count the operations' answers by operationId and status, read with the bearer token only", async () => {
    await app.inject({ method: "GET", url: "/things" });
    await app.inject({ method: "GET", url: "/missing" });
    await app.inject({ method: "GET", url: "/text" });
    const refused = await app.inject({ method: "GET", url: "/metrics" });
    expect([refused.statusCode, refused.headers["www-authenticate"]]).toEqual([401, 'Bearer realm="metrics"']);
    expect((refused.json() as { error: { code: string } }).error.code).toBe("UNAUTHORIZED");
    const read = await app.inject({ method: "GET", url: "/metrics", headers: { authorization: `Bearer ${token}` } });
    expect(read.statusCode).toBe(200);
    expect(read.headers["content-type"]).toMatch(/^text\/plain/);
    expect(read.body).toMatch(/^http_requests_total\{operation="listThings",method="GET",status="200"\} [1-9]\d*$/m);
    expect(read.body).toMatch(/^http_requests_total\{operation="getThing",method="GET",status="404"\} [1-9]\d*$/m);
    // Routes without an operation (here /text, and /metrics itself) are not counted.
    expect(read.body).not.toMatch(/operation="(text|metrics)?"/);
  });
});
