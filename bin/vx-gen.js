#!/usr/bin/env node
import { setFlagsFromString } from "node:v8";

// Prisma's schema parser is WebAssembly that vx-gen runs once per call: V8's optimising tier recompiles it for a
// speed-up a short run never earns back. Baseline-only halves the Prisma read (civitai: ~1.0 s -> ~0.5 s CPU).
setFlagsFromString("--liftoff-only");

const { main } = await import("../dist/src/cli/main.js");

/** Resolves once everything written to `stream` so far has been handed to the system. */
const flushed = (stream) => new Promise((resolve) => stream.write("", () => resolve()));

main()
  .then(async () => {
    // A one-shot command is done once `main` returns: exit with its code even if a worker thread or another handle is
    // still open (a finished CLI must never keep a CI job waiting). `watch` runs until Ctrl-C and exits by itself.
    if (process.argv.slice(2).includes("watch")) return;
    await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
    process.exit();
  })
  .catch((error) => {
    const verbose = process.argv.includes("--verbose");
    process.stderr.write(`vx-gen: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    else process.stderr.write("Run again with --verbose for the stack trace, and please report it.\n");
    process.exit(3);
  });
