import { connect, type Socket } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { bookstoreServers } from "./helpers/bookstoreServers.js";
import type { RunningServer } from "./helpers/startServer.js";

/**
 * Server operations of the generated bookstore, started from outside as `node dist/server.js` with settings in the
 * environment, on every target: transport timeouts, trusted proxies, graceful shutdown, HTTP caching, metrics.
 */

const targets = [
  { target: "fastify", offset: 0 },
  { target: "express", offset: 10 },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw connection to `url`: what it received so far, and when the server closed it. */
interface RawConnection {
  socket: Socket;
  received: () => string;
  closed: Promise<number>;
}

async function rawConnection(url: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port) });
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  let received = "";
  socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
  socket.on("error", () => undefined);
  const closed = new Promise<number>((resolve) => socket.on("close", () => resolve(performance.now())));
  return { socket, received: () => received, closed };
}

/** The head of a POST of a JSON body of `length` bytes to `path`. */
function postHead({ path, length, id }: { path: string; length: number; id: string }): string {
  return [
    `POST ${path} HTTP/1.1`,
    "Host: 127.0.0.1",
    "Content-Type: application/json",
    `Content-Length: ${length}`,
    `x-request-id: ${id}`,
    "",
    "",
  ].join("\r\n");
}

describe.each(targets)("bookstore server operations ($target)", ({ target, offset }) => {
  const { serve, release } = bookstoreServers({ name: "bookstore-operations", target, databaseFile: "operations.db", portBase: 47_000, offset });
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve({ LOG_LEVEL: "info" });
  }, 60_000);

  it("cuts off a body sent one byte at a time when REQUEST_TIMEOUT passes, answering 408", async () => {
    const slow = await serve({ REQUEST_TIMEOUT: "1000" });
    const connection = await rawConnection(slow.url);
    const started = performance.now();
    connection.socket.write(postHead({ path: "/api/v1/authors", length: 1000, id: "slow-body" }));
    const dripping = setInterval(() => connection.socket.writable && connection.socket.write("{"), 100);
    const closedAt = await Promise.race([connection.closed, sleep(8000).then(() => Number.NaN)]);
    clearInterval(dripping);
    connection.socket.destroy();
    // Closed by the server after the second it allowed (checked every 250 ms), long before 1000 bytes at 10 a second.
    expect(closedAt - started).toBeGreaterThanOrEqual(900);
    expect(closedAt - started).toBeLessThan(5000);
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(connection.received()).toContain('"code":"REQUEST_TIMEOUT"');
  });

  it("logs the connection's address by default, X-Forwarded-For's only from a proxy TRUST_PROXY names", async () => {
    const forwarded = { "x-forwarded-for": "203.0.113.9" };
    await fetch(`${server.url}/api/v1/books`, { headers: { ...forwarded, "x-request-id": "trust-off" } });
    const trusting = await serve({ LOG_LEVEL: "info", TRUST_PROXY: "127.0.0.1/32,::1" });
    await fetch(`${trusting.url}/api/v1/books`, { headers: { ...forwarded, "x-request-id": "trust-on" } });
    const lineOf = async (running: RunningServer, id: string) => {
      for (let wait = 0; wait < 50 && !running.output().includes(id); wait++) await sleep(20);
      return (
        running
          .output()
          .split("\n")
          .find((line) => line.includes(id)) ?? ""
      );
    };
    const untrusted = await lineOf(server, "trust-off");
    expect(untrusted).toMatch(/127\.0\.0\.1/);
    expect(untrusted).not.toContain("203.0.113.9");
    expect(await lineOf(trusting, "trust-on")).toContain("203.0.113.9");
    const oneHop = await serve({ LOG_LEVEL: "info", TRUST_PROXY: "1" });
    await fetch(`${oneHop.url}/api/v1/books`, { headers: { ...forwarded, "x-request-id": "trust-hop" } });
    expect(await lineOf(oneHop, "trust-hop")).toContain("203.0.113.9");
    await expect(serve({ TRUST_PROXY: "proxy.internal" })).rejects.toThrow(
      /TRUST_PROXY: "proxy\.internal" is not an address/,
    );
  });

  it("on SIGTERM stops accepting, answers the request under way, disconnects and exits 0", async () => {
    const stopping = await serve();
    release(stopping);
    const body = JSON.stringify({ name: "Drained Author", email: "drained@example.com" });
    const connection = await rawConnection(stopping.url);
    connection.socket.write(postHead({ path: "/api/v1/authors", length: Buffer.byteLength(body), id: "drained" }));
    connection.socket.write(body.slice(0, 10));
    await sleep(200);
    const exited = stopping.stop();
    await sleep(500);
    // No longer accepting: a new connection is refused.
    await expect(fetch(`${stopping.url}/healthz`)).rejects.toThrow();
    connection.socket.write(body.slice(10));
    await connection.closed;
    expect(connection.received()).toMatch(/^HTTP\/1\.1 201 /);
    expect(connection.received()).toContain('"name":"Drained Author"');
    expect(await exited, stopping.output()).toBe(0);
  });

  it("closes a request still under way when SHUTDOWN_TIMEOUT passes, and exits 0", async () => {
    const stopping = await serve({ SHUTDOWN_TIMEOUT: "500", LOG_LEVEL: "warn" });
    release(stopping);
    const connection = await rawConnection(stopping.url);
    connection.socket.write(postHead({ path: "/api/v1/authors", length: 100, id: "cut-off" }));
    connection.socket.write("{");
    await sleep(200);
    const started = performance.now();
    const code = await stopping.stop();
    expect(code, stopping.output()).toBe(0);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(connection.received()).toBe("");
    expect(stopping.output()).toContain("SHUTDOWN_TIMEOUT (500 ms)");
  });

  it("tags 200 JSON answers to GET with a strong ETag and answers a matching If-None-Match 304 without a body", async () => {
    const first = await fetch(`${server.url}/api/v1/books`, { headers: { "accept-encoding": "identity" } });
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    await first.arrayBuffer();
    const again = await fetch(`${server.url}/api/v1/books`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const listed = await fetch(`${server.url}/api/v1/books`, { headers: { "if-none-match": `"other", W/${etag}` } });
    expect(listed.status).toBe(304);
    const other = await fetch(`${server.url}/api/v1/books`, { headers: { "if-none-match": '"other"' } });
    expect(other.status).toBe(200);
    await other.arrayBuffer();
    // A compressed answer carries the same tag (of the uncompressed body).
    const gzip = await fetch(`${server.url}/openapi.json`, { headers: { "accept-encoding": "gzip" } });
    const plain = await fetch(`${server.url}/openapi.json`, { headers: { "accept-encoding": "identity" } });
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    expect(gzip.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(gzip.headers.get("etag")).toBe(plain.headers.get("etag"));
    await Promise.all([gzip.arrayBuffer(), plain.arrayBuffer()]);
    // Not on other methods, nor on errors: a POST with a matching If-None-Match is served.
    const created = await fetch(`${server.url}/api/v1/tags`, {
      method: "POST",
      headers: { "content-type": "application/json", "if-none-match": "*" },
      body: JSON.stringify({ name: `etag-${target}` }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("etag")).toBeNull();
    await created.arrayBuffer();
    const missing = await fetch(`${server.url}/api/v1/books/999999`, { headers: { "if-none-match": "*" } });
    expect([missing.status, missing.headers.get("etag")]).toEqual([404, null]);
    await missing.arrayBuffer();
    // A changed resource has a new tag: the old one no longer matches.
    const tags = await fetch(`${server.url}/api/v1/tags`);
    const tagsEtag = tags.headers.get("etag") ?? "";
    await tags.arrayBuffer();
    await (
      await fetch(`${server.url}/api/v1/tags`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: `etag-2-${target}` }),
      })
    ).arrayBuffer();
    const changed = await fetch(`${server.url}/api/v1/tags`, { headers: { "if-none-match": tagsEtag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(tagsEtag);
    await changed.arrayBuffer();
  });

  it("sends Cache-Control from x-vx-cache-control, no-store on secured operations, none otherwise", async () => {
    const tags = await fetch(`${server.url}/api/v1/tags`);
    expect(tags.headers.get("cache-control")).toBe("public, max-age=60");
    await tags.arrayBuffer();
    const books = await fetch(`${server.url}/api/v1/books`);
    expect(books.headers.get("cache-control")).toBeNull();
    await books.arrayBuffer();
    // A secured operation (authMe, bearer): no-store on its answer; refused, no caching header of its own.
    const json = { "content-type": "application/json" };
    const account = {
      email: `cache-${target}@example.com`,
      password: "correct horse battery staple",
      displayName: "C",
    };
    const registered = await fetch(`${server.url}/api/v1/auth/register`, {
      method: "POST",
      headers: json,
      body: JSON.stringify(account),
    });
    expect(registered.status, await registered.text()).toBe(201);
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ email: account.email, password: account.password }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const me = await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect([me.status, me.headers.get("cache-control")]).toEqual([200, "no-store"]);
    await me.arrayBuffer();
    const refused = await fetch(`${server.url}/api/v1/auth/me`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("cache-control") ?? "").not.toMatch(/public|max-age/);
    await refused.arrayBuffer();
  });

  it("serves Prometheus metrics counting requests per operation and status, outside the document and the request log", async () => {
    /** The value of `http_requests_total` for one operation and status (0 when absent). */
    const count = (text: string, operation: string, status: number) => {
      const line = text
        .split("\n")
        .find((entry) =>
          entry.startsWith(`http_requests_total{operation="${operation}",method="GET",status="${status}"}`),
        );
      return line === undefined ? 0 : Number(line.split(" ").pop());
    };
    const before = await (await fetch(`${server.url}/metrics`)).text();
    for (let i = 0; i < 3; i++) await (await fetch(`${server.url}/api/v1/tags`)).arrayBuffer();
    await (await fetch(`${server.url}/api/v1/books/999999`)).arrayBuffer();
    await (await fetch(`${server.url}/api/v1/books/999999?x=${"a".repeat(10)}`)).arrayBuffer();
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(count(text, "listTags", 200) - count(before, "listTags", 200)).toBe(3);
    expect(count(text, "getBook", 404) - count(before, "getBook", 404)).toBe(2);
    expect(text).toMatch(
      /^http_request_duration_seconds_bucket\{le="0\.5",operation="listTags",method="GET",status="200"\} \d+$/m,
    );
    expect(text).toContain("nodejs_eventloop_lag_seconds");
    expect(text).toContain("process_cpu_user_seconds_total");
    // Labelled by operation, never by URL; the probes and the metrics route itself are not counted.
    expect(text).not.toMatch(/="[^"]*(\/|999999)[^"]*"/);
    expect(text).not.toMatch(/operation="(healthz|readyz|metrics)?"/);
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths).filter((path) => path.includes("metrics"))).toEqual([]);
    await sleep(200);
    expect(server.output()).not.toMatch(/\/metrics/);
  });

  it("reads METRICS_TOKEN as a bearer token, turns metrics off with METRICS=off and in production without a token", async () => {
    const token = "metrics-token-0123456789";
    const guarded = await serve({ METRICS_TOKEN: token, NODE_ENV: "production" });
    const refused = await fetch(`${guarded.url}/metrics`);
    expect([refused.status, refused.headers.get("www-authenticate")]).toEqual([401, 'Bearer realm="metrics"']);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("UNAUTHORIZED");
    const wrong = await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${token}x` } });
    expect(wrong.status).toBe(401);
    await wrong.arrayBuffer();
    const read = await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(read.status).toBe(200);
    expect(await read.text()).toContain("http_requests_total");
    const off = await serve({ METRICS: "off" });
    expect((await fetch(`${off.url}/metrics`)).status).toBe(404);
    const production = await serve({ NODE_ENV: "production" });
    expect((await fetch(`${production.url}/metrics`)).status).toBe(404);
    await expect(serve({ METRICS_TOKEN: "short" })).rejects.toThrow(/METRICS_TOKEN: at least 16 printable characters/);
  });
});
