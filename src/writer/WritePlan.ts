import type { Diagnostic } from "../ir/types.js";
import type { Manifest } from "./Manifest.js";

/**
 * What one run does to one file of the output folder. Paths are relative to the output folder, `/`-separated.
 * - `create`: missing, will be written. - `update`: a generated file whose content changes.
 * - `merge`: a user's scaffold file gaining the declarations in `added` (every other byte kept).
 * - `delete`: vx-gen wrote it, it is no longer produced, and nobody edited it.
 * - `unchanged`: already as it should be (not touched, mtime kept).
 * - `keep`: left alone on purpose: a scaffold file that belongs to the user, or a no-longer-generated file the user edited.
 */
export type FileAction =
  | { kind: "create"; path: string; ownership: "generated" | "scaffold"; content: string }
  | { kind: "update"; path: string; ownership: "generated"; content: string; previous: string }
  | { kind: "merge"; path: string; ownership: "scaffold"; content: string; previous: string; added: string[] }
  | { kind: "delete"; path: string; previous: string }
  | { kind: "unchanged"; path: string; ownership: "generated" | "scaffold" }
  | { kind: "keep"; path: string; reason: string };

export interface WritePlan {
  /** Output folder as given (absolute or relative to the working directory). */
  outDir: string;
  /** Sorted by path. */
  actions: FileAction[];
  /** The manifest after this run, and its serialised text (written only when it differs from the disk). */
  manifest: Manifest;
  manifestText: string;
  manifestChanged: boolean;
  /** Errors here mean the plan must not be committed. */
  diagnostics: Diagnostic[];
}

/** Actions that change the disk. */
export function isChange(action: FileAction): action is Extract<FileAction, { kind: "create" | "update" | "merge" | "delete" }> {
  return action.kind === "create" || action.kind === "update" || action.kind === "merge" || action.kind === "delete";
}
