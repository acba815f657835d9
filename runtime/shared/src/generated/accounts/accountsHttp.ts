import { ApiError } from "../runtime/errors.js";
import type { LoginFailure, RegisterResult } from "./createAccounts.js";

/** The access token of the caller of a route that needs one: who it names, and what logging out revokes. */
export interface AccountsCaller {
  userId: string;
  /** The token's `jti` and expiry: logout puts it on the deny list until then. */
  token: { jti: string; expiresAt: Date };
  /** The token's `sid`: the refresh token family (session) it was issued with, which logout revokes. */
  session?: string;
}

function unauthorized(reason: string): ApiError {
  return new ApiError({
    code: "UNAUTHORIZED",
    message: "authentication required",
    headers: { "WWW-Authenticate": 'Bearer realm="api"' },
    reasons: [reason],
  });
}

/**
 * The caller a route's bearer scheme let in (`context.auth[scheme]`): a JWT principal with a subject, a `jti` and an
 * `exp` (the accounts' tokens always have them). Anything else (a test caller, a token that could not be revoked) is
 * 401, never a guess.
 */
export function accountsCaller(principal: unknown): AccountsCaller {
  if (typeof principal !== "object" || principal === null) throw unauthorized("no caller");
  const { subject, claims } = principal as { subject?: unknown; claims?: unknown };
  if (typeof subject !== "string" || subject === "") throw unauthorized("the caller has no subject");
  const claimSet = typeof claims === "object" && claims !== null ? (claims as Record<string, unknown>) : {};
  const { jti, exp, sid } = claimSet;
  if (typeof jti !== "string" || jti === "" || typeof exp !== "number")
    throw unauthorized("the token has no jti or exp: not one the accounts issued");
  const token = { jti, expiresAt: new Date(exp * 1000) };
  return typeof sid === "string" && sid !== "" ? { userId: subject, token, session: sid } : { userId: subject, token };
}

/** Registration refused: 409 CONFLICT for a taken identifier, 400 for a blank one or a weak password (naming it). */
export function registerRefused(result: Extract<RegisterResult, { ok: false }>): ApiError {
  if (result.reason === "taken")
    return new ApiError({ code: "CONFLICT", message: "an account with this identifier exists" });
  if (result.reason === "invalid-identifier")
    return new ApiError({
      code: "VALIDATION_ERROR",
      message: "the identifier is not valid",
      details: [{ field: "identifier", message: result.message }],
    });
  return new ApiError({
    code: "VALIDATION_ERROR",
    message: "the password is too weak",
    details: [{ field: "password", message: result.message }],
  });
}

/** Login refused: 401 for wrong credentials (which part is never said), 429 with Retry-After while locked out. */
export function loginRefused(result: LoginFailure): ApiError {
  if (result.reason === "locked") {
    const seconds = Math.max(1, Math.ceil(result.retryAfterSeconds ?? 1));
    return new ApiError({
      code: "TOO_MANY_REQUESTS",
      message: "too many failed attempts: try again later",
      headers: { "Retry-After": String(seconds) },
      reasons: ["account locked"],
    });
  }
  return new ApiError({ code: "UNAUTHORIZED", message: "invalid credentials", reasons: ["login refused"] });
}

/** A refresh token that is unknown, expired, revoked or reused: 401 (a reuse has revoked its whole session). */
export function refreshRefused(reason: string): ApiError {
  return new ApiError({ code: "UNAUTHORIZED", message: "invalid refresh token", reasons: [reason] });
}

/** A wrong TOTP or recovery code: 400 naming the field (the caller is authenticated; the code is the bad input). */
export function codeRefused(): ApiError {
  return new ApiError({
    code: "VALIDATION_ERROR",
    message: "the code is not valid",
    details: [{ field: "code", message: "wrong, expired or already used" }],
  });
}

/** The caller's token names an account that no longer exists: 401, as for any token that names no one. */
export function accountGone(): ApiError {
  return unauthorized("the account no longer exists");
}

/** TOTP enrolment while TOTP is on: 409 (turning it off first needs a code, so a stolen token cannot replace it). */
export function totpOnAlready(): ApiError {
  return new ApiError({ code: "CONFLICT", message: "TOTP is on already: disable it first" });
}

/**
 * A login through the API's own route (`POST /users/login`, which answers no MFA challenge) of an account with a second
 * factor on: 401 naming the accounts' login route, where the challenge and code are exchanged.
 */
export function mfaElsewhere(loginPath: string): ApiError {
  return new ApiError({
    code: "UNAUTHORIZED",
    message: `this account signs in with a second factor: log in at ${loginPath}`,
    reasons: ["second factor required"],
  });
}
