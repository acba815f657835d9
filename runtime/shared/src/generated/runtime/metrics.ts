import { createHash, timingSafeEqual } from "node:crypto";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { ApiError } from "./errors.js";

/** The request metrics of one server, in Prometheus' text format (prom-client), on a registry of its own. */
export interface RequestMetrics {
  /** Counts one answered request of an operation and how long it took. */
  observe: (sample: { operationId: string; method: string; status: number; seconds: number }) => void;
  /** The exposition: every metric of the registry, in the format `contentType` names. */
  text: () => Promise<string>;
  contentType: string;
}

/**
 * The database connection pool's state where the driver adapter's pool can be read (PostgreSQL: pg's `Pool`), summed
 * over the live pools of the process; undefined where it cannot (SQLite: one embedded connection, no pool).
 */
export interface DatabasePoolStats {
  /** Connections open, idle or in use (pg: `totalCount`). */
  total: number;
  /** Connections open and unused (pg: `idleCount`). */
  idle: number;
  /** Queries waiting for a connection (pg: `waitingCount`). */
  waiting: number;
}

/**
 * The pool gauges, each read from `stats` when the metrics are scraped; none when `stats` says undefined now (a
 * database without a pool to read: SQLite).
 */
function registerPoolGauges({ registry, stats }: { registry: Registry; stats: () => DatabasePoolStats | undefined }) {
  const gauges: [name: string, help: string, key: keyof DatabasePoolStats][] = [
    ["db_pool_connections", "Database connections open (idle or in use).", "total"],
    ["db_pool_connections_idle", "Database connections open and unused.", "idle"],
    ["db_pool_requests_waiting", "Database queries waiting for a connection.", "waiting"],
  ];
  for (const [name, help, key] of gauges)
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const current = stats();
        if (current !== undefined) this.set(current[key]);
      },
    });
}

/** Latency buckets in seconds: from 5 ms to 10 s, around the 500 ms p95 budget. */
const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * `http_requests_total` and `http_request_duration_seconds` per operation, method and status (labelled by operationId,
 * never by URL: one series per documented operation and status, whatever clients send), prom-client's default
 * process metrics (CPU, memory, handles, event loop lag, garbage collection) and, when `databasePool` reads a pool,
 * its `db_pool_connections`, `db_pool_connections_idle` and `db_pool_requests_waiting`, on a registry of its own so
 * several servers in one process never share or clash.
 */
export function createRequestMetrics({
  databasePool,
}: { databasePool?: () => DatabasePoolStats | undefined } = {}): RequestMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  if (databasePool?.() !== undefined) registerPoolGauges({ registry, stats: databasePool });
  const labelNames = ["operation", "method", "status"] as const;
  const requests = new Counter({
    name: "http_requests_total",
    help: "Requests answered, by operationId, method and status.",
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "http_request_duration_seconds",
    help: "Time from the request to its answer, in seconds, by operationId, method and status.",
    labelNames,
    buckets,
    registers: [registry],
  });
  return {
    observe: ({ operationId, method, status, seconds }) => {
      const labels = { operation: operationId, method, status: String(status) };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
    text: () => registry.metrics(),
    contentType: registry.contentType,
  };
}

/** The SHA-256 of a text, so two of any length compare in constant time. */
function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/**
 * Whether a request with `authorization` may read the metrics: every request when no token is set, else only one
 * saying `Bearer <token>` (compared in constant time).
 */
export function metricsAuthorized({
  authorization,
  token,
}: {
  authorization: string | undefined;
  token: string | undefined;
}): boolean {
  if (token === undefined) return true;
  const match = /^Bearer +(\S+)\s*$/i.exec(authorization ?? "");
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), digest(token));
}

/** The 401 of a metrics request without the token (`WWW-Authenticate: Bearer`, the error format). */
export function metricsRefused(): ApiError {
  return new ApiError({
    code: "UNAUTHORIZED",
    message: "the metrics need the bearer token set in METRICS_TOKEN",
    headers: { "www-authenticate": 'Bearer realm="metrics"' },
  });
}
