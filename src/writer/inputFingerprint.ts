import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { hashBytes } from "./hashContent.js";

let version: Promise<string> | undefined;

/** vx-gen's own version (part of the fingerprint: another vx-gen may generate other output from the same inputs). */
function vxGenVersion(): Promise<string> {
  version ??= (async () => {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (let depth = 0; depth < 6; depth++) {
      const text = await readFile(join(dir, "package.json"), "utf8").catch(() => undefined);
      if (text !== undefined) {
        const pkg = JSON.parse(text) as { name?: string; version?: string };
        if (pkg.name === "vx-gen") return pkg.version ?? "0";
      }
      dir = dirname(dir);
    }
    return "unknown";
  })();
  return version;
}

async function contentHash({ path, contentOf }: { path: string; contentOf?: ((file: string) => Buffer | undefined) | undefined }): Promise<string> {
  const known = contentOf?.(path);
  if (known !== undefined) return hashBytes(known).slice("sha256-".length);
  try {
    const info = await stat(path);
    const hash = createHash("sha256");
    if (!info.isDirectory()) return hashBytes(await readFile(path)).slice("sha256-".length);
    for (const name of (await readdir(path)).filter((n) => n.endsWith(".prisma")).sort()) hash.update(name).update("\0").update(await readFile(join(path, name)));
    return `dir-${hash.digest("hex")}`;
  } catch {
    return "missing";
  }
}

/**
 * A fingerprint of everything a job's output depends on: the content of every input file (spec, the files it $refs,
 * Prisma files, config), the job's settings and vx-gen's version. Recorded in the manifest by `generate`; `check`
 * compares it first and skips reading and rendering when nothing changed. Input paths are stored relative to the
 * output folder, so the fingerprint is the same on every machine. `contentOf` gives the bytes a run generated from,
 * where it knows them (the fingerprint then describes what the output was made of, even if a file changed since).
 */
export async function inputFingerprint({
  outDir,
  files,
  settings,
  contentOf,
}: {
  outDir: string;
  files: readonly string[];
  settings: unknown;
  contentOf?: (file: string) => Buffer | undefined;
}): Promise<{ files: string[]; hash: string }> {
  const relativeFiles = [...new Set(files.map((f) => relative(resolve(outDir), resolve(f)).split(sep).join("/")))].sort();
  const hash = createHash("sha256").update(JSON.stringify({ vxGen: await vxGenVersion(), settings }));
  for (const file of relativeFiles) hash.update(file).update("\0").update(await contentHash({ path: resolve(outDir, file), contentOf })).update("\0");
  return { files: relativeFiles, hash: `sha256-${hash.digest("hex")}` };
}
