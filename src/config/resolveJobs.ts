import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import type { Diagnostic } from "../ir/types.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";
import type { GenerationJob, JobOverrides } from "./GenerationJob.js";
import type { VxConfig, VxJobSettings } from "./VxConfig.js";
import type { DerivedProvider } from "../derive/PrismaSchemaPlan.js";

/** The default target when neither config nor flags name one. */
export const DEFAULT_TARGET = "fastify";

/** Paths handed on are relative to the process's working directory (what readers resolve against) when below it. */
function shownPath({ path }: { path: string }): string {
  const rel = relative(process.cwd(), path);
  const shown = rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? path : rel;
  return shown.split(sep).join("/");
}

/** `deriveDb` as configured: `true` is SQLite, a provider name itself; `false` or absent is off. */
function deriveDbOf(value: boolean | DerivedProvider | undefined): DerivedProvider | undefined {
  return value === true ? "sqlite" : value === false ? undefined : value;
}

/**
 * Turns config + flags into the jobs to run. Config paths are relative to the config file, flag paths to the working
 * directory. Settings merge as: top level < job < flags. Problems are VX023 (unknown `--job`) or VX024 (missing or
 * conflicting settings), usage errors.
 */
export function resolveJobs({
  config,
  configFile,
  overrides,
  cwd = process.cwd(),
}: {
  config?: VxConfig;
  configFile?: string;
  overrides: JobOverrides;
  cwd?: string;
}): { jobs: GenerationJob[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const fail = (code: "VX023" | "VX024", message: string, help?: string) => {
    diagnostics.push(createDiagnostic({ code, message, ...(configFile ? { location: { file: configFile } } : {}), ...(help ? { help } : {}) }));
    return { jobs: [], diagnostics };
  };
  const base = configFile ? dirname(resolve(cwd, configFile)) : cwd;
  const fromConfig = (path: string | undefined) => (path === undefined ? undefined : shownPath({ path: resolve(base, path) }));
  const fromFlag = (path: string | undefined) => (path === undefined ? undefined : shownPath({ path: resolve(cwd, path) }));

  if (!config && overrides.openapi === undefined && overrides.prisma === undefined) {
    return fail(
      "VX024",
      "no config found (vx.config.ts, vx.config.json or a \"vx\" key in package.json) and no --openapi/--prisma given",
      "run `vx-gen init` to write a config, or pass --openapi and --out",
    );
  }
  const top: VxJobSettings = config ?? {};
  let selected: (VxJobSettings & { name: string })[] = config?.jobs ?? [{ name: "default" }];
  if (overrides.job !== undefined) {
    const job = selected.find((j) => j.name === overrides.job);
    if (!job) {
      const names = selected.map((j) => j.name).join(", ");
      return fail("VX023", `no job named "${overrides.job}"`, config?.jobs ? `jobs in the config: ${names}` : "the config has no `jobs` list");
    }
    selected = [job];
  }
  const pathFlags = (["openapi", "prisma", "out"] as const).filter((k) => overrides[k] !== undefined);
  if (selected.length > 1 && pathFlags.length > 0) {
    return fail(
      "VX024",
      `--${pathFlags[0]} would apply to all ${selected.length} jobs of the config`,
      `name the job it is for with --job (${selected.map((j) => j.name).join(", ")})`,
    );
  }

  const jobs: GenerationJob[] = [];
  for (const settings of selected) {
    const openapi = fromFlag(overrides.openapi) ?? fromConfig(settings.openapi ?? top.openapi);
    const prisma = fromFlag(overrides.prisma) ?? fromConfig(settings.prisma ?? top.prisma);
    const out = fromFlag(overrides.out) ?? fromConfig(settings.out ?? top.out);
    const label = selected.length > 1 || config?.jobs ? `job "${settings.name}": ` : "";
    if (openapi === undefined && prisma === undefined) return fail("VX024", `${label}no input: set "openapi" and/or "prisma" (or --openapi/--prisma)`);
    if (out === undefined) return fail("VX024", `${label}no output folder: set "out" (or --out)`);
    const deriveDb = deriveDbOf(overrides.deriveDb ?? settings.deriveDb ?? top.deriveDb);
    if (deriveDb !== undefined && (openapi === undefined || prisma !== undefined))
      return fail("VX024", `${label}deriveDb (--derive-db) derives the Prisma schema from the OpenAPI document: it needs "openapi" and no "prisma"`, prisma !== undefined ? "leave out --derive-db to use your Prisma schema, or leave out --prisma to derive one" : "give --openapi");
    const options = { ...(top.options ?? {}), ...(settings.options ?? {}) };
    const derive = top.derive || settings.derive ? { ...(top.derive ?? {}), ...(settings.derive ?? {}) } : undefined;
    jobs.push({
      name: settings.name,
      ...(openapi !== undefined ? { openapi } : {}),
      ...(prisma !== undefined ? { prisma } : {}),
      target: overrides.target ?? settings.target ?? top.target ?? DEFAULT_TARGET,
      out,
      allowRemoteRefs: overrides.allowRemoteRefs ?? settings.allowRemoteRefs ?? top.allowRemoteRefs ?? false,
      ...((overrides.strict ?? settings.strict ?? top.strict) === true ? { strict: true } : {}),
      ...(deriveDb !== undefined ? { deriveDb } : {}),
      ...(derive ? { derive } : {}),
      options,
      ...(configFile ? { configFile } : {}),
    });
  }
  const outs = new Map<string, string>();
  for (const job of jobs) {
    const key = resolve(cwd, job.out);
    const other = outs.get(key);
    if (other !== undefined) return fail("VX024", `jobs "${other}" and "${job.name}" write to the same folder ${job.out}`, "give each job its own `out`");
    outs.set(key, job.name);
  }
  return { jobs, diagnostics };
}
