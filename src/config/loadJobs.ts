import { relative, resolve, isAbsolute } from "node:path";
import type { Diagnostic } from "../ir/types.js";
import { hasErrors } from "../diagnostics/createDiagnostic.js";
import { findConfigFile } from "./findConfigFile.js";
import type { GenerationJob, JobOverrides } from "./GenerationJob.js";
import { loadConfig } from "./loadConfig.js";
import { resolveJobs } from "./resolveJobs.js";

/**
 * What `generate`, `check` and `watch` start with: the config (the one `--config` names, else the one found in the
 * working directory, else none) merged with the flags into the jobs to run.
 */
export async function loadJobs({
  config,
  overrides,
  cwd = process.cwd(),
}: {
  /** `--config FILE`. */
  config?: string;
  overrides: JobOverrides;
  cwd?: string;
}): Promise<{ jobs: GenerationJob[]; diagnostics: Diagnostic[]; configFile?: string }> {
  let found: { file: string; kind?: "ts" | "json" | "package.json" } | undefined = config !== undefined ? { file: resolve(cwd, config) } : await findConfigFile({ dir: cwd });
  if (found) {
    const rel = relative(process.cwd(), found.file);
    found = { ...found, file: rel.startsWith("..") || isAbsolute(rel) ? found.file : rel };
  }
  if (!found) return resolveJobs({ overrides, cwd });
  const loaded = await loadConfig(found.kind ? { file: found.file, kind: found.kind } : { file: found.file });
  if (!loaded.config || hasErrors(loaded.diagnostics)) return { jobs: [], diagnostics: loaded.diagnostics, configFile: found.file };
  const resolved = resolveJobs({ config: loaded.config, configFile: found.file, overrides, cwd });
  return { jobs: resolved.jobs, diagnostics: [...loaded.diagnostics, ...resolved.diagnostics], configFile: found.file };
}
