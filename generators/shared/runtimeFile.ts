import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { laidOut, type PrintedText } from "./printedText.js";
import { toolkitRoot } from "./toolkitRoot.js";

/** Runtime file texts by path: read once per process (they are part of vx-gen, not of the user's project). */
const texts = new Map<string, Promise<string>>();

/**
 * A file of the toolkit's `runtime/<plugin>/` copied verbatim into the generated project, at the same path there:
 * `runtime/shared/src/generated/runtime/errors.ts` is the project's `src/generated/runtime/errors.ts`. The folders
 * mirror a project, so the files' relative imports (`../runtime/errors.js`, `../../../src/generated/...` from a
 * test) hold in the toolkit too, where tsconfig's `rootDirs` merges the plugins' folders as they are in a project.
 * The files are kept in the generated files' prettier layout, so generation does not format them again.
 */
export async function runtimeFile({ plugin, path }: { plugin: string; path: string }): Promise<{ path: string; content: PrintedText }> {
  const source = join(toolkitRoot(), "runtime", plugin, path);
  let read = texts.get(source);
  if (!read) {
    read = readFile(source, "utf8");
    texts.set(source, read);
    read.catch(() => texts.delete(source));
  }
  // Already in prettier's layout (test/runtime/runtimeFormatted.test.ts checks every file): not formatted again.
  return { path, content: laidOut(await read) };
}
