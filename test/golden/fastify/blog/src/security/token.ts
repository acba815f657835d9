import type { JwtPrincipal } from "../generated/auth/principals.js";
import type { VerifierSetup } from "../generated/security/types.js";

/**
 * Verifies a JWT sent as `Authorization: Token <token>` for the operations that require `Token`.
 * `generated()` is vx-gen's default verifier of the scheme, which checks the token of `Authorization: Token <token>`
 * as a JWT (JWT_SECRET, JWT_PUBLIC_KEY, JWT_JWKS_URL or JWT_JWKS_FILE; JWT_ISSUER and JWT_AUDIENCE when set) and the
 * scopes the operation requires (`scope` or `scp` claim): 401 without a valid token, 403 without a scope.
 * Return it as is, wrap it (e.g. look the caller up in your database, answer `{ ok: false, forbidden: true }` for a
 * caller you know but refuse) or replace it; a setup that never calls `generated()` needs none of its settings.
 * The type argument is who your verifier lets in, and types the handlers' `context.auth`: to let in a caller of your
 * own, write `VerifierSetup<Caller, JwtPrincipal>` and map the principal `generated()` returns.
 * The JWT a registration or a login answers (`user.token`), sent the RealWorld way:
 *
 *     Authorization: Token xxxxxx.yyyyyyy.zzzzzz
 *
 */
export const verifyToken: VerifierSetup<JwtPrincipal> = (generated) => generated();
