import type { SecurityRequest, SecurityResult, SecurityVerifier } from "../security/types.js";
import type { ApiKeyLookup, ApiKeyStore } from "./apiKeys.js";
import { secureCsrfCookie } from "./authCookies.js";
import { authorizationToken } from "./bearerToken.js";
import { csrfProblem } from "./csrf.js";
import type { Authenticate } from "./jwtAuthenticator.js";

/**
 * A header value's quoted-string (RFC 9110 section 5.6.4): `"` and `\` escaped, and anything but printable ASCII (CR,
 * LF, other controls, non-ASCII) replaced by `?`, so no value can end the header or start another.
 */
export function quotedHeaderString(value: string): string {
  return `"${value.replace(/[^\x20-\x7e]/g, "?").replace(/["\\]/g, "\\$&")}"`;
}

/** The scopes of `required` the principal lacks. */
function missingScopes({ required, granted }: { required: readonly string[]; granted: readonly string[] }): string[] {
  const have = new Set(granted);
  return required.filter((scope) => !have.has(scope));
}

/** A credential from a cookie whose request fails the CSRF check: 403 CSRF_FAILED (see securityCheck). */
function csrfRefusal({
  request,
  cookieName,
}: {
  request: SecurityRequest;
  cookieName: string;
}): SecurityResult | undefined {
  const problem = csrfProblem({ request, cookieName });
  return problem === undefined ? undefined : { ok: false, forbidden: true, csrf: true, message: problem };
}

/** Whether the request has an `Authorization` header at all (then a cookie is never read instead). */
function hasAuthorization(request: SecurityRequest): boolean {
  return Object.entries(request.headers).some(
    ([name, value]) => name.toLowerCase() === "authorization" && value !== undefined,
  );
}

/** The bearer token of the request: its `Authorization` header, else (cookies on, no such header) its access cookie. */
function presentedToken({
  request,
  cookies,
  scheme,
}: {
  request: SecurityRequest;
  cookies: { access: string; csrf: string } | undefined;
  scheme: string;
}): { token: string; fromCookie: boolean } | undefined {
  const token = authorizationToken({ headers: request.headers, scheme });
  if (token !== undefined) return { token, fromCookie: false };
  if (cookies === undefined || hasAuthorization(request) || !Object.hasOwn(request.cookies, cookies.access))
    return undefined;
  const cookie = request.cookies[cookies.access];
  return cookie === undefined || cookie === "" ? undefined : { token: cookie, fromCookie: true };
}

/**
 * The verifier of an HTTP bearer, OAuth2 or OpenID Connect scheme: the `Authorization: Bearer` token, verified by
 * `authenticate`, must carry every scope the operation's requirement lists. No token: 401 with the `Bearer` challenge;
 * an invalid one: 401 `invalid_token`; a valid one without a scope: 403 `insufficient_scope` naming the scopes needed.
 * With `cookies` (AUTH_COOKIES=on), a request without an `Authorization` header may carry the token in the access
 * cookie instead; then an unsafe method also needs the CSRF token (403 CSRF_FAILED without it).
 */
export function jwtBearerVerifier({
  authenticate,
  cookies,
  scheme = "Bearer",
}: {
  authenticate: Authenticate;
  /** The access and CSRF cookies' names, when tokens may travel in cookies. */
  cookies?: { access: string; csrf: string } | undefined;
  /** The word before the token in the `Authorization` header: `Bearer`, or the API's own (`Token`). */
  scheme?: string;
}): SecurityVerifier {
  return async ({ request, scopes }): Promise<SecurityResult> => {
    const presented = presentedToken({ request, cookies, scheme });
    if (presented === undefined) {
      const message = scheme === "Bearer" ? "missing bearer token" : `missing token (Authorization: ${scheme} <token>)`;
      return { ok: false, message, challenge: scheme };
    }
    const result = await authenticate(presented.token);
    if (!result.ok) return { ok: false, message: result.message, challenge: `${scheme} error="invalid_token"` };
    const csrf = presented.fromCookie && cookies ? csrfRefusal({ request, cookieName: cookies.csrf }) : undefined;
    if (csrf !== undefined) return csrf;
    if (missingScopes({ required: scopes, granted: result.principal.scopes }).length > 0) {
      return {
        ok: false,
        forbidden: true,
        message: "insufficient scope",
        challenge: `${scheme} error="insufficient_scope", scope=${quotedHeaderString(scopes.join(" "))}`,
      };
    }
    return { ok: true, principal: result.principal };
  };
}

/** Where an API key scheme's key travels (the scheme's `in`). */
export type ApiKeyLocation = "header" | "query" | "cookie";

/** The key the request presents, undefined when none, or `{ repeated: true }` when it is given more than once. */
function presentedKey({
  request,
  location,
  name,
}: {
  request: SecurityRequest;
  location: ApiKeyLocation;
  name: string;
}): string | undefined | { repeated: true } {
  const values: unknown[] = [];
  if (location === "header") {
    const lower = name.toLowerCase();
    for (const [header, value] of Object.entries(request.headers))
      if (header.toLowerCase() === lower && value !== undefined)
        values.push(...(Array.isArray(value) ? value : [value]));
  } else {
    const source: Readonly<Record<string, unknown>> = location === "query" ? request.query : request.cookies;
    if (Object.hasOwn(source, name))
      values.push(...(Array.isArray(source[name]) ? (source[name] as unknown[]) : [source[name]]));
  }
  if (values.length > 1) return { repeated: true };
  const value = values[0];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * The verifier of an API key scheme: the key at `location`/`name` must be one of `keys`, or else one `table` finds
 * (the `VxApiKey` table: unexpired, not revoked). A key given twice (a repeated header or query parameter) is refused,
 * as the two could be read differently elsewhere. A requirement listing scopes is 403 for a key that does not hold
 * them (keys from `API_KEYS` hold none; a table key holds its own). A key in a cookie needs the CSRF token on unsafe
 * methods (the cookie `csrfCookie` echoed in `x-csrf-token`; 403 CSRF_FAILED without it).
 */
export function apiKeyVerifier({
  location,
  name,
  keys,
  table,
  csrfCookie = secureCsrfCookie,
}: {
  location: ApiKeyLocation;
  name: string;
  keys: ApiKeyStore;
  table?: ApiKeyLookup | undefined;
  /** The CSRF cookie's name (AUTH_COOKIE_INSECURE drops its prefix); for keys in a cookie. */
  csrfCookie?: string;
}): SecurityVerifier {
  return async ({ request, scopes }): Promise<SecurityResult> => {
    const presented = presentedKey({ request, location, name });
    if (presented === undefined) return { ok: false, message: "missing API key" };
    if (typeof presented !== "string") return { ok: false, message: "API key given more than once" };
    const principal = keys.find(presented) ?? (await table?.find(presented));
    if (!principal) return { ok: false, message: "invalid API key" };
    const csrf = location === "cookie" ? csrfRefusal({ request, cookieName: csrfCookie }) : undefined;
    if (csrf !== undefined) return csrf;
    if (missingScopes({ required: scopes, granted: principal.scopes }).length > 0)
      return { ok: false, forbidden: true, message: "insufficient scope" };
    return { ok: true, principal };
  };
}

/**
 * A verifier that refuses every request (401): for the schemes vx-gen does not verify by default (HTTP basic until
 * accounts exist, mutual TLS), until the user-owned verifier says otherwise.
 */
export function denyVerifier({ message }: { message: string }): SecurityVerifier {
  return async (): Promise<SecurityResult> => ({ ok: false, message });
}
