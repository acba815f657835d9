import { performance } from "node:perf_hooks";
import { join as joinPath, resolve as resolvePath } from "node:path";
import type { Diagnostic } from "../ir/types.js";
import type { GenerationJob } from "../config/GenerationJob.js";
import { createDiagnostic, hasErrors } from "../diagnostics/createDiagnostic.js";
import { loadTarget, targetNames } from "../targets/targetRegistry.js";
import type { TargetPlugin } from "../targets/TargetPlugin.js";
import type { FaultHook } from "../writer/applyJournal.js";
import { writeCheckCache } from "../writer/checkCache.js";
import { hashContent } from "../writer/hashContent.js";
import { inputFingerprint } from "../writer/inputFingerprint.js";
import { isOutputCurrent } from "../writer/isOutputCurrent.js";
import type { WriterState } from "../writer/OutputSnapshot.js";
import { writeOutput } from "../writer/writeOutput.js";
import { isChange, type WritePlan } from "../writer/WritePlan.js";
import { buildIr, type BuildIrInput, type BuildIrResult } from "./buildIr.js";
import type { RenderedFile } from "./RenderedFile.js";
import { projectLayout } from "../../generators/shared/projectLayout.js";

/** The steps `generateProject` runs, replaceable in tests (a fake target) and by `watch` (caching). */
export interface GenerateSteps {
  buildIr: (input: BuildIrInput) => Promise<BuildIrResult>;
  loadTarget: (name: string) => Promise<TargetPlugin | undefined>;
}

export const defaultSteps: GenerateSteps = { buildIr, loadTarget };

/** `write`: generate; `dry-run`: plan and report only; `check`: plan and say whether the output is stale. */
export type GenerateMode = "write" | "dry-run" | "check";

export interface GenerateProjectResult {
  job: GenerationJob;
  diagnostics: Diagnostic[];
  /** Where the run stopped before writing, if it did: input errors, render errors, or an output-folder problem. */
  stopped?: "input" | "render" | "write";
  /** The write plan (absent when stopped before it). */
  plan?: WritePlan;
  /** `write` mode: the disk was changed. */
  wrote: boolean;
  /** `check` mode: the output folder differs from what would be generated. */
  stale: boolean;
  /** `check` answered from the manifest's input fingerprint, without reading or rendering. */
  fast?: boolean;
  /** Every input file read (spec and the files it `$ref`s, Prisma files, config), for `watch`. */
  inputFiles: string[];
  /** The API derived from the Prisma schema (no OpenAPI document given): where it was written, what it holds. */
  derived?: { file: string; models: number; operations: number; kept: boolean };
  /** The database derived from the API (`deriveDb`): where its schema was written, what it holds. */
  derivedDb?: { file: string; models: number; enums: number; relations: number; kept: boolean };
  /** Milliseconds per step. */
  timings: { read: number; render: number; write: number };
}

/**
 * One generation job end to end: read and bind the inputs (buildIr), render with the job's target plugin, then hand
 * the rendered files to the writer. Input or render errors stop it before anything is written; every failure is a
 * diagnostic (a crashing target included), never an exception.
 */
export async function generateProject({
  job,
  mode = "write",
  steps = defaultSteps,
  fault,
  verbose = false,
  full = false,
  writerState,
  defer,
}: {
  job: GenerationJob;
  mode?: GenerateMode;
  steps?: GenerateSteps;
  fault?: FaultHook;
  verbose?: boolean;
  /** `check`: always read and render, even when the inputs' fingerprint matches the manifest. */
  full?: boolean;
  /** The writer's memory of the output folder from the previous run of this job (`watch`; see `writeOutput`). */
  writerState?: WriterState;
  /**
   * `watch`: bookkeeping for later processes (the check cache: input fingerprint, file stamps) is handed here instead
   * of being done before returning; the caller runs each task after reporting the run and before the next one.
   */
  defer?: (task: () => Promise<void>) => void;
}): Promise<GenerateProjectResult> {
  const timings = { read: 0, render: 0, write: 0 };
  const inputFiles = new Set<string>([job.openapi, job.prisma, job.configFile].filter((f): f is string => f !== undefined));
  const result = (rest: Omit<GenerateProjectResult, "job" | "timings" | "inputFiles" | "wrote" | "stale"> & { wrote?: boolean; stale?: boolean }) => ({
    job,
    timings,
    inputFiles: [...inputFiles].sort(),
    wrote: false,
    stale: false,
    ...rest,
  });

  // `strict` only when set: a strict check after a lenient generate must read the inputs (their warnings are its errors).
  const settings = { target: job.target, options: job.options, allowRemoteRefs: job.allowRemoteRefs, ...(job.strict ? { strict: true } : {}), ...(job.deriveDb !== undefined ? { deriveDb: job.deriveDb } : {}) };
  if (mode === "check" && !full) {
    const started = performance.now();
    const current = await isOutputCurrent({ outDir: job.out, settings });
    timings.write = performance.now() - started;
    if (current) return result({ diagnostics: [], fast: true });
  }

  const plugin = await steps.loadTarget(job.target);
  if (!plugin) {
    const known = targetNames();
    return result({
      stopped: "input",
      diagnostics: [
        createDiagnostic({
          code: "VX024",
          message: `unknown target "${job.target}"`,
          ...(job.configFile ? { location: { file: job.configFile } } : {}),
          help: known.length > 0 ? `known targets: ${known.join(", ")}` : "no target plugin is installed",
        }),
      ],
    });
  }

  let started = performance.now();
  const built = await steps.buildIr({
    ...(job.openapi !== undefined ? { openapi: job.openapi } : {}),
    ...(job.prisma !== undefined ? { prisma: job.prisma } : {}),
    allowRemoteRefs: job.allowRemoteRefs,
    strict: job.strict === true,
    ...(job.options.auth?.accounts !== undefined ? { accounts: job.options.auth.accounts } : {}),
    ...(job.options.auth?.apiKeyTable !== undefined ? { apiKeyTable: job.options.auth.apiKeyTable } : {}),
    // Only a Prisma schema: the API is derived from it, read as the file written into the output folder.
    ...(job.openapi === undefined && job.prisma !== undefined ? { deriveOpenApi: { file: joinPath(job.out, projectLayout.derivedOpenApi), ...(job.derive ? { options: job.derive } : {}) } } : {}),
    // Only an OpenAPI document and --derive-db: the database is derived from it, read as the file written into the output.
    ...(job.openapi !== undefined && job.prisma === undefined && job.deriveDb !== undefined ? { deriveDb: { file: joinPath(job.out, projectLayout.derivedPrisma), provider: job.deriveDb } } : {}),
    // Info diagnostics are printed only with --verbose; without it they are not worth a scan of the spec for lines.
    locateInfo: verbose,
  });
  timings.read = performance.now() - started;
  // A derived document is output, not input: the Prisma schema it comes from is the input.
  if (!built.derived) for (const file of built.ir.api?.files ?? []) inputFiles.add(file);
  const readBytes = new Map(built.sources.map((source) => [source.key, source.bytes]));
  if (!built.derivedDb) for (const file of built.ir.db?.files ?? []) inputFiles.add(file);
  const diagnostics: Diagnostic[] = [...built.ir.diagnostics];
  if (hasErrors(diagnostics)) return result({ stopped: "input", diagnostics });

  started = performance.now();
  let files: RenderedFile[];
  try {
    const rendered = await plugin.render({ ir: built.ir, names: built.names, options: job.options, document: built.sources[0] });
    diagnostics.push(...rendered.diagnostics);
    files = [
      ...rendered.files,
      ...(built.derived ? [{ path: projectLayout.derivedOpenApi, content: built.derived.text, ownership: "scaffold" as const }] : []),
      ...(built.derivedDb ? [{ path: projectLayout.derivedPrisma, content: built.derivedDb.text, ownership: "scaffold" as const }] : []),
    ];
  } catch (error) {
    timings.render = performance.now() - started;
    const stack = error instanceof Error && error.stack ? error.stack : undefined;
    diagnostics.push(
      createDiagnostic({
        code: "VX500",
        message: `the ${job.target} target failed while rendering: ${error instanceof Error ? error.message : String(error)}; nothing was written`,
        help: verbose && stack ? stack : "run again with --verbose for the stack trace, and please report it",
      }),
    );
    return result({ stopped: "render", diagnostics });
  }
  timings.render = performance.now() - started;
  if (hasErrors(diagnostics)) return result({ stopped: "render", diagnostics });

  started = performance.now();
  const written = await writeOutput({
    outDir: job.out,
    files,
    mode: mode === "write" ? "write" : "plan",
    cache: true,
    ...(writerState ? { state: writerState } : {}),
    ...(fault ? { fault } : {}),
    ...(defer ? { defer } : {}),
  });
  diagnostics.push(...written.diagnostics);
  if (mode === "write" && !hasErrors(written.diagnostics)) {
    const inputList = [...inputFiles].filter((f) => f !== job.configFile);
    const manifestHash = hashContent(written.plan.manifestText);
    const record = async () => {
      // The spec files' bytes as this run read them (hashed once in `watch`, where the watcher hashed them already).
      const inputs = await inputFingerprint({ outDir: job.out, files: inputList, settings, contentOf: (file) => readBytes.get(resolvePath(file)) });
      await writeCheckCache({ outDir: job.out, entry: { inputs, manifestHash } });
    };
    if (defer) defer(record);
    else await record();
  }
  timings.write = performance.now() - started;
  const stale = written.plan.actions.some(isChange) || written.plan.manifestChanged;
  if (mode === "check" && stale) {
    diagnostics.push(
      createDiagnostic({
        code: "VX505",
        message: `${job.out} is not up to date with its inputs`,
        location: { file: job.out },
        help: "run `vx-gen generate` and commit the result",
      }),
    );
  }
  const derived = built.derived ? derivedSummary({ derived: built.derived, plan: written.plan, diagnostics }) : undefined;
  const derivedDb = built.derivedDb ? derivedDbSummary({ derived: built.derivedDb, plan: written.plan, diagnostics }) : undefined;
  return result({
    diagnostics,
    ...(derived ? { derived } : {}),
    ...(derivedDb ? { derivedDb } : {}),
    plan: written.plan,
    wrote: written.wrote,
    stale,
    ...(hasErrors(written.plan.diagnostics) || (mode === "write" && hasErrors(written.diagnostics)) ? { stopped: "write" as const } : {}),
  });
}

/**
 * What `generate` derived, for its summary line: a derived document the user changed (or that an older schema gave) is
 * theirs and kept (VX605 says so, and how to use or refresh it).
 */
function derivedSummary({ derived, plan, diagnostics }: { derived: NonNullable<BuildIrResult["derived"]>; plan: WritePlan; diagnostics: Diagnostic[] }): NonNullable<GenerateProjectResult["derived"]> {
  const kept = plan.actions.some((action) => action.path === projectLayout.derivedOpenApi && action.kind === "keep");
  if (kept)
    diagnostics.push(
      createDiagnostic({
        code: "VX605",
        message: `${derived.file} differs from the API derived from the Prisma schema now; it is yours, so it was left as it is (the routes follow the Prisma schema)`,
        location: { file: derived.file },
        help: "pass it as --openapi to generate from your edited document, or delete it to have the derived one written again",
      }),
    );
  return { file: derived.file, models: derived.models, operations: derived.operations, kept };
}

/**
 * What `generate --derive-db` derived, for its summary line: like the derived OpenAPI document (VX605), a derived
 * schema the user changed (or that an older document gave) is theirs and kept (VX623 says so).
 */
function derivedDbSummary({ derived, plan, diagnostics }: { derived: NonNullable<BuildIrResult["derivedDb"]>; plan: WritePlan; diagnostics: Diagnostic[] }): NonNullable<GenerateProjectResult["derivedDb"]> {
  const kept = plan.actions.some((action) => action.path === projectLayout.derivedPrisma && action.kind === "keep");
  if (kept)
    diagnostics.push(
      createDiagnostic({
        code: "VX623",
        message: `${derived.file} differs from the database derived from the OpenAPI document now; it is yours, so it was left as it is (the project follows the document)`,
        location: { file: derived.file },
        help: "pass it as --prisma to generate from your edited schema, or delete it to have the derived one written again",
      }),
    );
  return { file: derived.file, models: derived.models, enums: derived.enums, relations: derived.relations, kept };
}
