import type { FastifyRequest, onRequestHookHandler } from "fastify";
import { cookiesOf, securityCheck, type SecurityRequirement } from "../runtime/securityCheck.js";
import type { SecurityVerifiers } from "../security/types.js";

export type { SecurityRequirement } from "../runtime/securityCheck.js";

const authByRequest = new WeakMap<FastifyRequest, Record<string, unknown>>();

/** What the verifiers returned for a request (by scheme), for the handler's context. */
export function authOf(request: FastifyRequest): Record<string, unknown> {
  return authByRequest.get(request) ?? {};
}

/**
 * The hook guarding an operation (see `securityCheck`): the verifiers' principals go to the handler's context, a
 * failure answers 401 or 403. Runs before validation.
 */
export function requireSecurity({
  requirements,
  verifiers,
}: {
  requirements: readonly SecurityRequirement[];
  verifiers: SecurityVerifiers;
}): onRequestHookHandler {
  const check = securityCheck({ requirements, verifiers });
  return async (request) => {
    const auth = await check({
      headers: request.headers,
      query: (request.query ?? {}) as Record<string, unknown>,
      cookies: cookiesOf(request.headers.cookie),
      ip: request.ip,
      method: request.method,
    });
    authByRequest.set(request, auth);
  };
}
