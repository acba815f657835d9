/** Who a JWT (HTTP bearer, OAuth2, OpenID Connect scheme) says the caller is, once its signature and claims are checked. */
export interface JwtPrincipal {
  kind: "jwt";
  /**
   * The token itself, as the caller sent it and it verified: what an API answers back as the caller's own (RealWorld's
   * `GET /user` answers `user.token`). A credential: never log it.
   */
  token: string;
  /** The token's `sub` claim, when it is a string. */
  subject: string | undefined;
  /** From the `scope` claim (space-separated) and the `scp` claim (space-separated string or array), without repeats. */
  scopes: readonly string[];
  /** From the roles claim (`JWT_ROLES_CLAIM`, default `roles`): its string entries. */
  roles: readonly string[];
  /** The whole verified claims set, frozen. */
  claims: Readonly<Record<string, unknown>>;
}

/** A caller holding one of the configured API keys (`API_KEYS`) or a key of the `VxApiKey` table. */
export interface ApiKeyPrincipal {
  kind: "apiKey";
  /**
   * Names the key in logs without revealing it: for `API_KEYS`, the first 12 hex digits of its SHA-256 digest; for a
   * key of the table, its public prefix.
   */
  keyId: string;
  /** A table key's name. */
  name?: string;
  /** A table key's owner (`ownerId`): who the caller acts for (`x-vx-owner`). `API_KEYS` keys have none. */
  subject?: string;
  scopes: readonly string[];
  roles: readonly string[];
}

/** Who HTTP basic credentials name, once the password is checked against the accounts' users (the user's id). */
export interface PasswordPrincipal {
  subject: string;
  scopes: readonly string[];
  roles: readonly string[];
}

/** What the default verifiers put in a handler's `context.auth` for their scheme. */
export type Principal = JwtPrincipal | ApiKeyPrincipal | PasswordPrincipal;
