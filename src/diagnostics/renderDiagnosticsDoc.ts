import { diagnosticCodes } from "./codes.js";
import { strictCodes } from "./strictDiagnostics.js";

const ranges: [prefix: RegExp, title: string][] = [
  [/^VX0/, "Input files, usage and configuration"],
  [/^VX1/, "OpenAPI"],
  [/^VX2/, "Prisma"],
  [/^VX3/, "Binding and API/database drift"],
  [/^VX4/, "Names and identifiers"],
  [/^VX5/, "Generation and output"],
  [/^VX6/, "Deriving one source from the other"],
];

/** docs/diagnostics.md, rendered from the code catalogue (a test keeps the committed file in step). */
export function renderDiagnosticsDoc(): string {
  const lines = [
    "# Diagnostic codes",
    "",
    "Rendered from `src/diagnostics/codes.ts` by `npm run docs:diagnostics`; do not edit by hand.",
    "Every diagnostic is `{code, severity, message, location, help}`; the severity below is the default.",
    `With \`--strict\` (or \`"strict": true\` in the config) the warnings of ${[...strictCodes].sort().join(", ")} are errors.`,
    "",
  ];
  const codes = Object.entries(diagnosticCodes).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [prefix, title] of ranges) {
    const inRange = codes.filter(([code]) => prefix.test(code));
    if (inRange.length === 0) continue;
    lines.push(`## ${title}`, "", "| code | severity | meaning |", "| --- | --- | --- |");
    for (const [code, { severity, title: meaning }] of inRange) lines.push(`| ${code} | ${severity} | ${meaning} |`);
    lines.push("");
  }
  return lines.join("\n");
}
