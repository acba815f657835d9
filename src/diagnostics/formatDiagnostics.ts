import type { Diagnostic, DiagnosticLocation } from "../ir/types.js";

function formatLocation(location: DiagnosticLocation | undefined): string {
  if (!location) return "vx-gen";
  let text = location.file;
  if (location.line !== undefined) {
    text += `:${location.line}`;
    if (location.column !== undefined) text += `:${location.column}`;
  }
  return text;
}

/**
 * Prints diagnostics like a compiler: `api.yaml:42:7 error VX104 message`, then indented `help:` and related places.
 * Callers filter by severity first (the CLI hides info unless asked).
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const lines: string[] = [];
  for (const d of diagnostics) {
    const pointer = d.location?.pointer !== undefined && d.location.line === undefined ? ` (at ${d.location.pointer || "/"})` : "";
    lines.push(`${formatLocation(d.location)} ${d.severity} ${d.code} ${d.message}${pointer}`);
    for (const r of d.related ?? []) lines.push(`  ${formatLocation(r.location)} note: ${r.message}`);
    if (d.help) lines.push(`  help: ${d.help}`);
  }
  return lines.join("\n");
}

/** `2 errors, 1 warning` */
export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const count = (s: Diagnostic["severity"]) => diagnostics.filter((d) => d.severity === s).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(count("error"), "error")}, ${plural(count("warning"), "warning")}`;
}
