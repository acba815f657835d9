import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { RenderedFile } from "../../../src/pipeline/RenderedFile.js";
import type { GeneratedValidator } from "../../../src/validators/ValidationIssue.js";

const outRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", ".out", "validation-units");

/**
 * Writes the generated validation modules (`src/generated/validation/`) of `files` below test/.out, where ajv and
 * re2js resolve, in a folder named after their content, and returns a loader of one module's validators by file name
 * (e.g. `create-thing.body.ts`).
 */
export async function loadValidationUnits(files: RenderedFile[]): Promise<(file: string) => Promise<Record<string, GeneratedValidator>>> {
  const units = files.filter((f) => f.path.startsWith("src/generated/validation/") && f.path.endsWith(".ts"));
  const dir = join(outRoot, createHash("sha256").update(units.map((f) => f.content).join("\0")).digest("hex").slice(0, 16));
  for (const unit of units) {
    const path = join(dir, unit.path.slice("src/generated/validation/".length));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, unit.content);
  }
  return async (file) => ((await import(/* @vite-ignore */ pathToFileURL(join(dir, file)).href)) as { default: Record<string, GeneratedValidator> }).default;
}
