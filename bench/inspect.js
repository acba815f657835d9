// Time and peak memory of `vx-gen inspect` (the whole front half: read, validate, bind, print the IR) on the largest
// documents: Stripe (4 MB YAML, the largest corpus file), DigitalOcean (2,850 files), GitHub (13 MB JSON, from
// @octokit/openapi), and Prisma's largest corpus schema. Median of N runs, each a fresh process.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const corpus = join(root, "..", "shared", "corpus");
const runs = Number(process.env.VX_BENCH_RUNS ?? 3);
const require = createRequire(import.meta.url);

function githubSpec() {
  try {
    return join(dirname(require.resolve("@octokit/openapi/package.json")), "generated", "api.github.com.json");
  } catch {
    return undefined;
  }
}

const cases = [
  { name: "stripe (openapi, 4 MB, 468 ops)", args: ["--openapi", join(corpus, "openapi/stripe/spec3.yaml")] },
  { name: "digitalocean (openapi, 2,850 files)", args: ["--openapi", join(corpus, "openapi/digitalocean/DigitalOcean-public.v2.yaml")] },
  { name: "github (openapi, 13 MB, 1,223 ops)", args: ["--openapi", githubSpec()] },
  { name: "civitai (prisma, 290 KB, 302 models)", args: ["--prisma", join(corpus, "prisma/civitai/schema.prisma")] },
];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const dir = mkdtempSync(join(tmpdir(), "vx-bench-"));
const rows = [];
for (const c of cases) {
  const file = c.args[1];
  if (!file || !existsSync(file)) {
    rows.push({ case: c.name, "wall s": "skipped", "peak RSS MB": "(input not found)" });
    continue;
  }
  const times = [];
  const rss = [];
  let exit = 0;
  for (let i = 0; i < runs; i++) {
    const out = join(dir, `${rows.length}-${i}.jsonl`);
    const result = spawnSync(process.execPath, ["-r", join(root, "bench/measureOnExit.cjs"), join(root, "bin/vx-gen.js"), "inspect", "--compact", ...c.args], {
      env: { ...process.env, VX_BENCH_OUT: out },
      stdio: ["ignore", "ignore", "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    });
    exit = result.status ?? -1;
    const line = JSON.parse(readFileSync(out, "utf8").trim().split("\n").pop());
    times.push(line.ms / 1000);
    rss.push(line.maxRssKb / 1024);
  }
  rows.push({ case: c.name, "wall s": median(times).toFixed(2), "peak RSS MB": median(rss).toFixed(0), exit });
}
rmSync(dir, { recursive: true, force: true });
console.log(`\nvx-gen inspect: median of ${runs} runs (fresh process each; includes Node start-up and printing the IR)`);
console.table(rows);
console.log("Peers on Stripe, measured on this machine kind (../shared/notes/big-specs.md): openapi-typescript 3.6 s / 258 MB (types only).");
