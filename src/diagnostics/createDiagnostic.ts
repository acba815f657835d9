import type { Diagnostic, DiagnosticLocation, RelatedLocation, Severity } from "../ir/types.js";
import { diagnosticCodes, type DiagnosticCode } from "./codes.js";

export interface CreateDiagnosticInput {
  code: DiagnosticCode;
  message: string;
  location?: DiagnosticLocation;
  help?: string;
  related?: RelatedLocation[];
  /** Overrides the code's default severity. */
  severity?: Severity;
}

/** Builds a diagnostic with the severity the catalogue gives its code; leaves out empty optional fields. */
export function createDiagnostic(input: CreateDiagnosticInput): Diagnostic {
  const diagnostic: Diagnostic = {
    code: input.code,
    severity: input.severity ?? diagnosticCodes[input.code].severity,
    message: input.message,
  };
  if (input.location) diagnostic.location = input.location;
  if (input.help) diagnostic.help = input.help;
  if (input.related && input.related.length > 0) diagnostic.related = input.related;
  return diagnostic;
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * The last few lists sorted, with their order: `watch` sorts the same thousands of diagnostics (the reader replays
 * them, same objects) several times per run. A list of the very same objects in the same order, each with the very
 * same location object (the one field set after creation: `readOpenApi` fills in lines), sorts the same.
 */
const recentSorts: {
  input: readonly Diagnostic[];
  locations: readonly (DiagnosticLocation | undefined)[];
  output: readonly Diagnostic[];
}[] = [];
const RECENT_SORTS = 4;

function sameItems({ known, list }: { known: (typeof recentSorts)[number]; list: readonly Diagnostic[] }): boolean {
  if (known.input.length !== list.length) return false;
  for (let i = 0; i < list.length; i++)
    if (known.input[i] !== list[i] || known.locations[i] !== list[i]?.location) return false;
  return true;
}

/** Stable order for printing: by file, line, column, then severity and code. Never depends on encounter order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  if (diagnostics.length < 64) return sortedCopy(diagnostics);
  const known = recentSorts.find((r) => sameItems({ known: r, list: diagnostics }));
  if (known) return [...known.output];
  const output = sortedCopy(diagnostics);
  recentSorts.unshift({ input: [...diagnostics], locations: diagnostics.map((d) => d.location), output: [...output] });
  if (recentSorts.length > RECENT_SORTS) recentSorts.pop();
  return output;
}

function sortedCopy(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    const fa = a.location?.file ?? "";
    const fb = b.location?.file ?? "";
    if (fa !== fb) return fa < fb ? -1 : 1;
    const la = a.location?.line ?? 0;
    const lb = b.location?.line ?? 0;
    if (la !== lb) return la - lb;
    const ca = a.location?.column ?? 0;
    const cb = b.location?.column ?? 0;
    if (ca !== cb) return ca - cb;
    if (a.severity !== b.severity) return severityRank[a.severity] - severityRank[b.severity];
    if (a.code !== b.code) return a.code < b.code ? -1 : 1;
    return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
  });
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
