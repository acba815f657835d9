/** How `npm run bench` runs (BENCH_* variables; see the README's Load test). */
export interface BenchSettings {
  /** BENCH_URL: a running instance to load (`http://host:port`); unset: the bench starts dist/server.js itself. */
  url: string | undefined;
  /** BENCH_DURATION: seconds of load per operation (default 5). */
  durationSeconds: number;
  /** BENCH_CONNECTIONS: concurrent connections (default 10). */
  connections: number;
  /** BENCH_WRITES (`on`/`off`, default off): load the writing operations too (POST, PUT, PATCH, DELETE). */
  writes: boolean;
  /**
   * BENCH_DATABASE_URL: the scratch database the bench's own server writes to (required with BENCH_WRITES=on unless
   * BENCH_URL is set; its tables must exist: `DATABASE_URL=<it> npm run db:push`).
   */
  databaseUrl: string | undefined;
  /** BENCH_AUTHORIZATION: the `Authorization` header of every request; secured operations are skipped without it. */
  authorization: string | undefined;
  /** BENCH_OPERATIONS: only these operationIds (comma-separated); every operation by default. */
  operations: readonly string[] | undefined;
  /** BENCH_P95_BUDGET: milliseconds an operation's p95 may reach before it is flagged (default 500). */
  p95BudgetMs: number;
}

/** The bench stops with this when a BENCH_* variable is malformed. */
export class InvalidBenchSettingsError extends Error {
  override readonly name = "InvalidBenchSettingsError";
}

/** `text` as a whole number from `min` to `max` (empty: `fallback`), else a problem. */
function wholeNumber({
  name,
  text,
  range,
  fallback,
  problems,
}: {
  name: string;
  text: string;
  range: readonly [min: number, max: number];
  fallback: number;
  problems: string[];
}): number {
  if (text === "") return fallback;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (value >= range[0] && value <= range[1]) return value;
  problems.push(`${name}=${JSON.stringify(text)}: expected a whole number from ${range[0]} to ${range[1]}`);
  return fallback;
}

/** `text` as an http(s) URL without credentials (trailing slashes dropped), else a problem. */
function benchUrlOf({ text, problems }: { text: string; problems: string[] }): string | undefined {
  if (text === "") return undefined;
  try {
    const url = new URL(text);
    if ((url.protocol === "http:" || url.protocol === "https:") && url.username === "" && url.password === "")
      return text.replace(/\/+$/, "");
  } catch {
    // reported below
  }
  problems.push(`BENCH_URL=${JSON.stringify(text)}: expected an http:// or https:// URL`);
  return undefined;
}

function writesOf({ text, problems }: { text: string; problems: string[] }): boolean {
  if (text === "" || text === "off") return false;
  if (text === "on") return true;
  problems.push(`BENCH_WRITES=${JSON.stringify(text)}: expected on or off`);
  return false;
}

/** The bench's settings in `env` (unset or empty: the default); throws `InvalidBenchSettingsError` naming each bad one. */
export function benchSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): BenchSettings {
  const problems: string[] = [];
  const text = (name: string) => env[name]?.trim() ?? "";
  const operations = text("BENCH_OPERATIONS")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const settings: BenchSettings = {
    url: benchUrlOf({ text: text("BENCH_URL"), problems }),
    durationSeconds: wholeNumber({
      name: "BENCH_DURATION",
      text: text("BENCH_DURATION"),
      range: [1, 3600],
      fallback: 5,
      problems,
    }),
    connections: wholeNumber({
      name: "BENCH_CONNECTIONS",
      text: text("BENCH_CONNECTIONS"),
      range: [1, 1000],
      fallback: 10,
      problems,
    }),
    writes: writesOf({ text: text("BENCH_WRITES"), problems }),
    databaseUrl: text("BENCH_DATABASE_URL") || undefined,
    authorization: env.BENCH_AUTHORIZATION?.trim() || undefined,
    operations: operations.length > 0 ? operations : undefined,
    p95BudgetMs: wholeNumber({
      name: "BENCH_P95_BUDGET",
      text: text("BENCH_P95_BUDGET"),
      range: [1, 600_000],
      fallback: 500,
      problems,
    }),
  };
  if (settings.writes && settings.url === undefined && settings.databaseUrl === undefined)
    problems.push(
      "BENCH_WRITES=on needs BENCH_DATABASE_URL (a scratch database for the bench's own server) or BENCH_URL (a server you started on one)",
    );
  if (problems.length > 0)
    throw new InvalidBenchSettingsError(`invalid bench settings in the environment:\n  ${problems.join("\n  ")}`);
  return settings;
}
