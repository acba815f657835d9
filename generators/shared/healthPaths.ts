import type { OperationView } from "./operationView.js";

/** Where the generated server answers its liveness and readiness probes. */
export interface HealthPaths {
  liveness: string;
  readiness: string;
}

/**
 * `/healthz` and `/readyz` at the root of the server, or `/_vx/healthz` and `/_vx/readyz` when an operation of the
 * spec is served at either path (under the base path), so the spec's own route is never shadowed. A path with a
 * parameter is no clash: the probe is one value its parameter could take, and static routes win.
 */
export function healthPaths({ views, basePath }: { views: readonly OperationView[]; basePath: string }): HealthPaths {
  const plain: HealthPaths = { liveness: "/healthz", readiness: "/readyz" };
  const served = new Set(views.map((v) => `${basePath}${v.op.path}`));
  if (!served.has(plain.liveness) && !served.has(plain.readiness)) return plain;
  return { liveness: "/_vx/healthz", readiness: "/_vx/readyz" };
}
