import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { readCheckCache } from "./checkCache.js";
import { hashContent } from "./hashContent.js";
import { inputFingerprint } from "./inputFingerprint.js";
import { MANIFEST_FILE } from "./Manifest.js";
import { readManifest } from "./readManifest.js";
import { seemsToDeclare } from "./seemsToDeclare.js";

/**
 * The fast path of `check`: true when the inputs are byte for byte those of the last `generate` on this machine (the
 * fingerprint in the local check cache), the manifest is the one it wrote, every generated file still has the content
 * vx-gen wrote, and every scaffold file still exists and still declares what it must. False means "not known": the
 * caller then runs the full check.
 */
export async function isOutputCurrent({ outDir, settings }: { outDir: string; settings: unknown }): Promise<boolean> {
  const cached = await readCheckCache({ outDir });
  if (!cached) return false;
  const manifestText = await readFile(join(outDir, MANIFEST_FILE), "utf8").catch(() => undefined);
  if (manifestText === undefined || hashContent(manifestText) !== cached.manifestHash) return false;
  const now = await inputFingerprint({ outDir, files: cached.inputs.files.map((f) => join(outDir, f)), settings });
  if (now.hash !== cached.inputs.hash) return false;
  const { manifest } = await readManifest({ outDir });
  for (const [path, entry] of Object.entries(manifest.files)) {
    const text = await readFile(join(outDir, path), "utf8").catch(() => undefined);
    if (text === undefined) return false;
    if (entry.ownership === "generated" && entry.hash !== hashContent(text)) return false;
    if (entry.ownership === "scaffold" && !Object.keys(entry.declarations ?? {}).every((name) => seemsToDeclare({ text, name }))) return false;
  }
  return true;
}
