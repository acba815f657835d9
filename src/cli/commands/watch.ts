import { createHash } from "node:crypto";
import { readFileSync, watch, type FSWatcher } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { performance } from "node:perf_hooks";
import type { CommandModule } from "yargs";
import type { Diagnostic } from "../../ir/types.js";
import type { GenerationJob } from "../../config/GenerationJob.js";
import { loadJobs } from "../../config/loadJobs.js";
import { formatDiagnostics, summarizeDiagnostics } from "../../diagnostics/formatDiagnostics.js";
import { defaultSteps, generateProject, type GenerateProjectResult, type GenerateSteps } from "../../pipeline/generateProject.js";
import { createWriterState, type WriterState } from "../../writer/OutputSnapshot.js";
import { isChange } from "../../writer/WritePlan.js";
import { offerSpecBytes, withdrawSpecBytes } from "../../parsers/openapi/readSpecFile.js";
import { hashBytes } from "../../writer/hashContent.js";
import { createIdleCollector } from "../idleCollector.js";
import { generationOptions, jobLabel, overridesFrom, printDiagnostics, processIo, type CommandIo, type GenerationArgs } from "./generate.js";

/** What `watch` regenerates from: the jobs and the config file they came from. */
export type JobSource = () => Promise<{ jobs: GenerationJob[]; diagnostics: Diagnostic[]; configFile?: string }>;

export interface WatchHandle {
  /** Resolves when the first generation of every job has finished (whatever its outcome). */
  ready: Promise<void>;
  /** Stops watching; resolves once a run in progress has finished. */
  close(): Promise<void>;
}

export interface WatchRun {
  /** Input files whose content changed (all inputs for the first run). */
  changed: string[];
  results: GenerateProjectResult[];
  ms: number;
}

/**
 * Content fingerprint of an input: a file's hash, a folder's `.prisma` files and their hashes, or `missing`. A file's
 * bytes are offered, with `offer`, to the run that follows (`offerSpecBytes`): it parses what was fingerprinted,
 * without a second read.
 */
async function fingerprint({ path, offer = false }: { path: string; offer?: boolean }): Promise<string> {
  try {
    const info = await stat(path);
    if (!info.isDirectory()) {
      // Synchronously: for a 13 MB spec `readFile` takes ~14 ms in 512 kB round trips through the thread pool, and
      // `readFileSync` ~4 ms; nothing else can happen while a save is being noticed anyway.
      const bytes = readFileSync(path);
      if (offer) offerSpecBytes({ key: path, bytes });
      return hashBytes(bytes);
    }
    const hash = createHash("sha1");
    for (const name of (await readdir(path)).filter((n) => n.endsWith(".prisma")).sort()) {
      hash.update(name).update("\0").update(await readFile(join(path, name))).update("\0");
    }
    return `dir:${hash.digest("hex")}`;
  } catch {
    return "missing";
  }
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return (rel.startsWith("..") ? path : rel).split(sep).join("/");
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

/**
 * Watches every input of every job (the spec and each file it `$ref`s, the Prisma files, the config) and regenerates
 * the jobs whose inputs changed. Events are debounced; a change is real only when a file's content hash changed (a
 * save without edits does nothing). Runs never overlap: changes during a run start one more run after it. Errors are
 * printed and the last good output stays (generation stops before writing). One line per run: what changed, what it
 * did, how long it took.
 */
export async function watchProject({
  load,
  io = processIo,
  steps = defaultSteps,
  debounceMs = 20,
  verbose = false,
  onRun,
  collectWhenIdle = true,
}: {
  load: JobSource;
  io?: CommandIo;
  steps?: GenerateSteps;
  debounceMs?: number;
  verbose?: boolean;
  /** Called after each run (tests and the benchmark wait on it). */
  onRun?: (run: WatchRun) => void;
  /** Collect garbage once a run is over and nothing happens for a moment (see `createIdleCollector`). */
  collectWhenIdle?: boolean;
}): Promise<WatchHandle> {
  let jobs: GenerationJob[] = [];
  let configFile: string | undefined;
  const inputsByJob = new Map<string, Set<string>>();
  const fingerprints = new Map<string, string>();
  const printedByJob = new Map<string, Set<string>>();
  /** Output folder -> what the writer saw there at the end of the previous run (files untouched since are not reread). */
  const writerStates = new Map<string, WriterState>();
  /** Watched folder -> names in it that are inputs (`*` = any `.prisma` file: a Prisma schema folder). */
  const watched = new Map<string, { watcher: FSWatcher; names: Set<string> }>();
  const pending = new Set<string>();
  /** Every path an event named in a watched folder since the current run started, inputs or not yet. */
  const touched = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;
  const idle = collectWhenIdle ? createIdleCollector({ delayMs: 200 }) : undefined;

  const onEvent = (dir: string, filename: string | Buffer | null) => {
    if (closed) return;
    const entry = watched.get(dir);
    if (!entry) return;
    const name = filename === null ? undefined : String(filename);
    idle?.cancel();
    if (name !== undefined) touched.add(join(dir, name));
    if (name === undefined) {
      for (const n of entry.names) pending.add(n === "*" ? dir : join(dir, n));
    } else if (entry.names.has(name)) {
      pending.add(join(dir, name));
    } else if (entry.names.has("*") && name.endsWith(".prisma")) {
      pending.add(dir);
    } else {
      return;
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };

  const watchPath = async (path: string) => {
    const isDir = await stat(path).then(
      (info) => info.isDirectory(),
      () => false,
    );
    const dir = isDir ? path : dirname(path);
    const name = isDir ? "*" : basename(path);
    const existing = watched.get(dir);
    if (existing) {
      existing.names.add(name);
      return;
    }
    try {
      const watcher = watch(dir, { persistent: true }, (_event, filename) => onEvent(dir, filename));
      watcher.on("error", () => undefined);
      watched.set(dir, { watcher, names: new Set([name]) });
    } catch {
      // The folder does not exist (yet): the file is reported missing by generation; the next config run retries.
    }
  };

  const updateWatches = async () => {
    const wanted = new Set<string>();
    for (const inputs of inputsByJob.values()) for (const p of inputs) wanted.add(p);
    if (configFile) wanted.add(resolve(configFile));
    for (const path of wanted) {
      await watchPath(path);
      if (fingerprints.has(path)) continue;
      if (touched.has(path)) {
        // A new input (e.g. a file a $ref now names) that changed while the run was reading it: its content at read
        // time is unknown, so run once more to be sure.
        fingerprints.set(path, "unknown");
        pending.add(path);
      } else {
        fingerprints.set(path, await fingerprint({ path }));
      }
    }
  };

  const runJobs = async (selected: GenerationJob[], changed: string[]): Promise<GenerateProjectResult[]> => {
    const started = performance.now();
    const results: GenerateProjectResult[] = [];
    /** The check cache's bookkeeping, done once the output is written and the run reported. */
    const deferred: (() => Promise<void>)[] = [];
    for (const job of selected) {
      const out = resolve(job.out);
      let writerState = writerStates.get(out);
      if (!writerState) writerStates.set(out, (writerState = createWriterState()));
      const result = await generateProject({ job, mode: "write", steps, verbose, writerState, defer: (task) => deferred.push(task) });
      results.push(result);
      inputsByJob.set(job.name, new Set(result.inputFiles.map((f) => resolve(f))));
      // Errors every time; warnings only when new since the job's previous run (a big spec's warnings once, not per save).
      const seen = printedByJob.get(job.name) ?? new Set<string>();
      const now = new Set<string>();
      const problems = result.diagnostics.filter((d) => {
        if (!verbose && d.severity === "info") return false;
        const key = formatDiagnostics([d]);
        now.add(key);
        return d.severity === "error" || !seen.has(key);
      });
      printedByJob.set(job.name, now);
      printDiagnostics({ io, diagnostics: problems, verbose });
      const ms = Math.round(result.timings.read + result.timings.render + result.timings.write);
      const what = changed.length === 0 ? "start" : `${changed.map(shown).join(", ")} changed`;
      let outcome: string;
      if (result.stopped) {
        outcome = `${summarizeDiagnostics(result.diagnostics)}; last good output kept`;
      } else {
        const actions = result.plan?.actions.filter(isChange) ?? [];
        const count = (kind: string) => actions.filter((a) => a.kind === kind).length;
        const parts = [["created", count("create")], ["updated", count("update")], ["user files extended", count("merge")], ["deleted", count("delete")]]
          .filter(([, n]) => Number(n) > 0)
          .map(([label, n]) => `${n} ${label}`);
        outcome = parts.length > 0 ? parts.join(", ") : "no changes";
        if (actions.length > 0 && actions.length <= 3) outcome += ` (${actions.map((a) => a.path).join(", ")})`;
      }
      io.stdout(`[${clock()}] ${what} -> ${jobLabel(job)}: ${outcome} in ${ms} ms\n`);
    }
    onRun?.({ changed, results, ms: performance.now() - started });
    for (const task of deferred) await task().catch(() => undefined);
    return results;
  };

  const reload = async (): Promise<boolean> => {
    const loaded = await load();
    printDiagnostics({ io, diagnostics: loaded.diagnostics, verbose });
    if (loaded.jobs.length === 0) {
      io.stdout(`[${clock()}] config has errors; still watching with the previous settings\n`);
      return false;
    }
    jobs = loaded.jobs;
    configFile = loaded.configFile;
    for (const name of [...inputsByJob.keys()]) if (!jobs.some((j) => j.name === name)) inputsByJob.delete(name);
    return true;
  };

  /** One pass over the pending changes; the bytes its fingerprints offered are withdrawn when it is over, used or not. */
  const cycle = async () => {
    try {
      await cycleOnce();
    } finally {
      withdrawSpecBytes();
    }
  };

  const cycleOnce = async () => {
    const candidates = [...pending];
    pending.clear();
    touched.clear();
    const changed: string[] = [];
    for (const path of candidates) {
      const next = await fingerprint({ path, offer: true });
      if (fingerprints.get(path) !== next) changed.push(path);
      fingerprints.set(path, next);
    }
    if (changed.length === 0) return;
    changed.sort();
    let selected: GenerationJob[];
    if (configFile && changed.includes(resolve(configFile))) {
      if (!(await reload())) return;
      selected = jobs;
    } else {
      selected = jobs.filter((job) => {
        const inputs = inputsByJob.get(job.name);
        return !inputs || changed.some((c) => inputs.has(c));
      });
    }
    if (selected.length === 0) return;
    await runJobs(selected, changed);
    await updateWatches();
  };

  function flush() {
    timer = undefined;
    // Nothing pending: the loop of a run already took these events (their timer fired after it).
    if (closed || running || pending.size === 0) return;
    const loop = (async () => {
      try {
        while (pending.size > 0 && !closed) await cycle();
      } catch (error) {
        io.stderr(`vx-gen watch: ${error instanceof Error ? error.message : String(error)}; still watching\n`);
      }
    })();
    running = loop;
    // Cleared after the assignment, never inside the loop: a loop that ends without awaiting (nothing pending) would
    // clear `running` before it is set, and every later change would wait for a run that never ends.
    void loop.finally(() => {
      if (running === loop) running = undefined;
      if (!closed && pending.size === 0) idle?.schedule();
    });
  }

  const ready = (async () => {
    const loaded = await load();
    printDiagnostics({ io, diagnostics: loaded.diagnostics, verbose });
    jobs = loaded.jobs;
    configFile = loaded.configFile;
    if (jobs.length > 0) await runJobs(jobs, []);
    else if (configFile) io.stdout(`[${clock()}] config has errors; fix it and save, vx-gen is watching it\n`);
    await updateWatches();
    if (!closed) idle?.schedule();
  })();

  return {
    ready,
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      idle?.cancel();
      await ready.catch(() => undefined);
      await running;
      for (const { watcher } of watched.values()) watcher.close();
      watched.clear();
    },
  };
}

interface WatchArgs extends GenerationArgs {
  debounce: number;
}

export const watchCommand: CommandModule<object, WatchArgs> = {
  command: "watch",
  describe: "Regenerate on every change of the spec, the files it $refs, the Prisma schema or the config (Ctrl-C to stop)",
  builder: (y) =>
    y
      .options(generationOptions)
      .option("debounce", { type: "number", default: 20, describe: "Milliseconds to wait for more changes before regenerating" })
      .example("$0 watch", "regenerate every job of the config on each save")
      .example("$0 watch --openapi api.yaml --prisma prisma --out server", "without a config"),
  handler: async (argv) => {
    const load: JobSource = () => loadJobs({ ...(argv.config !== undefined ? { config: argv.config } : {}), overrides: overridesFrom(argv) });
    const first = await load();
    if (first.jobs.length === 0 && !first.configFile) {
      printDiagnostics({ io: processIo, diagnostics: first.diagnostics, verbose: argv.verbose });
      process.exitCode = 2;
      return;
    }
    const handle = await watchProject({ load, debounceMs: argv.debounce, verbose: argv.verbose });
    await handle.ready;
    process.stderr.write("vx-gen is watching; Ctrl-C to stop\n");
    await new Promise<void>((done) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        void handle.close().then(done);
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
    process.stderr.write("vx-gen watch stopped\n");
    process.exitCode = 0;
  },
};
