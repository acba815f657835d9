// `npm run bench -- server`: each target's generated bookstore (the targets of the registry; `npm run build` first)
// against a hand-written Fastify + Prisma server (bench/handwritten/server.js) doing the same calls on the same
// database: GET /books/{bookId} and POST /books. Each server runs alone on core 0 (`taskset -c 0`), the load generator
// (autocannon, keep-alive connections) on core 1; same Node flags, NODE_ENV and log level for all. Each server is
// warmed up, then measured in interleaved rounds; the table shows medians over the rounds and each target's ratio
// to the hand-written server measured in the same round, by req/s and by the server's CPU time per request (the
// steadier figure on a busy machine); a ratio above 1 is faster than hand-written. BENCH_SECONDS (per measurement,
// default 3), BENCH_ROUNDS (default 9), BENCH_CONNECTIONS (default 10) tune it; BENCH_KEEP=1 keeps the projects
// (their folder is printed); BENCH_BASELINE=<another built checkout of vx-gen> adds its fastify bookstore as
// "fastify (baseline)", measured in the same rounds (before/after figures of a generator change from one run).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { root } from "./lib/measuredRun.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const rounds = Number(process.env.BENCH_ROUNDS ?? 9);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const basePath = "/api/v1";
const nodeFlags = [];
/** The bookstore's member operations require a JWT: the generated server refuses to start without a secret. */
const benchSecret = randomBytes(32).toString("hex");

/** The load generator pins itself to core 1 (re-running this file under `taskset`), servers go to core 0. */
const canPin = spawnSync("taskset", ["-c", "0", "true"]).status === 0;
if (canPin && process.env.VX_BENCH_PINNED !== "1") {
  const child = spawnSync("taskset", ["-c", "1", process.execPath, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, VX_BENCH_PINNED: "1" },
  });
  process.exit(child.status ?? 1);
}
if (!canPin) console.log("taskset is not available: server and load generator are not pinned (figures are noisier)");

function run({ command, args, cwd, env = {} }) {
  const result = spawnSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Generates (with the toolkit in `toolkit`), builds and seeds the bookstore for one target; its database is `bench.db`. */
function prepareTarget({ target, dir, toolkit = root }) {
  run({
    command: process.execPath,
    args: [join(toolkit, "bin/vx-gen.js"), "generate", "--target", target, "--openapi", join(root, "fixtures/bookstore/openapi.yaml"), "--prisma", join(root, "fixtures/bookstore/schema.prisma"), "--out", dir],
    cwd: root,
  });
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  run({ command: process.execPath, args: ["scripts/prisma-generate.mjs"], cwd: dir });
  run({ command: process.execPath, args: [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], cwd: dir });
  // As the project's `npm run build` does (a baseline generated before scripts/copy-json.mjs existed has none).
  if (existsSync(join(dir, "scripts/copy-json.mjs"))) run({ command: process.execPath, args: ["scripts/copy-json.mjs"], cwd: dir });
  const env = { DATABASE_URL: "file:./bench.db" };
  run({ command: process.execPath, args: ["dist/generated/db/dbPush.js"], cwd: dir, env });
  run({ command: process.execPath, args: [join(root, "bench/handwritten/seed.js")], cwd: dir, env: { ...env, PRISMA_CLIENT: clientUrl(dir) } });
}

function clientUrl(dir) {
  return pathToFileURL(join(dir, "dist/generated/prisma/client.js")).href;
}

/** Starts a server on core 0 and waits until it answers. */
async function startServer({ name, cwd, script, port, env }) {
  const command = canPin ? "taskset" : process.execPath;
  const args = [...(canPin ? ["-c", "0", process.execPath] : []), ...nodeFlags, script];
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn", HOST: "127.0.0.1", PORT: String(port), ...env },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}${basePath}/books/1`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${name} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { name, url, pid: child.pid, stop: () => new Promise((resolve) => (child.once("exit", resolve), child.kill("SIGTERM"))) };
}

let isbn = 9_790_000_000_000;
const routes = [
  { name: "GET /books/{bookId}", request: () => ({ method: "GET", path: `${basePath}/books/1` }) },
  {
    name: "POST /books",
    request: () => ({
      method: "POST",
      path: `${basePath}/books`,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ isbn: String(isbn++), title: "Benchmarks", price: 12.5, status: "draft", authorId: 1, tagIds: [1] }),
    }),
  },
];

/** CPU time (user + system, microseconds) a process has used, from /proc (undefined elsewhere). */
function cpuMicros(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100;
  } catch {
    return undefined;
  }
}

/**
 * One autocannon run: requests per second, latency percentiles (ms) and the server's CPU time per request (us: what
 * the server spends, less sensitive than req/s to other work on the machine); any non-2xx answer fails the benchmark.
 */
async function load({ server, route, duration }) {
  const cpuBefore = cpuMicros(server.pid);
  const result = await autocannon({
    url: server.url,
    connections,
    duration,
    requests: [{ setupRequest: (request) => ({ ...request, ...route.request() }) }],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${server.name} ${route.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  const cpuAfter = cpuMicros(server.pid);
  const cpu = cpuBefore === undefined || cpuAfter === undefined ? NaN : (cpuAfter - cpuBefore) / result.requests.total;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpu };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const { targetNames } = await import(pathToFileURL(join(root, "dist/src/targets/targetRegistry.js")).href);
const baseline = process.env.BENCH_BASELINE;
const projects = [
  ...targetNames().map((target) => ({ name: target, target, toolkit: root })),
  ...(baseline === undefined ? [] : [{ name: "fastify (baseline)", target: "fastify", toolkit: baseline }]),
];
const targets = projects.map((p) => p.name);
const work = mkdtempSync(join(tmpdir(), "vx-bench-server-"));
const servers = [];
try {
  for (const [index, project] of projects.entries()) {
    const dir = join(work, `project-${index}`);
    console.log(`preparing the ${project.name} bookstore in ${dir}`);
    prepareTarget({ target: project.target, dir, toolkit: project.toolkit });
  }
  // The hand-written server gets a copy of the first target's seeded database and uses its Prisma Client.
  const reference = join(work, "project-0");
  cpSync(join(reference, "bench.db"), join(work, "handwritten.db"));
  let port = 42_100;
  // No rate limit (1000 requests a minute per client by default): the hand-written server has none, and the load
  // generator is one client.
  for (const [index, name] of targets.entries())
    servers.push(await startServer({ name, cwd: join(work, `project-${index}`), script: "dist/server.js", port: port++, env: { DATABASE_URL: "file:./bench.db", JWT_SECRET: benchSecret, RATE_LIMIT_MAX: "0" } }));
  servers.push(
    await startServer({
      name: "handwritten",
      cwd: work,
      script: join(root, "bench/handwritten/server.js"),
      port: port++,
      env: { DATABASE_URL: `file:${join(work, "handwritten.db")}`, PRISMA_CLIENT: clientUrl(reference) },
    }),
  );
  for (const server of servers) for (const route of routes) await load({ server, route, duration: Math.max(2, seconds / 2) });
  const samples = new Map();
  for (let round = 0; round < rounds; round++) {
    for (const route of routes) {
      for (const server of round % 2 === 0 ? servers : [...servers].reverse()) {
        const key = `${server.name}\0${route.name}`;
        if (!samples.has(key)) samples.set(key, []);
        samples.get(key).push(await load({ server, route, duration: seconds }));
      }
    }
    console.log(`round ${round + 1}/${rounds} done`);
  }
  // Ratios are paired: each round's figure over the hand-written server's in the same round (measured next to it),
  // then the median over the rounds, which cancels most of the drift of a busy machine.
  const rows = [];
  for (const route of routes) {
    const of = (name) => samples.get(`${name}\0${route.name}`);
    const reference = of("handwritten");
    for (const server of servers) {
      const s = of(server.name);
      rows.push({
        route: route.name,
        server: server.name,
        "req/s": Math.round(median(s.map((x) => x.rps))),
        "p50 ms": median(s.map((x) => x.p50)),
        "p99 ms": median(s.map((x) => x.p99)),
        "req/s vs hand-written": median(s.map((x, i) => x.rps / reference[i].rps)).toFixed(3),
        "CPU us/req": Math.round(median(s.map((x) => x.cpu))),
        "CPU vs hand-written": median(s.map((x, i) => reference[i].cpu / x.cpu)).toFixed(3),
        "req/s per round": s.map((x) => Math.round(x.rps)).join(" "),
      });
    }
  }
  console.log(`\nServer benchmark: bookstore, SQLite, ${connections} keep-alive connections, ${rounds} rounds x ${seconds} s, medians`);
  console.table(rows);
} finally {
  for (const server of servers) await server.stop();
  if (process.env.BENCH_KEEP === "1") console.log(`projects kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
