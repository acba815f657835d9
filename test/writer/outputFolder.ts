import { mkdtemp, readdir, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

export async function makeTempDir(prefix = "vx-writer-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Every file under `dir` (recursively) -> content and mtime; what a test compares before and after a run. */
export async function snapshotFolder(dir: string): Promise<Map<string, { content: string; mtimeMs: number }>> {
  const result = new Map<string, { content: string; mtimeMs: number }>();
  const walk = async (current: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else result.set(relative(dir, full), { content: await readFile(full, "utf8"), mtimeMs: (await stat(full)).mtimeMs });
    }
  };
  await walk(dir);
  return new Map([...result.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}
