import type { Diagnostic, DiagnosticLocation, Source } from "../ir/types.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";

export interface NameCandidate {
  /** The name as the source wrote it (unique within its kind). */
  original: string;
  /** The converted name before collisions are settled. */
  base: string;
  source: Source;
  /** What the name is, in diagnostics: `schema`, `operationId`, `tag`... */
  what: string;
}

export function toLocation(source: Source): DiagnosticLocation {
  return source.kind === "openapi"
    ? { file: source.file, pointer: source.pointer }
    : { file: source.file, line: source.line, column: source.column };
}

/**
 * Gives every candidate a unique identifier. Candidates are settled in sorted order of their original names, so the
 * result never depends on the order the sources listed them in: in a group of names that convert to the same
 * identifier the smallest original keeps it and the others get the first free numeric suffix (VX401). A name in
 * `taken` is never handed out (the candidate whose base it is gets a suffix too); every name given is added to it.
 */
export function allocateNames({
  candidates,
  taken,
  diagnostics,
  help = "rename one of them in the source, or give it an x-vx-name",
}: {
  candidates: NameCandidate[];
  taken: Set<string>;
  diagnostics: Diagnostic[];
  /** The help of VX401. */
  help?: string;
}): Map<string, string> {
  const result = new Map<string, string>();
  const sorted = [...candidates].sort((a, b) => (a.original < b.original ? -1 : a.original > b.original ? 1 : 0));
  const byBase = new Map<string, NameCandidate[]>();
  for (const candidate of sorted) {
    const group = byBase.get(candidate.base) ?? [];
    group.push(candidate);
    byBase.set(candidate.base, group);
  }
  // First pass: every base claimed by one candidate is reserved before any suffix is chosen.
  const claimed = new Set<string>([...taken, ...byBase.keys()]);
  for (const candidate of sorted) {
    const group = byBase.get(candidate.base) ?? [];
    if (group[0] === candidate && !taken.has(candidate.base)) {
      result.set(candidate.original, candidate.base);
      continue;
    }
    let n = 2;
    while (claimed.has(`${candidate.base}${n}`)) n++;
    const name = `${candidate.base}${n}`;
    claimed.add(name);
    result.set(candidate.original, name);
    const other = group[0] && group[0] !== candidate ? group[0].original : undefined;
    diagnostics.push(
      createDiagnostic({
        code: "VX401",
        message: other
          ? `${candidate.what} '${candidate.original}' and '${other}' both become '${candidate.base}'; '${candidate.original}' is named '${name}'`
          : `${candidate.what} '${candidate.original}' would be '${candidate.base}', which is already used; it is named '${name}'`,
        location: toLocation(candidate.source),
        help,
      }),
    );
  }
  for (const name of result.values()) taken.add(name);
  return result;
}
