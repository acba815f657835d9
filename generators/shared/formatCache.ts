import { createHash } from "node:crypto";
import * as prettier from "prettier";
import { createTextCache, vxGenCacheDir } from "../../src/util/createTextCache.js";
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

/** `format` in vx-gen's cache root (the project's `node_modules/.cache/vx-gen`; see `vxGenCacheRoot`). */
export function defaultFormatCacheDir(): string | undefined {
  return vxGenCacheDir({ name: "format" });
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
  const cache = createTextCache({ dir, extension: ".txt", memoryLimit });
  const counts: FormatCacheStats = { memoryHits: 0, diskHits: 0, misses: 0 };
  /**
   * Results by the text itself (per options): a renderer that hands out the same string as last run (a memoized
   * piece) is answered without hashing it, since a string's own hash is computed once. Oldest entries dropped.
   */
  const byText = new Map<string, Map<string, string>>();
  let byTextSize = 0;
  const remember = ({ optionsKey, text, formatted }: { optionsKey: string; text: string; formatted: string }) => {
    let table = byText.get(optionsKey);
    if (!table) byText.set(optionsKey, (table = new Map()));
    table.set(text, formatted);
    if (++byTextSize > memoryLimit) {
      for (const other of byText.values()) {
        const oldest = other.keys().next();
        if (!oldest.done) {
          other.delete(oldest.value);
          byTextSize--;
          break;
        }
      }
    }
  };
  return {
    async format({ text, options }) {
      const optionsKey = JSON.stringify(options);
      const recent = byText.get(optionsKey)?.get(text);
      if (recent !== undefined) {
        counts.memoryHits++;
        return recent;
      }
      const formatted = await formatThroughCache({ text, options });
      remember({ optionsKey, text, formatted });
      return formatted;
    },
    stats() {
      return { ...counts };
    },
  };

  async function formatThroughCache({ text, options }: { text: string; options: FormatOptions }): Promise<string> {
    const key = cacheKey({ text, options });
    const known = cache.fromMemory(key);
    if (known !== undefined) {
      counts.memoryHits++;
      return known;
    }
    const stored = await cache.fromDisk(key);
    if (stored !== undefined) {
      counts.diskHits++;
      return stored;
    }
    counts.misses++;
    const formatted = await formatInPool({ text, options });
    await cache.put({ key, text: formatted });
    return formatted;
  }
}
