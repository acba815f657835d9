import autocannon from "autocannon";
import { benchReport, type BenchResult } from "./benchReport.js";
import { benchRequests, type BenchRequest } from "./benchRequests.js";
import type { BenchSettings } from "./benchSettings.js";
import { startBenchServer, type BenchServer } from "./benchServer.js";
import { latencySummary } from "./latencySummary.js";
import { resolvedPath } from "./resolvedPath.js";

/** GETs `path` of the server: its JSON answer, undefined unless 2xx JSON. */
function jsonFetcher({ url, headers }: { url: string; headers: Record<string, string> }) {
  return async (path: string): Promise<unknown> => {
    try {
      const response = await fetch(`${url}${path}`, { headers });
      return response.ok ? await response.json() : undefined;
    } catch {
      return undefined;
    }
  };
}

/** Sends a request once, whatever it answers. */
async function warmUp({
  url,
  method,
  headers,
  body,
}: {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}): Promise<void> {
  try {
    await (await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) })).arrayBuffer();
  } catch {
    // counted by the load itself, as errors
  }
}

/** Loads one operation for the bench's duration: each answer's latency and status. */
async function loadOperation({
  url,
  request,
  path,
  settings,
}: {
  url: string;
  request: BenchRequest;
  path: string;
  settings: BenchSettings;
}): Promise<BenchResult> {
  const latencies: number[] = [];
  const statuses: number[] = [];
  const headers: Record<string, string> = { accept: "application/json", ...request.headers };
  if (settings.authorization !== undefined) headers.authorization = settings.authorization;
  if (request.body !== undefined) headers["content-type"] = "application/json";
  // One request first: a cold server (its first database connection) would spend the load's first second on it.
  await warmUp({ url: `${url}${path}${request.query}`, method: request.method, headers, body: request.body });
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}${path}${request.query}`,
        method: request.method as autocannon.Request["method"],
        headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        connections: settings.connections,
        duration: settings.durationSeconds,
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(new Error(String(error))) : resolve(done)),
    );
    instance.on("response", (_client, status, _bytes, latency) => {
      statuses.push(status);
      latencies.push(latency);
    });
  });
  const seconds = (performance.now() - started) / 1000;
  const summary = latencySummary({ latencies, statuses, seconds });
  return { operationId: request.operationId, method: request.method, path, summary, errors: result.errors };
}

/** The environment of the server the bench starts: no global rate limit, writes only to the scratch database. */
function serverEnv(settings: BenchSettings): Record<string, string> {
  return {
    RATE_LIMIT_MAX: "0",
    RATE_LIMIT_AUTH_MAX: "0",
    LOG_LEVEL: "warn",
    ...(settings.databaseUrl === undefined ? {} : { DATABASE_URL: settings.databaseUrl }),
  };
}

/**
 * `npm run bench`: loads each operation `benchRequests` plans, one after the other, on BENCH_URL or on a server it
 * starts (and stops), and returns the report (`benchReport`) and whether some p95 passed the budget.
 */
export async function runBench({
  settings,
  basePath,
  document,
  log,
}: {
  settings: BenchSettings;
  basePath: string;
  document: unknown;
  /** Told which operation is under load (progress). */
  log: (line: string) => void;
}): Promise<{ report: string; overBudget: boolean }> {
  const { requests, skipped } = benchRequests({ document, basePath, settings });
  const server: BenchServer | undefined =
    settings.url === undefined ? await startBenchServer({ env: serverEnv(settings) }) : undefined;
  const url = settings.url ?? server?.url ?? "";
  const results: BenchResult[] = [];
  try {
    const auth: Record<string, string> =
      settings.authorization === undefined ? {} : { authorization: settings.authorization };
    const fetchJson = jsonFetcher({ url, headers: auth });
    for (const request of requests) {
      const path = await resolvedPath({ request, fetchJson });
      log(`${request.operationId}: ${request.method} ${path}${request.query} for ${settings.durationSeconds} s`);
      results.push(await loadOperation({ url, request, path, settings }));
    }
  } finally {
    await server?.stop();
  }
  const report = benchReport({ results, skipped, p95BudgetMs: settings.p95BudgetMs });
  return { report, overBudget: results.some((result) => result.summary.p95 > settings.p95BudgetMs) };
}
