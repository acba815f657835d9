import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Newest modification time of the .ts files below `dir` (templates excluded: they are not compiled). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "templates" && entry.name !== "node_modules") newest = Math.max(newest, newestSource(path));
    } else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * CLI tests run the real `bin/vx-gen.js`, which loads `dist/`. Rebuild it when any source is newer than the last
 * build, so `npx vitest run` alone never tests stale code (`npm test` builds first anyway).
 */
export default function setup(): void {
  const marker = "dist/src/cli/main.js";
  const built = existsSync(marker) ? statSync(marker).mtimeMs : 0;
  const sources = Math.max(newestSource("src"), existsSync("generators") ? newestSource("generators") : 0);
  if (sources <= built) return;
  try {
    execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
  } catch {
    // tsc still emits on type errors; `npm test` runs the type check on its own and fails there.
    console.warn("globalSetup: the build reported type errors; CLI tests run on what it emitted");
  }
}
