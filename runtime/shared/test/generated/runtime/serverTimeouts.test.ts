import { describe, expect, it } from "vitest";
import { defaultLimits } from "../../../src/generated/runtime/limits.js";
import { serverTimeouts } from "../../../src/generated/runtime/serverTimeouts.js";

// src/generated/runtime/serverTimeouts.ts: the Node server's time limits from the project's limits.

describe("serverTimeouts", () => {
  it("are non-zero by default: request, headers, silent connection, keep-alive", () => {
    const timeouts = serverTimeouts(defaultLimits);
    expect(timeouts).toEqual({
      requestTimeout: defaultLimits.requestTimeout,
      headersTimeout: defaultLimits.headersTimeout,
      connectionsCheckingInterval: Math.floor(defaultLimits.headersTimeout / 4),
      connectionTimeout: defaultLimits.connectionTimeout,
      keepAliveTimeout: defaultLimits.keepAliveTimeout,
    });
    for (const value of Object.values(timeouts)) expect(value).toBeGreaterThan(0);
  });

  it("cap the headers timeout by the request timeout (Node refuses a longer one), not when requests have no limit", () => {
    expect(serverTimeouts({ ...defaultLimits, requestTimeout: 1000, headersTimeout: 20_000 }).headersTimeout).toBe(
      1000,
    );
    expect(serverTimeouts({ ...defaultLimits, requestTimeout: 0, headersTimeout: 20_000 }).headersTimeout).toBe(20_000);
  });

  it("check for late requests often enough, between 100 ms and 30 s", () => {
    expect(
      serverTimeouts({ ...defaultLimits, requestTimeout: 200, headersTimeout: 200 }).connectionsCheckingInterval,
    ).toBe(100);
    expect(
      serverTimeouts({ ...defaultLimits, requestTimeout: 0, headersTimeout: 600_000 }).connectionsCheckingInterval,
    ).toBe(30_000);
  });
});
