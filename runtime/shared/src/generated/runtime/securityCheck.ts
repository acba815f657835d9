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
 * An operation's security, checked with the verifiers: what the verifiers of the first alternative whose schemes all
 * pass returned, by scheme (the handler's `context.auth`); else 403 FORBIDDEN when a verifier said the caller is known
 * but not allowed, 401 UNAUTHORIZED otherwise (thrown as an ApiError). A scheme no verifier is given for denies.
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
    let forbidden = false;
    for (const alternative of alternatives) {
      const auth: Record<string, unknown> = Object.create(null);
      let passed = true;
      for (const { scheme, scopes } of alternative) {
        const verify = table.get(scheme);
        const result = verify ? await verify({ request, scopes }) : { ok: false as const };
        if (!result.ok) {
          if (result.forbidden === true) forbidden = true;
          passed = false;
          break;
        }
        auth[scheme] = result.principal;
      }
      if (passed) return auth;
    }
    throw forbidden
      ? new ApiError({ code: "FORBIDDEN", message: "not allowed" })
      : new ApiError({ code: "UNAUTHORIZED", message: "missing or invalid credentials" });
  };
}
