import { readFileSync, statSync, type Stats } from "node:fs";
import { join } from "node:path";
import { isTrusted, stampOf, type FileStamp, type SnapshotEntry } from "./OutputSnapshot.js";

/** A file of the output folder as planning sees it. `entry.text` is its content; `entryHash(entry)` its hash. */
export type DiskFile = { kind: "missing" } | { kind: "file"; entry: SnapshotEntry & { text: string } } | { kind: "unreadable"; reason: string };

/** Stamp of a file whose stamp is unknown: equal to no real stamp. */
export const NO_STAMP: FileStamp = { size: -1, mtimeMs: Number.NaN, ctimeMs: Number.NaN, ino: -1 };

/**
 * Reads one output file, or takes it from `known` (what an earlier run saw):
 * - `known` has the text and the file's stamp shows it untouched since (`isTrusted`): one `stat`, no read;
 * - otherwise the file is read (time noted before), then `stat`ed. The hash (and the declared names) of `known` carry
 *   over when they are those of the text just read: `known` has the same text, or `known` has no text (the on-disk
 *   check cache) and the stamp taken after this read shows the file untouched since `known` was recorded.
 */
export function readOutputFile({ outDir, path, known }: { outDir: string; path: string; known?: SnapshotEntry | undefined }): DiskFile {
  const file = join(outDir, path);
  if (known?.text !== undefined) {
    const stats = statOf(file);
    if (stats?.isFile() && isTrusted(known, stampOf(stats))) return { kind: "file", entry: known as SnapshotEntry & { text: string } };
  }
  const knownAt = Date.now();
  let text: string;
  try {
    if (known?.bytes !== undefined && known.text !== undefined) {
      // A file this process wrote: the same bytes are the same text, no decoding needed.
      const bytes = readFileSync(file);
      text = bytes.equals(known.bytes) ? known.text : bytes.toString("utf8");
    } else {
      text = readFileSync(file, "utf8");
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
    return { kind: "unreadable", reason: code === "EISDIR" ? "it is a directory" : `it cannot be read (${code ?? "unknown error"})` };
  }
  const stats = statOf(file);
  const entry: SnapshotEntry & { text: string } = { stamp: stats ? stampOf(stats) : NO_STAMP, knownAt, text };
  if (known && (known.text !== undefined ? known.text === text : stats !== undefined && isTrusted(known, entry.stamp))) {
    if (known.hash !== undefined) entry.hash = known.hash;
    if (known.declares !== undefined) entry.declares = known.declares;
  }
  return { kind: "file", entry };
}

/**
 * Reads many output files. Synchronous on purpose: for a thousand small files one `statSync`/`readFileSync` costs a
 * few microseconds, the promise versions (thread pool round trip, promise) ten times more, whatever the concurrency.
 */
export function readOutputFiles({ outDir, paths, known }: { outDir: string; paths: string[]; known?: Map<string, SnapshotEntry> }): Map<string, DiskFile> {
  const result = new Map<string, DiskFile>();
  for (const path of paths) result.set(path, readOutputFile({ outDir, path, known: known?.get(path) }));
  return result;
}

function statOf(file: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
