import type { RequestPart, Validator } from "../validation/index.js";
import { ApiError, type ErrorDetail } from "./errors.js";
import type { ParameterIssue } from "./parseParameters.js";

/** The most problems one 400 answer lists (the first ones found, parts in checking order). */
export const maxRequestProblems = 20;

/** The order request parts are checked in on every target: path, body, query, headers, cookies. */
export const checkingOrder: readonly RequestPart[] = ["params", "body", "query", "headers", "cookies"];

/** What an error detail names when a whole part is wrong, and the part in the error message. */
const partNames: Record<RequestPart, string> = {
  params: "path",
  query: "query",
  headers: "header",
  cookies: "cookie",
  body: "body",
};

/** The request part of a parameter issue, by the location its field starts with (`query.ids[1]`, `header["x"]`). */
const parameterParts: Record<string, RequestPart> = {
  path: "params",
  query: "query",
  header: "headers",
  cookie: "cookies",
};

/** `query.ids[1]` -> `ids[1]`, `header["x-limit"]` -> `x-limit`: error details name the parameter itself. */
export function parameterDetailField(issue: ParameterIssue): string {
  const rest = issue.field.replace(/^(query|path|header|cookie)/, "");
  const quoted = /^\["((?:[^"\\]|\\.)*)"\](.*)$/.exec(rest);
  if (quoted?.[1] !== undefined) return (JSON.parse(`"${quoted[1]}"`) as string) + (quoted[2] ?? "");
  return rest.replace(/^\./, "");
}

/** `a`, `a and b`, `a, b and c`. */
function listed(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1) ?? ""}`;
}

/**
 * The problems of one request, collected part by part so that a request wrong in several places is answered once
 * with all of them: parameters that could not be read (a part with one is not also schema-checked: its problems
 * would only repeat), then each part's validation issues. `error()` is the 400 VALIDATION_ERROR naming the parts
 * (`invalid query and body`), one detail per problem, at most `maxRequestProblems`.
 */
export class RequestProblems {
  private readonly details: ErrorDetail[] = [];
  private readonly parts = new Set<RequestPart>();

  /** Parameters that could not be read (by style and explode, or missing where required). */
  unreadable(issues: readonly ParameterIssue[]): void {
    for (const issue of issues) {
      const part = parameterParts[/^(query|path|header|cookie)/.exec(issue.field)?.[1] ?? ""] ?? "query";
      this.parts.add(part);
      this.details.push({ field: parameterDetailField(issue), message: issue.message });
    }
  }

  /** Whether `part` already has a problem. */
  has(part: RequestPart): boolean {
    return this.parts.has(part);
  }

  /** Checks `value` with `part`'s validator (none: nothing to check), unless the part already has problems. */
  check({ part, validate, value }: { part: RequestPart; validate: Validator | undefined; value: unknown }): void {
    if (validate === undefined || this.parts.has(part)) return;
    const result = validate(value);
    if (result.valid) return;
    this.parts.add(part);
    for (const issue of result.errors)
      this.details.push({ field: issue.field === "" ? partNames[part] : issue.field, message: issue.message });
  }

  /** The answer to the request, or undefined when it has no problem. */
  error(): ApiError | undefined {
    if (this.details.length === 0) return undefined;
    const parts = checkingOrder.filter((part) => this.parts.has(part)).map((part) => partNames[part]);
    return new ApiError({
      code: "VALIDATION_ERROR",
      message: `invalid ${listed(parts)}`,
      details: this.details.slice(0, maxRequestProblems),
    });
  }
}
