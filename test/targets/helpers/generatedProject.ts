import { join } from "node:path";
import type { IrDocument } from "../../../src/ir/types.js";
import type { RenderedFile } from "../../../src/pipeline/RenderedFile.js";
import { generateFixture } from "./generateFixture.js";
import { runCommand, toolkitBin, type CommandResult } from "./runCommand.js";
import { linkToolkitModules, writeRendered } from "./writeRendered.js";

export interface GeneratedProject {
  dir: string;
  files: RenderedFile[];
  ir: IrDocument;
  generateMs: number;
}

/**
 * Generates a fixture with a target (Fastify unless `target` says) into test/.out/<name> (fresh), links the toolkit's
 * node_modules and runs the project's own `prisma generate` wrapper when it has a database.
 */
export async function prepareProject({ name, openapi, prisma, target }: { name: string; openapi: string; prisma?: string; target?: string }): Promise<GeneratedProject> {
  const dir = join(process.cwd(), "test", ".out", name);
  const started = performance.now();
  const output = await generateFixture({ openapi, ...(prisma ? { prisma } : {}), ...(target ? { target } : {}) });
  const generateMs = Math.round(performance.now() - started);
  await writeRendered({ dir, files: output.files });
  await installProject({ dir, database: prisma !== undefined });
  return { dir, files: output.files, ir: output.ir, generateMs };
}

/**
 * What `npm install` does for a generated project written to `dir`: its node_modules linked to the toolkit's, and
 * (with a database) its own `prisma generate` wrapper run.
 */
export async function installProject({ dir, database }: { dir: string; database: boolean }): Promise<void> {
  await linkToolkitModules({ dir });
  if (!database) return;
  const generated = await runCommand({ command: process.execPath, args: ["scripts/prisma-generate.mjs"], cwd: dir });
  if (generated.code !== 0) throw new Error(`prisma generate failed:\n${generated.stdout}\n${generated.stderr}`);
}

/** `tsc --noEmit` (strict, the project's tsconfig) in a generated project. */
export function typecheck({ dir }: { dir: string }): Promise<CommandResult> {
  const tsc = toolkitBin("tsc");
  return runCommand({ ...tsc, args: [...tsc.args, "-p", "tsconfig.json", "--noEmit"], cwd: dir });
}

/** The generated project's tests, with a JSON report to count them. */
export async function runGeneratedTests({
  dir,
  env = {},
  coverage = false,
  files = [],
  workers,
}: {
  dir: string;
  env?: Record<string, string>;
  /** Measure coverage with the project's own configuration (coverage/coverage-summary.json). */
  coverage?: boolean;
  /** Only these test files (paths relative to the project, as vitest's filters); all of them when absent. */
  files?: string[];
  /** Vitest's workers (`--maxWorkers`); its default (CPUs less one) when absent. */
  workers?: number;
}): Promise<CommandResult & { passed: number; failed: number; todo: number }> {
  const vitest = toolkitBin("vitest");
  const args = [...vitest.args, "run", ...files, "--reporter=json", "--outputFile=vitest-report.json", ...(coverage ? ["--coverage"] : []), ...(workers === undefined ? [] : [`--maxWorkers=${workers}`])];
  const result = await runCommand({ ...vitest, args, cwd: dir, env });
  const { readFile } = await import("node:fs/promises");
  let report: { numPassedTests?: number; numFailedTests?: number; numTodoTests?: number } = {};
  try {
    report = JSON.parse(await readFile(join(dir, "vitest-report.json"), "utf8")) as typeof report;
  } catch {
    // no report: the run failed before testing; the caller sees code and output
  }
  return { ...result, passed: report.numPassedTests ?? 0, failed: report.numFailedTests ?? 0, todo: report.numTodoTests ?? 0 };
}

/** Percentages of lines and branches covered, from the last `runGeneratedTests({ coverage: true })`. */
export async function coverageSummary({ dir }: { dir: string }): Promise<{ lines: number; branches: number }> {
  const { readFile } = await import("node:fs/promises");
  const summary = JSON.parse(await readFile(join(dir, "coverage", "coverage-summary.json"), "utf8")) as { total: Record<"lines" | "branches", { pct: number }> };
  return { lines: summary.total.lines.pct, branches: summary.total.branches.pct };
}

/**
 * A generated project built as `npm run build` does without its `prisma generate` (done by `prepareProject`): `tsc -p
 * tsconfig.build.json`, then scripts/copy-json.mjs; with `databaseFile`, the tables created afresh in that SQLite
 * file by `db:push`'s module. The server's environment (`DATABASE_URL`), or `{}` without a database.
 */
export async function buildProject({ dir, databaseFile }: { dir: string; databaseFile?: string }): Promise<Record<string, string>> {
  const { rm } = await import("node:fs/promises");
  const tsc = toolkitBin("tsc");
  const build = await runCommand({ ...tsc, args: [...tsc.args, "-p", "tsconfig.build.json"], cwd: dir });
  if (build.code !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  const copy = await runCommand({ command: process.execPath, args: ["scripts/copy-json.mjs"], cwd: dir });
  if (copy.code !== 0) throw new Error(`copy-json failed:\n${copy.stdout}${copy.stderr}`);
  if (databaseFile === undefined) return {};
  const env = { DATABASE_URL: `file:./${databaseFile}` };
  await rm(join(dir, databaseFile), { force: true });
  const push = await runCommand({ command: process.execPath, args: ["dist/generated/db/dbPush.js"], cwd: dir, env });
  if (push.code !== 0) throw new Error(`db push failed:\n${push.stdout}${push.stderr}`);
  return env;
}
