import type { HttpMethod, OperationCacheControl, SecurityRequirement } from "../../ir/types.js";
import { childCursor, report, sourceOf, type ReadContext } from "./ReadContext.js";
import type { Cursor } from "./SpecFile.js";
import { isRecord } from "./jsonPointer.js";

/** The Cache-Control response directives of RFC 9111, RFC 5861 and RFC 8246; another is sent, with VX149. */
const knownDirectives: ReadonlySet<string> = new Set([
  "max-age",
  "s-maxage",
  "no-cache",
  "no-store",
  "no-transform",
  "must-revalidate",
  "proxy-revalidate",
  "must-understand",
  "private",
  "public",
  "immutable",
  "stale-while-revalidate",
  "stale-if-error",
]);

/** Directives whose argument is a number of seconds. */
const secondsDirectives: ReadonlySet<string> = new Set(["max-age", "s-maxage", "stale-while-revalidate", "stale-if-error"]);

/** A directive: an HTTP token, optionally `=` a token or a quoted string (RFC 9111 5.2). */
const directivePattern = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)(?:=([!#$%&'*+.^_`|~0-9A-Za-z-]+|"(?:[\t !#-[\]-~]|\\[\t -~])*"))?$/;

interface Directive {
  name: string;
  argument: string | undefined;
}

/** The value's directives (names lower-cased), or the first part that is not one. */
function directivesOf(value: string): { directives: Directive[] } | { bad: string } {
  const directives: Directive[] = [];
  for (const part of value.split(",").map((entry) => entry.trim())) {
    const match = directivePattern.exec(part);
    if (match === null) return { bad: part };
    const [, name = "", argument] = match;
    directives.push({ name: name.toLowerCase(), argument });
  }
  return { directives };
}

/** Whether an authenticated caller's answer could be kept by a shared cache under `names`. */
function sharedCacheMayStore(names: ReadonlySet<string>): boolean {
  return names.has("public") || names.has("s-maxage") || !(names.has("private") || names.has("no-store"));
}

/**
 * `x-vx-cache-control` on an operation: the `Cache-Control` its 2xx answers carry. A non-empty string (VX145), on a GET
 * operation (VX146), of valid directives (VX147); on an operation a caller authenticates for, one that keeps the answer
 * out of shared caches (`private` or `no-store`, never `public` or `s-maxage`: VX148); unknown directives are sent as
 * written (VX149). Absent when not written or invalid.
 */
export function readOperationCacheControl({
  ctx,
  cursor,
  method,
  path,
  security,
}: {
  ctx: ReadContext;
  cursor: Cursor;
  method: HttpMethod;
  path: string;
  security: readonly SecurityRequirement[];
}): OperationCacheControl | undefined {
  const op = isRecord(cursor.value) ? cursor.value : {};
  if (op["x-vx-cache-control"] === undefined) return undefined;
  const at = childCursor({ cursor, segments: ["x-vx-cache-control"] });
  const label = `x-vx-cache-control of ${method.toUpperCase()} ${path}`;
  const { value } = at;
  if (typeof value !== "string" || value.trim() === "") {
    const help = 'write the header\'s value as a string, e.g. "public, max-age=60" or "private, no-cache"';
    report({ ctx, code: "VX145", message: `${label} must be a non-empty string`, at, help });
    return undefined;
  }
  if (method !== "get") {
    const help = "remove it: caches store answers to GET requests only (answers of other methods are not cached)";
    report({ ctx, code: "VX146", message: `${label}: only GET operations have cacheable answers`, at, help });
    return undefined;
  }
  const parsed = directivesOf(value.trim());
  if ("bad" in parsed) {
    const help = "directives are comma-separated `name` or `name=value` (a token or a quoted string), e.g. `max-age=60`";
    report({ ctx, code: "VX147", message: `${label}: ${JSON.stringify(parsed.bad)} is not a Cache-Control directive`, at, help });
    return undefined;
  }
  const wrongSeconds = parsed.directives.find((d) => secondsDirectives.has(d.name) && !/^\d{1,10}$/.test(d.argument ?? ""));
  if (wrongSeconds !== undefined) {
    report({ ctx, code: "VX147", message: `${label}: ${wrongSeconds.name} needs a whole number of seconds`, at, help: `write e.g. ${wrongSeconds.name}=60` });
    return undefined;
  }
  const names = new Set(parsed.directives.map((d) => d.name));
  if (security.some((alternative) => alternative.schemes.length > 0) && sharedCacheMayStore(names)) {
    report({
      ctx,
      code: "VX148",
      message: `${label}: the operation is secured, and this value lets a shared cache keep an authenticated caller's answer and give it to others`,
      at,
      help: "say `private` (only the caller's own cache keeps it) or `no-store`, and never `public` or `s-maxage` on a secured operation",
    });
    return undefined;
  }
  for (const unknown of parsed.directives.filter((d) => !knownDirectives.has(d.name)))
    report({ ctx, code: "VX149", message: `${label}: ${JSON.stringify(unknown.name)} is not a standard Cache-Control directive (sent as written)`, at, help: `the standard ones: ${[...knownDirectives].join(", ")}` });
  return { kind: "cacheControl", value: parsed.directives.map((d) => (d.argument === undefined ? d.name : `${d.name}=${d.argument}`)).join(", "), source: sourceOf(at) };
}
