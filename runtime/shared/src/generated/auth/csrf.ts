import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { SecurityRequest } from "../security/types.js";

/** The header a client echoes the CSRF cookie in (double submit). */
export const csrfHeader = "x-csrf-token";

/** The shortest CSRF token accepted: 22 characters (128 bits in base64url); the issued ones have 43. */
export const minimumCsrfTokenLength = 22;

/** A new CSRF token: 32 random bytes in base64url. */
export function newCsrfToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Methods that change nothing (RFC 9110 section 9.2.1): they never need a CSRF token. */
const safeMethods = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

/** Whether `method` is safe; an unknown method (undefined) is not. */
export function isSafeMethod(method: string | undefined): boolean {
  return method !== undefined && safeMethods.has(method.toUpperCase());
}

/** The one value of a header (any case), undefined when absent or given more than once. */
function headerValue({ headers, name }: { headers: SecurityRequest["headers"]; name: string }): string | undefined {
  const values: string[] = [];
  for (const [header, value] of Object.entries(headers))
    if (header.toLowerCase() === name && value !== undefined) values.push(...(Array.isArray(value) ? value : [value]));
  return values.length === 1 ? values[0] : undefined;
}

/** Equal strings, compared in constant time (their SHA-256 digests, so the lengths are not told either). */
function sameToken(a: string, b: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Why a request whose credential came from a cookie fails the CSRF check (double submit), or undefined when it
 * passes: a safe method passes; an unsafe one (or one without a method) needs the `x-csrf-token` header equal to the
 * CSRF cookie `cookieName`, at least `minimumCsrfTokenLength` long. A page of another site can make the browser send
 * the cookies, but cannot read them to set the header. Never says a token's value.
 */
export function csrfProblem({
  request,
  cookieName,
}: {
  request: SecurityRequest;
  cookieName: string;
}): string | undefined {
  if (isSafeMethod(request.method)) return undefined;
  const cookie = Object.hasOwn(request.cookies, cookieName) ? request.cookies[cookieName] : undefined;
  const header = headerValue({ headers: request.headers, name: csrfHeader });
  if (cookie === undefined || cookie.length < minimumCsrfTokenLength) return "CSRF cookie missing";
  if (header === undefined) return "CSRF header missing";
  return sameToken(cookie, header) ? undefined : "CSRF token mismatch";
}
