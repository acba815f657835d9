import { spawn } from "node:child_process";

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a command to its end (never throws for a non-zero exit), collecting its output. */
export function runCommand({
  command,
  args,
  cwd,
  env = {},
  timeoutMs = 300_000,
}: {
  command: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<CommandResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Math.round(performance.now() - started) });
    });
  });
}

/** The toolkit's own binaries (tsc, vitest), run with the current Node. */
export function toolkitBin(name: "tsc" | "vitest"): { command: string; args: string[] } {
  const scripts = { tsc: "node_modules/typescript/bin/tsc", vitest: "node_modules/vitest/vitest.mjs" };
  return { command: process.execPath, args: [`${process.cwd()}/${scripts[name]}`] };
}
