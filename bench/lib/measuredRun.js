// Shared by the benchmarks (a folder, so `bench/run.js` does not run it as one).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const corpus = join(root, "..", "shared", "corpus");
const require = createRequire(import.meta.url);

/** GitHub's REST description from @octokit/openapi (13 MB, 1,223 operations), or undefined when not installed. */
export function githubSpec() {
  try {
    return join(dirname(require.resolve("@octokit/openapi/package.json")), "generated", "api.github.com.json");
  } catch {
    return undefined;
  }
}

/**
 * `vx-gen <args>` in a fresh process, measured by bench/measureOnExit.cjs (the CLI process's own wall time and peak
 * RSS, worker threads included): `{ s, mb, exit }`. `measureFile` is where the measurement is appended.
 */
export function measuredRun({ args, measureFile, cwd = root, env = {} }) {
  const result = spawnSync(process.execPath, ["-r", join(root, "bench/measureOnExit.cjs"), join(root, "bin/vx-gen.js"), ...args], {
    cwd,
    env: { ...process.env, ...env, VX_BENCH_OUT: measureFile },
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = JSON.parse(readFileSync(measureFile, "utf8").trim().split("\n").pop());
  return { s: line.ms / 1000, mb: line.maxRssKb / 1024, exit: result.status ?? -1 };
}
