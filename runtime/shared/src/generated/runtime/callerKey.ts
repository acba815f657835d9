import { ApiError } from "./errors.js";
import { callerSubject } from "./ownerOf.js";

/** The types a user model's id may have, by the name the generated code passes (`Int` is "number"). */
interface KeyTypes {
  number: number;
  bigint: bigint;
  string: string;
}

/** The subject as the user model's id: a decimal integer for Int (a safe one) and BigInt, any non-empty string for String. */
function converted<T extends keyof KeyTypes>({ subject, type }: { subject: string; type: T }): KeyTypes[T] | undefined {
  if (type === "string") return subject as KeyTypes[T];
  if (!/^-?[0-9]{1,20}$/.test(subject)) return undefined;
  if (type === "bigint") return BigInt(subject) as KeyTypes[T];
  const value = Number(subject);
  return Number.isSafeInteger(value) ? (value as KeyTypes[T]) : undefined;
}

/**
 * The caller's record of the user model, by its id: the `subject` of the first principal that has one (the `sub` of
 * an access token the accounts issue is the user's id), converted to the id's type. A relation action of the caller
 * (`POST /articles/{slug}/favorite`) needs one: a caller without a subject (an API key) or whose subject is not such
 * an id is 403 FORBIDDEN, never someone else.
 */
export function callerKey<T extends keyof KeyTypes>({
  auth,
  type,
}: {
  auth: Readonly<Record<string, unknown>>;
  type: T;
}): KeyTypes[T] {
  const subject = callerSubject(auth);
  const key = subject === undefined ? undefined : converted({ subject, type });
  if (key !== undefined) return key;
  throw new ApiError({
    code: "FORBIDDEN",
    message: "this operation needs a caller who is a user of this API (a token with a user's subject)",
  });
}

/**
 * The caller's id as `callerKey` reads it, or undefined for an anonymous caller or one who is not a user: what a read
 * computes flags such as `favorited` for (false for them all when undefined).
 */
export function viewerKey<T extends keyof KeyTypes>({
  auth,
  type,
}: {
  auth: Readonly<Record<string, unknown>>;
  type: T;
}): KeyTypes[T] | undefined {
  const subject = callerSubject(auth);
  return subject === undefined ? undefined : converted({ subject, type });
}

/** The token of a principal that carries the one it was verified from (a JWT's, `JwtPrincipal.token`). */
function tokenOf(principal: unknown): string | undefined {
  if (typeof principal !== "object" || principal === null || !("token" in principal)) return undefined;
  return typeof principal.token === "string" && principal.token !== "" ? principal.token : undefined;
}

/**
 * The token the caller signed in with, for an answer that shows it back (RealWorld's `GET /user` answers `user.token`):
 * that of the first principal that has one. A caller who sent none (an API key) is 403 FORBIDDEN.
 */
export function callerToken({ auth }: { auth: Readonly<Record<string, unknown>> }): string {
  for (const principal of Object.values(auth)) {
    const token = tokenOf(principal);
    if (token !== undefined) return token;
  }
  throw new ApiError({
    code: "FORBIDDEN",
    message: "this operation answers the caller's token: it needs a caller signed in with one",
  });
}
