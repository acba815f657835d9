import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";

export type ConfigFileKind = "ts" | "json" | "package.json";

/** Config file names, in the order they are looked for. */
export const configFileNames: { name: string; kind: ConfigFileKind }[] = [
  { name: "vx.config.ts", kind: "ts" },
  { name: "vx.config.mts", kind: "ts" },
  { name: "vx.config.json", kind: "json" },
];

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}

/** Which kind of config a named file is. */
export function configFileKind(file: string): ConfigFileKind {
  if (/(^|[/\\])package\.json$/.test(file)) return "package.json";
  return /\.[cm]?ts$/.test(file) ? "ts" : "json";
}

/**
 * Finds the config in `dir`: `vx.config.ts`, `vx.config.mts`, `vx.config.json`, else a package.json with a `"vx"` key.
 * Undefined when there is none (flags alone are then enough).
 */
export async function findConfigFile({ dir }: { dir: string }): Promise<{ file: string; kind: ConfigFileKind } | undefined> {
  for (const candidate of configFileNames) {
    const file = join(dir, candidate.name);
    if (await isFile(file)) return { file, kind: candidate.kind };
  }
  const pkg = join(dir, "package.json");
  if (await isFile(pkg)) {
    try {
      const parsed = JSON.parse(await readFile(pkg, "utf8")) as unknown;
      if (parsed !== null && typeof parsed === "object" && "vx" in parsed) return { file: pkg, kind: "package.json" };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
