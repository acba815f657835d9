import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

/** vx-gen's own folder (the nearest package.json named `vx-gen` above this module; works from sources and dist). */
export function toolkitRoot(): string {
  root ??= findToolkitRoot();
  return root;
}

function findToolkitRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown };
      if (parsed.name === "vx-gen") return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("vx-gen's package.json not found");
    dir = parent;
  }
}

/** `generators/<plugin>/templates` of the toolkit. */
export function templatesDir(plugin: string): string {
  return join(toolkitRoot(), "generators", plugin, "templates");
}
