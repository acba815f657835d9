import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { get } from "node:https";
import { freePort } from "../../../runtime/shared/src/generated/bench/benchServer.js";

/**
 * Settings the default security verifiers need to start (a server whose spec requires a JWT or an API key refuses to
 * start without them): made for this test process, under what `env` gives.
 */
export const testAuthEnv: Readonly<Record<string, string>> = {
  JWT_SECRET: randomBytes(32).toString("hex"),
  API_KEYS: randomBytes(24).toString("hex"),
};

export interface RunningServer {
  url: string;
  output: () => string;
  /** SIGTERM, then the exit code (graceful shutdown exits 0). */
  stop: () => Promise<number | null>;
}

/** A free loopback port: the generated bench's own (the OS picks it; it is released before the server takes it). */
export { freePort };

/** Whether `url` answers 200, over HTTPS trusting `ca` when given. */
async function answers({ url, ca }: { url: string; ca: string | undefined }): Promise<boolean> {
  if (ca === undefined) return fetch(url).then((response) => response.ok, () => false);
  return new Promise((resolve) => {
    get(url, { ca }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    }).on("error", () => resolve(false));
  });
}

/**
 * Starts `node dist/server.js` of a built project on a free-ish port and waits until it answers (LOG_LEVEL warn and
 * the settings of `testAuthEnv` unless `env` says); over HTTPS, trusting the certificate `ca`, when given.
 */
export async function startServer(options: { dir: string; port: number; env: Record<string, string>; ca?: string }): Promise<RunningServer> {
  // Another test's process may hold the port (tests run two files at a time): then a port the OS says is free.
  for (let attempt = 0; ; attempt++) {
    try {
      return await startServerOn(attempt === 0 ? options : { ...options, port: await freePort() });
    } catch (error) {
      if (attempt >= 3 || !(error instanceof Error && error.message.includes("EADDRINUSE"))) throw error;
    }
  }
}

async function startServerOn({ dir, port, env, ca }: { dir: string; port: number; env: Record<string, string>; ca?: string }): Promise<RunningServer> {
  const child: ChildProcess = spawn(process.execPath, ["dist/server.js"], {
    cwd: dir,
    env: { ...process.env, LOG_LEVEL: "warn", ...testAuthEnv, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = `${ca === undefined ? "http" : "https"}://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (await answers({ url: `${url}/openapi.json`, ca })) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill("SIGKILL");
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    output: () => output,
    stop: async () => {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
