import type { Diagnostic } from "../ir/types.js";

/** Warnings `--strict` (or `"strict": true` in the config) turns into errors: departures from the OpenAPI schema. */
export const strictCodes: ReadonlySet<string> = new Set(["VX121"]);

/**
 * The diagnostics of a strict run: every warning of a `strictCodes` code becomes an error (so nothing is written and
 * the exit code is 1), with a help line saying why. Other diagnostics are the very same objects.
 */
export function strictDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) =>
    d.severity === "warning" && strictCodes.has(d.code) ? { ...d, severity: "error", help: "refused because of --strict (or \"strict\": true in the config); without it this is a warning" } : d,
  );
}
