import { ApiError, type ErrorDetail } from "../runtime/errors.js";
import type { OperationValidators, RequestPart, ValidationIssue } from "../validation/index.js";

/** What an error detail names when a whole part is wrong, and the part in the error message. */
const partNames: Record<RequestPart, string> = {
  params: "path",
  query: "query",
  headers: "header",
  cookies: "cookie",
  body: "body",
};

function details({ issues, part }: { issues: readonly ValidationIssue[]; part: RequestPart }): ErrorDetail[] {
  return issues.map((issue) => ({ field: issue.field === "" ? partNames[part] : issue.field, message: issue.message }));
}

/** The order parts are checked in: path, body, query, headers, cookies (every target's order). */
const checkingOrder: readonly RequestPart[] = ["params", "body", "query", "headers", "cookies"];

/**
 * Checks each request part with the operation's validator compiled at generation time (nothing compiles at start-up
 * or per request): the first part with problems answers 400 VALIDATION_ERROR, one detail per problem (at most 20).
 * Parameters arrive converted by `parseParameters`; JSON bodies are checked as sent, never coerced or stripped.
 */
export function validateRequest({
  validators,
  parts,
}: {
  validators: OperationValidators;
  parts: Readonly<Record<RequestPart, unknown>>;
}): void {
  for (const part of checkingOrder) {
    const validate = validators[part];
    if (validate === undefined) continue;
    const result = validate(parts[part]);
    if (!result.valid)
      throw new ApiError({
        code: "VALIDATION_ERROR",
        message: `invalid ${partNames[part]}`,
        details: details({ issues: result.errors, part }),
      });
  }
}
