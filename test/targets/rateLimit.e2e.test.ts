import { randomUUID } from "node:crypto";
import { createServer, type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { bookstoreServers } from "./helpers/bookstoreServers.js";
import type { RunningServer } from "./helpers/startServer.js";

/**
 * Rate limits of the generated bookstore, started from outside as `node dist/server.js` with settings in the
 * environment, on every target: 429 in the error format with `Retry-After` and `RateLimit-*` headers after the global
 * limit, reset after the window, the probes and docs never limited, `x-vx-rate-limit` on getStats (30 a minute)
 * stricter than the global limit, the login route's stricter default (10 a minute), and counters shared by two
 * instances through Redis (VX_TEST_REDIS_URL; skipped with a printed reason without it).
 */

const redisUrl = process.env["VX_TEST_REDIS_URL"];
if (redisUrl === undefined) console.log("rate limit e2e: the Redis test is skipped, VX_TEST_REDIS_URL is not set (no Redis to share counters through)");

const targets = [
  { target: "fastify", offset: 0 },
  { target: "express", offset: 10 },
];

interface ErrorAnswer {
  error: { code: string; message: string; details: unknown[]; timestamp: string };
}

/** `count` requests made one after the other, their answers in order. */
async function requests({ count, send }: { count: number; send: () => Promise<Response> }): Promise<Response[]> {
  const answers: Response[] = [];
  for (let i = 0; i < count; i++) {
    const answer = await send();
    await answer.arrayBuffer();
    answers.push(answer);
  }
  return answers;
}

/** What a 429 must carry: the error format, Retry-After within the window, the RateLimit headers. */
async function expectTooMany({ answer, limit, windowSeconds }: { answer: Response; limit: number; windowSeconds: number }): Promise<void> {
  expect(answer.status).toBe(429);
  const retryAfter = Number(answer.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(answer.headers.get("ratelimit-limit")).toBe(String(limit));
  expect(answer.headers.get("ratelimit-remaining")).toBe("0");
  expect(Number(answer.headers.get("ratelimit-reset"))).toBeLessThanOrEqual(windowSeconds);
  expect(answer.headers.get("ratelimit-policy")).toBeNull();
  const body = (await answer.json()) as ErrorAnswer;
  expect(body.error.code).toBe("TOO_MANY_REQUESTS");
  expect(body.error.details).toEqual([]);
  expect(body.error.message).toMatch(/too many requests/);
  expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
}

describe.each(targets)("bookstore rate limits ($target)", ({ target, offset }) => {
  const { serve } = bookstoreServers({ name: "bookstore-ratelimit", target, databaseFile: "ratelimit.db", portBase: 25_000, offset });

  it("answers 429 after RATE_LIMIT_MAX per RATE_LIMIT_WINDOW on every route, never on probes and docs, then resets", async () => {
    // A window of 5 s: a 2 s one could pass between two of the three requests on a loaded machine (CI counted 2, 2, 1).
    const server = await serve({ RATE_LIMIT_MAX: "3", RATE_LIMIT_WINDOW: "5s" });
    const books = () => fetch(`${server.url}/api/v1/books`);
    const counted = await requests({ count: 3, send: books });
    expect(counted.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(counted.map((a) => a.headers.get("ratelimit-remaining"))).toEqual(["2", "1", "0"]);
    expect(counted.map((a) => a.headers.get("ratelimit-limit"))).toEqual(["3", "3", "3"]);
    await expectTooMany({ answer: await books(), limit: 3, windowSeconds: 5 });
    // One global counter per client across routes.
    await expectTooMany({ answer: await fetch(`${server.url}/api/v1/tags`), limit: 3, windowSeconds: 5 });
    for (const path of ["/healthz", "/readyz", "/openapi.json", "/docs/"]) {
      const answer = await fetch(`${server.url}${path}`);
      expect([path, answer.status, answer.headers.get("ratelimit-limit")]).toEqual([path, 200, null]);
      await answer.arrayBuffer();
    }
    await new Promise((resolve) => setTimeout(resolve, 5_200));
    const again = await books();
    expect([again.status, again.headers.get("ratelimit-remaining")]).toEqual([200, "2"]);
  });

  it("applies getStats' x-vx-rate-limit (30 a minute) under the default global limit, other routes unaffected", async () => {
    const server = await serve();
    const stats = () => fetch(`${server.url}/api/v1/stats`);
    const counted = await requests({ count: 30, send: stats });
    expect(counted.filter((a) => a.status === 429)).toEqual([]);
    expect(counted[0]?.headers.get("ratelimit-limit")).toBe("30");
    expect(counted[29]?.headers.get("ratelimit-remaining")).toBe("0");
    await expectTooMany({ answer: await stats(), limit: 30, windowSeconds: 60 });
    const books = await fetch(`${server.url}/api/v1/books`);
    expect([books.status, books.headers.get("ratelimit-limit"), books.headers.get("ratelimit-remaining")]).toEqual([200, "1000", "999"]);
  });

  it("limits the login route to 10 a minute per address by default (RATE_LIMIT_AUTH_MAX), before the password is checked", async () => {
    const server = await serve();
    // A new identifier each time: the accounts' own lockout (per identifier) never answers first.
    const login = () =>
      fetch(`${server.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: `${randomUUID()}@example.com`, password: "not the password" }),
      });
    const counted = await requests({ count: 10, send: login });
    expect(counted.map((a) => a.status)).toEqual(Array.from({ length: 10 }, () => 401));
    expect(counted[0]?.headers.get("ratelimit-limit")).toBe("10");
    await expectTooMany({ answer: await login(), limit: 10, windowSeconds: 60 });
    // The global limit is a different counter: the API still answers.
    expect((await fetch(`${server.url}/api/v1/books`)).status).toBe(200);
    // RATE_LIMIT_AUTH_MAX=0: the credential routes fall under the global limit.
    const relaxed = await serve({ RATE_LIMIT_AUTH_MAX: "0" });
    const answers = await requests({
      count: 12,
      send: () =>
        fetch(`${relaxed.url}/api/v1/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: `${randomUUID()}@example.com`, password: "not the password" }),
        }),
    });
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 12 }, () => 401));
    expect(answers[0]?.headers.get("ratelimit-limit")).toBe("1000");
  });

  it("RATE_LIMIT_MAX=0 turns the global limit off, keeping x-vx-rate-limit; a malformed setting stops start-up naming it", async () => {
    const server = await serve({ RATE_LIMIT_MAX: "0" });
    const books = await fetch(`${server.url}/api/v1/books`);
    expect([books.status, books.headers.get("ratelimit-limit")]).toEqual([200, null]);
    expect((await fetch(`${server.url}/api/v1/stats`)).headers.get("ratelimit-limit")).toBe("30");
    await expect(serve({ RATE_LIMIT_WINDOW: "1 minute" })).rejects.toThrow(/RATE_LIMIT_WINDOW="1 minute"/);
    await expect(serve({ RATE_LIMIT_MAX: "-5" })).rejects.toThrow(/RATE_LIMIT_MAX="-5"/);
  });

  it("fails open while Redis is unreachable: requests are served uncounted and a warning is logged", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port: nobody } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const server = await serve({ REDIS_URL: `redis://:hunter2@127.0.0.1:${nobody}`, RATE_LIMIT_MAX: "2" });
    const answers = await requests({ count: 4, send: () => fetch(`${server.url}/api/v1/books`) });
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    for (let wait = 0; wait < 50 && !server.output().includes("Redis is unreachable"); wait++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.output()).toMatch(/rate limits not enforced: Redis is unreachable/);
    expect(server.output()).not.toContain("hunter2");
  });

  it.skipIf(redisUrl === undefined)("shares counters between two instances through Redis (REDIS_URL)", async () => {
    // A prefix of this run's own: parallel runs and earlier runs never share counters with it.
    const shared = { REDIS_URL: redisUrl ?? "", RATE_LIMIT_PREFIX: `vx-test:${randomUUID()}:`, RATE_LIMIT_MAX: "4", RATE_LIMIT_WINDOW: "1m" };
    const [a, b] = [await serve(shared), await serve(shared)];
    const on = (server: RunningServer) => () => fetch(`${server.url}/api/v1/books`);
    const first = await requests({ count: 2, send: on(a) });
    const second = await requests({ count: 2, send: on(b) });
    expect([...first, ...second].map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(second.map((r) => r.headers.get("ratelimit-remaining"))).toEqual(["1", "0"]);
    await expectTooMany({ answer: await on(a)(), limit: 4, windowSeconds: 60 });
    await expectTooMany({ answer: await on(b)(), limit: 4, windowSeconds: 60 });
    // Another prefix: other counters.
    const other = await serve({ ...shared, RATE_LIMIT_PREFIX: `vx-test:${randomUUID()}:` });
    expect((await on(other)()).status).toBe(200);
  });
});
