import { buildIr } from "../../../src/pipeline/buildIr.js";
import type { IrDocument } from "../../../src/ir/types.js";
import type { RenderOutput, TargetOptions } from "../../../src/targets/TargetPlugin.js";
import { loadTarget } from "../../../src/targets/targetRegistry.js";

/**
 * Reads a spec and/or a Prisma schema with the real pipeline and renders it with a target (Fastify unless `target`
 * says). Input errors throw; render diagnostics are in the result.
 */
export async function generateFixture({
  openapi,
  prisma,
  basePath,
  target = "fastify",
  options = {},
}: {
  openapi?: string;
  prisma?: string;
  basePath?: string;
  target?: string;
  /** Target options (`basePath` above overrides theirs). */
  options?: TargetOptions;
}): Promise<RenderOutput & { ir: IrDocument }> {
  const { ir, names } = await buildIr({ ...(openapi !== undefined ? { openapi } : {}), ...(prisma ? { prisma } : {}) });
  const errors = ir.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`input errors: ${errors.map((e) => `${e.code} ${e.message}`).join("; ")}`);
  const plugin = await loadTarget(target);
  if (!plugin) throw new Error(`${target} target not registered`);
  const output = await plugin.render({ ir, names, options: basePath === undefined ? options : { ...options, basePath } });
  return { ...output, ir };
}
