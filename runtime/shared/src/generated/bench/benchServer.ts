import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { projectRoot } from "../runtime/projectRoot.js";

/** A server the bench started. */
export interface BenchServer {
  url: string;
  /** SIGTERM, then its exit (the server's graceful shutdown). */
  stop: () => Promise<void>;
}

/** A port free on the loopback interface now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no free port");
  return address.port;
}

/**
 * The built server (`entry`: the project's dist/server.js unless given) on a free loopback port, with `env` over the
 * environment, once it answers `/openapi.json` (30 s at most; else its output in the error).
 */
export async function startBenchServer({
  env,
  entry = join(projectRoot(), "dist", "server.js"),
}: {
  env: Readonly<Record<string, string>>;
  entry?: string;
}): Promise<BenchServer> {
  const port = await freePort();
  const root = projectRoot();
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (!(await answers(`${url}/openapi.json`))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill("SIGKILL");
      throw new Error(`the server did not start (npm run build first?):\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}
