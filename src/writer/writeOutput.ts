import type { Diagnostic } from "../ir/types.js";
import type { RenderedFile } from "../pipeline/RenderedFile.js";
import { hasErrors } from "../diagnostics/createDiagnostic.js";
import type { FaultHook } from "./applyJournal.js";
import { commitWritePlan } from "./commitWritePlan.js";
import { planWrite } from "./planWrite.js";
import { recoverInterruptedWrite } from "./recoverInterruptedWrite.js";
import type { WritePlan } from "./WritePlan.js";

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
 */
export async function writeOutput({
  outDir,
  files,
  mode = "write",
  fault,
}: {
  outDir: string;
  files: readonly RenderedFile[];
  mode?: "write" | "plan";
  fault?: FaultHook;
}): Promise<WriteOutputResult> {
  const diagnostics: Diagnostic[] = mode === "write" ? await recoverInterruptedWrite({ outDir }) : [];
  const plan = await planWrite({ outDir, files });
  diagnostics.push(...plan.diagnostics);
  if (mode === "plan" || hasErrors(plan.diagnostics)) return { plan, diagnostics, wrote: false };
  const committed = await commitWritePlan({ plan, ...(fault ? { fault } : {}) });
  diagnostics.push(...committed.diagnostics);
  return { plan, diagnostics, wrote: committed.written + committed.deleted > 0 || plan.manifestChanged };
}
