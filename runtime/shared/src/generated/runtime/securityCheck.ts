import { ApiError } from "./errors.js";
import type { SecurityRequest, SecurityVerifier, SecurityVerifiers } from "../security/types.js";

/** One alternative of an operation's security: all its schemes must pass. An empty alternative allows anyone. */
export type SecurityRequirement = readonly { scheme: string; scopes: readonly string[] }[];

/** A `Cookie` header as name -> value (no prototype: a cookie may be named `__proto__`). */
export function cookiesOf(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = Object.create(null);
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0) cookies[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return cookies;
}

/**
 * A header value Node sends as is: Latin-1 without CR, LF or other control characters (a verifier's challenge is not
 * trusted blindly: one that is not is dropped, never sent).
 */
function headerSafe(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c > 0xff) return false;
  }
  return true;
}

/** The `WWW-Authenticate` header of an answer: the challenges of the failed schemes, each once, in order. */
function challengeHeaders(challenges: readonly string[]): Record<string, string> {
  const unique = [...new Set(challenges.filter((c) => c !== "" && headerSafe(c)))];
  return unique.length === 0 ? {} : { "www-authenticate": unique.join(", ") };
}

/** The error of a request no alternative let in: CSRF_FAILED over FORBIDDEN over UNAUTHORIZED (see securityCheck). */
function refusal({
  refused,
  unauthorized,
  forbidden,
  reasons,
}: {
  refused: "csrf" | "forbidden" | "unauthorized";
  unauthorized: readonly string[];
  forbidden: readonly string[];
  reasons: string[];
}): ApiError {
  if (refused === "csrf")
    return new ApiError({ code: "CSRF_FAILED", message: "missing or wrong CSRF token (x-csrf-token)", reasons });
  return refused === "forbidden"
    ? new ApiError({ code: "FORBIDDEN", message: "not allowed", headers: challengeHeaders(forbidden), reasons })
    : new ApiError({
        code: "UNAUTHORIZED",
        message: "missing or invalid credentials",
        headers: challengeHeaders(unauthorized),
        reasons,
      });
}

/**
 * An operation's security, checked with the verifiers: what the verifiers of the first alternative whose schemes all
 * pass returned, by scheme (the handler's `context.auth`); else 403 CSRF_FAILED when a verifier accepted a credential
 * from a cookie but not the request's CSRF token, 403 FORBIDDEN when a verifier said the caller is known but not
 * allowed, 401 UNAUTHORIZED otherwise (thrown as an ApiError carrying the failed verifiers' challenges as
 * `WWW-Authenticate`, and their messages as `reasons` for the security event the error handler logs). A scheme no
 * verifier is given for denies.
 */
export function securityCheck({
  requirements,
  verifiers,
}: {
  requirements: readonly SecurityRequirement[];
  verifiers: SecurityVerifiers | Readonly<Record<string, SecurityVerifier>>;
}): (request: SecurityRequest) => Promise<Record<string, unknown>> {
  // A Map, not an object: a scheme may be named `__proto__`, and a requirement naming no scheme (`valueOf`) is denied.
  const table = new Map<string, SecurityVerifier>(Object.entries(verifiers));
  const alternatives = requirements.map((alternative) =>
    alternative.map(({ scheme, scopes }) => ({ scheme, scopes: [...scopes] })),
  );
  return async (request) => {
    const unauthorized: string[] = [];
    const forbidden: string[] = [];
    const reasons: string[] = [];
    let refused: "csrf" | "forbidden" | "unauthorized" = "unauthorized";
    for (const alternative of alternatives) {
      const auth: Record<string, unknown> = Object.create(null);
      let passed = true;
      for (const { scheme, scopes } of alternative) {
        const verify = table.get(scheme);
        const result = verify ? await verify({ request, scopes }) : { ok: false as const };
        if (!result.ok) {
          if (result.csrf === true) refused = "csrf";
          else if (result.forbidden === true && refused === "unauthorized") refused = "forbidden";
          (result.forbidden === true ? forbidden : unauthorized).push(result.challenge ?? "");
          reasons.push(
            `${scheme}: ${verify ? (result.message ?? (result.forbidden === true ? "forbidden" : "denied")) : "no verifier"}`,
          );
          passed = false;
          break;
        }
        auth[scheme] = result.principal;
      }
      if (passed) return auth;
    }
    throw refusal({ refused, unauthorized, forbidden, reasons });
  };
}
