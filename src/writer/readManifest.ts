import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Diagnostic } from "../ir/types.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";
import { emptyManifest, MANIFEST_FILE, type Manifest, type ManifestEntry } from "./Manifest.js";

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function readEntry(value: unknown): ManifestEntry | undefined {
  if (!isRecord(value)) return undefined;
  const ownership = value["ownership"];
  if (ownership !== "generated" && ownership !== "scaffold") return undefined;
  const entry: ManifestEntry = { ownership };
  if (typeof value["hash"] === "string") entry.hash = value["hash"];
  const declarations = value["declarations"];
  if (isRecord(declarations)) {
    entry.declarations = {};
    for (const [name, hash] of Object.entries(declarations)) if (typeof hash === "string") entry.declarations[name] = hash;
  }
  return entry;
}

/**
 * Reads the manifest of an output folder. A missing manifest is an empty one (first run). A manifest that cannot be
 * understood is reported and treated as empty: vx-gen then deletes nothing and overwrites only files carrying its banner.
 */
export async function readManifest({ outDir }: { outDir: string }): Promise<{ manifest: Manifest; diagnostics: Diagnostic[] }> {
  const file = join(outDir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { manifest: emptyManifest(), diagnostics: [] };
    throw error;
  }
  return parseManifest({ file, text });
}

/** `readManifest` for a manifest's text already read (`file` names it in diagnostics). */
export function parseManifest({ file, text }: { file: string; text: string }): { manifest: Manifest; diagnostics: Diagnostic[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!isRecord(parsed) || parsed["manifestVersion"] !== 1 || !isRecord(parsed["files"])) {
    return {
      manifest: emptyManifest(),
      diagnostics: [
        createDiagnostic({
          code: "VX500",
          severity: "warning",
          message: `${MANIFEST_FILE} cannot be read; treating the output folder as new (nothing will be deleted)`,
          location: { file },
          help: "the manifest is rewritten by this run; do not edit it by hand",
        }),
      ],
    };
  }
  const manifest = emptyManifest();
  for (const [path, value] of Object.entries(parsed["files"])) {
    const entry = readEntry(value);
    if (entry) manifest.files[path] = entry;
  }
  return { manifest, diagnostics: [] };
}
