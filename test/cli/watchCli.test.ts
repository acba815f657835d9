import { spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./runCli.js";

describe("vx-gen watch / generate / check as a process", () => {
  it("watch keeps running through errors and exits 0 on Ctrl-C, without a stack trace", async () => {
    const dir = await mkdtemp(join(tmpdir(), "vx-watch-cli-"));
    await writeFile(join(dir, "api.yaml"), "openapi: 3.0.3\ninfo: { title: x, version: '1' }\npaths: {}\n");
    const child = spawn(process.execPath, [join(process.cwd(), "bin/vx-gen.js"), "watch", "--openapi", "api.yaml", "--out", "server", "--target", "no-such-target"], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    // stdout and stderr are separate pipes: on a busy machine one can arrive well after the other, so wait for both.
    const started = () => stderr.includes("vx-gen is watching") && /start -> server:/.test(stdout);
    while (!started() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(stderr).toContain('error VX024 unknown target "no-such-target"');
    expect(stdout).toMatch(/start -> server: 1 error, 0 warnings; last good output kept/);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(stderr).toContain("vx-gen watch stopped");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("generate and check exit 2 with a hint when there is neither config nor flags", async () => {
    const dir = await mkdtemp(join(tmpdir(), "vx-watch-cli-"));
    for (const command of ["generate", "check"]) {
      const result = runCli({ args: [command], cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("run `vx-gen init`");
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
