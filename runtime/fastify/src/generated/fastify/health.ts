import type { FastifyInstance } from "fastify";
import { liveness, readiness, type ReadinessCheck } from "../runtime/health.js";

/** Where the probes are served (`/healthz`, `/readyz` unless the spec has those paths). */
export interface HealthRoutes {
  liveness: string;
  readiness: string;
}

/**
 * The liveness and readiness probes: not in the OpenAPI document, never rate limited (`config.rateLimit`), and not
 * logged per request (`logLevel: "silent"`), so an orchestrator polling them every second does not fill the logs.
 */
export function registerHealthRoutes({
  app,
  paths,
  checks,
}: {
  app: FastifyInstance;
  paths: HealthRoutes;
  checks: readonly ReadinessCheck[];
}): void {
  const options = { logLevel: "silent", config: { rateLimit: false } } as const;
  app.get(paths.liveness, options, async (_request, reply) => reply.header("cache-control", "no-store").send(liveness));
  app.get(paths.readiness, options, async (_request, reply) => {
    const answer = await readiness({ checks });
    return reply.code(answer.status).header("cache-control", "no-store").send(answer.body);
  });
}
