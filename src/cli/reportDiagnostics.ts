import type { Diagnostic } from "../ir/types.js";
import { formatDiagnostics } from "../diagnostics/formatDiagnostics.js";

/** Diagnostics about the input files themselves (missing, a directory, binary, ...): exit code 2, not 1. */
const unreadableInputCodes = new Set(["VX001", "VX002", "VX003", "VX004", "VX005", "VX006", "VX201"]);

export type OutputFormat = "text" | "json";

/**
 * Prints diagnostics for a command and returns its exit code: 2 when an input file cannot be read, 1 when there are
 * errors, else 0. Text goes to stderr (info only with `verbose`); JSON is one array on stdout.
 */
export function reportDiagnostics({
  diagnostics,
  format,
  verbose,
}: {
  diagnostics: readonly Diagnostic[];
  format: OutputFormat;
  verbose: boolean;
}): number {
  if (format === "json") {
    process.stdout.write(`${JSON.stringify(diagnostics, null, 2)}\n`);
  } else {
    const shown = verbose ? diagnostics : diagnostics.filter((d) => d.severity !== "info");
    if (shown.length > 0) process.stderr.write(`${formatDiagnostics(shown)}\n`);
  }
  return exitCodeFor(diagnostics);
}

export function exitCodeFor(diagnostics: readonly Diagnostic[]): number {
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.some((d) => unreadableInputCodes.has(d.code))) return 2;
  return errors.length > 0 ? 1 : 0;
}
