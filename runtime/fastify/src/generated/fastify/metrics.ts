import type { FastifyInstance } from "fastify";
import { metricsAuthorized, metricsRefused, type RequestMetrics } from "../runtime/metrics.js";

/**
 * Prometheus metrics: every answer of an operation's route (its `config.operationId`) counted and timed, and `path`
 * serving them (`/metrics`; `/_vx/metrics` when the spec has an operation there). Not in the OpenAPI document, never
 * rate limited, not logged per request; with `token`, only `Authorization: Bearer <token>` reads them (401 otherwise).
 */
export function registerMetrics({
  app,
  path,
  metrics,
  token,
}: {
  app: FastifyInstance;
  path: string;
  metrics: RequestMetrics;
  token: string | undefined;
}): void {
  app.addHook("onResponse", async (request, reply) => {
    const { operationId } = request.routeOptions.config;
    if (operationId === undefined) return;
    const seconds = reply.elapsedTime / 1000;
    metrics.observe({ operationId, method: request.method, status: reply.statusCode, seconds });
  });
  const options = { logLevel: "silent", config: { rateLimit: false } } as const;
  app.get(path, options, async (request, reply) => {
    if (!metricsAuthorized({ authorization: request.headers.authorization, token })) throw metricsRefused();
    return reply
      .header("cache-control", "no-store")
      .type(metrics.contentType)
      .send(await metrics.text());
  });
}
