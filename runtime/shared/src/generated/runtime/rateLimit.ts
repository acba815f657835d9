import { createHash } from "node:crypto";
import { ApiError } from "./errors.js";
import { InvalidServerSettingsError } from "./serverSettings.js";

/** What a limit counts requests by: the client address, the authenticated principal, or the API key sent (hashed). */
export type RateLimitKey = "ip" | "principal" | "apiKey";

/** Where an operation's API key schemes read the key (a `key: apiKey` limit counts by its hash). */
export interface ApiKeyLocation {
  in: "header" | "query" | "cookie";
  name: string;
}

/**
 * A route's own limit, as the route tables write it: the operation's `x-vx-rate-limit`, or `"credentials"` for the
 * accounts routes that take a password, code or refresh token (RATE_LIMIT_AUTH_MAX per RATE_LIMIT_AUTH_WINDOW).
 */
export type RouteRateLimit =
  { max: number; windowMs: number; key: RateLimitKey; apiKeys?: readonly ApiKeyLocation[] } | "credentials";

/** The server's rate-limit settings, read by `rateLimitSettingsFromEnv`. */
export interface RateLimitSettings {
  /** RATE_LIMIT_MAX: requests per window and client address on every route without its own limit; 0: no global limit. */
  max: number;
  /** RATE_LIMIT_WINDOW, in milliseconds. */
  windowMs: number;
  /** RATE_LIMIT_AUTH_MAX: the credential routes' limit per client address (login, register...); 0: the global one. */
  credentialsMax: number;
  /** RATE_LIMIT_AUTH_WINDOW, in milliseconds. */
  credentialsWindowMs: number;
  /** REDIS_URL: counters in Redis, shared by every instance; unset: in this process's memory. */
  redisUrl: string | undefined;
  /** RATE_LIMIT_PREFIX: what the counters' Redis keys start with (instances sharing counters use the same). */
  prefix: string;
}

export const defaultRateLimitSettings: Readonly<RateLimitSettings> = {
  max: 1_000,
  windowMs: 60_000,
  credentialsMax: 10,
  credentialsWindowMs: 60_000,
  redisUrl: undefined,
  prefix: "rate-limit:",
};

/** Milliseconds per unit of a written window. */
const unitMs: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The longest window: a day. */
const maxWindowMs = 86_400_000;

/**
 * A window written as `1m`, `30s`, `500ms`, `2h`, `1d` or a number of milliseconds, in milliseconds; undefined when
 * it is none of those, zero, or longer than a day.
 */
export function parseWindow(text: string): number | undefined {
  const match = /^(\d{1,9})(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * (unitMs[match[2] ?? "ms"] ?? 1);
  return ms > 0 && ms <= maxWindowMs ? ms : undefined;
}

function countOf({ name, text, problems }: { name: string; text: string; problems: string[] }): number | undefined {
  if (text === "") return undefined;
  if (/^\d{1,9}$/.test(text)) return Number(text);
  problems.push(`${name}=${JSON.stringify(text)}: expected a whole number of requests (0: off)`);
  return undefined;
}

function windowOf({ name, text, problems }: { name: string; text: string; problems: string[] }): number | undefined {
  if (text === "") return undefined;
  const ms = parseWindow(text);
  if (ms === undefined)
    problems.push(`${name}=${JSON.stringify(text)}: expected 500ms, 30s, 1m, 2h, 1d (at most a day) or milliseconds`);
  return ms;
}

function redisUrlOf({ text, problems }: { text: string; problems: string[] }): string | undefined {
  if (text === "") return undefined;
  try {
    const url = new URL(text);
    if (url.protocol === "redis:" || url.protocol === "rediss:") return text;
  } catch {
    // reported below
  }
  // Not quoted: the URL may hold a password.
  problems.push("REDIS_URL: expected a redis:// or rediss:// URL");
  return undefined;
}

/**
 * The rate-limit settings in `env` (unset or empty: the default); throws `InvalidServerSettingsError` naming every
 * invalid one. `RATE_LIMIT_AUTH_MAX` and `RATE_LIMIT_AUTH_WINDOW` are read only where the project has credential routes
 * (`credentialRoutes`): elsewhere they mean nothing, so a stale value never stops start-up.
 */
export function rateLimitSettingsFromEnv({
  env,
  credentialRoutes,
}: {
  env: Readonly<Record<string, string | undefined>>;
  credentialRoutes: boolean;
}): RateLimitSettings {
  const problems: string[] = [];
  const text = (name: string) => env[name]?.trim() ?? "";
  const credentials = (name: string) => (credentialRoutes ? text(name) : "");
  const defaults = defaultRateLimitSettings;
  const prefix = text("RATE_LIMIT_PREFIX");
  if (!/^[\w:.-]{0,64}$/.test(prefix))
    problems.push(`RATE_LIMIT_PREFIX=${JSON.stringify(prefix)}: expected at most 64 letters, digits, _ : . or -`);
  const settings: RateLimitSettings = {
    max: countOf({ name: "RATE_LIMIT_MAX", text: text("RATE_LIMIT_MAX"), problems }) ?? defaults.max,
    windowMs: windowOf({ name: "RATE_LIMIT_WINDOW", text: text("RATE_LIMIT_WINDOW"), problems }) ?? defaults.windowMs,
    credentialsMax:
      countOf({ name: "RATE_LIMIT_AUTH_MAX", text: credentials("RATE_LIMIT_AUTH_MAX"), problems }) ??
      defaults.credentialsMax,
    credentialsWindowMs:
      windowOf({ name: "RATE_LIMIT_AUTH_WINDOW", text: credentials("RATE_LIMIT_AUTH_WINDOW"), problems }) ??
      defaults.credentialsWindowMs,
    redisUrl: redisUrlOf({ text: text("REDIS_URL"), problems }),
    prefix: prefix === "" ? defaults.prefix : prefix,
  };
  if (problems.length > 0)
    throw new InvalidServerSettingsError(`invalid rate-limit settings in the environment:\n  ${problems.join("\n  ")}`);
  return settings;
}

/** A route's limit once the settings are known: what it counts, how many per how long, under which name. */
export interface ResolvedRateLimit {
  /** Names the counters (the operation id; "global" for the global limit, shared by every route under it). */
  name: string;
  max: number;
  windowMs: number;
  key: RateLimitKey;
  apiKeys: readonly ApiKeyLocation[];
}

/**
 * The limit a route is counted under: its own (`x-vx-rate-limit`), the credential routes' (unless RATE_LIMIT_AUTH_MAX
 * is 0), or the global one (unless RATE_LIMIT_MAX is 0); undefined when none applies.
 */
export function resolvedRateLimit({
  route,
  settings,
}: {
  route: { operationId: string; rateLimit?: RouteRateLimit };
  settings: RateLimitSettings;
}): ResolvedRateLimit | undefined {
  const own = route.rateLimit;
  if (own === "credentials" && settings.credentialsMax > 0)
    return {
      name: route.operationId,
      max: settings.credentialsMax,
      windowMs: settings.credentialsWindowMs,
      key: "ip",
      apiKeys: [],
    };
  if (own !== undefined && own !== "credentials")
    return { name: route.operationId, max: own.max, windowMs: own.windowMs, key: own.key, apiKeys: own.apiKeys ?? [] };
  if (settings.max === 0) return undefined;
  return { name: "global", max: settings.max, windowMs: settings.windowMs, key: "ip", apiKeys: [] };
}

/** A digest naming a credential or identity in a counter's key, never the value itself. */
function digest(value: string): string {
  return createHash("sha256").update(value).digest("hex").slice(0, 32);
}

/**
 * The caller's identity among the principals the security check returned (`context.auth`): the first with a string
 * `subject` (a JWT's `sub`), else with a `keyId` (an API key's); undefined for an anonymous caller.
 */
export function principalId(auth: Readonly<Record<string, unknown>>): string | undefined {
  for (const principal of Object.values(auth)) {
    if (typeof principal !== "object" || principal === null) continue;
    const { subject, keyId } = principal as { subject?: unknown; keyId?: unknown };
    if (typeof subject === "string" && subject !== "") return `subject:${subject}`;
    if (typeof keyId === "string" && keyId !== "") return `key:${keyId}`;
  }
  return undefined;
}

/** The first API key the request carries where the operation's schemes read one; undefined when it has none. */
export function apiKeyCredential({
  locations,
  headers,
  query,
  cookies,
}: {
  locations: readonly ApiKeyLocation[];
  headers: Readonly<Record<string, string | string[] | undefined>>;
  query: Readonly<Record<string, unknown>>;
  cookies: Readonly<Record<string, string>>;
}): string | undefined {
  for (const location of locations) {
    const value =
      location.in === "header"
        ? headers[location.name.toLowerCase()]
        : location.in === "query"
          ? query[location.name]
          : Object.hasOwn(cookies, location.name)
            ? cookies[location.name]
            : undefined;
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string" && first !== "") return first;
  }
  return undefined;
}

/**
 * The counter key of a request under `limit`: its name and the client address (`ip`, as the framework normalises it:
 * IPv6 per /64), the caller's principal, or a hash of its API key; an anonymous caller, or one without a key, by
 * address. Principal ids and keys are hashed: neither appears in Redis or in logs.
 */
export function rateLimitKeyOf({
  limit,
  ip,
  auth,
  credential,
}: {
  limit: Pick<ResolvedRateLimit, "name" | "key">;
  ip: string;
  auth: Readonly<Record<string, unknown>>;
  credential: string | undefined;
}): string {
  const principal = limit.key === "principal" ? principalId(auth) : undefined;
  if (principal !== undefined) return `${limit.name}:principal:${digest(principal)}`;
  if (limit.key === "apiKey" && credential !== undefined) return `${limit.name}:apiKey:${digest(credential)}`;
  return `${limit.name}:ip:${ip}`;
}

/** The answer beyond a limit: 429 TOO_MANY_REQUESTS in the error format, `Retry-After` in seconds. */
export function tooManyRequests(retryAfterSeconds: number): ApiError {
  return new ApiError({
    code: "TOO_MANY_REQUESTS",
    message: `too many requests: retry in ${retryAfterSeconds} s`,
    headers: { "retry-after": String(retryAfterSeconds) },
  });
}
