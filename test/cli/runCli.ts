import { spawnSync } from "node:child_process";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `bin/vx-gen.js` (which loads `dist/`, built by test/globalSetup.ts) in a fresh process. */
export function runCli({ args, cwd, input, env }: { args: string[]; cwd?: string; input?: string; env?: Record<string, string> }): CliResult {
  const result = spawnSync(process.execPath, [`${process.cwd()}/bin/vx-gen.js`, ...args], {
    cwd: cwd ?? process.cwd(),
    encoding: "utf8",
    input,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
