import { createHash, timingSafeEqual } from "node:crypto";
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import { ApiError } from "./errors.js";

/** The request metrics of one server, in Prometheus' text format (prom-client), on a registry of its own. */
export interface RequestMetrics {
  /** Counts one answered request of an operation and how long it took. */
  observe: (sample: { operationId: string; method: string; status: number; seconds: number }) => void;
  /** The exposition: every metric of the registry, in the format `contentType` names. */
  text: () => Promise<string>;
  contentType: string;
}

/** Latency buckets in seconds: from 5 ms to 10 s, around the 500 ms p95 budget. */
const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * `http_requests_total` and `http_request_duration_seconds` per operation, method and status (labelled by operationId,
 * never by URL: one series per documented operation and status, whatever clients send), and prom-client's default
 * process metrics (CPU, memory, handles, event loop lag, garbage collection), on a registry of its own so several
 * servers in one process never share or clash.
 */
export function createRequestMetrics(): RequestMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
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
