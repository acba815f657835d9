import { chmod, mkdir, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Diagnostic } from "../ir/types.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";
import { applyJournal, type FaultHook } from "./applyJournal.js";
import { MANIFEST_FILE, STAGING_DIR } from "./Manifest.js";
import { JOURNAL_FILE, type WriteJournal } from "./WriteJournal.js";
import type { WritePlan } from "./WritePlan.js";

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a plan to disk in two phases.
 * 1. Stage: every new or changed file (and the manifest) is written into `<out>/.vx-tmp/`. A failure here removes the
 *    staging folder: the output folder is exactly as it was.
 * 2. Commit: a journal naming every rename and deletion is renamed into place (the commit point), then applied, each
 *    file by an atomic rename over its target. A crash during this phase is finished by the next run
 *    (`recoverInterruptedWrite`), so the folder ends either as before or fully as planned; readers watching the folder
 *    during the few milliseconds of phase 2 can see some files already new and others not yet.
 * Unchanged files are never touched, so their mtime stays.
 */
export async function commitWritePlan({
  plan,
  fault,
  encoded,
}: {
  plan: WritePlan;
  fault?: FaultHook;
  /** Contents already encoded to UTF-8 (by planning, for their hash), by path. */
  encoded?: ReadonlyMap<string, Buffer>;
}): Promise<{ diagnostics: Diagnostic[]; written: number; deleted: number }> {
  const { outDir } = plan;
  const writes: { path: string; content: string | Buffer }[] = [];
  const deletes: string[] = [];
  for (const action of plan.actions) {
    if (action.kind === "create" || action.kind === "update" || action.kind === "merge") writes.push({ path: action.path, content: encoded?.get(action.path) ?? action.content });
    else if (action.kind === "delete") deletes.push(action.path);
  }
  if (writes.length === 0 && deletes.length === 0 && !plan.manifestChanged) return { diagnostics: [], written: 0, deleted: 0 };
  if (plan.manifestChanged) writes.push({ path: MANIFEST_FILE, content: plan.manifestText });

  const outExisted = await exists(outDir);
  const staging = join(outDir, STAGING_DIR);
  const journal: WriteJournal = { journalVersion: 1, renames: [], deletes };
  try {
    await mkdir(staging, { recursive: true });
    for (const [index, write] of writes.entries()) {
      await fault?.({ phase: "stage", path: write.path });
      const staged = String(index);
      await writeFile(join(staging, staged), write.content, typeof write.content === "string" ? "utf8" : undefined);
      const mode = await stat(join(outDir, write.path)).then(
        (info) => info.mode & 0o777,
        () => undefined,
      );
      if (mode !== undefined) await chmod(join(staging, staged), mode);
      journal.renames.push({ from: staged, to: write.path });
    }
    await fault?.({ phase: "stage", path: JOURNAL_FILE });
    await writeFile(join(staging, `${JOURNAL_FILE}.tmp`), JSON.stringify(journal), "utf8");
    await rename(join(staging, `${JOURNAL_FILE}.tmp`), join(staging, JOURNAL_FILE));
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (!outExisted) await rmdir(outDir).catch(() => undefined);
    return {
      diagnostics: [
        createDiagnostic({
          code: "VX500",
          message: `cannot write to ${outDir}: ${error instanceof Error ? error.message : String(error)}; nothing was changed`,
          location: { file: outDir },
        }),
      ],
      written: 0,
      deleted: 0,
    };
  }
  try {
    await applyJournal({ outDir, journal, ...(fault ? { fault } : {}) });
  } catch (error) {
    return {
      diagnostics: [
        createDiagnostic({
          code: "VX500",
          message: `writing to ${outDir} was interrupted: ${error instanceof Error ? error.message : String(error)}`,
          location: { file: outDir },
          help: "run vx-gen again: it finishes the interrupted write first",
        }),
      ],
      written: 0,
      deleted: 0,
    };
  }
  return { diagnostics: [], written: writes.length - (plan.manifestChanged ? 1 : 0), deleted: deletes.length };
}
