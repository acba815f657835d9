#!/usr/bin/env node
import { setFlagsFromString } from "node:v8";

// Prisma's schema parser is WebAssembly that vx-gen runs once per call: V8's optimising tier recompiles it for a
// speed-up a short run never earns back. Baseline-only halves the Prisma read (civitai: ~1.0 s -> ~0.5 s CPU).
setFlagsFromString("--liftoff-only");

const { main } = await import("../dist/src/cli/main.js");
main().catch((error) => {
  const verbose = process.argv.includes("--verbose");
  process.stderr.write(`vx-gen: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write("Run again with --verbose for the stack trace, and please report it.\n");
  process.exit(3);
});
