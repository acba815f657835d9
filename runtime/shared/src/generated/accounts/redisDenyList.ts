import type { DenyList } from "./accountStores.js";

/** What `redisDenyList` uses of a Redis client; an `ioredis` instance has it. */
export interface RedisDenyListClient {
  set(key: string, value: string, mode: "PX", milliseconds: number): Promise<unknown>;
  exists(key: string): Promise<number>;
}

const keyPrefix = "vx:deny:";

/** The deny list in Redis (when REDIS_URL is set), so several instances agree; each entry expires with its token. */
export function redisDenyList({ client }: { client: RedisDenyListClient }): DenyList {
  return {
    add: async ({ jti, expiresAt }) => {
      const milliseconds = Math.ceil(expiresAt.getTime() - Date.now());
      if (milliseconds <= 0) return;
      await client.set(`${keyPrefix}${jti}`, "1", "PX", milliseconds);
    },
    has: async (jti) => (await client.exists(`${keyPrefix}${jti}`)) > 0,
  };
}
