import { readdir, rmdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";

/** After deleting `path` (relative to `outDir`), removes the folders it leaves empty, up to but excluding `outDir`. */
export async function removeEmptyParents({ outDir, path }: { outDir: string; path: string }): Promise<void> {
  const root = resolve(outDir);
  let dir = resolve(join(outDir, dirname(path)));
  while (dir.startsWith(root + "/") || (dir !== root && dir.startsWith(root))) {
    let entries: string[];
    try {
      entries = await readdir(dir);
    } catch {
      return;
    }
    if (entries.length > 0) return;
    await rmdir(dir).catch(() => undefined);
    dir = dirname(dir);
  }
}
