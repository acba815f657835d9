import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { redisDenyList } from "../../../src/generated/accounts/redisDenyList.js";

const redisUrl = process.env["VX_TEST_REDIS_URL"];
if (redisUrl === undefined) console.log("redisDenyList tests skipped: VX_TEST_REDIS_URL is not set (no Redis to test)");

describe.skipIf(redisUrl === undefined)("redisDenyList against a real Redis", () => {
  const clients = [new Redis(redisUrl ?? ""), new Redis(redisUrl ?? "")] as const;
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.quit()));
  });

  it("shares entries between clients, under the vx:deny: prefix, until they expire", async () => {
    const [writer, reader] = [redisDenyList({ client: clients[0] }), redisDenyList({ client: clients[1] })];
    const jti = randomUUID();
    expect(await reader.has(jti)).toBe(false);
    await writer.add({ jti, expiresAt: new Date(Date.now() + 300) });
    expect(await reader.has(jti)).toBe(true);
    expect(await clients[1].exists(`vx:deny:${jti}`)).toBe(1);
    const ttl = await clients[1].pttl(`vx:deny:${jti}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(300);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await reader.has(jti)).toBe(false);
  });

  it("skips a token that has already expired", async () => {
    const jti = randomUUID();
    await redisDenyList({ client: clients[0] }).add({ jti, expiresAt: new Date(Date.now() - 1000) });
    expect(await clients[0].exists(`vx:deny:${jti}`)).toBe(0);
  });
});
