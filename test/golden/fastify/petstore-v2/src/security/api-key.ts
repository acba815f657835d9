import type { ApiKeyPrincipal } from "../generated/auth/principals.js";
import type { VerifierSetup } from "../generated/security/types.js";

/**
 * Verifies an API key in the header `X-API-Key` for the operations that require `api_key`.
 * `generated()` is vx-gen's default verifier of the scheme, which accepts the keys of the VxApiKey table (npm run
 * api-keys; unexpired, not revoked, with their scopes, roles and owner) and those listed in API_KEYS
 * (comma-separated), sent in the header `X-API-Key`.
 * Return it as is, wrap it (e.g. look the caller up in your database, answer `{ ok: false, forbidden: true }` for a
 * caller you know but refuse) or replace it; a setup that never calls `generated()` needs none of its settings.
 * The type argument is who your verifier lets in, and types the handlers' `context.auth`: to let in a caller of your
 * own, write `VerifierSetup<Caller, ApiKeyPrincipal>` and map the principal `generated()` returns.
 */
export const verifyApiKey: VerifierSetup<ApiKeyPrincipal> = (generated) => generated();
