import rateLimit, { normalizeIP } from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from "fastify";
import {
  apiKeyCredential,
  rateLimitKeyOf,
  resolvedRateLimit,
  tooManyRequests,
  type RateLimitSettings,
  type ResolvedRateLimit,
  type RouteRateLimit,
} from "../runtime/rateLimit.js";
import { rateLimitRedis } from "../runtime/rateLimitRedis.js";
import { cookiesOf } from "../runtime/securityCheck.js";
import { authOf } from "./security.js";

/** A route as its limiter reads it. */
export interface LimitedRoute {
  operationId: string;
  rateLimit?: RouteRateLimit;
}

/** The `onRequest` hook counting a route's requests, or undefined where no limit applies. */
export type RouteLimiter = (route: LimitedRoute) => onRequestHookHandler | undefined;

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
 * Rate limits (`@fastify/rate-limit`) for the API's routes, registered on `app`: counters in memory, or in Redis when
 * `settings.redisUrl` is set (closed with the server). Nothing is limited by default (`global: false`): each route
 * gets its hook from the returned limiter, so the probes, `/openapi.json` and `/docs` never count. Beyond the limit:
 * 429 TOO_MANY_REQUESTS in the error format, with `Retry-After`, and `RateLimit-Limit`, `RateLimit-Remaining`,
 * `RateLimit-Reset` on every counted answer. Redis unreachable: requests pass uncounted (`skipOnError`), with a
 * warning in the log.
 */
export async function registerRateLimit({
  app,
  settings,
}: {
  app: FastifyInstance;
  settings: RateLimitSettings;
}): Promise<RouteLimiter> {
  const { redisUrl } = settings;
  const redis =
    redisUrl === undefined ? undefined : rateLimitRedis({ url: redisUrl, warn: (message) => app.log.warn(message) });
  if (redis !== undefined) app.addHook("onClose", async () => redis.disconnect());
  await app.register(rateLimit, {
    global: false,
    enableDraftSpec: true,
    skipOnError: true,
    ...(redis === undefined ? {} : { redis, nameSpace: settings.prefix }),
    errorResponseBuilder: (_request, context) => tooManyRequests(Math.max(1, Math.ceil(context.ttl / 1_000))),
  });
  // One hook per limit name: every route under the global limit shares its counters.
  const hooks = new Map<string, onRequestHookHandler>();
  return (route) => {
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
}
