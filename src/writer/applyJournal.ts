import { mkdir, rename, rm, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { STAGING_DIR } from "./Manifest.js";
import { removeEmptyParents } from "./removeEmptyParents.js";
import type { WriteJournal } from "./WriteJournal.js";

/** A hook tests use to simulate a crash at a given step (throwing from it). */
export type FaultHook = (step: { phase: "stage" | "commit"; path: string }) => void | Promise<void>;

/**
 * Applies a committed journal: moves every staged file into place, deletes the files to delete, removes folders
 * left empty, then the staging folder. Idempotent: a rename whose staged file is gone was already done.
 */
export async function applyJournal({ outDir, journal, fault }: { outDir: string; journal: WriteJournal; fault?: FaultHook }): Promise<void> {
  const staging = join(outDir, STAGING_DIR);
  for (const { from, to } of journal.renames) {
    await fault?.({ phase: "commit", path: to });
    const target = join(outDir, to);
    await mkdir(dirname(target), { recursive: true });
    try {
      await rename(join(staging, from), target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  for (const path of journal.deletes) {
    await fault?.({ phase: "commit", path });
    try {
      await unlink(join(outDir, path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    await removeEmptyParents({ outDir, path });
  }
  await rm(staging, { recursive: true, force: true });
}
