import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { toolkitRoot } from "./toolkitRoot.js";

function readVersion(manifest: string): string | undefined {
  if (!existsSync(manifest)) return undefined;
  const parsed = JSON.parse(readFileSync(manifest, "utf8")) as { version?: unknown };
  return typeof parsed.version === "string" ? parsed.version : undefined;
}

/**
 * The exact version of `name` vx-gen itself is installed with (its node_modules, or a hoisted one above it), so a
 * generated project uses exactly the versions the toolkit was tested with. Falls back to the version range in
 * vx-gen's package.json without its operator, then to `fallback`.
 */
export function installedVersion({ name, fallback }: { name: string; fallback?: string }): string | undefined {
  const key = `${name}\0${fallback ?? ""}`;
  if (!versions.has(key)) versions.set(key, findVersion({ name, fallback }));
  return versions.get(key);
}

/** Versions found so far in this process (every render asks for the same dozen packages). */
const versions = new Map<string, string | undefined>();

function findVersion({ name, fallback }: { name: string; fallback?: string | undefined }): string | undefined {
  const root = toolkitRoot();
  let dir = root;
  for (;;) {
    const version = readVersion(join(dir, "node_modules", name, "package.json"));
    if (version) return version;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  const range = manifest.dependencies?.[name] ?? manifest.devDependencies?.[name];
  if (range) return range.replace(/^[\^~>=<\s]+/, "");
  return fallback;
}
