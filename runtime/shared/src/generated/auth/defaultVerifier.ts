import type { SecurityVerifier } from "../security/types.js";
import { authCookieSettingsFromEnv } from "./authCookies.js";
import { authSettingsFromEnv, InvalidAuthSettingsError } from "./authSettings.js";
import { createApiKeyStore, type ApiKeyLookup } from "./apiKeys.js";
import { basicVerifier, type CheckPassword } from "./basicVerifier.js";
import { apiKeyVerifier, denyVerifier, jwtBearerVerifier } from "./defaultVerifiers.js";
import { createJwtAuthenticator, createOidcAuthenticator, type Authenticate } from "./jwtAuthenticator.js";

/**
 * How vx-gen verifies a security scheme by default: `jwt` (HTTP bearer, OAuth 2, an API key in the `Authorization`
 * header sent as `<tokenScheme> <jwt>`), `oidc` (OpenID Connect, from its discovery document), `apiKey` (the keys of
 * API_KEYS, sent where the scheme says, and with `table` those of the VxApiKey table too), `basic` (HTTP basic
 * against the accounts' users), `deny` (no default yet).
 */
export type SchemeDefault =
  | { kind: "jwt"; tokenScheme?: string }
  | { kind: "oidc"; discoveryUrl: string }
  | { kind: "apiKey"; location: "header" | "query" | "cookie"; name: string; table?: boolean }
  | { kind: "basic" }
  | { kind: "deny"; reason: string };

/** What the generated accounts lend the default verifiers: revoked tokens, and users' passwords for HTTP basic. */
export interface VerifierHooks {
  /** Whether a verified JWT was revoked (logged out) before it expires: then it is refused like an invalid one. */
  isRevoked?: (claims: Readonly<Record<string, unknown>>) => Promise<boolean>;
  /** Checks an identifier and password against the user model (HTTP basic). */
  checkPassword?: CheckPassword;
  /** The keys of the `VxApiKey` table (apiKeyTable.ts), for API key schemes whose default has `table`. */
  apiKeys?: ApiKeyLookup;
}

type Env = Readonly<Record<string, string | undefined>>;

/** `authenticate`, refusing a token `isRevoked` says was revoked. */
function refusingRevoked({
  authenticate,
  isRevoked,
}: {
  authenticate: Authenticate;
  isRevoked: VerifierHooks["isRevoked"];
}): Authenticate {
  if (!isRevoked) return authenticate;
  return async (token) => {
    const result = await authenticate(token);
    if (result.ok && (await isRevoked(result.principal.claims))) return { ok: false, message: "token revoked" };
    return result;
  };
}

/**
 * The default verifier of one scheme, its settings read from `env` now: a missing or weak one throws
 * `InvalidAuthSettingsError` naming the variable.
 */
export function defaultVerifier({
  scheme,
  env,
  hooks = {},
}: {
  scheme: SchemeDefault;
  env: Env;
  hooks?: VerifierHooks;
}): SecurityVerifier {
  switch (scheme.kind) {
    case "jwt": {
      const { jwt } = authSettingsFromEnv({ env, needs: { jwt: true, oidcDiscoveryUrls: [], apiKeys: false } });
      if (jwt === undefined)
        throw new InvalidAuthSettingsError([{ variable: "JWT_SECRET", problem: "no JWT key source is set" }]);
      const authenticate = createJwtAuthenticator({ settings: jwt });
      const cookies = authCookieSettingsFromEnv({ env });
      return jwtBearerVerifier({
        authenticate: refusingRevoked({ authenticate, isRevoked: hooks.isRevoked }),
        cookies: cookies.enabled ? cookies.names : undefined,
        ...(scheme.tokenScheme === undefined ? {} : { scheme: scheme.tokenScheme }),
      });
    }
    case "oidc": {
      const { oidc } = authSettingsFromEnv({
        env,
        needs: { jwt: false, oidcDiscoveryUrls: [scheme.discoveryUrl], apiKeys: false },
      });
      const settings = oidc.get(scheme.discoveryUrl);
      if (settings === undefined)
        throw new InvalidAuthSettingsError([{ variable: "OIDC_DISCOVERY_URL", problem: "no discovery URL" }]);
      const { discoveryUrl, audience, clockTolerance, rolesClaim } = settings;
      const authenticate = createOidcAuthenticator({ discoveryUrl, audience, clockTolerance, rolesClaim });
      return jwtBearerVerifier({ authenticate: refusingRevoked({ authenticate, isRevoked: hooks.isRevoked }) });
    }
    case "apiKey": {
      // With the table, API_KEYS is optional: keys may all live in the database (none at all: every key is refused).
      const optional = scheme.table === true && (env.API_KEYS ?? "").trim() === "";
      const { apiKeys } = optional
        ? { apiKeys: createApiKeyStore({ keys: [] }) }
        : authSettingsFromEnv({ env, needs: { jwt: false, oidcDiscoveryUrls: [], apiKeys: true } });
      if (apiKeys === undefined) throw new InvalidAuthSettingsError([{ variable: "API_KEYS", problem: "is not set" }]);
      const table = scheme.table === true ? hooks.apiKeys : undefined;
      const { names } = authCookieSettingsFromEnv({ env });
      return apiKeyVerifier({
        location: scheme.location,
        name: scheme.name,
        keys: apiKeys,
        table,
        csrfCookie: names.csrf,
      });
    }
    case "basic":
      return hooks.checkPassword
        ? basicVerifier({ checkPassword: hooks.checkPassword })
        : denyVerifier({ message: "HTTP basic needs the generated accounts" });
    case "deny":
      return denyVerifier({ message: scheme.reason });
  }
}
