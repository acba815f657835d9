import { Redis } from "ioredis";

/** How long a warning about the rate-limit store keeps the next one quiet, in milliseconds. */
export const storeWarningInterval = 10_000;

/** `warn`, saying something at most once per `storeWarningInterval` (a failing store would say it per request). */
export function throttledWarning(warn: (message: string) => void): (message: string) => void {
  let warnedAt = Number.NEGATIVE_INFINITY;
  return (message) => {
    const now = Date.now();
    if (now - warnedAt < storeWarningInterval) return;
    warnedAt = now;
    warn(message);
  };
}

/**
 * The Redis connection of the rate-limit counters (REDIS_URL), made to fail fast: a command waits for one reconnection
 * at most and a second at most, so a request is never held up by an unreachable Redis. While Redis is down the limits
 * fail open (requests are served, not counted) and `warn` says so, at most once per `storeWarningInterval`; the error
 * message names the address, never the URL's password.
 */
export function rateLimitRedis({ url, warn }: { url: string; warn: (message: string) => void }): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1_000, connectTimeout: 2_000 });
  const say = throttledWarning(warn);
  redis.on("error", (error: Error) =>
    say(
      `rate limits not enforced: Redis is unreachable (${error.message}); requests are served uncounted until it is back`,
    ),
  );
  return redis;
}
