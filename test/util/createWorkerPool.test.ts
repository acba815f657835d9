import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// A worker that never answers must not hang a run: its request is done on the main thread after the pool's timeout,
// and the process then exits by itself (the worker no longer holds it open). Run in a child process, with the built
// pool (dist/), so "exits by itself" is observed, not assumed.
const dir = mkdtempSync(join(tmpdir(), "vx-worker-pool-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("createWorkerPool", () => {
  it("does a request here when its worker never answers, and lets the process exit", () => {
    const silent = join(dir, "silentWorker.mjs");
    writeFileSync(
      silent,
      'import { parentPort } from "node:worker_threads";\n// Takes requests (and stays alive) but never answers them.\nparentPort.on("message", () => {});\n',
    );
    const pool = pathToFileURL(join(process.cwd(), "dist", "src", "util", "createWorkerPool.js")).href;
    const script = join(dir, "run.mjs");
    writeFileSync(
      script,
      `import { createWorkerPool } from ${JSON.stringify(pool)};
const pool = createWorkerPool({ script: new URL(${JSON.stringify(pathToFileURL(silent).href)}), local: async (n) => n * 2, size: 1, jobTimeoutMs: 300 });
const started = Date.now();
const result = await pool.run(21);
console.log(JSON.stringify({ result, size: pool.size(), waited: Date.now() - started }));
`,
    );
    const child = spawnSync(process.execPath, [script], { encoding: "utf8", timeout: 30_000 });
    expect(child.status, child.stderr).toBe(0);
    const out = JSON.parse(child.stdout) as { result: number; size: number; waited: number };
    expect(out).toMatchObject({ result: 42, size: 1 });
    expect(out.waited).toBeGreaterThanOrEqual(250);
    // Said, with what held the process, so a stalled worker is visible rather than a silent slow run.
    expect(child.stderr).toMatch(/\[VX_WORKER_TIMEOUT\] Warning: a worker thread did not answer in 0\.3 s; its job runs on the main thread/);
    expect(child.stderr).toMatch(/silentWorker\.mjs; active resources: .*MessagePort/);
  });
});
