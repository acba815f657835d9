import { trustProxyOf, type TrustProxy } from "./trustProxy.js";

/**
 * The server's transport settings: who may call it from a browser (CORS), whether it serves `/docs`. Read from the
 * environment by `serverSettingsFromEnv` in src/server.ts; an invalid value stops start-up with a message naming the
 * variable.
 */
export interface ServerSettings {
  /**
   * CORS_ORIGINS: the origins (`https://app.example.com`, comma-separated, compared exactly) whose pages may call the
   * API, or `*` for any page. Empty (the default): no CORS headers at all, so only pages of the API's own origin can.
   */
  corsOrigins: "*" | readonly string[];
  /**
   * CORS_CREDENTIALS (`true`/`false`, default false): allowed origins may send cookies and `Authorization`. Never
   * with `*`.
   */
  corsCredentials: boolean;
  /**
   * DOCS (`on`/`off`): serve Swagger UI at `/docs`; on unless NODE_ENV is `production`. `/openapi.json` is always
   * served.
   */
  docs: boolean;
  /**
   * TRUST_PROXY: which proxies' `X-Forwarded-For` gives the client address (logs, allow lists, rate limit keys):
   * `false` (the default: the connection's address), `true`, a hop count or a list of addresses and CIDR ranges.
   */
  trustProxy: TrustProxy;
  /**
   * SHUTDOWN_TIMEOUT (milliseconds, default 10000): on SIGTERM/SIGINT the server stops accepting connections and
   * waits this long for the requests under way before closing the connections left.
   */
  shutdownTimeout: number;
  /**
   * METRICS (`on`/`off`): serve Prometheus metrics at `/metrics`; on unless NODE_ENV is `production` and no
   * METRICS_TOKEN is set.
   */
  metrics: boolean;
  /** METRICS_TOKEN: when set (16 characters or more), `/metrics` answers only `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
}

export const defaultServerSettings: Readonly<ServerSettings> = {
  corsOrigins: [],
  corsCredentials: false,
  docs: true,
  trustProxy: false,
  shutdownTimeout: 10_000,
  metrics: true,
  metricsToken: undefined,
};

/** `text` as a whole number of milliseconds up to `max` (empty: undefined), else a problem. */
function millisecondsOf({
  name,
  text,
  max,
  problems,
}: {
  name: string;
  text: string;
  max: number;
  problems: string[];
}): number | undefined {
  if (text === "") return undefined;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (value <= max) return value;
  problems.push(`${name}=${JSON.stringify(text)}: expected a whole number of milliseconds from 0 to ${max}`);
  return undefined;
}

/** Start-up stops with this when a setting is malformed, or settings contradict each other. */
export class InvalidServerSettingsError extends Error {
  override readonly name = "InvalidServerSettingsError";
}

/** `text` as an origin (`scheme://host[:port]`, http or https, nothing after it), else undefined. */
function originOf(text: string): string | undefined {
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === text ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** What is wrong with `settings` as a whole (each a sentence naming the settings), none when they hold. */
function contradictions(settings: ServerSettings): string[] {
  const problems: string[] = [];
  if (settings.corsOrigins === "*" && settings.corsCredentials)
    problems.push("CORS_CREDENTIALS=true with CORS_ORIGINS=*: credentials need a list of exact origins");
  if (settings.metricsToken !== undefined && !/^[\x21-\x7e]{16,}$/.test(settings.metricsToken))
    problems.push("METRICS_TOKEN: at least 16 printable characters without spaces");
  const { shutdownTimeout } = settings;
  if (!Number.isSafeInteger(shutdownTimeout) || shutdownTimeout < 0 || shutdownTimeout > 600_000)
    problems.push(`shutdownTimeout: ${String(shutdownTimeout)} is not a whole number of milliseconds from 0 to 600000`);
  if (settings.corsOrigins !== "*") {
    for (const origin of settings.corsOrigins)
      if (originOf(origin) === undefined) problems.push(`CORS_ORIGINS: ${JSON.stringify(origin)} is not an origin`);
  }
  return problems;
}

function corsOriginsOf({ text, problems }: { text: string; problems: string[] }): ServerSettings["corsOrigins"] {
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.includes("*")) {
    if (entries.length > 1) problems.push(`CORS_ORIGINS=${JSON.stringify(text)}: * stands alone`);
    return "*";
  }
  for (const entry of entries)
    if (originOf(entry) === undefined)
      problems.push(
        `CORS_ORIGINS: ${JSON.stringify(entry)} is not an origin (scheme://host[:port], no path or trailing slash)`,
      );
  return entries;
}

function switchOf({
  name,
  text,
  values,
  problems,
}: {
  name: string;
  text: string;
  values: readonly [on: string, off: string];
  problems: string[];
}): boolean | undefined {
  if (text === "") return undefined;
  if (text === values[0]) return true;
  if (text === values[1]) return false;
  problems.push(`${name}=${JSON.stringify(text)}: expected ${values[0]} or ${values[1]}`);
  return undefined;
}

/**
 * The settings in `env` (unset or empty: the default); throws `InvalidServerSettingsError` naming every invalid one.
 */
export function serverSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): ServerSettings {
  const problems: string[] = [];
  const text = (name: string) => env[name]?.trim() ?? "";
  const corsOrigins = corsOriginsOf({ text: text("CORS_ORIGINS"), problems });
  const credentials = switchOf({
    name: "CORS_CREDENTIALS",
    text: text("CORS_CREDENTIALS"),
    values: ["true", "false"],
    problems,
  });
  const docs = switchOf({ name: "DOCS", text: text("DOCS"), values: ["on", "off"], problems });
  const trustProxy = trustProxyOf({ text: text("TRUST_PROXY"), problems });
  const shutdownTimeout = millisecondsOf({
    name: "SHUTDOWN_TIMEOUT",
    text: text("SHUTDOWN_TIMEOUT"),
    max: 600_000,
    problems,
  });
  const metrics = switchOf({ name: "METRICS", text: text("METRICS"), values: ["on", "off"], problems });
  const metricsToken = text("METRICS_TOKEN");
  const settings: ServerSettings = {
    corsOrigins,
    corsCredentials: credentials ?? defaultServerSettings.corsCredentials,
    docs: docs ?? text("NODE_ENV") !== "production",
    trustProxy,
    shutdownTimeout: shutdownTimeout ?? defaultServerSettings.shutdownTimeout,
    metrics: metrics ?? (text("NODE_ENV") !== "production" || metricsToken !== ""),
    metricsToken: metricsToken === "" ? undefined : metricsToken,
  };
  if (problems.length === 0) problems.push(...contradictions(settings));
  if (problems.length > 0)
    throw new InvalidServerSettingsError(`invalid server settings in the environment:\n  ${problems.join("\n  ")}`);
  return settings;
}

/**
 * `defaultServerSettings` with the settings given in code (the server's `settings` option); throws
 * `InvalidServerSettingsError` as `serverSettingsFromEnv` does.
 */
export function checkedServerSettings(given: Readonly<Partial<ServerSettings>> = {}): ServerSettings {
  const settings: ServerSettings = { ...defaultServerSettings, ...given };
  const problems = contradictions(settings);
  if (problems.length > 0) throw new InvalidServerSettingsError(`invalid server settings:\n  ${problems.join("\n  ")}`);
  return settings;
}

/** The methods a cross-origin page may use, and the answer headers it may read. */
export const corsMethods: readonly string[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
export const corsExposedHeaders: readonly string[] = [
  "x-request-id",
  "retry-after",
  "ratelimit-limit",
  "ratelimit-remaining",
  "ratelimit-reset",
  "ratelimit-policy",
];

/**
 * The `Access-Control-Allow-Origin` a request from `origin` gets: `*` when any origin may call, the origin itself when
 * it is listed, else false (no CORS headers: the request is answered as if CORS did not exist, and a browser keeps
 * the answer from the page).
 */
export function allowedCorsOrigin({
  settings,
  origin,
}: {
  settings: Pick<ServerSettings, "corsOrigins">;
  origin: string | undefined;
}): string | false {
  if (origin === undefined) return false;
  if (settings.corsOrigins === "*") return "*";
  return settings.corsOrigins.includes(origin) ? origin : false;
}

/**
 * The Content-Security-Policy of every answer: what `/docs` (Swagger UI, its scripts and styles served by the API
 * itself) needs and nothing more; JSON answers load nothing. No `upgrade-insecure-requests`: docs served over plain
 * HTTP in development keep working.
 */
export const contentSecurityPolicy: Readonly<Record<string, readonly string[]>> = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", "data:"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", "data:"],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
};
