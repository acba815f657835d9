/** One transport setting of the generated server (src/generated/runtime/serverSettings.ts), for .env.example and the README. */
export interface SettingView {
  variable: string;
  /** The default as .env.example writes it (empty: unset). */
  defaultValue: string;
  /** The default in words, for the README. */
  defaultText: string;
  /** What it sets (a sentence fragment). */
  meaning: string;
}

/** The limit of the accounts routes taking credentials. */
const credentialRateLimitViews: readonly SettingView[] = [
  {
    variable: "RATE_LIMIT_AUTH_MAX",
    defaultValue: "10",
    defaultText: "`10`",
    meaning: "requests per window and client address on the accounts routes taking credentials (register, login, refresh, MFA) (`0`: the global limit)",
  },
  { variable: "RATE_LIMIT_AUTH_WINDOW", defaultValue: "1m", defaultText: "`1m`", meaning: "the credential routes' window" },
];

/**
 * The settings `rateLimitSettingsFromEnv` reads (src/generated/runtime/rateLimit.ts); those of the credential routes
 * only with `accounts` (a project without them has no such routes).
 */
function rateLimitSettingViews({ accounts }: { accounts: boolean }): SettingView[] {
  return [
    {
      variable: "RATE_LIMIT_MAX",
      defaultValue: "1000",
      defaultText: "`1000`",
      meaning: "requests per window and client address on every operation without an `x-vx-rate-limit` of its own (`0`: no global limit)",
    },
    { variable: "RATE_LIMIT_WINDOW", defaultValue: "1m", defaultText: "`1m`", meaning: "the global limit's window: `500ms`, `30s`, `1m`, `2h`, `1d` or milliseconds" },
    ...(accounts ? credentialRateLimitViews : []),
    {
      variable: "RATE_LIMIT_PREFIX",
      defaultValue: "rate-limit:",
      defaultText: "`rate-limit:`",
      meaning: "what the counters' Redis keys start with (instances sharing counters use the same)",
    },
    {
      variable: "REDIS_URL",
      defaultValue: "",
      defaultText: "unset: counters in memory, per instance",
      meaning: "`redis://` or `rediss://` URL: rate-limit counters (and the accounts' deny list of logged-out tokens) in Redis, shared by every instance",
    },
  ];
}

/** The settings of tracing (src/generated/runtime/tracing.ts) and of HTTPS (src/generated/runtime/tlsFiles.ts). */
function operationsSettingViews(): SettingView[] {
  return [
    {
      variable: "OTEL_EXPORTER_OTLP_ENDPOINT",
      defaultValue: "",
      defaultText: "unset: no tracing, the OpenTelemetry SDK not even loaded",
      meaning:
        "an OTLP/HTTP collector's URL (`http://localhost:4318`): a server span per request (route, status) and Prisma's query spans, sent to `<it>/v1/traces`",
    },
    { variable: "OTEL_SERVICE_NAME", defaultValue: "", defaultText: "`api`", meaning: "the `service.name` of the spans" },
    {
      variable: "TLS_CERT_FILE",
      defaultValue: "",
      defaultText: "unset: plain HTTP",
      meaning: "the PEM file of the server's certificate chain: HTTPS (with TLS_KEY_FILE; one without the other, or a file that cannot be read, stops start-up)",
    },
    { variable: "TLS_KEY_FILE", defaultValue: "", defaultText: "unset", meaning: "the PEM file of the certificate's private key" },
  ];
}

/** The settings `serverSettingsFromEnv` and `rateLimitSettingsFromEnv` read, in the order the README lists them. */
export function serverSettingViews({ accounts }: { accounts: boolean }): SettingView[] {
  return [
    {
      variable: "CORS_ORIGINS",
      defaultValue: "",
      defaultText: "unset: no CORS headers, same origin only",
      meaning: "origins whose pages may call the API (comma-separated, exact, e.g. `https://app.example.com`), or `*` for any",
    },
    {
      variable: "CORS_CREDENTIALS",
      defaultValue: "false",
      defaultText: "`false`",
      meaning: "`true`: listed origins may send cookies and `Authorization` (refused at start-up with `*`)",
    },
    {
      variable: "DOCS",
      defaultValue: "on",
      defaultText: "`on`, `off` when `NODE_ENV=production`",
      meaning: "`on`/`off`: serve Swagger UI at `/docs` (`/openapi.json` is always served)",
    },
    ...rateLimitSettingViews({ accounts }),
    {
      variable: "TRUST_PROXY",
      defaultValue: "false",
      defaultText: "`false`: the client is the connection's address",
      meaning:
        "which proxies' `X-Forwarded-For` gives the client address (logs, allow lists, rate limits): `true`, a hop count, or addresses and CIDR ranges (comma-separated, e.g. `10.0.0.0/8`)",
    },
    {
      variable: "SHUTDOWN_TIMEOUT",
      defaultValue: "10000",
      defaultText: "10000",
      meaning:
        "milliseconds the server waits, on SIGTERM/SIGINT, for the requests under way (it stops accepting at once) before it closes the connections left",
    },
    {
      variable: "METRICS",
      defaultValue: "on",
      defaultText: "`on`, `off` when `NODE_ENV=production` without METRICS_TOKEN",
      meaning: "`on`/`off`: serve Prometheus metrics (see Metrics)",
    },
    {
      variable: "METRICS_TOKEN",
      defaultValue: "",
      defaultText: "unset: metrics readable by anyone who can reach them",
      meaning: "a bearer token (16 characters or more) the metrics need: `Authorization: Bearer <token>`, else 401",
    },
    ...operationsSettingViews(),
  ];
}

/** `AUDIT` (projects with a database): whether the services' writes record audit events. */
export const auditSettingView: SettingView = {
  variable: "AUDIT",
  defaultValue: "on",
  defaultText: "`on`",
  meaning: "`on`/`off`: record every write through a service in the audit log (VxAuditEvent, see Audit log)",
};
