export type * from "./ir/types.js";
export { diagnosticCodes, type DiagnosticCode } from "./diagnostics/codes.js";
export { createDiagnostic, sortDiagnostics, hasErrors } from "./diagnostics/createDiagnostic.js";
export { formatDiagnostics, summarizeDiagnostics } from "./diagnostics/formatDiagnostics.js";
