import { statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { readCheckCache, readFileHashes, writeFileHashes } from "./checkCache.js";
import { hashContent } from "./hashContent.js";
import { inputFingerprint } from "./inputFingerprint.js";
import { MANIFEST_FILE } from "./Manifest.js";
import { entryHash, isTrusted, stampOf, type SnapshotEntry } from "./OutputSnapshot.js";
import { parseManifest } from "./readManifest.js";
import { readOutputFile } from "./readOutputFiles.js";
import { scanDeclarations } from "./seemsToDeclare.js";

/**
 * The fast path of `check`: true when the inputs are byte for byte those of the last `generate` on this machine (the
 * fingerprint in the local check cache), the manifest is the one it wrote, every generated file still has the content
 * vx-gen wrote, and every scaffold file still exists and still declares what it must. False means "not known": the
 * caller then runs the full check.
 *
 * Files are first only `stat`ed: a file whose stamp is that recorded in the local file-hash cache, and old enough for
 * the stamp to be trusted (`isTrusted`), still has the recorded content, so its recorded hash (or the names recorded as
 * declared in it) answers without reading it. Any other file is read, hashed or scanned, and recorded for next time
 * (the cache in `node_modules/.cache/vx-gen` is the only thing `check` writes).
 */
export async function isOutputCurrent({
  outDir,
  settings,
  counts,
}: {
  outDir: string;
  settings: unknown;
  /** Filled in when given (tests): files answered from the cache by their stamp, and files read. */
  counts?: { trusted: number; read: number };
}): Promise<boolean> {
  const cached = await readCheckCache({ outDir });
  if (!cached) return false;
  const manifestText = await readFile(join(outDir, MANIFEST_FILE), "utf8").catch(() => undefined);
  if (manifestText === undefined || hashContent(manifestText) !== cached.manifestHash) return false;
  const now = await inputFingerprint({ outDir, files: cached.inputs.files.map((f) => join(outDir, f)), settings });
  if (now.hash !== cached.inputs.hash) return false;
  const { manifest } = parseManifest({ file: join(outDir, MANIFEST_FILE), text: manifestText });
  const known = await readFileHashes({ outDir });
  const paths = Object.keys(manifest.files);
  const next = new Map<string, SnapshotEntry>();
  let recorded = false;
  const checkOne = (path: string): boolean => {
    const entry = manifest.files[path];
    if (!entry) return true;
    const names = Object.keys(entry.declarations ?? {});
    const previous = known.get(path);
    if (previous) {
      const stats = statSync(join(outDir, path), { throwIfNoEntry: false });
      if (!stats?.isFile()) return false;
      if (isTrusted(previous, stampOf(stats))) {
        if (entry.ownership === "generated" && previous.hash !== undefined) {
          if (counts) counts.trusted++;
          next.set(path, previous);
          return previous.hash === entry.hash;
        }
        if (entry.ownership === "scaffold" && names.every((n) => previous.declares?.includes(n))) {
          if (counts) counts.trusted++;
          next.set(path, previous);
          return true;
        }
      }
    }
    const disk = readOutputFile({ outDir, path, known: previous });
    if (disk.kind !== "file") return false;
    if (counts) counts.read++;
    recorded = true;
    next.set(path, disk.entry);
    if (entry.ownership === "generated") return entryHash(disk.entry) === entry.hash;
    const scan = scanDeclarations(disk.entry.text);
    if (!names.every((n) => disk.entry.declares?.includes(n) || scan.declares(n))) return false;
    disk.entry.declares = names;
    return true;
  };
  // Synchronous, like planning's reads (see readOutputFiles): a thousand stats take milliseconds this way.
  let current = true;
  for (const path of paths) {
    try {
      current = checkOne(path);
    } catch {
      current = false;
    }
    if (!current) break;
  }
  if (recorded) {
    for (const [path, entry] of known) if (!next.has(path) && manifest.files[path]) next.set(path, entry);
    await writeFileHashes({ outDir, entries: next });
  }
  return current;
}
