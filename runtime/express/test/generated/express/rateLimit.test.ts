import type { Server } from "node:http";
import { createServer, type AddressInfo } from "node:net";
import express, { type RequestHandler } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorHandler } from "../../../src/generated/express/errorHandler.js";
import { silentLogger } from "../../../src/generated/express/logger.js";
import { rateLimits, type LimitedRoute } from "../../../src/generated/express/rateLimit.js";
import { requireSecurity } from "../../../src/generated/express/security.js";
import { defaultRateLimitSettings, type RateLimitSettings } from "../../../src/generated/runtime/rateLimit.js";
import type { SecurityVerifier } from "../../../src/generated/security/types.js";
import { expectError } from "../support/assertions.js";

// src/generated/express/rateLimit.ts on a small app of its own: the global limit shared by routes, a route's own
// limit by address, API key and principal, the credential routes' limit, 429 in the error format with its headers
// (those @fastify/rate-limit sends: no RateLimit-Policy).

const settings: RateLimitSettings = { ...defaultRateLimitSettings, max: 3, windowMs: 60_000, credentialsMax: 1 };
let server: Server;
let origin: string;

/** A verifier letting anyone in as the subject named by the `x-user` header. */
const asUser: SecurityVerifier = async ({ request }) => ({
  ok: true,
  principal: { subject: String(request.headers["x-user"]) },
});

beforeAll(async () => {
  const app = express();
  const { limiter } = rateLimits({ settings, warn: () => undefined });
  const route = ({ url, limited, secured = false }: { url: string; limited: LimitedRoute; secured?: boolean }) => {
    const limit = limiter(limited);
    const chain: RequestHandler[] = limit === undefined ? [] : [limit];
    // As the route table places it: a principal-keyed limit after security.
    if (secured)
      chain.unshift(requireSecurity({ requirements: [[{ scheme: "user", scopes: [] }]], verifiers: { user: asUser } }));
    app.get(url, ...chain, (_req, res) => {
      res.json({ ok: true });
    });
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
  app.use(errorHandler(silentLogger));
  server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${origin}${url}`, { headers });
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: (await response.json()) as unknown,
  };
}

describe("rateLimits", () => {
  it("counts every route without a limit of its own under the one global limit, then answers 429", async () => {
    const answers = [await get("/a"), await get("/b"), await get("/a")];
    expect(answers.map((a) => [a.status, a.headers["ratelimit-limit"], a.headers["ratelimit-remaining"]])).toEqual([
      [200, "3", "2"],
      [200, "3", "1"],
      [200, "3", "0"],
    ]);
    expect(answers[0]?.headers["ratelimit-policy"]).toBeUndefined();
    const refused = await get("/b");
    expectError({ response: refused, code: "TOO_MANY_REQUESTS", status: 429 });
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(60);
    expect(refused.headers["ratelimit-remaining"]).toBe("0");
    expect(refused.headers["ratelimit-policy"]).toBeUndefined();
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

  it("with RATE_LIMIT_MAX=0 gives routes without a limit of their own no middleware", () => {
    const { limiter, close } = rateLimits({ settings: { ...settings, max: 0 }, warn: () => undefined });
    expect(limiter({ operationId: "a" })).toBeUndefined();
    expect(limiter({ operationId: "b", rateLimit: { max: 1, windowMs: 1_000, key: "ip" } })).toBeDefined();
    close();
  });

  it("fails open while Redis is unreachable: requests pass uncounted, with a warning", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const warnings: string[] = [];
    const { limiter, close } = rateLimits({
      settings: { ...settings, max: 1, redisUrl: `redis://127.0.0.1:${port}` },
      warn: (message) => warnings.push(message),
    });
    const app = express();
    const limit = limiter({ operationId: "a" });
    app.get("/a", ...(limit === undefined ? [] : [limit]), (_req, res) => {
      res.json({ ok: true });
    });
    app.use(errorHandler(silentLogger));
    const down = app.listen(0, "127.0.0.1");
    await new Promise<void>((resolve) => down.once("listening", resolve));
    try {
      const url = `http://127.0.0.1:${(down.address() as AddressInfo).port}/a`;
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(url)).status);
      expect(statuses).toEqual([200, 200, 200]);
      expect(warnings.some((w) => w.includes("Redis is unreachable"))).toBe(true);
    } finally {
      close();
      await new Promise<void>((resolve) => down.close(() => resolve()));
    }
  });
});
