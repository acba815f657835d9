import { mkdir, readFile, rename, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { vxGenCacheRoot } from "./vxGenCacheRoot.js";

/** Texts by key, in memory (least recently used dropped first) and, when given a folder, on disk. */
export interface TextCache {
  /** From memory (and marked recently used), else undefined. */
  fromMemory(key: string): string | undefined;
  /** From the disk folder (and kept in memory), else undefined. */
  fromDisk(key: string): Promise<string | undefined>;
  /** Kept in memory and, best effort, on disk: a folder that cannot be written only means producing it again. */
  put(entry: { key: string; text: string }): Promise<void>;
  /** Kept in memory only. */
  remember(entry: { key: string; text: string }): void;
}

/**
 * The storage of vx-gen's content-addressed caches (prettier results, compiled validators): `dir/<key><extension>`
 * files written atomically (temporary file, then rename) and at most `memoryLimit` texts in memory for `watch`.
 */
export function createTextCache({ dir, extension, memoryLimit }: { dir: string | undefined; extension: string; memoryLimit: number }): TextCache {
  const memory = new Map<string, string>();
  let ready: Promise<boolean> | undefined;
  const remember = ({ key, text }: { key: string; text: string }): void => {
    memory.delete(key);
    memory.set(key, text);
    while (memory.size > memoryLimit) {
      const oldest = memory.keys().next();
      if (oldest.done) break;
      memory.delete(oldest.value);
    }
  };
  return {
    fromMemory(key) {
      const text = memory.get(key);
      if (text !== undefined) remember({ key, text });
      return text;
    },
    async fromDisk(key) {
      if (!dir) return undefined;
      const file = join(dir, `${key}${extension}`);
      const text = await readFile(file, "utf8").catch(() => undefined);
      if (text === undefined) return undefined;
      remember({ key, text });
      // Marked as used, so `pruneCacheFolder` keeps it (best effort, not awaited: a hit costs no extra wait).
      const now = new Date();
      utimes(file, now, now).catch(() => undefined);
      return text;
    },
    async put({ key, text }) {
      remember({ key, text });
      if (!dir) return;
      ready ??= mkdir(dir, { recursive: true }).then(
        () => true,
        () => false,
      );
      if (!(await ready)) return;
      const file = join(dir, `${key}${extension}`);
      const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      try {
        await writeFile(temporary, text);
        await rename(temporary, file);
      } catch {
        // ignored on purpose: the cache only saves time
      }
    },
    remember,
  };
}

/**
 * A cache folder of vx-gen: `<cache root>/<name>`, the root being `$VX_GEN_CACHE_DIR`, else the project's
 * `node_modules/.cache/vx-gen`, else the user's cache folder (see `vxGenCacheRoot`).
 */
export function vxGenCacheDir({ name }: { name: string }): string {
  return join(vxGenCacheRoot().dir, name);
}
