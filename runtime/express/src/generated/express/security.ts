import type { Request, RequestHandler } from "express";
import { cookiesOf, securityCheck, type SecurityRequirement } from "../runtime/securityCheck.js";
import type { SecurityVerifier, SecurityVerifiers } from "../security/types.js";

export type { SecurityRequirement } from "../runtime/securityCheck.js";

const authByRequest = new WeakMap<Request, Record<string, unknown>>();

/** What the verifiers returned for a request (by scheme), for the handler's context. */
export function authOf(req: Request): Record<string, unknown> {
  return authByRequest.get(req) ?? {};
}

/** The query string as name -> value (the first of repeated names), for API keys sent in the query. */
function queryOf(url: string): Record<string, unknown> {
  const at = url.indexOf("?");
  const query: Record<string, unknown> = Object.create(null);
  if (at < 0) return query;
  for (const [name, value] of new URLSearchParams(url.slice(at + 1)))
    if (!Object.hasOwn(query, name)) query[name] = value;
  return query;
}

/**
 * The middleware guarding an operation, first in its chain (before the body is read; see `securityCheck`): the
 * verifiers' principals go to the handler's context, a failure answers 401 or 403.
 */
export function requireSecurity({
  requirements,
  verifiers,
}: {
  requirements: readonly SecurityRequirement[];
  verifiers: SecurityVerifiers | Readonly<Record<string, SecurityVerifier>>;
}): RequestHandler {
  const check = securityCheck({ requirements, verifiers });
  return async (req, _res, next) => {
    authByRequest.set(
      req,
      await check({
        headers: req.headers,
        query: queryOf(req.originalUrl),
        cookies: cookiesOf(req.headers.cookie),
        ip: req.ip ?? "",
        method: req.method,
      }),
    );
    next();
  };
}
