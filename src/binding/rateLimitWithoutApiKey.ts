import type { Diagnostic, Operation, SecurityScheme } from "../ir/types.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";

/**
 * VX144 for each operation whose `x-vx-rate-limit` keys by `apiKey` while none of its security alternatives has an
 * API key scheme: no request would carry a key to count by. (One anyone may call is reported by the reader.)
 */
export function rateLimitWithoutApiKey({
  operations,
  schemes,
}: {
  operations: readonly Operation[];
  schemes: readonly SecurityScheme[];
}): Diagnostic[] {
  const apiKeySchemes = new Set(schemes.filter((s) => s.kind === "apiKey").map((s) => s.name));
  const diagnostics: Diagnostic[] = [];
  for (const op of operations) {
    const limit = op.rateLimit;
    if (limit?.key !== "apiKey") continue;
    const named = [...new Set(op.security.flatMap((alternative) => alternative.schemes.map((s) => s.name)))];
    if (named.length === 0 || named.some((name) => apiKeySchemes.has(name))) continue;
    diagnostics.push(
      createDiagnostic({
        code: "VX144",
        message: `x-vx-rate-limit of ${op.method.toUpperCase()} ${op.path}: key apiKey, but its security schemes (${named.join(", ")}) are not API keys`,
        location: { file: limit.source.file, pointer: `${limit.source.pointer}/key` },
        help: "use key: principal to count per authenticated caller, or add an apiKey scheme to the operation's security",
      }),
    );
  }
  return diagnostics;
}
