// Time and peak memory of `vx-gen inspect` (the whole front half: read, validate, bind, print the IR) on the largest
// documents: Stripe (4 MB YAML, the largest corpus file), DigitalOcean (2,850 files), GitHub (13 MB JSON, from
// @octokit/openapi), and Prisma's largest corpus schema. Median of N runs, each a fresh process.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { corpus, githubSpec, measuredRun } from "./lib/measuredRun.js";

const runs = Number(process.env.VX_BENCH_RUNS ?? 3);

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
    const r = measuredRun({ args: ["inspect", "--compact", ...c.args], measureFile: join(dir, `${rows.length}-${i}.jsonl`) });
    exit = r.exit;
    times.push(r.s);
    rss.push(r.mb);
  }
  rows.push({ case: c.name, "wall s": median(times).toFixed(2), "peak RSS MB": median(rss).toFixed(0), exit });
}
rmSync(dir, { recursive: true, force: true });
console.log(`\nvx-gen inspect: median of ${runs} runs (fresh process each; includes Node start-up and printing the IR)`);
console.table(rows);
console.log("Peers on Stripe, measured on this machine kind (../shared/notes/big-specs.md): openapi-typescript 3.6 s / 258 MB (types only).");
