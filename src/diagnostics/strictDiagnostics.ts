import type { Diagnostic } from "../ir/types.js";

/** Warnings `--strict` (or `"strict": true` in the config) turns into errors: departures from the OpenAPI schema. */
export const strictCodes: ReadonlySet<string> = new Set(["VX121"]);

const lenientHelp = 'accepted; --strict (or "strict": true in the config) makes it an error';
const strictHelp = 'refused because of --strict (or "strict": true in the config); without it this is a warning';

/**
 * The diagnostics of a run, strict or not: every warning of a `strictCodes` code says in its help what `--strict`
 * does, and with `strict` becomes an error (so nothing is written and the exit code is 1). Other diagnostics are the
 * very same objects.
 */
export function strictDiagnostics({ diagnostics, strict }: { diagnostics: readonly Diagnostic[]; strict: boolean }): Diagnostic[] {
  return diagnostics.map((d) => {
    if (d.severity !== "warning" || !strictCodes.has(d.code)) return d;
    const help = `${d.help ? `${d.help}; ` : ""}${strict ? strictHelp : lenientHelp}`;
    return strict ? { ...d, severity: "error", help } : { ...d, help };
  });
}
