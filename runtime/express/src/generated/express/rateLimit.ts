import type { NextFunction, Request, RequestHandler, Response } from "express";
import { ipKeyGenerator, rateLimit, type Store } from "express-rate-limit";
import type { Redis } from "ioredis";
import { RedisStore } from "rate-limit-redis";
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

/** The middleware counting a route's requests, or undefined where no limit applies. */
export type RouteLimiter = (route: LimitedRoute) => RequestHandler | undefined;

/** The rate limits of an app: each route's middleware, and `close` for the Redis connection (if any). */
export interface RateLimits {
  limiter: RouteLimiter;
  close: () => void;
  /** The counters' Redis connection (REDIS_URL), open until `close`; `GET /readyz` pings it. */
  redis: Redis | undefined;
}

/**
 * `rate-limit-redis`'s store, loading its scripts again after a failure: it loads them once, when created, and a
 * Redis unreachable at that moment would otherwise leave every later request uncounted even once Redis is back.
 */
class ReloadingRedisStore extends RedisStore {
  override async increment(key: string): ReturnType<RedisStore["increment"]> {
    try {
      return await super.increment(key);
    } catch (error) {
      this.incrementScriptSha = this.loadIncrementScript();
      this.getScriptSha = this.loadGetScript();
      // Not left unhandled: the next request awaits them again.
      this.incrementScriptSha.catch(() => undefined);
      this.getScriptSha.catch(() => undefined);
      throw error;
    }
  }
}

/** The counter key of a request under `limit` (see `rateLimitKeyOf`). */
function keyGenerator(limit: ResolvedRateLimit): (req: Request) => string {
  return (req) =>
    rateLimitKeyOf({
      limit,
      ip: ipKeyGenerator(req.ip ?? ""),
      auth: authOf(req),
      credential:
        limit.key === "apiKey"
          ? apiKeyCredential({
              locations: limit.apiKeys,
              headers: req.headers,
              query: req.query as Record<string, unknown>,
              cookies: cookiesOf(req.headers.cookie),
            })
          : undefined,
    });
}

/** Where a limit's counters are: Redis (one key prefix per limit), else this process's memory. */
function storeOf({ redis, prefix }: { redis: Redis | undefined; prefix: string }): Store | undefined {
  if (redis === undefined) return undefined;
  const store = new ReloadingRedisStore({
    prefix,
    sendCommand: (command: string, ...args: string[]) =>
      redis.call(command, ...args) as Promise<boolean | number | string | (boolean | number | string)[]>,
  });
  return store;
}

/**
 * One limit's middleware (`express-rate-limit`): `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` on every
 * counted answer (as `@fastify/rate-limit` sends them: no `RateLimit-Policy`), beyond the limit 429
 * TOO_MANY_REQUESTS in the error format with `Retry-After`; a store error lets the request pass uncounted.
 */
function limitMiddleware({
  limit,
  store,
  warn,
}: {
  limit: ResolvedRateLimit;
  store: Store | undefined;
  warn: (message: string) => void;
}): RequestHandler {
  const middleware = rateLimit({
    windowMs: limit.windowMs,
    limit: limit.max,
    standardHeaders: "draft-6",
    legacyHeaders: false,
    passOnStoreError: true,
    keyGenerator: keyGenerator(limit),
    ...(store === undefined ? {} : { store }),
    // Not the library's own message, which would print the whole error at every request.
    logger: {
      error: (error: unknown) =>
        warn(
          `rate limits not enforced: the counters' store failed (${error instanceof Error ? error.message : "unknown error"}); requests are served uncounted`,
        ),
      warn: (_error: unknown, message?: string) => warn(message ?? "rate limit warning"),
    },
    // A client's X-Forwarded-For header without `trust proxy` is ignored, not worth an error in the log.
    validate: { xForwardedForHeader: false },
    handler: (_req, res, next) => next(tooManyRequests(Math.max(1, Number(res.getHeader("retry-after")) || 1))),
  });
  return (req: Request, res: Response, next: NextFunction) => {
    void middleware(req, res, (error?: unknown) => {
      res.removeHeader("ratelimit-policy");
      next(error);
    });
  };
}

/**
 * The rate limits of the API's routes, counters in memory or in Redis when `settings.redisUrl` is set: each route
 * gets its limit's middleware from `limiter` (its own, the credential routes', or the global one, shared by every
 * route under it), so the probes, `/openapi.json` and `/docs` never count. Redis unreachable: requests pass
 * uncounted, with a warning in the log.
 */
export function rateLimits({
  settings,
  warn,
}: {
  settings: RateLimitSettings;
  warn: (message: string) => void;
}): RateLimits {
  const { redisUrl } = settings;
  const redis = redisUrl === undefined ? undefined : rateLimitRedis({ url: redisUrl, warn });
  const middlewares = new Map<string, RequestHandler>();
  const storeWarning = throttledWarning(warn);
  const limiter: RouteLimiter = (route) => {
    const limit = resolvedRateLimit({ route, settings });
    if (limit === undefined) return undefined;
    const known = middlewares.get(limit.name);
    if (known !== undefined) return known;
    const store = storeOf({ redis, prefix: settings.prefix });
    const middleware = limitMiddleware({ limit, store, warn: storeWarning });
    middlewares.set(limit.name, middleware);
    return middleware;
  };
  return { limiter, close: () => redis?.disconnect(), redis };
}
