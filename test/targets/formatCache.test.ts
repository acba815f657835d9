import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as prettier from "prettier";
import { afterEach, describe, expect, it } from "vitest";
import { createFormatCache, type FormatOptions } from "../../generators/shared/formatCache.js";

const options: FormatOptions = { parser: "typescript", printWidth: 120, semi: true, singleQuote: false, trailingComma: "all" };
const text = "export const  a = {b:1,c:'two'}\n";
const folders: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "vx-format-cache-"));
  folders.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("createFormatCache", () => {
  it("formats like prettier on a miss and answers the same text from memory", async () => {
    const cache = createFormatCache({ dir: undefined });
    const expected = await prettier.format(text, options);
    expect(await cache.format({ text, options })).toBe(expected);
    expect(await cache.format({ text, options })).toBe(expected);
    expect(cache.stats()).toEqual({ memoryHits: 1, diskHits: 0, misses: 1 });
  });

  it("misses when the text or the options differ", async () => {
    const cache = createFormatCache({ dir: undefined });
    await cache.format({ text, options });
    const narrow = await cache.format({ text, options: { ...options, singleQuote: true } });
    expect(narrow).toBe(await prettier.format(text, { ...options, singleQuote: true }));
    await cache.format({ text: `${text}export const d = 2\n`, options });
    expect(cache.stats()).toEqual({ memoryHits: 0, diskHits: 0, misses: 3 });
  });

  it("answers a new process (a new cache on the same folder) from disk", async () => {
    const dir = await tempDir();
    const first = createFormatCache({ dir });
    const formatted = await first.format({ text, options });
    expect(await readdir(dir)).toHaveLength(1);
    const second = createFormatCache({ dir });
    expect(await second.format({ text, options })).toBe(formatted);
    expect(second.stats()).toEqual({ memoryHits: 0, diskHits: 1, misses: 0 });
  });

  it("still formats when the cache folder cannot be created", async () => {
    const parent = await tempDir();
    const blocker = join(parent, "not-a-folder");
    await writeFile(blocker, "a file where the cache folder would go");
    const cache = createFormatCache({ dir: join(blocker, "format") });
    expect(await cache.format({ text, options })).toBe(await prettier.format(text, options));
    expect(await cache.format({ text, options: { ...options, semi: false } })).toBe(await prettier.format(text, { ...options, semi: false }));
    expect(cache.stats().misses).toBe(2);
  });

  it("drops the oldest entries beyond the memory limit", async () => {
    const cache = createFormatCache({ dir: undefined, memoryLimit: 1 });
    await cache.format({ text, options });
    await cache.format({ text: "const x=1", options });
    await cache.format({ text, options });
    expect(cache.stats()).toEqual({ memoryHits: 0, diskHits: 0, misses: 3 });
  });
});
