import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { toolkitRoot } from "./toolkitRoot.js";

/**
 * Where a runtime file of the toolkit goes in a generated project, the one path convention for `runtime/`:
 * `runtime/<plugin>/test/<path>` is copied to `test/generated/<path>`, any other `runtime/<plugin>/<path>` to
 * `src/generated/<path>`. So the files under `runtime/<plugin>/` are laid out as in the project, and their relative
 * imports (`../runtime/errors.js`) hold in both places (the toolkit's tsconfig merges the plugins with `rootDirs`).
 */
export function runtimeDestination(file: string): string {
  return file.startsWith("test/") ? `test/generated/${file.slice("test/".length)}` : `src/generated/${file}`;
}

/** Runtime file texts by path: read once per process (they are part of vx-gen, not of the user's project). */
const texts = new Map<string, Promise<string>>();

/**
 * A runtime file copied verbatim into the generated project: `file` is its path under `runtime/<plugin>/`
 * (`runtime/errors.ts`), the draft's path its place in the project (`src/generated/runtime/errors.ts`).
 */
export async function runtimeFile({ plugin, file }: { plugin: string; file: string }): Promise<{ path: string; content: string }> {
  const source = join(toolkitRoot(), "runtime", plugin, file);
  let read = texts.get(source);
  if (!read) {
    read = readFile(source, "utf8");
    texts.set(source, read);
    read.catch(() => texts.delete(source));
  }
  return { path: runtimeDestination(file), content: await read };
}
