// Preloaded with `node -r` by the benchmarks: on exit, appends the process's wall time and peak RSS to the file
// named by VX_BENCH_OUT, so a benchmark measures the real CLI process and nothing of its own.
const { appendFileSync } = require("node:fs");
const start = process.hrtime.bigint();
process.on("exit", () => {
  const out = process.env.VX_BENCH_OUT;
  if (!out) return;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  appendFileSync(out, `${JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS })}\n`);
});
