import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { vxGenCacheRoot } from "../util/vxGenCacheRoot.js";
import type { SnapshotEntry } from "./OutputSnapshot.js";

/** What the last successful `generate` of an output folder saw: its inputs' fingerprint and the manifest it wrote. */
export interface CheckCacheEntry {
  inputs: { files: string[]; hash: string };
  manifestHash: string;
}

/**
 * Where the entry for an output folder lives: in vx-gen's cache root when it is `$VX_GEN_CACHE_DIR` or the project's
 * `node_modules/.cache/vx-gen` (like other tools' build caches), never in the output folder, so the committed output
 * stays a function of the inputs' meaning alone. No project `node_modules` and no variable: no cache (and `check`
 * always runs in full, as on a fresh CI checkout).
 */
async function cacheFile(outDir: string, kind: "check" | "files" = "check"): Promise<string | undefined> {
  const root = vxGenCacheRoot();
  if (root.source === "user") return undefined;
  const key = createHash("sha256").update(resolve(outDir)).digest("hex").slice(0, 16);
  return join(root.dir, `${kind}-${key}.json`);
}

export async function readCheckCache({ outDir }: { outDir: string }): Promise<CheckCacheEntry | undefined> {
  const file = await cacheFile(outDir);
  if (!file) return undefined;
  try {
    const entry = JSON.parse(await readFile(file, "utf8")) as Partial<CheckCacheEntry>;
    if (typeof entry.manifestHash !== "string" || typeof entry.inputs?.hash !== "string" || !Array.isArray(entry.inputs.files)) return undefined;
    return entry as CheckCacheEntry;
  } catch {
    return undefined;
  }
}

/** Best effort: a cache that cannot be written only makes the next `check` slower. */
export async function writeCheckCache({ outDir, entry }: { outDir: string; entry: CheckCacheEntry }): Promise<void> {
  const file = await cacheFile(outDir);
  if (!file) return;
  try {
    await mkdir(join(file, ".."), { recursive: true });
    await writeFile(`${file}.${process.pid}.tmp`, JSON.stringify(entry));
    await rename(`${file}.${process.pid}.tmp`, file);
  } catch {
    // ignored on purpose
  }
}

/**
 * The output folder's file stamps and hashes as last seen by `generate` or `check` (see `OutputSnapshot`), kept next
 * to the check cache (`files-<key>.json`) so that the next one-shot run can skip hashing, and the fast `check` reading,
 * files untouched since. Only entries with a real stamp are kept; no file content is stored.
 */
export async function readFileHashes({ outDir }: { outDir: string }): Promise<Map<string, SnapshotEntry>> {
  const file = await cacheFile(outDir, "files");
  const result = new Map<string, SnapshotEntry>();
  if (!file) return result;
  try {
    const parsed = JSON.parse(await readFile(file, "utf8")) as { version?: unknown; files?: Record<string, StoredEntry> };
    if (parsed.version !== 1 || parsed.files === null || typeof parsed.files !== "object") return result;
    for (const [path, e] of Object.entries(parsed.files)) {
      if (!Array.isArray(e.s) || e.s.length !== 4 || !e.s.every((n) => typeof n === "number") || typeof e.k !== "number") continue;
      const [size, mtimeMs, ctimeMs, ino] = e.s as [number, number, number, number];
      const entry: SnapshotEntry = { stamp: { size, mtimeMs, ctimeMs, ino }, knownAt: e.k };
      if (typeof e.h === "string") entry.hash = e.h;
      if (Array.isArray(e.d) && e.d.every((n) => typeof n === "string")) entry.declares = e.d;
      result.set(path, entry);
    }
  } catch {
    // no cache or an unreadable one: every file is read and hashed
  }
  return result;
}

interface StoredEntry {
  /** size, mtimeMs, ctimeMs, ino */
  s: unknown;
  k: unknown;
  h?: unknown;
  d?: unknown;
}

/** Best effort, like `writeCheckCache`. Entries without hash or declared names are left out (nothing to reuse). */
export async function writeFileHashes({ outDir, entries }: { outDir: string; entries: ReadonlyMap<string, SnapshotEntry> }): Promise<void> {
  const file = await cacheFile(outDir, "files");
  if (!file) return;
  const files: Record<string, StoredEntry> = {};
  for (const [path, e] of entries) {
    if (e.stamp.size < 0 || (e.hash === undefined && e.declares === undefined)) continue;
    files[path] = { s: [e.stamp.size, e.stamp.mtimeMs, e.stamp.ctimeMs, e.stamp.ino], k: e.knownAt, ...(e.hash !== undefined ? { h: e.hash } : {}), ...(e.declares ? { d: e.declares } : {}) };
  }
  try {
    await mkdir(join(file, ".."), { recursive: true });
    await writeFile(`${file}.${process.pid}.tmp`, JSON.stringify({ version: 1, files }));
    await rename(`${file}.${process.pid}.tmp`, file);
  } catch {
    // ignored on purpose
  }
}
