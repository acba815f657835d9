import type { SecurityScheme } from "../ir/types.js";

/**
 * Whether a scheme carries a bearer token (a JWT by default): HTTP bearer, or an API key in the `Authorization` header
 * sent under a scheme word of its own (`Authorization: Token <jwt>`, `tokenScheme`). The accounts issue their tokens
 * for such a scheme, and its default verifier names the caller (the token's subject).
 */
export function carriesBearerToken(scheme: SecurityScheme): boolean {
  if (scheme.kind === "apiKey") return scheme.tokenScheme !== undefined;
  return scheme.kind === "http" && scheme.scheme.toLowerCase() === "bearer";
}
