import { isAbsolute, join, relative, resolve, sep } from "node:path";

/** A file in the output folder as diagnostics show it: relative to the working directory when below it, `/`-separated. */
export function displayPath({ outDir, path }: { outDir: string; path: string }): string {
  const absolute = resolve(outDir, path);
  const rel = relative(process.cwd(), absolute);
  const shown = rel === "" || rel.startsWith("..") || isAbsolute(rel) ? join(absolute) : rel;
  return shown.split(sep).join("/");
}
