import { mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { RenderedFile } from "../../../src/pipeline/RenderedFile.js";

/** Writes every rendered file under `dir` (a fresh folder: the test's stand-in for the real writer). */
export async function writeRendered({ dir, files }: { dir: string; files: RenderedFile[] }): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  for (const file of files) {
    const target = join(dir, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
}

/** Points the generated project at the toolkit's installed packages (same versions as its package.json pins). */
export async function linkToolkitModules({ dir }: { dir: string }): Promise<void> {
  await symlink(join(process.cwd(), "node_modules"), join(dir, "node_modules"), "dir");
}
