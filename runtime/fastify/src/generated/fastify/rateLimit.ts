import { createHash } from "node:crypto";
import rateLimit, {
  normalizeIP,
  type FastifyRateLimitStore,
  type FastifyRateLimitStoreCtor,
} from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from "fastify";
import type { Redis } from "ioredis";
import {
  apiKeyCredential,
  rateLimitKeyOf,
  resolvedRateLimit,
  tooManyRequests,
  type RateLimitSettings,
  type ResolvedRateLimit,
  type RouteRateLimit,
} from "../runtime/rateLimit.js";
import { rateLimitRedis, throttledWarning } from "../runtime/rateLimitRedis.js";
import { cookiesOf } from "../runtime/securityCheck.js";
import { authOf } from "./security.js";

/** A route as its limiter reads it. */
export interface LimitedRoute {
  operationId: string;
  rateLimit?: RouteRateLimit;
}

/** The `onRequest` hook counting a route's requests, or undefined where no limit applies. */
export type RouteLimiter = (route: LimitedRoute) => onRequestHookHandler | undefined;

/** The rate limits of the API's routes: each route's hook, and the counters' Redis connection (REDIS_URL), if any. */
export interface RateLimiting {
  limiter: RouteLimiter;
  /** Open until the server closes; `GET /readyz` pings it. */
  redis: Redis | undefined;
}

/** The counter key of a request under `limit` (see `rateLimitKeyOf`). */
function keyGenerator(limit: ResolvedRateLimit): (request: FastifyRequest) => string {
  return (request) =>
    rateLimitKeyOf({
      limit,
      ip: normalizeIP(request.ip),
      auth: authOf(request),
      credential:
        limit.key === "apiKey"
          ? apiKeyCredential({
              locations: limit.apiKeys,
              headers: request.headers,
              query: (request.query ?? {}) as Record<string, unknown>,
              cookies: cookiesOf(request.headers.cookie),
            })
          : undefined,
    });
}

/**
 * A window's counter in Redis: incremented, expiring `ARGV[1]` ms after the window's first request; the count and the
 * milliseconds left. The same keys and values as `rate-limit-redis` (the Express target's store) writes.
 */
const incrementScript = `local hits = redis.call("INCR", KEYS[1])
local ttl = redis.call("PTTL", KEYS[1])
if ttl <= 0 then
  redis.call("PEXPIRE", KEYS[1], tonumber(ARGV[1]))
  ttl = tonumber(ARGV[1])
end
return { hits, ttl }`;
const incrementSha = createHash("sha1").update(incrementScript).digest("hex");

/** `[hits, ttl]` as the script returns them, else undefined. */
function counted(reply: unknown): { current: number; ttl: number } | undefined {
  if (!Array.isArray(reply) || typeof reply[0] !== "number" || typeof reply[1] !== "number") return undefined;
  return { current: reply[0], ttl: reply[1] };
}

/**
 * The plugin's store for counters in Redis under `prefix` + the request's key (`rateLimitKeyOf`, which names the
 * limit): one store for every limit, so a key is `rate-limit:global:ip:10.0.0.1` on every target.
 */
export function redisStore({
  redis,
  prefix,
  warn,
}: {
  redis: Redis;
  prefix: string;
  /** Told when a command fails (the request then passes uncounted). */
  warn: (message: string) => void;
}): FastifyRateLimitStoreCtor {
  const increment = async ({ key, windowMs }: { key: string; windowMs: number }) => {
    const args = [1, `${prefix}${key}`, String(windowMs)] as const;
    try {
      return counted(await redis.evalsha(incrementSha, ...args));
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
      return counted(await redis.eval(incrementScript, ...args));
    }
  };
  return class RedisCounters implements FastifyRateLimitStore {
    incr(key: string, callback: Parameters<FastifyRateLimitStore["incr"]>[1], timeWindow: number): void {
      increment({ key, windowMs: timeWindow }).then(
        (result) => callback(result === undefined ? new Error("unexpected reply from Redis") : null, result),
        (error: unknown) => {
          const failure = error instanceof Error ? error : new Error(String(error));
          warn(
            `rate limits not enforced: the counters' store failed (${failure.message}); requests are served uncounted`,
          );
          callback(failure);
        },
      );
    }

    /** Every limit shares the one store: the key names the limit. */
    child(): FastifyRateLimitStore {
      return this;
    }
  };
}

/**
 * Rate limits (`@fastify/rate-limit`) for the API's routes, registered on `app`: counters in memory, or in Redis when
 * `settings.redisUrl` is set (closed with the server). Nothing is limited by default (`global: false`): each route
 * gets its hook from the returned limiter, so the probes, `/openapi.json` and `/docs` never count. Beyond the limit:
 * 429 TOO_MANY_REQUESTS in the error format, with `Retry-After`, and `RateLimit-Limit`, `RateLimit-Remaining`,
 * `RateLimit-Reset` on every counted answer. Redis unreachable: requests pass uncounted (`skipOnError`), with a
 * warning in the log. Returns each route's limiter and the Redis connection.
 */
export async function registerRateLimit({
  app,
  settings,
}: {
  app: FastifyInstance;
  settings: RateLimitSettings;
}): Promise<RateLimiting> {
  const { redisUrl } = settings;
  const redis =
    redisUrl === undefined ? undefined : rateLimitRedis({ url: redisUrl, warn: (message) => app.log.warn(message) });
  if (redis !== undefined) app.addHook("onClose", async () => redis.disconnect());
  await app.register(rateLimit, {
    global: false,
    enableDraftSpec: true,
    skipOnError: true,
    ...(redis === undefined
      ? {}
      : {
          store: redisStore({
            redis,
            prefix: settings.prefix,
            warn: throttledWarning((message) => app.log.warn(message)),
          }),
        }),
    errorResponseBuilder: (_request, context) => tooManyRequests(Math.max(1, Math.ceil(context.ttl / 1_000))),
  });
  // One hook per limit name: every route under the global limit shares its counters.
  const hooks = new Map<string, onRequestHookHandler>();
  const limiter: RouteLimiter = (route) => {
    const limit = resolvedRateLimit({ route, settings });
    if (limit === undefined) return undefined;
    const known = hooks.get(limit.name);
    if (known !== undefined) return known;
    const count = app.rateLimit({ max: limit.max, timeWindow: limit.windowMs, keyGenerator: keyGenerator(limit) });
    const hook: onRequestHookHandler = async function (request, reply) {
      await count.call(this, request, reply);
    };
    hooks.set(limit.name, hook);
    return hook;
  };
  return { limiter, redis };
}
