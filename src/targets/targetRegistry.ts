import type { TargetPlugin } from "./TargetPlugin.js";

/**
 * Known targets, by name. Each entry loads its plugin lazily so that `vx-gen validate` never pays for loading
 * generators. Adding a target = adding its folder under `generators/` and one line here, e.g.
 * `fastify: async () => (await import("../../generators/fastify/fastifyTarget.js")).fastifyTarget`.
 */
const loaders: Record<string, () => Promise<TargetPlugin>> = {
  express: async () => (await import("../../generators/express/expressTarget.js")).expressTarget,
  fastify: async () => (await import("../../generators/fastify/fastifyTarget.js")).fastifyTarget,
};

export function targetNames(): string[] {
  return Object.keys(loaders).sort();
}

export async function loadTarget(name: string): Promise<TargetPlugin | undefined> {
  const load = loaders[name];
  return load ? load() : undefined;
}
