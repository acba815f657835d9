import type { Stats } from "node:fs";
import { hashBytes, hashContent } from "./hashContent.js";
import type { Manifest } from "./Manifest.js";

/**
 * What `stat` says about a file: enough to notice that its content may have changed. `ctimeMs` is the key field: the
 * kernel sets it to "now" on every write, rename and metadata change, and no program can set it back (`touch -d`,
 * `cp -p` and `git checkout` can forge mtime, not ctime); `ino` changes when the file is replaced by a rename.
 */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/**
 * A file's content as vx-gen last saw it, with the stamp read right after reading it. `knownAt` is the wall-clock
 * time taken just before the read.
 */
export interface SnapshotEntry {
  stamp: FileStamp;
  knownAt: number;
  /** `hashContent` of the content (absent until some step needed it). */
  hash?: string;
  /** The content itself (kept in memory by `watch`; the on-disk check cache stores no text). */
  text?: string;
  /** Names `seemsToDeclare` found in the content (checked only for the names a run asked about). */
  declares?: string[];
  /** UTF-8 bytes of `text`, kept for a file this process just wrote: the next read compares bytes, without decoding. */
  bytes?: Buffer;
}

/**
 * Timestamps this close to the moment the content was read are uncertain: a second write in the same timestamp
 * granule (1-10 ms on Linux, 1 s on HFS+/ext3, 2 s on FAT) with the same size would leave the stamp unchanged.
 */
export const UNCERTAIN_MS = 2000;

export function stampOf(stats: Stats): FileStamp {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino };
}

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

/**
 * Whether an entry still describes the file whose stamp is `now`, without reading it. Sound because: the entry's
 * content was read at or after `knownAt` and its stamp taken after that, and its timestamps are more than
 * `UNCERTAIN_MS` older than `knownAt`, so the last change before the read lies in an earlier timestamp granule than any
 * change after it; a change after the read therefore moves ctime (and the stamp no longer matches). A stamp within
 * `UNCERTAIN_MS` of the read (typically: a file vx-gen just wrote) is never trusted: the caller reads and hashes, and
 * records a new entry that becomes trustworthy once the file has been quiet for `UNCERTAIN_MS`.
 * Residual risk: a file system whose clock runs more than `UNCERTAIN_MS` behind this machine's (a network share with
 * clock skew) and coarse timestamps, where a same-size rewrite in the same granule as the recorded one goes unseen.
 */
export function isTrusted(entry: SnapshotEntry, now: FileStamp): boolean {
  const limit = entry.knownAt - UNCERTAIN_MS;
  return sameStamp(entry.stamp, now) && entry.stamp.ctimeMs < limit && entry.stamp.mtimeMs < limit;
}

/** Whether the entry carries content (`text` may be decoded lazily from `bytes`: see `entryFromBytes`). */
export function hasText(entry: SnapshotEntry): entry is SnapshotEntry & { text: string } {
  return Object.prototype.hasOwnProperty.call(entry, "text");
}

/**
 * An entry for content known as exact UTF-8 bytes (a copied file just written): `text` is decoded only if read.
 * `copyEntry` copies it without decoding.
 */
export function entryFromBytes({ stamp, knownAt, bytes, hash }: { stamp: FileStamp; knownAt: number; bytes: Buffer; hash?: string }): SnapshotEntry & { text: string } {
  let text: string | undefined;
  const entry = { stamp, knownAt, bytes, ...(hash !== undefined ? { hash } : {}) } as SnapshotEntry & { text: string };
  Object.defineProperty(entry, "text", { enumerable: true, get: () => (text ??= bytes.toString("utf8")) });
  return entry;
}

/** The entry's hash, computed from its content if needed. */
export function entryHash(entry: SnapshotEntry & { text: string }): string {
  entry.hash ??= entry.bytes !== undefined ? hashBytes(entry.bytes) : hashContent(entry.text);
  return entry.hash;
}

/**
 * Writer state carried from one run to the next in a long-lived process (`watch`): the output folder's files as last
 * seen (path -> entry with text) and the parsed manifest. Files are still `stat`ed on every run; a file whose stamp
 * changed (a user edit, a deletion, a `git checkout`) is read again. Pass the same object to every run of one output
 * folder.
 */
export interface WriterState {
  files: Map<string, SnapshotEntry>;
  manifest?: { entry: SnapshotEntry & { text: string }; manifest: Manifest };
  /** The on-disk cache (`writeOutput`'s `cache`) was merged into `files` already. */
  cacheLoaded?: boolean;
}

export function createWriterState(): WriterState {
  return { files: new Map() };
}
