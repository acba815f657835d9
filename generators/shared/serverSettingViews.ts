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

/** The settings `serverSettingsFromEnv` reads, in the order the README lists them. */
export function serverSettingViews(): SettingView[] {
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
  ];
}
