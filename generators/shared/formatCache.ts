import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as prettier from "prettier";
import { formatInPool } from "./formatPool.js";

export type FormatOptions = prettier.Options & { parser: string };

export interface FormatCacheStats {
  memoryHits: number;
  diskHits: number;
  misses: number;
}

export interface FormatCache {
  /** `prettier.format(text, options)`, answered from memory or disk when the same text was formatted before. */
  format(input: { text: string; options: FormatOptions }): Promise<string>;
  stats(): FormatCacheStats;
}

const local = createRequire(import.meta.url);

/**
 * `node_modules/.cache/vx-gen/format`, next to the prettier this package uses (or `$VX_GEN_CACHE_DIR/format`);
 * undefined when it cannot be located.
 */
export function defaultFormatCacheDir(): string | undefined {
  const base = process.env["VX_GEN_CACHE_DIR"];
  if (base) return join(base, "format");
  try {
    return join(dirname(dirname(local.resolve("prettier/package.json"))), ".cache", "vx-gen", "format");
  } catch {
    return undefined;
  }
}

function cacheKey({ text, options }: { text: string; options: FormatOptions }): string {
  const sorted = Object.fromEntries(Object.entries(options).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return createHash("sha256")
    .update(JSON.stringify({ prettier: prettier.version, options: sorted, format: 1 }))
    .update("\0")
    .update(text)
    .digest("hex")
    .slice(0, 32);
}

/**
 * A prettier result cache keyed by a hash of the unformatted text, the prettier version and the options. Entries stay
 * in memory (so a long-lived `watch` reformats only the files whose printed text changed) and, when `dir` is given, on
 * disk (so `generate` and `check` in a new process skip unchanged files). The disk part is best effort: an unreadable
 * or unwritable folder only means formatting again. At most `memoryLimit` entries are kept in memory, oldest dropped.
 */
export function createFormatCache({ dir, memoryLimit = 50_000 }: { dir: string | undefined; memoryLimit?: number }): FormatCache {
  const memory = new Map<string, string>();
  const counts: FormatCacheStats = { memoryHits: 0, diskHits: 0, misses: 0 };
  let ready: Promise<boolean> | undefined;
  const remember = ({ key, formatted }: { key: string; formatted: string }): void => {
    memory.delete(key);
    memory.set(key, formatted);
    while (memory.size > memoryLimit) {
      const oldest = memory.keys().next();
      if (oldest.done) break;
      memory.delete(oldest.value);
    }
  };
  const store = async ({ key, formatted }: { key: string; formatted: string }): Promise<void> => {
    if (!dir) return;
    ready ??= mkdir(dir, { recursive: true }).then(
      () => true,
      () => false,
    );
    if (!(await ready)) return;
    const file = join(dir, `${key}.txt`);
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await writeFile(temporary, formatted);
      await rename(temporary, file);
    } catch {
      // ignored on purpose: the cache only saves time
    }
  };
  return {
    async format({ text, options }) {
      const key = cacheKey({ text, options });
      const known = memory.get(key);
      if (known !== undefined) {
        counts.memoryHits++;
        remember({ key, formatted: known });
        return known;
      }
      if (dir) {
        const stored = await readFile(join(dir, `${key}.txt`), "utf8").catch(() => undefined);
        if (stored !== undefined) {
          counts.diskHits++;
          remember({ key, formatted: stored });
          return stored;
        }
      }
      counts.misses++;
      const formatted = await formatInPool({ text, options });
      remember({ key, formatted });
      await store({ key, formatted });
      return formatted;
    },
    stats() {
      return { ...counts };
    },
  };
}
