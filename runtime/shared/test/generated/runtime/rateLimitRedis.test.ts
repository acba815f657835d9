import { createServer, type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { rateLimitRedis } from "../../../src/generated/runtime/rateLimitRedis.js";

// src/generated/runtime/rateLimitRedis.ts: the counters' Redis connection fails fast, and says so, when Redis is down.

/** A local port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("rateLimitRedis", () => {
  it("with Redis unreachable, a command fails within seconds and one warning is logged, without the password", async () => {
    const port = await closedPort();
    const warnings: string[] = [];
    const redis = rateLimitRedis({
      url: `redis://:hunter2@127.0.0.1:${port}`,
      warn: (message) => warnings.push(message),
    });
    try {
      const started = Date.now();
      await expect(redis.incr("rate-limit:test")).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(warnings.length).toBe(1);
      expect(warnings[0]).toMatch(/rate limits not enforced: Redis is unreachable/);
      expect(warnings.join("\n")).not.toContain("hunter2");
    } finally {
      redis.disconnect();
    }
  });
});
