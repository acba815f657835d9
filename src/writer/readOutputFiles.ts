import { readFileSync, statSync, type Stats } from "node:fs";
import { join } from "node:path";
import { hasText, isTrusted, sameStamp, stampOf, type FileStamp, type SnapshotEntry } from "./OutputSnapshot.js";

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
export function readOutputFile({
  outDir,
  path,
  known,
  unread = false,
}: {
  outDir: string;
  path: string;
  known?: SnapshotEntry | undefined;
  /**
   * The caller does not need the content (it rewrites the file whatever it holds): a file whose stamp is still the one
   * `known` recorded right after vx-gen wrote it is taken as `known` without reading it. Its stamp only tells whether
   * the file was edited since (for the "edited by hand" warning); nothing is decided on its content being `known`'s.
   */
  unread?: boolean;
}): DiskFile {
  const file = outputPath({ outDir, path });
  const knownText = known !== undefined && hasText(known);
  if (knownText) {
    const stats = statOf(file);
    if (stats?.isFile()) {
      const stamp = stampOf(stats);
      if (isTrusted(known, stamp) || (unread && sameStamp(known.stamp, stamp))) return { kind: "file", entry: known };
    }
  }
  const knownAt = Date.now();
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
    return { kind: "unreadable", reason: code === "EISDIR" ? "it is a directory" : `it cannot be read (${code ?? "unknown error"})` };
  }
  const stats = statOf(file);
  const stamp = stats ? stampOf(stats) : NO_STAMP;
  // A file this process wrote: the same bytes are the same text, nothing to decode (a copied 13 MB spec stays bytes).
  if (knownText && known.bytes !== undefined && bytes.equals(known.bytes)) {
    return { kind: "file", entry: withStamp({ entry: known, stamp, knownAt }) };
  }
  const entry: SnapshotEntry & { text: string } = { stamp, knownAt, text: bytes.toString("utf8") };
  if (known && (knownText ? known.text === entry.text : stats !== undefined && isTrusted(known, entry.stamp))) {
    if (known.hash !== undefined) entry.hash = known.hash;
    if (known.declares !== undefined) entry.declares = known.declares;
  }
  return { kind: "file", entry };
}

/**
 * `entry` (same content, hash and names) with the stamp just read, its text not decoded if it is still bytes only. The
 * entry is the previous run's (`known`), which the writer replaces by this run's entries once planning is done.
 */
function withStamp({ entry, stamp, knownAt }: { entry: SnapshotEntry & { text: string }; stamp: FileStamp; knownAt: number }): SnapshotEntry & { text: string } {
  entry.stamp = stamp;
  entry.knownAt = knownAt;
  return entry;
}

/**
 * Reads many output files. Synchronous on purpose: for a thousand small files one `statSync`/`readFileSync` costs a
 * few microseconds, the promise versions (thread pool round trip, promise) ten times more, whatever the concurrency.
 */
export function readOutputFiles({
  outDir,
  paths,
  known,
  unread,
}: {
  outDir: string;
  paths: string[];
  known?: Map<string, SnapshotEntry>;
  /** Paths whose content the caller does not need (see `readOutputFile`). */
  unread?: ReadonlySet<string>;
}): Map<string, DiskFile> {
  const result = new Map<string, DiskFile>();
  for (const path of paths) result.set(path, readOutputFile({ outDir, path, known: known?.get(path), unread: unread?.has(path) ?? false }));
  return result;
}

/** Absolute paths of output files, per folder: `watch` looks up the same thousands of paths on every run. */
const joined = new Map<string, Map<string, string>>();

function outputPath({ outDir, path }: { outDir: string; path: string }): string {
  let paths = joined.get(outDir);
  if (!paths || paths.size > 100_000) {
    if (joined.size >= 8) joined.clear();
    joined.set(outDir, (paths = new Map()));
  }
  let file = paths.get(path);
  if (file === undefined) paths.set(path, (file = join(outDir, path)));
  return file;
}

function statOf(file: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
