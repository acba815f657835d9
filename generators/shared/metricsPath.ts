import type { OperationView } from "./operationView.js";

/**
 * Where the generated server serves its Prometheus metrics: `/metrics` at the root, or `/_vx/metrics` when an operation
 * of the spec is served at `/metrics` (under the base path), so the spec's own route is never shadowed (the rule of
 * `healthPaths`).
 */
export function metricsPath({ views, basePath }: { views: readonly OperationView[]; basePath: string }): string {
  const served = new Set(views.map((v) => `${basePath}${v.op.path}`));
  return served.has("/metrics") ? "/_vx/metrics" : "/metrics";
}
