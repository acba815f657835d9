import type { SecurityVerifier } from "../generated/security/types.js";

/**
 * Verifies an API key in the header `X-API-Key` for the operations that require `api_key`.
 * It denies every request (401 UNAUTHORIZED) until you write it: return `{ ok: true, principal }` for a valid caller.
 */
export const verifyApiKey: SecurityVerifier = async ({ request, scopes }) => {
  void request;
  void scopes;
  return { ok: false, message: "api_key is not configured" };
};
