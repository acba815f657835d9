import type { CommandModule, Options } from "yargs";
import type { Diagnostic } from "../../ir/types.js";
import type { GenerationJob, JobOverrides } from "../../config/GenerationJob.js";
import { loadJobs } from "../../config/loadJobs.js";
import { formatDiagnostics } from "../../diagnostics/formatDiagnostics.js";
import { defaultSteps, generateProject, type GenerateMode, type GenerateProjectResult, type GenerateSteps } from "../../pipeline/generateProject.js";
import { describeWritePlan, summarizeWritePlan } from "../../writer/describeWritePlan.js";
import { exitCodeFor } from "../reportDiagnostics.js";
import { targetNames } from "../../targets/targetRegistry.js";
import { cacheMaxAgeMs, pruneVxGenCaches } from "../../util/pruneVxGenCaches.js";
import { vxGenCacheRoot } from "../../util/vxGenCacheRoot.js";

/** Options shared by `generate`, `check` and `watch`; each flag given wins over the config. */
export const generationOptions = {
  openapi: { type: "string", describe: "OpenAPI/Swagger root document (YAML or JSON); optional with --prisma: the API is then derived from the schema (written to openapi.derived.yaml in --out)", normalize: true },
  prisma: { type: "string", describe: "Prisma schema file, or a folder of .prisma files; optional: without it (and without --derive-db) every operation is a handler you write", normalize: true },
  target: { type: "string", describe: `Target plugin: ${targetNames().join(", ")} (default: fastify)` },
  out: { type: "string", describe: "Output folder", normalize: true },
  config: { type: "string", describe: "Config file (default: vx.config.ts, vx.config.json or \"vx\" in package.json)", normalize: true },
  job: { type: "string", describe: "Run only this job of the config" },
  "allow-remote-refs": { type: "boolean", describe: "Follow http(s) $refs (refused by default)" },
  "derive-db": { type: "boolean", describe: "With --openapi and no --prisma: derive the database (a SQLite Prisma schema) from the API and generate from both, for a quick start (written to schema.derived.prisma in --out; config: \"deriveDb\": true, or \"postgresql\" / \"mysql\")" },
  strict: { type: "boolean", describe: "Treat departures from the OpenAPI schema that vx-gen can read past (VX121 warnings) as errors: exit 1, nothing written" },
  verbose: { type: "boolean", default: false, describe: "Show info diagnostics and stack traces of internal errors" },
} as const satisfies Record<string, Options>;

export interface GenerationArgs {
  openapi?: string;
  prisma?: string;
  target?: string;
  out?: string;
  config?: string;
  job?: string;
  "allow-remote-refs"?: boolean;
  strict?: boolean;
  "derive-db"?: boolean;
  verbose: boolean;
}

/** Where a command prints: results on stdout, diagnostics and summaries on stderr. Tests capture both. */
export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const processIo: CommandIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

export function overridesFrom(args: GenerationArgs): JobOverrides {
  const overrides: JobOverrides = {};
  if (args.openapi !== undefined) overrides.openapi = args.openapi;
  if (args.prisma !== undefined) overrides.prisma = args.prisma;
  if (args.target !== undefined) overrides.target = args.target;
  if (args.out !== undefined) overrides.out = args.out;
  if (args.job !== undefined) overrides.job = args.job;
  if (args["allow-remote-refs"] !== undefined) overrides.allowRemoteRefs = args["allow-remote-refs"];
  if (args.strict !== undefined) overrides.strict = args.strict;
  if (args["derive-db"] !== undefined) overrides.deriveDb = args["derive-db"];
  return overrides;
}

/** Config and usage problems (VX020-VX024) exit with 2 like any usage error; otherwise the shared rule. */
export function generationExitCode(diagnostics: readonly Diagnostic[]): number {
  if (diagnostics.some((d) => d.severity === "error" && /^VX02[0-4]$/.test(d.code))) return 2;
  return exitCodeFor(diagnostics);
}

export function printDiagnostics({ io, diagnostics, verbose }: { io: CommandIo; diagnostics: readonly Diagnostic[]; verbose: boolean }): void {
  const shown = verbose ? diagnostics : diagnostics.filter((d) => d.severity !== "info");
  if (shown.length > 0) io.stderr(`${formatDiagnostics(shown)}\n`);
}

/** Loads config + flags into jobs, printing problems; undefined (with the exit code) when they cannot be run. */
export async function jobsFromArgs({ args, io }: { args: GenerationArgs; io: CommandIo }): Promise<{ jobs: GenerationJob[]; configFile?: string } | { exitCode: number }> {
  const loaded = await loadJobs({ ...(args.config !== undefined ? { config: args.config } : {}), overrides: overridesFrom(args) });
  printDiagnostics({ io, diagnostics: loaded.diagnostics, verbose: args.verbose });
  if (loaded.jobs.length === 0) return { exitCode: Math.max(2, generationExitCode(loaded.diagnostics)) };
  return { jobs: loaded.jobs, ...(loaded.configFile ? { configFile: loaded.configFile } : {}) };
}

export function jobLabel(job: GenerationJob): string {
  return `${job.name === "default" ? "" : `[${job.name}] `}${job.out}`;
}

/** Where the caches are and why there, for `--verbose` (with what this run pruned). */
function describeCaches({ removed }: { removed: number }): string {
  const root = vxGenCacheRoot();
  const why = { env: "VX_GEN_CACHE_DIR", project: "the project's node_modules", user: "no node_modules found: the user's cache folder" }[root.source];
  const pruned = removed > 0 ? `; ${removed} entries unused for ${cacheMaxAgeMs / 86_400_000} days removed` : "";
  return `caches: ${root.dir} (${why}${pruned})`;
}

/** Runs every job in order (each independent: one failing job does not stop the others) and prints as it goes. */
export async function runJobs({
  jobs,
  mode,
  io,
  verbose,
  steps = defaultSteps,
  full = false,
}: {
  jobs: GenerationJob[];
  mode: GenerateMode;
  io: CommandIo;
  verbose: boolean;
  steps?: GenerateSteps;
  full?: boolean;
}): Promise<{ results: GenerateProjectResult[]; exitCode: number }> {
  const results: GenerateProjectResult[] = [];
  let exitCode = 0;
  for (const job of jobs) {
    const result = await generateProject({ job, mode, steps, verbose, full });
    results.push(result);
    printDiagnostics({ io, diagnostics: result.diagnostics, verbose });
    const ms = Math.round(result.timings.read + result.timings.render + result.timings.write);
    if (result.fast) {
      io.stderr(`${jobLabel(job)} is up to date (inputs unchanged since the last generate; ${ms} ms)\n`);
    } else if (result.plan && !result.stopped) {
      if (mode === "dry-run") {
        const lines = describeWritePlan({ plan: result.plan });
        io.stdout(lines.length > 0 ? `${lines.join("\n")}\n` : "");
        io.stderr(`${jobLabel(job)}: dry run, nothing written (would be: ${summarizeWritePlan(result.plan)})\n`);
      } else if (mode === "check") {
        if (result.stale) {
          io.stdout(`${jobLabel(job)} is stale:\n${describeWritePlan({ plan: result.plan, diff: true }).map((l) => `  ${l}`).join("\n")}\n`);
        } else {
          io.stderr(`${jobLabel(job)} is up to date (${ms} ms)\n`);
        }
      } else {
        io.stderr(`${jobLabel(job)}: ${summarizeWritePlan(result.plan)} (${ms} ms)\n`);
        if (result.derived) io.stderr(`  no OpenAPI document given: derived ${result.derived.operations} operations over ${result.derived.models} models from ${job.prisma ?? "the Prisma schema"}${result.derived.kept ? `; your ${result.derived.file} was kept` : `, in ${result.derived.file}`} (pass it as --openapi to edit the API)\n`);
        if (result.derivedDb) io.stdout(`no Prisma schema given: derived ${result.derivedDb.models} models, ${result.derivedDb.enums} enums and ${result.derivedDb.relations} relations (${job.deriveDb ?? "sqlite"}) from ${job.openapi ?? "the OpenAPI document"}${result.derivedDb.kept ? `; your ${result.derivedDb.file} was kept` : `, in ${result.derivedDb.file}`} (edit it and pass it as --prisma to own the database)\n`);
        for (const action of result.plan.actions) {
          if (action.kind === "merge") io.stderr(`  added ${action.added.join(", ")} to your ${action.path}\n`);
        }
      }
    } else {
      io.stderr(`${jobLabel(job)}: ${mode === "write" ? "nothing written" : "not checked"} because of the errors above\n`);
    }
    const code = Math.max(generationExitCode(result.diagnostics), mode === "check" && result.stale ? 1 : 0);
    exitCode = Math.max(exitCode, code);
  }
  const removed = await pruneVxGenCaches();
  if (verbose) io.stderr(`${describeCaches({ removed })}\n`);
  return { results, exitCode };
}

interface GenerateArgs extends GenerationArgs {
  "dry-run": boolean;
}

export async function runGenerate({ args, io = processIo, steps }: { args: GenerateArgs; io?: CommandIo; steps?: GenerateSteps }): Promise<number> {
  const loaded = await jobsFromArgs({ args, io });
  if ("exitCode" in loaded) return loaded.exitCode;
  const { exitCode } = await runJobs({ jobs: loaded.jobs, mode: args["dry-run"] ? "dry-run" : "write", io, verbose: args.verbose, ...(steps ? { steps } : {}) });
  return exitCode;
}

export const generateCommand: CommandModule<object, GenerateArgs> = {
  command: "generate",
  describe: "Generate the backend; user-owned files are never overwritten, unchanged files never touched",
  builder: (y) =>
    y
      .options(generationOptions)
      .option("dry-run", { type: "boolean", default: false, describe: "List what would be created, updated and deleted; write nothing" })
      .example("$0 generate", "run every job of vx.config.ts / vx.config.json")
      .example("$0 generate --openapi api.yaml --prisma prisma/schema.prisma --out server", "without a config")
      .example("$0 generate --prisma prisma/schema.prisma --out server", "from the Prisma schema alone: the API is derived (server/openapi.derived.yaml)")
      .example("$0 generate --openapi api.yaml --derive-db --out server", "from the OpenAPI document alone: the database is derived (server/schema.derived.prisma, SQLite)")
      .example("$0 generate --job admin --dry-run", "show what one job would change"),
  handler: async (argv) => {
    process.exitCode = await runGenerate({ args: argv });
  },
};
