// Whole-backend generation, one fresh `vx-gen` process per step, on the bookstore fixture, Stripe (the largest corpus
// document) and GitHub (13 MB, 1,223 operations): with empty caches ("cold": the first run on a machine), with warm
// caches into an empty folder, again over its own output (nothing to write), then `check` (fast path) and
// `check --full`. Wall time and peak RSS (worker threads included) per step. `npm run build` first.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const corpus = join(root, "..", "shared", "corpus");
const require = createRequire(import.meta.url);

function githubSpec() {
  try {
    return join(dirname(require.resolve("@octokit/openapi/package.json")), "generated", "api.github.com.json");
  } catch {
    return undefined;
  }
}

const cases = [
  { name: "bookstore (fixture + Prisma)", args: ["--openapi", join(root, "fixtures/bookstore/openapi.yaml"), "--prisma", join(root, "fixtures/bookstore/schema.prisma")] },
  { name: "stripe (4 MB YAML, 468 ops)", args: ["--openapi", join(corpus, "openapi/stripe/spec3.yaml")] },
  { name: "github (13 MB JSON, 1,223 ops)", args: ["--openapi", githubSpec()] },
];

const dir = mkdtempSync(join(tmpdir(), "vx-bench-generate-"));
let step = 0;

/** Runs `vx-gen <args>` in a fresh process (from the project root, whose node_modules holds the check cache). */
function run({ args, cacheDir }) {
  const out = join(dir, `measure-${step++}.jsonl`);
  const result = spawnSync(process.execPath, ["-r", join(root, "bench/measureOnExit.cjs"), join(root, "bin/vx-gen.js"), ...args], {
    cwd: root,
    env: { ...process.env, VX_BENCH_OUT: out, VX_GEN_CACHE_DIR: cacheDir },
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = JSON.parse(readFileSync(out, "utf8").trim().split("\n").pop());
  return { s: (line.ms / 1000).toFixed(2), mb: (line.maxRssKb / 1024).toFixed(0), exit: result.status };
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
