import { statSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../ir/types.js";
import type { RenderedFile } from "../pipeline/RenderedFile.js";
import { hasErrors } from "../diagnostics/createDiagnostic.js";
import type { FaultHook } from "./applyJournal.js";
import { readFileHashes, writeFileHashes } from "./checkCache.js";
import { commitWritePlan } from "./commitWritePlan.js";
import { createWriterState, entryFromBytes, stampOf, type FileStamp, type WriterState } from "./OutputSnapshot.js";
import { planWrite } from "./planWrite.js";
import { NO_STAMP } from "./readOutputFiles.js";
import { recoverInterruptedWrite } from "./recoverInterruptedWrite.js";
import type { WritePlan } from "./WritePlan.js";

/** The file's stamp now, or one equal to no real stamp. */
function stampNow(file: string): FileStamp {
  const stats = statSync(file, { throwIfNoEntry: false });
  return stats ? stampOf(stats) : NO_STAMP;
}

/** `String.prototype.isWellFormed` (Node 20+; not in the ES2023 type library): no lone surrogates. */
function isWellFormed(text: string): boolean {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}

export interface WriteOutputResult {
  plan: WritePlan;
  /** The plan's diagnostics plus any from recovery and committing. */
  diagnostics: Diagnostic[];
  /** True when the disk was changed. */
  wrote: boolean;
}

/**
 * The writer's entry point: finishes any interrupted earlier write, plans this one, and (unless `mode` is `plan`,
 * used by `--dry-run` and `check`, or the plan has errors) commits it. Nothing is written when the plan has an error.
 *
 * `state` (from `createWriterState`, one per output folder, kept by a long-lived process such as `watch`) lets a run
 * reuse what the previous one read or wrote: files whose stamp is unchanged are not read again, hashes already
 * computed are not computed again, the manifest is not parsed again. `cache: true` does the same across processes
 * with the stamps and hashes (never the content) kept in `node_modules/.cache/vx-gen` (see `readFileHashes`).
 */
export async function writeOutput({
  outDir,
  files,
  mode = "write",
  fault,
  state = createWriterState(),
  cache = false,
  defer,
}: {
  outDir: string;
  files: readonly RenderedFile[];
  mode?: "write" | "plan";
  fault?: FaultHook;
  state?: WriterState;
  cache?: boolean;
  /**
   * Runs bookkeeping that the output does not wait for (the on-disk cache of stamps and hashes) later, off the
   * latency path of a `watch` run; the caller must run every task it was given before the next run of this folder.
   */
  defer?: (task: () => Promise<void>) => void;
}): Promise<WriteOutputResult> {
  const diagnostics: Diagnostic[] = mode === "write" ? await recoverInterruptedWrite({ outDir }) : [];
  if (cache && !state.cacheLoaded) {
    for (const [path, entry] of await readFileHashes({ outDir })) if (!state.files.has(path)) state.files.set(path, entry);
    state.cacheLoaded = true;
  }
  const { plan, seen, manifestSeen, encoded } = await planWrite({ outDir, files, state, mode });
  // From here on the state describes what this run saw; entries of files no longer produced nor present are dropped.
  state.files = seen;
  if (manifestSeen) state.manifest = manifestSeen;
  else delete state.manifest;
  diagnostics.push(...plan.diagnostics);
  let wrote = false;
  if (mode === "write" && !hasErrors(plan.diagnostics)) {
    const committed = await commitWritePlan({ plan, encoded, ...(fault ? { fault } : {}) });
    diagnostics.push(...committed.diagnostics);
    wrote = committed.written + committed.deleted > 0 || plan.manifestChanged;
    if (hasErrors(committed.diagnostics)) {
      // The folder is in an unknown state (staging failed, or an interrupted commit the next run finishes): forget it.
      state.files = new Map();
      delete state.manifest;
    } else {
      // What was written is known in full, its stamp not: the next run `stat`s, finds a new stamp, reads the file and
      // (the text being the same) keeps the hash computed here.
      const copies = new Map(files.flatMap((f) => (f.bytes !== undefined ? [[f.path, f.bytes] as const] : [])));
      for (const action of plan.actions) {
        if (action.kind === "delete") state.files.delete(action.path);
        else if (action.kind === "create" || action.kind === "update" || action.kind === "merge") {
          const hash = action.kind === "merge" ? undefined : plan.manifest.files[action.path]?.hash;
          const copied = copies.get(action.path);
          if (copied) {
            // Exact bytes by construction: the entry keeps them and decodes its text only if something reads it. Its
            // stamp, taken now, is never trusted for content (`knownAt` 0): the next run uses it only to tell whether
            // the file was touched since, where it rewrites it anyway (`planWrite`'s `rewrittenAnyway`).
            state.files.set(action.path, entryFromBytes({ stamp: stampNow(join(outDir, action.path)), knownAt: 0, bytes: copied, ...(hash !== undefined ? { hash } : {}) }));
            continue;
          }
          // Bytes only for text that survives UTF-8 encoding unchanged (no lone surrogates): then equal bytes on disk
          // mean the disk's text is exactly this text (see readOutputFile).
          const bytes = isWellFormed(action.content) ? encoded.get(action.path) : undefined;
          state.files.set(action.path, { stamp: NO_STAMP, knownAt: 0, text: action.content, ...(hash !== undefined ? { hash } : {}), ...(bytes ? { bytes } : {}) });
        }
      }
      if (plan.manifestChanged) state.manifest = { entry: { stamp: NO_STAMP, knownAt: 0, text: plan.manifestText }, manifest: plan.manifest };
    }
  }
  if (cache) {
    const entries = state.files;
    if (defer) defer(() => writeFileHashes({ outDir, entries }));
    else await writeFileHashes({ outDir, entries });
  }
  return { plan, diagnostics, wrote };
}
