import type { SecurityVerifier } from "../security/types.js";
import { authSettingsFromEnv, InvalidAuthSettingsError } from "./authSettings.js";
import { apiKeyVerifier, denyVerifier, jwtBearerVerifier } from "./defaultVerifiers.js";
import { createJwtAuthenticator, createOidcAuthenticator } from "./jwtAuthenticator.js";

/**
 * How vx-gen verifies a security scheme by default: `jwt` (HTTP bearer, OAuth 2), `oidc` (OpenID Connect, from its
 * discovery document), `apiKey` (the keys of API_KEYS, sent where the scheme says), `deny` (no default yet).
 */
export type SchemeDefault =
  | { kind: "jwt" }
  | { kind: "oidc"; discoveryUrl: string }
  | { kind: "apiKey"; location: "header" | "query" | "cookie"; name: string }
  | { kind: "deny"; reason: string };

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The default verifier of one scheme, its settings read from `env` now: a missing or weak one throws
 * `InvalidAuthSettingsError` naming the variable.
 */
export function defaultVerifier({ scheme, env }: { scheme: SchemeDefault; env: Env }): SecurityVerifier {
  switch (scheme.kind) {
    case "jwt": {
      const { jwt } = authSettingsFromEnv({ env, needs: { jwt: true, oidcDiscoveryUrls: [], apiKeys: false } });
      if (jwt === undefined)
        throw new InvalidAuthSettingsError([{ variable: "JWT_SECRET", problem: "no JWT key source is set" }]);
      return jwtBearerVerifier({ authenticate: createJwtAuthenticator({ settings: jwt }) });
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
      return jwtBearerVerifier({
        authenticate: createOidcAuthenticator({ discoveryUrl, audience, clockTolerance, rolesClaim }),
      });
    }
    case "apiKey": {
      const { apiKeys } = authSettingsFromEnv({ env, needs: { jwt: false, oidcDiscoveryUrls: [], apiKeys: true } });
      if (apiKeys === undefined) throw new InvalidAuthSettingsError([{ variable: "API_KEYS", problem: "is not set" }]);
      return apiKeyVerifier({ location: scheme.location, name: scheme.name, keys: apiKeys });
    }
    case "deny":
      return denyVerifier({ message: scheme.reason });
  }
}
