import { readdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { vxGenCacheDir } from "./createTextCache.js";

const DAY_MS = 86_400_000;

/** The content-addressed cache folders under vx-gen's cache root (prettier results, validator units, spec schemas). */
export const cacheFolderNames = ["format", "validators", "schemas"] as const;

/** An entry unused this long is removed (a hit marks an entry as used: see `createTextCache`). */
export const cacheMaxAgeMs = 30 * DAY_MS;

/** The file whose time says when a folder was last pruned. */
const MARKER = ".pruned";

/**
 * Removes the files of `dir` last used (modified or marked) more than `maxAgeMs` before `now`, at most once per
 * `everyMs` (a marker file keeps the time). Best effort: a file that cannot be read or removed stays. Returns how many
 * files went, and whether the folder was looked at.
 */
export async function pruneCacheFolder({
  dir,
  now = Date.now(),
  maxAgeMs = cacheMaxAgeMs,
  everyMs = DAY_MS,
}: {
  dir: string;
  now?: number;
  maxAgeMs?: number;
  everyMs?: number;
}): Promise<{ pruned: boolean; removed: number }> {
  const marker = join(dir, MARKER);
  const last = await stat(marker).then(
    (info) => info.mtimeMs,
    () => undefined,
  );
  if (last !== undefined && now - last < everyMs) return { pruned: false, removed: 0 };
  const names = await readdir(dir).catch(() => undefined);
  if (names === undefined) return { pruned: false, removed: 0 };
  let removed = 0;
  for (const name of names) {
    if (name === MARKER) continue;
    const file = join(dir, name);
    const info = await stat(file).catch(() => undefined);
    if (info === undefined || !info.isFile() || now - info.mtimeMs <= maxAgeMs) continue;
    if (await rm(file).then(() => true, () => false)) removed++;
  }
  const time = new Date(now);
  await writeFile(marker, "")
    .then(() => utimes(marker, time, time))
    .catch(() => undefined);
  return { pruned: true, removed };
}

/** `pruneCacheFolder` over each of vx-gen's cache folders (those that exist); the files removed in all. */
export async function pruneVxGenCaches({ now = Date.now() }: { now?: number } = {}): Promise<number> {
  let removed = 0;
  for (const name of cacheFolderNames) removed += (await pruneCacheFolder({ dir: vxGenCacheDir({ name }), now })).removed;
  return removed;
}
