import { ApiError } from "./errors.js";

/** A principal that names its caller: a JWT's `sub` as the default verifiers give it, or a user verifier's. */
function subjectOf(principal: unknown): string | undefined {
  if (typeof principal !== "object" || principal === null || !Object.hasOwn(principal, "subject")) return undefined;
  const subject: unknown = (principal as { subject?: unknown }).subject;
  return typeof subject === "string" && subject !== "" ? subject : undefined;
}

/**
 * The owner identity of the caller of an owner-scoped operation (`x-vx-owner`): the `subject` of the first principal
 * of the security alternative that passed (`context.auth`, in the order the requirement lists its schemes) that has
 * one. A caller known by a principal without a subject (an API key) is 403 FORBIDDEN: they are authenticated, but
 * own no rows; never an open door.
 */
export function ownerOf(auth: Readonly<Record<string, unknown>>): string {
  const subject = callerSubject(auth);
  if (subject !== undefined) return subject;
  throw new ApiError({
    code: "FORBIDDEN",
    message: "this operation needs a caller with an identity (a token with a subject)",
  });
}

/** The subject of the first principal of `auth` (a handler's `context.auth`) that has one, else undefined. */
export function callerSubject(auth: Readonly<Record<string, unknown>>): string | undefined {
  for (const principal of Object.values(auth)) {
    const subject = subjectOf(principal);
    if (subject !== undefined) return subject;
  }
  return undefined;
}

/**
 * 400 VALIDATION_ERROR for a request body that sets the owner column of an owner-scoped operation: the server sets it
 * from the caller (`options.auth.ownerInBody: "reject"`, the default).
 */
export function ownerSetByBody(property: string): ApiError {
  return new ApiError({
    code: "VALIDATION_ERROR",
    message: "the request is not valid",
    details: [
      {
        field: `/${property.replace(/~/g, "~0").replace(/\//g, "~1")}`,
        message: "is set by the server: the owner is the caller",
      },
    ],
  });
}
