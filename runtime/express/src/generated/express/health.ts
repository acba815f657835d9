import { Router } from "express";
import { liveness, readiness, type ReadinessCheck } from "../runtime/health.js";

/** Where the probes are served (`/healthz`, `/readyz` unless the spec has those paths). */
export interface HealthRoutes {
  liveness: string;
  readiness: string;
}

/**
 * The liveness and readiness probes, mounted before the request log and the rate limit: not logged per request, never
 * rate limited, and not in the OpenAPI document.
 */
export function healthRouter({ paths, checks }: { paths: HealthRoutes; checks: readonly ReadinessCheck[] }): Router {
  const router = Router({ caseSensitive: true, strict: true });
  router.get(paths.liveness, (_req, res) => {
    res.set("cache-control", "no-store").json(liveness);
  });
  router.get(paths.readiness, async (_req, res) => {
    const answer = await readiness({ checks });
    res.status(answer.status).set("cache-control", "no-store").json(answer.body);
  });
  return router;
}
