import type { SecurityVerifier } from "../generated/security/types.js";

/**
 * Verifies HTTP bearer authentication (JWT) for the operations that require `bearerAuth`.
 * It denies every request (401 UNAUTHORIZED) until you write it: return `{ ok: true, principal }` for a valid caller.
 */
export const verifyBearerAuth: SecurityVerifier = async ({ request, scopes }) => {
  void request;
  void scopes;
  return { ok: false, message: "bearerAuth is not configured" };
};
