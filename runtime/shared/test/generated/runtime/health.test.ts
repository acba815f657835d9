import { describe, expect, it } from "vitest";
import { liveness, readiness, redisReadiness } from "../../../src/generated/runtime/health.js";

// src/generated/runtime/health.ts: what /healthz and /readyz answer.

describe("health", () => {
  it("liveness says ok", () => {
    expect(liveness).toEqual({ status: "ok" });
  });

  it("is ready when every check resolves, and when there is nothing to check", async () => {
    expect(await readiness({ checks: [{ name: "database", check: async () => 1 }] })).toEqual({
      status: 200,
      body: { status: "ready" },
    });
    expect(await readiness({ checks: [] })).toEqual({ status: 200, body: { status: "ready" } });
  });

  it("names the checks that reject or do not answer in time, in their order", async () => {
    const result = await readiness({
      checks: [
        { name: "database", check: () => Promise.reject(new Error("ECONNREFUSED 10.0.0.1:5432")) },
        { name: "cache", check: async () => "PONG" },
        { name: "redis", check: () => new Promise(() => undefined) },
      ],
      timeoutMs: 50,
    });
    expect(result).toEqual({ status: 503, body: { status: "unavailable", failing: ["database", "redis"] } });
    expect(JSON.stringify(result)).not.toContain("10.0.0.1");
  });

  it("counts a check that throws before returning a promise as failing", async () => {
    const result = await readiness({
      checks: [
        {
          name: "database",
          check: () => {
            throw new Error("no client");
          },
        },
      ],
    });
    expect(result.status).toBe(503);
  });

  it("checks Redis with a PING on the client given, and nothing without one", async () => {
    let pings = 0;
    const [check, ...rest] = redisReadiness({ ping: async () => void pings++ });
    expect([check?.name, rest]).toEqual(["redis", []]);
    expect(await readiness({ checks: check === undefined ? [] : [check] })).toEqual({
      status: 200,
      body: { status: "ready" },
    });
    expect(pings).toBe(1);
    expect(redisReadiness(undefined)).toEqual([]);
    const down = redisReadiness({ ping: () => Promise.reject(new Error("connect ECONNREFUSED")) });
    expect(await readiness({ checks: down, timeoutMs: 50 })).toEqual({
      status: 503,
      body: { status: "unavailable", failing: ["redis"] },
    });
  });
});
