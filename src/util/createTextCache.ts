import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

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
      const text = await readFile(join(dir, `${key}${extension}`), "utf8").catch(() => undefined);
      if (text !== undefined) remember({ key, text });
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

const local = createRequire(import.meta.url);

/**
 * A cache folder of vx-gen: `$VX_GEN_CACHE_DIR/<name>` when set, else `node_modules/.cache/vx-gen/<name>` in the
 * node_modules that holds `anchor` (a package vx-gen uses); undefined when it cannot be located.
 */
export function vxGenCacheDir({ name, anchor }: { name: string; anchor: string }): string | undefined {
  const base = process.env["VX_GEN_CACHE_DIR"];
  if (base) return join(base, name);
  try {
    return join(dirname(dirname(local.resolve(`${anchor}/package.json`))), ".cache", "vx-gen", name);
  } catch {
    return undefined;
  }
}
