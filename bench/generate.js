// Whole-backend generation, one fresh `vx-gen` process per step, on the bookstore fixture, Stripe (the largest corpus
// document) and GitHub (13 MB, 1,223 operations): with empty caches ("cold": the first run on a machine), with warm
// caches into an empty folder, again over its own output (nothing to write), then `check` (fast path) and
// `check --full`. Wall time and peak RSS (worker threads included) per step. `npm run build` first.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { corpus, githubSpec, measuredRun, root } from "./lib/measuredRun.js";

const cases = [
  { name: "bookstore (fixture + Prisma)", args: ["--openapi", join(root, "fixtures/bookstore/openapi.yaml"), "--prisma", join(root, "fixtures/bookstore/schema.prisma")] },
  { name: "stripe (4 MB YAML, 468 ops)", args: ["--openapi", join(corpus, "openapi/stripe/spec3.yaml")] },
  { name: "github (13 MB JSON, 1,223 ops)", args: ["--openapi", githubSpec()] },
];

const dir = mkdtempSync(join(tmpdir(), "vx-bench-generate-"));
let step = 0;

function run({ args, cacheDir }) {
  const r = measuredRun({ args, measureFile: join(dir, `measure-${step++}.jsonl`), env: { VX_GEN_CACHE_DIR: cacheDir } });
  return { s: r.s.toFixed(2), mb: r.mb.toFixed(0), exit: r.exit };
}

const rows = [];
for (const c of cases) {
  if (c.args.some((a) => a === undefined) || !c.args.filter((_, i) => i % 2 === 1).every((f) => existsSync(f))) {
    rows.push({ case: c.name, step: "skipped (input not found)" });
    continue;
  }
  const cacheDir = mkdtempSync(join(dir, "cache-"));
  const first = join(dir, `out-${rows.length}-cold`);
  const second = join(dir, `out-${rows.length}-warm`);
  const steps = [
    ["generate, caches empty", ["generate", ...c.args, "--out", first]],
    ["generate, caches warm, empty folder", ["generate", ...c.args, "--out", second]],
    ["generate again (output current)", ["generate", ...c.args, "--out", second]],
    ["check (fast path)", ["check", ...c.args, "--out", second]],
    ["check --full", ["check", "--full", ...c.args, "--out", second]],
  ];
  for (const [name, args] of steps) {
    const r = run({ args, cacheDir });
    rows.push({ case: c.name, step: name, "wall s": r.s, "peak RSS MB": r.mb, exit: r.exit });
  }
}
rmSync(dir, { recursive: true, force: true });
console.log("\nvx-gen generate / check: one fresh process per step (Node start-up included); caches in a fresh VX_GEN_CACHE_DIR");
console.table(rows);
console.log(
  "Peers on Stripe, this machine kind (../shared/notes): openapi-typescript 3.6 s / 258 MB (types only), orval fetch 4.5 s, kubb ts 12 s, hey-api types 15 s.",
);
