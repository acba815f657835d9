import type { KeyObject } from "node:crypto";
import { stat, readFile } from "node:fs/promises";
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { jwkSetProblem, type JwtClaimSettings, type JwtSettings } from "./authSettings.js";
import { isSecureUrl } from "./isSecureUrl.js";
import type { JwtPrincipal } from "./principals.js";

/** A bearer token's verdict: the caller it names, or why it is refused (safe to show the caller). */
export type AuthenticationResult = { ok: true; principal: JwtPrincipal } | { ok: false; message: string };

/** Verifies a JWT. Never throws: a failure of any kind (keys unreachable included) is `{ ok: false }`. */
export type Authenticate = (token: string) => Promise<AuthenticationResult>;

/** Timings of key fetching, in milliseconds; the defaults suit production, tests shorten them. */
export interface JwtAuthenticatorTuning {
  /** How long a JWK set or discovery document fetch may take (default 5000). */
  fetchTimeoutMs?: number;
  /** After a JWK set fetch, how long an unknown `kid` waits before it triggers another (default 30000). */
  jwksCooldownMs?: number;
  /** How often a JWK set file's modification time is looked at (default 5000). */
  jwksFileCheckMs?: number;
  /** After a failed discovery document fetch, how long tokens are refused before it is tried again (default 10000). */
  discoveryRetryMs?: number;
}

/** Only asymmetric algorithms for keys found in a JWK set: a symmetric key there cannot be chosen by a token. */
const asymmetricAlgorithms = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
  "Ed25519",
];

type VerificationKey = KeyObject | JWTVerifyGetKey;

interface VerifyOptions extends JwtClaimSettings {
  algorithms: readonly string[];
  issuer: string | undefined;
}

/** The authenticator of `JWT_SECRET`, `JWT_PUBLIC_KEY`, `JWT_JWKS_URL` or `JWT_JWKS_FILE`, as the settings say. */
export function createJwtAuthenticator({
  settings,
  tuning = {},
}: {
  settings: JwtSettings;
  tuning?: JwtAuthenticatorTuning;
}): Authenticate {
  const source = settings.keySource;
  const options: VerifyOptions = {
    ...settings,
    algorithms: source.kind === "secret" || source.kind === "publicKey" ? source.algorithms : asymmetricAlgorithms,
  };
  let key: VerificationKey;
  if (source.kind === "secret" || source.kind === "publicKey") key = source.key;
  else if (source.kind === "jwksUrl") key = remoteKeys({ url: source.url, tuning });
  else key = jwksFileKeys({ path: source.path, checkEveryMs: tuning.jwksFileCheckMs ?? 5000 });
  return (token) => verifyToken({ token, key, options });
}

function remoteKeys({ url, tuning }: { url: URL; tuning: JwtAuthenticatorTuning }): JWTVerifyGetKey {
  return createRemoteJWKSet(url, {
    timeoutDuration: tuning.fetchTimeoutMs ?? 5000,
    cooldownDuration: tuning.jwksCooldownMs ?? 30_000,
  });
}

interface LoadedKeySet {
  /** What identifies the file's version: replaced (inode), rewritten (mtime, size). */
  stamp: string;
  keys: JWTVerifyGetKey;
}

/**
 * The keys of a JWK set file, re-read when the file changes (looked at no more often than `checkEveryMs`): keys rotate
 * by `kid` without a restart. A rewrite that is not a usable JWK set keeps the previous keys.
 */
function jwksFileKeys({ path, checkEveryMs }: { path: string; checkEveryMs: number }): JWTVerifyGetKey {
  let loaded: LoadedKeySet | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let checking: Promise<void> | undefined;
  const check = async () => {
    const info = await stat(path);
    const stamp = `${info.ino}:${info.mtimeMs}:${info.size}`;
    if (loaded?.stamp === stamp) return;
    const text = await readFile(path, "utf8");
    if (jwkSetProblem(text) === undefined) loaded = { stamp, keys: createLocalJWKSet(JSON.parse(text)) };
  };
  return async (header, token) => {
    if (Date.now() - checkedAt >= checkEveryMs) {
      checkedAt = Date.now();
      checking ??= check()
        .catch(() => undefined)
        .finally(() => (checking = undefined));
    }
    if (checking) await checking;
    if (!loaded) throw new errors.JWKSNoMatchingKey();
    return loaded.keys(header, token);
  };
}

/** Verifies the signature (algorithms pinned), `exp` (required), `nbf`, `iat`, `iss` and `aud`; the principal it names. */
async function verifyToken({
  token,
  key,
  options,
}: {
  token: string;
  key: VerificationKey;
  options: VerifyOptions;
}): Promise<AuthenticationResult> {
  let payload: JWTPayload;
  try {
    const verifyOptions = {
      algorithms: [...options.algorithms],
      clockTolerance: options.clockTolerance,
      requiredClaims: ["exp"],
      ...(options.issuer !== undefined ? { issuer: options.issuer } : {}),
      ...(options.audience !== undefined ? { audience: [...options.audience] } : {}),
    };
    // The two overloads of jwtVerify (a key, a key getter) take the same options.
    payload = (
      typeof key === "function"
        ? await jwtVerify(token, key, verifyOptions)
        : await jwtVerify(token, key, verifyOptions)
    ).payload;
  } catch (error) {
    return { ok: false, message: failureMessage(error) };
  }
  // jose checks `iat` only against a maximum token age; a token issued in the future is refused here.
  if (typeof payload.iat === "number" && payload.iat > Date.now() / 1000 + options.clockTolerance)
    return { ok: false, message: "token issued in the future" };
  return { ok: true, principal: principalOf({ payload, rolesClaim: options.rolesClaim, token }) };
}

const claimMessages = new Map([
  ["nbf", "token not yet valid"],
  ["iat", "token issued in the future"],
  ["iss", "token issuer not accepted"],
  ["aud", "token audience not accepted"],
  ["exp", "token has no expiry"],
]);

/** Why a token was refused, in words safe to show the caller (no key material, no claim values). */
function failureMessage(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "token expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.reason === "invalid"
      ? "token claims malformed"
      : (claimMessages.get(error.claim) ?? "token claims not accepted");
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return "token algorithm not accepted";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "token signature invalid";
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys)
    return "no key for the token";
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSENotSupported
  )
    return "malformed token";
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error instanceof TypeError)
    return "signing keys unavailable";
  return "invalid token";
}

/** The value at a dotted claim path (`realm_access.roles`), own properties only (`__proto__` is a name like any other). */
function claimAt({ claims, path }: { claims: JWTPayload; path: string }): unknown {
  let value: unknown = claims;
  for (const segment of path.split(".")) {
    if (typeof value !== "object" || value === null || Array.isArray(value) || !Object.hasOwn(value, segment))
      return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function stringsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === "string") : [];
}

/** `scope` (space-separated) and `scp` (space-separated string or array), without repeats or blanks. */
function scopesOf(claims: JWTPayload): string[] {
  const words = (value: unknown) => (typeof value === "string" ? value.split(/\s+/) : stringsOf(value));
  return [...new Set([...words(claims["scope"]), ...words(claims["scp"])])].filter((scope) => scope !== "");
}

function principalOf({
  payload,
  rolesClaim,
  token,
}: {
  payload: JWTPayload;
  rolesClaim: string;
  token: string;
}): JwtPrincipal {
  return Object.freeze({
    kind: "jwt",
    token,
    subject: typeof payload.sub === "string" ? payload.sub : undefined,
    scopes: Object.freeze(scopesOf(payload)),
    roles: Object.freeze([...new Set(stringsOf(claimAt({ claims: payload, path: rolesClaim })))]),
    claims: Object.freeze(payload),
  });
}

interface Discovered {
  issuer: string;
  keys: JWTVerifyGetKey;
}

/**
 * The authenticator of an OpenID Connect scheme, as a resource server: the discovery document is fetched on the first
 * token (then kept), and gives the issuer every token must name and the `jwks_uri` its keys are fetched from. While
 * the document cannot be had, tokens are refused (401) and the fetch is tried again after `discoveryRetryMs`.
 */
export function createOidcAuthenticator({
  discoveryUrl,
  audience,
  clockTolerance = 30,
  rolesClaim = "roles",
  tuning = {},
}: {
  discoveryUrl: URL | string;
  audience?: readonly string[] | undefined;
  clockTolerance?: number;
  rolesClaim?: string;
  tuning?: JwtAuthenticatorTuning;
}): Authenticate {
  const url = new URL(discoveryUrl);
  let discovered: Promise<Discovered> | undefined;
  let failedAt = Number.NEGATIVE_INFINITY;
  const discover = async (): Promise<Discovered | undefined> => {
    if (!discovered && Date.now() - failedAt < (tuning.discoveryRetryMs ?? 10_000)) return undefined;
    discovered ??= fetchDiscovery({ url, tuning });
    try {
      return await discovered;
    } catch {
      discovered = undefined;
      failedAt = Date.now();
      return undefined;
    }
  };
  return async (token) => {
    const found = await discover();
    if (!found) return { ok: false, message: "identity provider unavailable" };
    return verifyToken({
      token,
      key: found.keys,
      options: { algorithms: asymmetricAlgorithms, issuer: found.issuer, audience, clockTolerance, rolesClaim },
    });
  };
}

async function fetchDiscovery({ url, tuning }: { url: URL; tuning: JwtAuthenticatorTuning }): Promise<Discovered> {
  const response = await fetch(url, {
    redirect: "error",
    signal: AbortSignal.timeout(tuning.fetchTimeoutMs ?? 5000),
    headers: { accept: "application/json" },
  });
  if (!response.ok) throw new Error(`discovery document: HTTP ${response.status}`);
  const document: unknown = await response.json();
  const field = (name: string) =>
    typeof document === "object" && document !== null && Object.hasOwn(document, name)
      ? (document as Record<string, unknown>)[name]
      : undefined;
  const issuer = field("issuer");
  const jwksUri = field("jwks_uri");
  if (typeof issuer !== "string" || issuer === "" || typeof jwksUri !== "string")
    throw new Error("discovery document without issuer or jwks_uri");
  const jwksUrl = new URL(jwksUri);
  if (!isSecureUrl(jwksUrl)) throw new Error("discovery document: jwks_uri is not https");
  return { issuer, keys: remoteKeys({ url: jwksUrl, tuning }) };
}
