import { createPublicKey, createSecretKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { isSecureUrl } from "./isSecureUrl.js";
import { createApiKeyStore, minimumApiKeyLength, type ApiKeyStore } from "./apiKeys.js";

/** Where the keys that sign the callers' JWTs come from: exactly one of the four variables. */
export type JwtKeySource =
  | { kind: "secret"; key: KeyObject; algorithms: readonly string[] }
  | { kind: "publicKey"; key: KeyObject; algorithms: readonly string[] }
  | { kind: "jwksUrl"; url: URL }
  | { kind: "jwksFile"; path: string };

/** The checks a verified token's claims go through, from JWT_AUDIENCE, JWT_CLOCK_TOLERANCE and JWT_ROLES_CLAIM. */
export interface JwtClaimSettings {
  /** Accepted `aud` values (one must match); undefined: `aud` is not checked. */
  audience: readonly string[] | undefined;
  /** Seconds of clock skew allowed on `exp`, `nbf` and `iat`. */
  clockTolerance: number;
  /** The claim holding the caller's roles, a dotted path (`realm_access.roles`). */
  rolesClaim: string;
}

export interface JwtSettings extends JwtClaimSettings {
  keySource: JwtKeySource;
  /** The required `iss`; undefined: `iss` is not checked. */
  issuer: string | undefined;
}

export interface OidcSettings extends JwtClaimSettings {
  /** The discovery document (`.well-known/openid-configuration`): gives the issuer and its `jwks_uri`. */
  discoveryUrl: URL;
}

/** The settings of the schemes in use; a scheme not in use has none (its variables are not read). */
export interface AuthSettings {
  jwt: JwtSettings | undefined;
  /** By the `openIdConnectUrl` of the spec's OpenID Connect schemes. */
  oidc: ReadonlyMap<string, OidcSettings>;
  apiKeys: ApiKeyStore | undefined;
}

/** What the spec's security schemes need: decided by the generator from the schemes the operations use. */
export interface AuthNeeds {
  /** Some operation uses an HTTP bearer or OAuth2 scheme: one JWT key source is required. */
  jwt: boolean;
  /** The `openIdConnectUrl` of each OpenID Connect scheme in use. */
  oidcDiscoveryUrls: readonly string[];
  /** Some operation uses an API key scheme: API_KEYS is required. */
  apiKeys: boolean;
}

/** One wrong setting: the variable, and what is wrong with it (never its value). */
export interface AuthSettingProblem {
  variable: string;
  problem: string;
}

/** Thrown by `authSettingsFromEnv` with every problem found, so one start-up names them all. */
export class InvalidAuthSettingsError extends Error {
  readonly problems: readonly AuthSettingProblem[];
  constructor(problems: readonly AuthSettingProblem[]) {
    super(
      ["The authentication settings are not usable:", ...problems.map((p) => `  ${p.variable}: ${p.problem}`)].join(
        "\n",
      ),
    );
    this.name = "InvalidAuthSettingsError";
    this.problems = problems;
  }
}

/** The environment as `process.env` gives it. */
export type AuthEnv = Readonly<Record<string, string | undefined>>;

const keySourceVariables = ["JWT_SECRET", "JWT_PUBLIC_KEY", "JWT_JWKS_URL", "JWT_JWKS_FILE"] as const;
const minimumSecretBytes = 32;
const minimumRsaBits = 2048;
const maximumClockTolerance = 300;
const defaultClockTolerance = 30;

/** The environment variables the authentication runtime reads, with what each means (for a README or `--help`). */
export function describeAuthVariables(): readonly { variable: string; meaning: string }[] {
  return [
    { variable: "JWT_SECRET", meaning: `HS256 shared secret, at least ${minimumSecretBytes} bytes` },
    {
      variable: "JWT_PUBLIC_KEY",
      meaning:
        "PEM public key (a literal \\n stands for a newline): RSA (RS256), EC P-256/384/521 (ES256/384/512) or Ed25519 (EdDSA)",
    },
    {
      variable: "JWT_JWKS_URL",
      meaning: "URL of the issuer's JWK set (https, or http on loopback); keys cached and refetched for an unknown kid",
    },
    { variable: "JWT_JWKS_FILE", meaning: "path of a JWK set file, re-read when it changes" },
    { variable: "JWT_ISSUER", meaning: "required iss claim (unchecked when unset)" },
    { variable: "JWT_AUDIENCE", meaning: "accepted aud values, comma-separated (unchecked when unset)" },
    {
      variable: "JWT_CLOCK_TOLERANCE",
      meaning: `seconds of clock skew allowed on exp, nbf and iat (default ${defaultClockTolerance}, 0 to ${maximumClockTolerance})`,
    },
    { variable: "JWT_ROLES_CLAIM", meaning: "claim holding the caller's roles, a dotted path allowed (default roles)" },
    {
      variable: "OIDC_DISCOVERY_URL",
      meaning: "OpenID Connect discovery document, instead of the spec's openIdConnectUrl",
    },
    {
      variable: "API_KEYS",
      meaning: `accepted API keys, comma-separated, each at least ${minimumApiKeyLength} characters`,
    },
  ];
}

/** A set, non-blank variable's value; an empty one (`JWT_SECRET=` in a .env file) counts as unset. */
function valueOf(env: AuthEnv, variable: string): string | undefined {
  const value = env[variable];
  return value === undefined || value.trim() === "" ? undefined : value;
}

/** Reads and checks the settings of the schemes in use; throws an `InvalidAuthSettingsError` naming every problem. */
export function authSettingsFromEnv({ env, needs }: { env: AuthEnv; needs: AuthNeeds }): AuthSettings {
  const problems: AuthSettingProblem[] = [];
  const report = (variable: string, problem: string) => problems.push({ variable, problem });
  const claims = needs.jwt || needs.oidcDiscoveryUrls.length > 0 ? claimSettings({ env, report }) : undefined;
  const keySource = needs.jwt ? jwtKeySource({ env, report }) : undefined;
  const issuer = needs.jwt ? valueOf(env, "JWT_ISSUER")?.trim() : undefined;
  const oidc = claims
    ? oidcSettings({ env, urls: needs.oidcDiscoveryUrls, claims, report })
    : new Map<string, OidcSettings>();
  const apiKeys = needs.apiKeys ? apiKeyStore({ env, report }) : undefined;
  if (problems.length > 0) throw new InvalidAuthSettingsError(problems);
  return { jwt: keySource && claims ? { keySource, issuer, ...claims } : undefined, oidc, apiKeys };
}

type Report = (variable: string, problem: string) => void;

function claimSettings({ env, report }: { env: AuthEnv; report: Report }): JwtClaimSettings {
  return {
    audience: audienceOf({ env, report }),
    clockTolerance: clockToleranceOf({ env, report }),
    rolesClaim: rolesClaimOf({ env, report }),
  };
}

function audienceOf({ env, report }: { env: AuthEnv; report: Report }): readonly string[] | undefined {
  const value = valueOf(env, "JWT_AUDIENCE");
  if (value === undefined) return undefined;
  const audience = value.split(",").map((entry) => entry.trim());
  if (audience.some((entry) => entry === ""))
    report("JWT_AUDIENCE", "has an empty entry (comma-separated audiences, none blank)");
  return audience;
}

function clockToleranceOf({ env, report }: { env: AuthEnv; report: Report }): number {
  const value = valueOf(env, "JWT_CLOCK_TOLERANCE")?.trim();
  if (value === undefined) return defaultClockTolerance;
  const seconds = /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds <= maximumClockTolerance))
    report("JWT_CLOCK_TOLERANCE", `must be a whole number of seconds from 0 to ${maximumClockTolerance}`);
  return seconds <= maximumClockTolerance ? seconds : defaultClockTolerance;
}

function rolesClaimOf({ env, report }: { env: AuthEnv; report: Report }): string {
  const value = valueOf(env, "JWT_ROLES_CLAIM")?.trim() ?? "roles";
  if (value.split(".").some((segment) => segment === ""))
    report("JWT_ROLES_CLAIM", "is not a claim path (names separated by dots, none empty)");
  return value;
}

function jwtKeySource({ env, report }: { env: AuthEnv; report: Report }): JwtKeySource | undefined {
  const given = keySourceVariables.filter((variable) => valueOf(env, variable) !== undefined);
  if (given.length === 0) {
    report(
      "JWT_SECRET",
      `missing: a bearer/OAuth2 scheme is in use, so one of ${keySourceVariables.join(", ")} must be set`,
    );
    return undefined;
  }
  if (given.length > 1) {
    report(given.join(", "), "more than one JWT key source is set; set exactly one");
    return undefined;
  }
  const variable = given[0] ?? "JWT_SECRET";
  const value = valueOf(env, variable) ?? "";
  const fail = (problem: string) => {
    report(variable, problem);
    return undefined;
  };
  switch (variable) {
    case "JWT_SECRET":
      return secretSource({ value, fail });
    case "JWT_PUBLIC_KEY":
      return publicKeySource({ value, fail });
    case "JWT_JWKS_URL": {
      const url = secureUrl({ value, fail });
      return url && { kind: "jwksUrl", url };
    }
    case "JWT_JWKS_FILE":
      return jwksFileSource({ value, fail });
  }
}

type Fail = (problem: string) => undefined;

function secretSource({ value, fail }: { value: string; fail: Fail }): JwtKeySource | undefined {
  const bytes = Buffer.from(value, "utf8");
  if (bytes.length < minimumSecretBytes)
    return fail(
      `is shorter than ${minimumSecretBytes} bytes (has ${bytes.length}); use a random secret, e.g. \`openssl rand -base64 48\``,
    );
  return { kind: "secret", key: createSecretKey(bytes), algorithms: ["HS256"] };
}

function publicKeySource({ value, fail }: { value: string; fail: Fail }): JwtKeySource | undefined {
  const pem = value.replace(/\\n/g, "\n").trim();
  if (/PRIVATE KEY-----/.test(pem))
    return fail(
      "holds a private key; give the public key (`openssl pkey -pubout`), the private key stays with the issuer",
    );
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    return fail("is not a PEM public key that parses (expected -----BEGIN PUBLIC KEY-----)");
  }
  const algorithms = publicKeyAlgorithms(key);
  if (typeof algorithms === "string") return fail(algorithms);
  return { kind: "publicKey", key, algorithms };
}

const curveAlgorithms = new Map([
  ["prime256v1", "ES256"],
  ["secp384r1", "ES384"],
  ["secp521r1", "ES512"],
]);

/** The algorithms a public key verifies, or why the key is refused. */
function publicKeyAlgorithms(key: KeyObject): readonly string[] | string {
  const details = key.asymmetricKeyDetails;
  switch (key.asymmetricKeyType) {
    case "rsa":
      return (details?.modulusLength ?? 0) >= minimumRsaBits
        ? ["RS256"]
        : `is an RSA key shorter than ${minimumRsaBits} bits`;
    case "ec": {
      const algorithm = curveAlgorithms.get(details?.namedCurve ?? "");
      return algorithm ? [algorithm] : "is an EC key on a curve other than P-256, P-384 or P-521";
    }
    case "ed25519":
      return ["EdDSA", "Ed25519"];
    default:
      return "is a key of an unsupported type (RSA, EC P-256/384/521 or Ed25519)";
  }
}

/** A URL the runtime may fetch keys from: https, or http on this machine only. */
function secureUrl({ value, fail }: { value: string; fail: Fail }): URL | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return fail("is not a URL");
  }
  if (isSecureUrl(url)) return url;
  return fail("must be an https URL (plain http only on localhost/127.0.0.1/[::1])");
}

function jwksFileSource({ value, fail }: { value: string; fail: Fail }): JwtKeySource | undefined {
  const path = resolve(value.trim());
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    return fail(`cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const problem = jwkSetProblem(text);
  return problem === undefined ? { kind: "jwksFile", path } : fail(problem);
}

/** Why a JWK set's text is not a usable set of public keys, or undefined when it is one. */
export function jwkSetProblem(text: string): string | undefined {
  let set: unknown;
  try {
    set = JSON.parse(text);
  } catch {
    return "is not JSON";
  }
  const keys =
    typeof set === "object" && set !== null && Object.hasOwn(set, "keys") ? (set as { keys: unknown }).keys : undefined;
  if (!Array.isArray(keys) || keys.length === 0) return 'is not a JWK set (an object with a non-empty "keys" array)';
  for (const jwk of keys as unknown[]) {
    if (typeof jwk !== "object" || jwk === null || typeof (jwk as { kty?: unknown }).kty !== "string")
      return 'has a key without "kty"';
    if ((jwk as { kty: string }).kty === "oct")
      return "has a symmetric key (kty oct); a JWK set here holds public keys only";
    if (Object.hasOwn(jwk, "d")) return "has a private key; publish public keys only";
  }
  return undefined;
}

function oidcSettings({
  env,
  urls,
  claims,
  report,
}: {
  env: AuthEnv;
  urls: readonly string[];
  claims: JwtClaimSettings;
  report: Report;
}): Map<string, OidcSettings> {
  const settings = new Map<string, OidcSettings>();
  const override = valueOf(env, "OIDC_DISCOVERY_URL");
  const fail = (problem: string) => {
    report("OIDC_DISCOVERY_URL", problem);
    return undefined;
  };
  const overridden = override !== undefined && urls.length > 0 ? secureUrl({ value: override, fail }) : undefined;
  for (const specUrl of urls) {
    const discoveryUrl =
      override !== undefined
        ? overridden
        : secureUrl({ value: specUrl, fail: (problem) => fail(`not set, and the spec's openIdConnectUrl ${problem}`) });
    if (discoveryUrl) settings.set(specUrl, { discoveryUrl, ...claims });
  }
  return settings;
}

function apiKeyStore({ env, report }: { env: AuthEnv; report: Report }): ApiKeyStore | undefined {
  const value = valueOf(env, "API_KEYS");
  if (value === undefined) {
    report("API_KEYS", "missing: an API key scheme is in use, so at least one key must be set (comma-separated)");
    return undefined;
  }
  const keys = value.split(",").map((key) => key.trim());
  const before = keys.length;
  keys.forEach((key, index) => {
    if (key === "") report("API_KEYS", `entry ${index + 1} of ${before} is empty`);
    else if (key.length < minimumApiKeyLength)
      report("API_KEYS", `entry ${index + 1} of ${before} is shorter than ${minimumApiKeyLength} characters`);
  });
  return createApiKeyStore({ keys });
}
