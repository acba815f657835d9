import { createHash } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";

/** What the last successful `generate` of an output folder saw: its inputs' fingerprint and the manifest it wrote. */
export interface CheckCacheEntry {
  inputs: { files: string[]; hash: string };
  manifestHash: string;
}

/**
 * Where the entry for an output folder lives: `node_modules/.cache/vx-gen/` of the working directory (like other
 * tools' build caches), never in the output folder, so the committed output stays a function of the inputs' meaning
 * alone. No `node_modules` folder: no cache (and `check` always runs in full, as on a fresh CI checkout).
 */
async function cacheFile(outDir: string): Promise<string | undefined> {
  const modules = resolve("node_modules");
  const exists = await stat(modules).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (!exists) return undefined;
  const key = createHash("sha256").update(resolve(outDir)).digest("hex").slice(0, 16);
  return join(modules, ".cache", "vx-gen", `check-${key}.json`);
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
