import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { GeneratedValidator } from "../../src/validators/ValidationIssue.js";

const outDir = join(dirname(fileURLToPath(import.meta.url)), "..", ".out", "validators");

/** Writes a generated module below test/.out (so `ajv` resolves from node_modules) and imports it. */
export async function loadGenerated(source: string): Promise<Record<string, unknown>> {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${createHash("sha256").update(source).digest("hex").slice(0, 16)}.mjs`);
  writeFileSync(file, source);
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as Record<string, unknown>;
}

/** The default export of a module from `generateValidatorSource`. */
export async function loadValidator(source: string): Promise<GeneratedValidator> {
  return (await loadGenerated(source))["default"] as GeneratedValidator;
}
