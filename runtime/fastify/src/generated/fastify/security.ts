import type { FastifyRequest, onRequestHookHandler } from "fastify";
import { ApiError } from "../runtime/errors.js";
import type { SecurityRequest, SecurityVerifier, SecurityVerifiers } from "../security/types.js";

/** One alternative of an operation's security: all its schemes must pass. An empty alternative allows anyone. */
export type SecurityRequirement = readonly { scheme: string; scopes: string[] }[];

const authByRequest = new WeakMap<FastifyRequest, Record<string, unknown>>();

/** What the verifiers returned for a request (by scheme), for the handler's context. */
export function authOf(request: FastifyRequest): Record<string, unknown> {
  return authByRequest.get(request) ?? {};
}

function cookiesOf(header: string | undefined): Record<string, string> {
  // No prototype: a cookie may be named `__proto__`.
  const cookies: Record<string, string> = Object.create(null);
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0) cookies[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return cookies;
}

/**
 * The hook guarding an operation: passes when one alternative's schemes all verify, answers 403 FORBIDDEN when a
 * verifier said the caller is known but not allowed, else 401 UNAUTHORIZED. Runs before validation.
 */
export function requireSecurity({
  requirements,
  verifiers,
}: {
  requirements: readonly SecurityRequirement[];
  verifiers: SecurityVerifiers;
}): onRequestHookHandler {
  // A Map, not an object: a scheme may be named `__proto__`, and a requirement naming no scheme (`valueOf`) is denied.
  const table = new Map<string, SecurityVerifier>(Object.entries(verifiers));
  return async (request) => {
    const view: SecurityRequest = {
      headers: request.headers,
      query: (request.query ?? {}) as Record<string, unknown>,
      cookies: cookiesOf(request.headers.cookie),
    };
    let forbidden = false;
    for (const alternative of requirements) {
      const auth: Record<string, unknown> = Object.create(null);
      let passed = true;
      for (const { scheme, scopes } of alternative) {
        const verify = table.get(scheme);
        const result = verify ? await verify({ request: view, scopes }) : { ok: false as const };
        if (!result.ok) {
          if (result.forbidden === true) forbidden = true;
          passed = false;
          break;
        }
        auth[scheme] = result.principal;
      }
      if (passed) {
        authByRequest.set(request, auth);
        return;
      }
    }
    throw forbidden
      ? new ApiError({ code: "FORBIDDEN", message: "not allowed" })
      : new ApiError({ code: "UNAUTHORIZED", message: "missing or invalid credentials" });
  };
}
