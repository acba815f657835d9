import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import type { RenderedFile } from "../../../src/pipeline/RenderedFile.js";
import type { GeneratedValidator } from "../../../src/validators/ValidationIssue.js";

/** A generated project's request validators by operationId and request part (`params`, `query`, `body`...). */
export type ProjectValidators = Record<string, Partial<Record<string, GeneratedValidator>>>;

/**
 * Imports the very validators a generated project runs (`src/generated/validation/`), transpiled to JavaScript below
 * test/.out/<name> (so `ajv` resolves from the toolkit's node_modules).
 */
export async function loadProjectValidators({ name, files }: { name: string; files: RenderedFile[] }): Promise<ProjectValidators> {
  const dir = join(process.cwd(), "test", ".out", "project-validators", name);
  rmSync(dir, { recursive: true, force: true });
  for (const file of files.filter((f) => f.path.startsWith("src/generated/validation/"))) {
    const target = join(dir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    if (file.path.endsWith(".ts")) {
      const js = ts.transpileModule(file.content, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
      writeFileSync(target.replace(/\.ts$/, ".js"), js);
    } else writeFileSync(target, file.content);
  }
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  const index = (await import(/* @vite-ignore */ pathToFileURL(join(dir, "src/generated/validation/index.js")).href)) as { operationValidators: ProjectValidators };
  return index.operationValidators;
}
