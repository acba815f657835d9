import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Diagnostic } from "../ir/types.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";
import { applyJournal } from "./applyJournal.js";
import { STAGING_DIR } from "./Manifest.js";
import { JOURNAL_FILE, type WriteJournal } from "./WriteJournal.js";

/**
 * Brings an output folder back to a consistent state after a run that died while writing:
 * - a committed journal in the staging folder: the write is finished (every staged file moved into place);
 * - a staging folder without journal: the run died before its commit point; the staging folder is discarded and the
 *   output folder is exactly as it was before that run.
 */
export async function recoverInterruptedWrite({ outDir }: { outDir: string }): Promise<Diagnostic[]> {
  const staging = join(outDir, STAGING_DIR);
  let text: string;
  try {
    text = await readFile(join(staging, JOURNAL_FILE), "utf8");
  } catch {
    await rm(staging, { recursive: true, force: true });
    return [];
  }
  const journal = JSON.parse(text) as WriteJournal;
  await applyJournal({ outDir, journal });
  return [
    createDiagnostic({
      code: "VX500",
      severity: "info",
      message: `finished a write to ${outDir} that an earlier run started and did not complete`,
      location: { file: staging },
    }),
  ];
}
