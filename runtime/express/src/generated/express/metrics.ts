import { Router, type RequestHandler } from "express";
import { metricsAuthorized, metricsRefused, type RequestMetrics } from "../runtime/metrics.js";

/**
 * `path` serving the Prometheus metrics (`/metrics`; `/_vx/metrics` when the spec has an operation there), mounted
 * before the request log and the rate limit: not logged per request, never rate limited, not in the OpenAPI document.
 * With `token`, only `Authorization: Bearer <token>` reads them (401 otherwise).
 */
export function metricsRouter({
  path,
  metrics,
  token,
}: {
  path: string;
  metrics: RequestMetrics;
  token: string | undefined;
}): Router {
  const router = Router({ caseSensitive: true, strict: true });
  router.get(path, async (req, res) => {
    if (!metricsAuthorized({ authorization: req.headers.authorization, token })) throw metricsRefused();
    const text = await metrics.text();
    res.set("cache-control", "no-store").type(metrics.contentType).send(text);
  });
  return router;
}

/** The first middleware of an operation's route: counts and times its answer under its operationId. */
export function observeOperation({
  metrics,
  operationId,
}: {
  metrics: RequestMetrics;
  operationId: string;
}): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.on("finish", () => {
      const seconds = (performance.now() - started) / 1000;
      metrics.observe({ operationId, method: req.method, status: res.statusCode, seconds });
    });
    next();
  };
}
