#!/usr/bin/env node
import { main } from "../dist/src/cli/main.js";

main().catch((error) => {
  const verbose = process.argv.includes("--verbose");
  process.stderr.write(`vx-gen: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write("Run again with --verbose for the stack trace, and please report it.\n");
  process.exit(3);
});
