import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pruneCacheFolder } from "../../src/util/pruneVxGenCaches.js";
import { vxGenCacheRoot } from "../../src/util/vxGenCacheRoot.js";
import { runCli } from "../cli/runCli.js";

const root = mkdtempSync(join(tmpdir(), "vx-caches-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const DAY = 86_400_000;

describe("where vx-gen keeps its caches", () => {
  it("VX_GEN_CACHE_DIR first, then the nearest node_modules of the working directory, then the user's cache folder", () => {
    const project = join(root, "project");
    mkdirSync(join(project, "node_modules"), { recursive: true });
    mkdirSync(join(project, "api", "spec"), { recursive: true });
    const bare = join(root, "bare");
    mkdirSync(bare, { recursive: true });
    expect(vxGenCacheRoot({ cwd: join(project, "api", "spec"), env: { VX_GEN_CACHE_DIR: "cache" } })).toEqual({ dir: join(project, "api", "spec", "cache"), source: "env" });
    expect(vxGenCacheRoot({ cwd: join(project, "api", "spec"), env: {} })).toEqual({ dir: join(project, "node_modules", ".cache", "vx-gen"), source: "project" });
    expect(vxGenCacheRoot({ cwd: bare, env: { XDG_CACHE_HOME: join(root, "xdg") } })).toEqual({ dir: join(root, "xdg", "vx-gen"), source: "user" });
    expect(vxGenCacheRoot({ cwd: bare, env: {} }).dir).toMatch(/[/\\]\.cache[/\\]vx-gen$/);
  });

  it("prunes entries unused for 30 days, at most once a day", async () => {
    const dir = join(root, "prune");
    mkdirSync(dir, { recursive: true });
    const now = Date.now();
    const at = (file: string, ms: number) => utimesSync(join(dir, file), new Date(ms), new Date(ms));
    for (const file of ["old.js", "recent.js", "edge.js"]) writeFileSync(join(dir, file), "x");
    at("old.js", now - 31 * DAY);
    at("recent.js", now - 2 * DAY);
    at("edge.js", now - 29 * DAY);
    expect(await pruneCacheFolder({ dir, now })).toEqual({ pruned: true, removed: 1 });
    expect(readdirSync(dir).sort()).toEqual([".pruned", "edge.js", "recent.js"]);
    // Within a day of the last prune the folder is not even listed.
    at("edge.js", now - 40 * DAY);
    expect(await pruneCacheFolder({ dir, now: now + DAY / 2 })).toEqual({ pruned: false, removed: 0 });
    expect(await pruneCacheFolder({ dir, now: now + DAY + 1 })).toEqual({ pruned: true, removed: 1 });
    expect(readdirSync(dir).sort()).toEqual([".pruned", "recent.js"]);
    // A folder that does not exist is nothing to prune.
    expect(await pruneCacheFolder({ dir: join(root, "missing"), now })).toEqual({ pruned: false, removed: 0 });
  });

  it("run from a folder with no node_modules, generate caches in the user's cache folder (not vx-gen's install) and --verbose says where", () => {
    const cwd = join(root, "elsewhere");
    mkdirSync(cwd, { recursive: true });
    const xdg = join(root, "xdg-run");
    const result = runCli({
      args: ["generate", "--openapi", resolve("fixtures/petstore-v2/swagger.yaml"), "--target", "fastify", "--out", join(cwd, "out"), "--verbose"],
      cwd,
      env: { XDG_CACHE_HOME: xdg, VX_GEN_CACHE_DIR: "" },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`caches: ${join(xdg, "vx-gen")} (no node_modules found: the user's cache folder)`);
    for (const folder of ["format", "validators", "schemas"]) expect(readdirSync(join(xdg, "vx-gen", folder)).length, folder).toBeGreaterThan(0);
    expect(existsSync(join(cwd, "node_modules"))).toBe(false);
  }, 120_000);
});
