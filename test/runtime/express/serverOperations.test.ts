import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorHandler } from "../../../runtime/express/src/generated/express/errorHandler.js";
import { createHttpServer } from "../../../runtime/express/src/generated/express/httpServer.js";
import { silentLogger } from "../../../runtime/express/src/generated/express/logger.js";
import { metricsRouter } from "../../../runtime/express/src/generated/express/metrics.js";
import {
  tableRouter,
  type RouteDefinition,
  type RouterDeps,
} from "../../../runtime/express/src/generated/express/routeTable.js";
import { ResponseProjectors } from "../../../runtime/express/src/generated/express/serializer.js";
import type { HandlerContext } from "../../../runtime/shared/src/generated/runtime/context.js";
import { defaultLimits } from "../../../runtime/stubs/src/generated/runtime/limits.js";
import { createRequestMetrics } from "../../../runtime/shared/src/generated/runtime/metrics.js";
import type { SecurityVerifiers } from "../../../runtime/stubs/src/generated/security/types.js";
import type { Handlers } from "../../../runtime/stubs/src/generated/types/operations.js";

// runtime/express: ETag and 304 and Cache-Control (routeSupport.ts), metrics (metrics.ts). /openapi.json's tag (docs.ts,
// which reads the generated document) is checked end to end (test/targets/serverOperations.e2e.test.ts).

const token = "metrics-token-0123456789";
const big = { items: Array.from({ length: 200 }, (_, id) => ({ id, name: `item ${id}` })) };
const routes: RouteDefinition[] = [
  {
    operationId: "listThings",
    method: "GET",
    url: "/things",
    handler: "listThings" as keyof Handlers,
    cacheControl: "public, max-age=60",
  },
  {
    operationId: "getThing",
    method: "GET",
    url: "/missing",
    handler: "getThing" as keyof Handlers,
    cacheControl: "public, max-age=60",
  },
  {
    operationId: "createThing",
    method: "POST",
    url: "/things",
    handler: "createThing" as keyof Handlers,
    cacheControl: "no-store",
  },
  {
    operationId: "ownHeader",
    method: "GET",
    url: "/own",
    handler: "ownHeader" as keyof Handlers,
    cacheControl: "no-store",
  },
];
const handlers = {
  listThings: async () => ({ status: 200, body: big }),
  getThing: async () => ({ status: 404, body: { error: "none" } }),
  createThing: async () => ({ status: 201, body: { id: 1 } }),
  ownHeader: async () => ({ status: 200, body: { id: 1 }, headers: { "cache-control": "private" } }),
};
const metrics = createRequestMetrics();
let server: Server;
let origin: string;

beforeAll(async () => {
  const deps: RouterDeps = {
    handlers: handlers as unknown as Handlers,
    verifiers: {} as SecurityVerifiers,
    access: {},
    projectors: new ResponseProjectors({}),
    limits: defaultLimits,
    // What routeSupport reads of the context itself (the audit actor): the address and the verifiers' results.
    context: () => ({ ip: "127.0.0.1", auth: {} }) as unknown as HandlerContext,
    metrics,
  };
  const app = express();
  // As createApp: no ETag of Express's own (weak, on every answer).
  app.set("etag", false);
  app.use(compression({ threshold: 1024 }));
  app.use(metricsRouter({ path: "/metrics", metrics, token }));
  app.use(tableRouter({ routes, deps }));
  app.use(errorHandler(silentLogger));
  server = createHttpServer({ app, limits: defaultLimits });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function get(url: string, headers: Record<string, string> = {}, method = "GET") {
  const response = await fetch(origin + url, { method, headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe("ETag", () => {
  it("tags a 200 JSON answer to GET and answers a matching If-None-Match 304 without a body, compressed or not", async () => {
    const first = await get("/things", { "accept-encoding": "identity" });
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    const gzip = await get("/things", { "accept-encoding": "gzip" });
    expect(gzip.headers.get("etag")).toBe(etag);
    // fetch adds Cache-Control: no-cache to conditional requests: still 304 (not express's own freshness check).
    for (const header of [etag, `W/${etag}`, `"x", ${etag}`, "*"]) {
      const again = await get("/things", { "if-none-match": header });
      expect([again.status, again.text], header).toEqual([304, ""]);
      expect(again.headers.get("cache-control")).toBe("public, max-age=60");
    }
    expect((await get("/things", { "if-none-match": '"x"' })).status).toBe(200);
  });

  it("tags nothing else: other methods, other statuses", async () => {
    const created = await get("/things", { "if-none-match": "*" }, "POST");
    expect([created.status, created.headers.get("etag")]).toEqual([201, null]);
    const missing = await get("/missing", { "if-none-match": "*" });
    expect([missing.status, missing.headers.get("etag")]).toEqual([404, null]);
  });
});

describe("Cache-Control", () => {
  it("is the route's on 2xx answers, not on others, and the handler's own wins", async () => {
    expect((await get("/things")).headers.get("cache-control")).toBe("public, max-age=60");
    expect((await get("/things", {}, "POST")).headers.get("cache-control")).toBe("no-store");
    expect((await get("/missing")).headers.get("cache-control")).toBeNull();
    expect((await get("/own")).headers.get("cache-control")).toBe("private");
  });
});

describe("metrics", () => {
  it("count the operations' answers by operationId and status, read with the bearer token only", async () => {
    await get("/things");
    await get("/missing");
    await get("/nowhere");
    const refused = await get("/metrics");
    expect([refused.status, refused.headers.get("www-authenticate")]).toEqual([401, 'Bearer realm="metrics"']);
    expect(JSON.parse(refused.text)).toMatchObject({ error: { code: "UNAUTHORIZED" } });
    const read = await get("/metrics", { authorization: `Bearer ${token}` });
    expect(read.status).toBe(200);
    expect(read.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(read.text).toMatch(/^http_requests_total\{operation="listThings",method="GET",status="200"\} [1-9]\d*$/m);
    expect(read.text).toMatch(/^http_requests_total\{operation="getThing",method="GET",status="404"\} [1-9]\d*$/m);
    expect(read.text).not.toContain("nowhere");
  });
});
