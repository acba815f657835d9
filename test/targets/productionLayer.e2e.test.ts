import { createServer, type AddressInfo } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { bookstoreServers } from "./helpers/bookstoreServers.js";
import type { RunningServer } from "./helpers/startServer.js";

/**
 * The production layer of the generated bookstore, started from outside as `node dist/server.js` with settings in the
 * environment, on every target: health and readiness probes, request ids, security headers, CORS, rate limits and
 * compression.
 */

const redisUrl = process.env.VX_TEST_REDIS_URL;
if (redisUrl === undefined) console.log("production layer e2e: /readyz with a reachable Redis is skipped, VX_TEST_REDIS_URL is not set");

const targets = [
  { target: "fastify", offset: 0 },
  { target: "express", offset: 10 },
];

describe.each(targets)("bookstore production layer ($target)", ({ target, offset }) => {
  const { serve } = bookstoreServers({ name: "bookstore-production", target, databaseFile: "production.db", portBase: 45_000, offset });
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve({ LOG_LEVEL: "info" });
  }, 60_000);

  it("answers /healthz and /readyz at the root, outside the OpenAPI document, without a request log line", async () => {
    const live = await fetch(`${server.url}/healthz`);
    expect([live.status, await live.json()]).toEqual([200, { status: "ok" }]);
    const ready = await fetch(`${server.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: "ready" }]);
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths).filter((path) => /healthz|readyz/.test(path))).toEqual([]);
    // A request that is logged, then the log is read: no line names the probes.
    await fetch(`${server.url}/api/v1/books`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.output()).toMatch(/\/api\/v1\/books/);
    expect(server.output()).not.toMatch(/healthz|readyz/);
  });

  it("answers /readyz 503 naming the database when the database cannot be reached, /healthz still 200", async () => {
    const down = await serve({ DATABASE_URL: "file:./no-such-directory/bookstore.db" });
    const ready = await fetch(`${down.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([503, { status: "unavailable", failing: ["database"] }]);
    expect((await fetch(`${down.url}/healthz`)).status).toBe(200);
  });

  it("answers /readyz 503 naming Redis when REDIS_URL points at a closed port, within the 2 s budget", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port: nobody } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = await serve({ REDIS_URL: `redis://:hunter2@127.0.0.1:${nobody}` });
    expect((await fetch(`${down.url}/healthz`)).status).toBe(200);
    const started = Date.now();
    const ready = await fetch(`${down.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([503, { status: "unavailable", failing: ["redis"] }]);
    // The check gives up at 2 s (a refused connection fails sooner); the rest is a busy machine's slack.
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it.skipIf(redisUrl === undefined)("answers /readyz 200 with a reachable Redis (VX_TEST_REDIS_URL), probe after probe", async () => {
    const up = await serve({ REDIS_URL: redisUrl ?? "" });
    for (let probe = 0; probe < 3; probe++) {
      const ready = await fetch(`${up.url}/readyz`);
      expect([ready.status, await ready.json()]).toEqual([200, { status: "ready" }]);
    }
  });

  it("echoes a sane x-request-id, replaces another with a UUID, and logs the request with its id", async () => {
    const echoed = await fetch(`${server.url}/api/v1/books`, { headers: { "x-request-id": "trace-42.a:b_c" } });
    expect(echoed.headers.get("x-request-id")).toBe("trace-42.a:b_c");
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const made = await fetch(`${server.url}/api/v1/books`);
    expect(made.headers.get("x-request-id")).toMatch(uuid);
    const unsafe = await fetch(`${server.url}/api/v1/books`, { headers: { "x-request-id": "a b<script>" } });
    expect(unsafe.headers.get("x-request-id")).toMatch(uuid);
    const tooLong = await fetch(`${server.url}/api/v1/books`, { headers: { "x-request-id": "x".repeat(129) } });
    expect(tooLong.headers.get("x-request-id")).toMatch(uuid);
    // Errors carry it too.
    const missing = await fetch(`${server.url}/api/v1/no-such-path`, { headers: { "x-request-id": "trace-404" } });
    expect([missing.status, missing.headers.get("x-request-id")]).toEqual([404, "trace-404"]);
    for (let wait = 0; wait < 50 && !server.output().includes("trace-42.a:b_c"); wait++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.output()).toContain("trace-42.a:b_c");
    expect(server.output()).not.toContain("<script>");
  });

  it("sends security headers on API answers and on /docs, whose page loads only what the policy allows", async () => {
    const books = await fetch(`${server.url}/api/v1/books`);
    expect(books.headers.get("x-content-type-options")).toBe("nosniff");
    expect(books.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect(books.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    const policy = books.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain("upgrade-insecure-requests");
    expect(books.headers.get("x-powered-by")).toBeNull();
    const docs = await fetch(`${server.url}/docs/`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get("content-security-policy")).toBe(policy);
    const page = await docs.text();
    // Every script the page loads is the API's own (script-src 'self'), none inline (no 'unsafe-inline' for scripts).
    const scripts = [...page.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      const src = /src="([^"]+)"/.exec(attributes ?? "")?.[1];
      expect(src, attributes).toBeDefined();
      expect(src).not.toMatch(/^(https?:)?\/\//);
      expect(body?.trim()).toBe("");
      const script = await fetch(new URL(src ?? "", `${server.url}/docs/`));
      expect([src, script.status]).toEqual([src, 200]);
    }
  });

  it("answers CORS for a configured origin only, turns /docs off in production unless DOCS=on", async () => {
    const origin = "https://app.example.com";
    const cors = await serve({ CORS_ORIGINS: `${origin},http://localhost:5173`, NODE_ENV: "production" });
    const preflight = (from: string, url = cors.url) =>
      fetch(`${url}/api/v1/books`, {
        method: "OPTIONS",
        headers: {
          origin: from,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      });
    const allowed = await preflight(origin);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(origin);
    expect(allowed.headers.get("access-control-allow-methods")).toContain("POST");
    expect(allowed.headers.get("access-control-allow-credentials")).toBeNull();
    const other = await preflight("https://evil.example.com");
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    // Answered as by a server without CORS.
    expect(other.status).toBe((await preflight("https://evil.example.com", server.url)).status);
    const simple = await fetch(`${cors.url}/api/v1/books`, { headers: { origin } });
    expect(simple.headers.get("access-control-allow-origin")).toBe(origin);
    expect(simple.headers.get("access-control-expose-headers")).toContain("x-request-id");
    expect(
      (await fetch(`${cors.url}/api/v1/books`, { headers: { origin: "https://evil.example.com" } })).headers.get(
        "access-control-allow-origin",
      ),
    ).toBeNull();
    // An unknown path is still 404, not a 405 because of the preflight route.
    expect((await fetch(`${cors.url}/api/v1/no-such-path`)).status).toBe(404);
    // Without CORS_ORIGINS (the main server): no CORS headers at all.
    const none = await fetch(`${server.url}/api/v1/books`, { headers: { origin } });
    expect(none.headers.get("access-control-allow-origin")).toBeNull();
    // NODE_ENV=production: no /docs, the document still served; DOCS=on brings /docs back.
    expect((await fetch(`${cors.url}/docs/`)).status).toBe(404);
    expect((await fetch(`${cors.url}/openapi.json`)).status).toBe(200);
    const docsOn = await serve({ NODE_ENV: "production", DOCS: "on" });
    expect((await fetch(`${docsOn.url}/docs/`)).status).toBe(200);
  });

  it("refuses to start with CORS_CREDENTIALS=true and CORS_ORIGINS=*, or a malformed origin, naming the variable", async () => {
    await expect(serve({ CORS_ORIGINS: "*", CORS_CREDENTIALS: "true" })).rejects.toThrow(
      /CORS_CREDENTIALS=true with CORS_ORIGINS=\*/,
    );
    await expect(serve({ CORS_ORIGINS: "https://app.example.com/" })).rejects.toThrow(
      /CORS_ORIGINS: "https:\/\/app\.example\.com\/" is not an origin/,
    );
  });

  it("compresses answers from 1 KiB up when asked with Accept-Encoding, and not otherwise", async () => {
    const gzip = await fetch(`${server.url}/openapi.json`, { headers: { "accept-encoding": "gzip" } });
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    expect(((await gzip.json()) as { openapi: string }).openapi).toMatch(/^3\./);
    const plain = await fetch(`${server.url}/openapi.json`, { headers: { "accept-encoding": "identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(((await plain.json()) as { openapi: string }).openapi).toMatch(/^3\./);
    // Below the threshold: as it is, even when asked.
    const small = await fetch(`${server.url}/healthz`, { headers: { "accept-encoding": "gzip" } });
    expect(small.headers.get("content-encoding")).toBeNull();
    expect(await small.json()).toEqual({ status: "ok" });
  });
});
