import { existsSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";

/** Where vx-gen keeps its caches, and why there. */
export interface CacheRoot {
  dir: string;
  /**
   * `env`: `$VX_GEN_CACHE_DIR`. `project`: `node_modules/.cache/vx-gen` of the project vx-gen runs in (the nearest
   * `node_modules` from the working directory up, where build tools keep their caches). `user`: no project around,
   * the user's cache folder (`$XDG_CACHE_HOME/vx-gen`, else `~/.cache/vx-gen`), never vx-gen's own install folder.
   */
  source: "env" | "project" | "user";
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The nearest `node_modules` folder from `start` up, or undefined. */
function nearestNodeModules(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules");
    if (existsSync(candidate) && isDirectory(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The root of vx-gen's caches for a run from `cwd` (the process's working directory unless given), with `env`
 * (`process.env` unless given): see `CacheRoot` for the order.
 */
export function vxGenCacheRoot({ cwd = process.cwd(), env = process.env }: { cwd?: string; env?: Readonly<Record<string, string | undefined>> } = {}): CacheRoot {
  const fromEnv = env["VX_GEN_CACHE_DIR"];
  if (fromEnv) return { dir: resolve(cwd, fromEnv), source: "env" };
  const modules = nearestNodeModules(cwd);
  if (modules) return { dir: join(modules, ".cache", "vx-gen"), source: "project" };
  const xdg = env["XDG_CACHE_HOME"];
  return { dir: join(xdg ? resolve(xdg) : join(homedir(), ".cache"), "vx-gen"), source: "user" };
}
