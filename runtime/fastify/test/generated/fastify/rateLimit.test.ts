import { createServer, type AddressInfo } from "node:net";
import { Writable } from "node:stream";
import Fastify, { type FastifyInstance } from "fastify";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorHandler } from "../../../src/generated/fastify/errorHandler.js";
import { redisStore, registerRateLimit, type LimitedRoute } from "../../../src/generated/fastify/rateLimit.js";
import { requireSecurity } from "../../../src/generated/fastify/security.js";
import { defaultRateLimitSettings, type RateLimitSettings } from "../../../src/generated/runtime/rateLimit.js";
import type { SecurityVerifier, SecurityVerifiers } from "../../../src/generated/security/types.js";
import { expectError } from "../support/assertions.js";

// src/generated/fastify/rateLimit.ts on a small app of its own: the global limit shared by routes, a route's own
// limit by address, API key and principal, the credential routes' limit, 429 in the error format with its headers.

const settings: RateLimitSettings = { ...defaultRateLimitSettings, max: 3, windowMs: 60_000, credentialsMax: 1 };
let app: FastifyInstance;

/** A verifier letting anyone in as the subject named by the `x-user` header. */
const asUser: SecurityVerifier = async ({ request }) => ({
  ok: true,
  principal: { subject: String(request.headers["x-user"]) },
});

beforeAll(async () => {
  app = Fastify();
  app.setErrorHandler(errorHandler);
  const { limiter } = await registerRateLimit({ app, settings });
  const route = ({ url, limited, secured = false }: { url: string; limited: LimitedRoute; secured?: boolean }) => {
    const hook = limiter(limited);
    // A scheme of the test's own, whatever the spec's schemes are.
    const verifiers = { user: asUser } as unknown as SecurityVerifiers;
    const security = requireSecurity({ requirements: [[{ scheme: "user", scopes: [] }]], verifiers });
    const hooks = [...(hook === undefined ? [] : [hook]), ...(secured ? [security] : [])];
    // As the route table places it: a principal-keyed limit after security.
    if (secured) hooks.reverse();
    app.get(url, { onRequest: hooks }, async () => ({ ok: true }));
  };
  route({ url: "/a", limited: { operationId: "a" } });
  route({ url: "/b", limited: { operationId: "b" } });
  route({ url: "/login", limited: { operationId: "login", rateLimit: "credentials" } });
  route({
    url: "/keyed",
    limited: {
      operationId: "keyed",
      rateLimit: { max: 1, windowMs: 60_000, key: "apiKey", apiKeys: [{ in: "header", name: "X-Key" }] },
    },
  });
  route({
    url: "/mine",
    limited: { operationId: "mine", rateLimit: { max: 1, windowMs: 1_000, key: "principal" } },
    secured: true,
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await app.inject({ method: "GET", url, headers });
  return { status: response.statusCode, headers: response.headers, body: JSON.parse(response.body) as unknown };
}

describe("registerRateLimit", () => {
  it("counts every route without a limit of its own under the one global limit, then answers 429", async () => {
    const answers = [await get("/a"), await get("/b"), await get("/a")];
    expect(answers.map((a) => [a.status, a.headers["ratelimit-limit"], a.headers["ratelimit-remaining"]])).toEqual([
      [200, "3", "2"],
      [200, "3", "1"],
      [200, "3", "0"],
    ]);
    const refused = await get("/b");
    expectError({ response: refused, code: "TOO_MANY_REQUESTS", status: 429 });
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(60);
    expect(refused.headers["ratelimit-remaining"]).toBe("0");
    expect(Number(refused.headers["ratelimit-reset"])).toBeLessThanOrEqual(60);
  });

  it("gives the credential routes their own stricter counter", async () => {
    expect((await get("/login")).status).toBe(200);
    const refused = await get("/login");
    expectError({ response: refused, code: "TOO_MANY_REQUESTS", status: 429 });
    expect(refused.headers["ratelimit-limit"]).toBe("1");
  });

  it("counts a key: apiKey limit per API key, a request without one by address", async () => {
    expect((await get("/keyed", { "x-key": "key-one" })).status).toBe(200);
    expect((await get("/keyed", { "x-key": "key-one" })).status).toBe(429);
    expect((await get("/keyed", { "x-key": "key-two" })).status).toBe(200);
    expect((await get("/keyed")).status).toBe(200);
    expect((await get("/keyed")).status).toBe(429);
  });

  it("counts a key: principal limit per authenticated caller, and resets after the window", async () => {
    expect((await get("/mine", { "x-user": "alice" })).status).toBe(200);
    expect((await get("/mine", { "x-user": "alice" })).status).toBe(429);
    expect((await get("/mine", { "x-user": "bob" })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await get("/mine", { "x-user": "alice" })).status).toBe(200);
  });

  it("with RATE_LIMIT_MAX=0 gives routes without a limit of their own no hook", async () => {
    const other = Fastify();
    const { limiter } = await registerRateLimit({ app: other, settings: { ...settings, max: 0 } });
    expect(limiter({ operationId: "a" })).toBeUndefined();
    expect(limiter({ operationId: "b", rateLimit: { max: 1, windowMs: 1_000, key: "ip" } })).toBeDefined();
    await other.close();
  });
});

describe("registerRateLimit with Redis unreachable", () => {
  it("fails open: requests pass uncounted, with a warning in the log", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString("utf8"));
        done();
      },
    });
    const down = Fastify({ logger: { level: "warn", stream } });
    down.setErrorHandler(errorHandler);
    const { limiter } = await registerRateLimit({
      app: down,
      settings: { ...settings, max: 1, redisUrl: `redis://127.0.0.1:${port}` },
    });
    const hook = limiter({ operationId: "a" });
    down.get("/a", { onRequest: hook === undefined ? [] : [hook] }, async () => ({ ok: true }));
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await down.inject({ method: "GET", url: "/a" })).statusCode);
      expect(statuses).toEqual([200, 200, 200]);
      expect(lines.join("")).toContain("Redis is unreachable");
    } finally {
      await down.close();
    }
  });
});

const redisUrl = process.env["VX_TEST_REDIS_URL"];
if (redisUrl === undefined) console.log("redisStore tests skipped: VX_TEST_REDIS_URL is not set (no Redis to test)");

describe.skipIf(redisUrl === undefined)("redisStore", () => {
  it("counts a key's requests in Redis under the prefix, expiring with the window", async () => {
    const redis = new Redis(redisUrl ?? "");
    const prefix = `vx-test:${process.pid}:${Date.now()}:`;
    try {
      const Store = redisStore({ redis, prefix, warn: () => undefined });
      const store = new Store({}).child({} as never);
      const incr = () =>
        new Promise<{ current: number; ttl: number } | undefined>((resolve, reject) =>
          store.incr("global:ip:10.0.0.1", (error, result) => (error ? reject(error) : resolve(result)), 5_000, 10),
        );
      expect((await incr())?.current).toBe(1);
      const second = await incr();
      expect(second?.current).toBe(2);
      expect(second?.ttl).toBeGreaterThan(0);
      expect(second?.ttl).toBeLessThanOrEqual(5_000);
      expect(await redis.get(`${prefix}global:ip:10.0.0.1`)).toBe("2");
    } finally {
      redis.disconnect();
    }
  });
});
