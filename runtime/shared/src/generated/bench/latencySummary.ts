/** What one operation's load measured. */
export interface LatencySummary {
  requests: number;
  requestsPerSecond: number;
  /** Latency percentiles in milliseconds (nearest rank). */
  p50: number;
  p95: number;
  p99: number;
  /** Answers with a status other than 2xx or 304 (a 404 for a missing id, a 429 from a rate limit...). */
  unexpected: number;
  /** Answers by status. */
  statuses: Readonly<Record<string, number>>;
}

/** The nearest-rank `percent` percentile of ascending `sorted` values (0 for none). */
export function percentile({ sorted, percent }: { sorted: readonly number[]; percent: number }): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((percent / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0;
}

/** One operation's numbers from each answer's latency (ms) and status, over `seconds` of load. */
export function latencySummary({
  latencies,
  statuses,
  seconds,
}: {
  latencies: readonly number[];
  statuses: readonly number[];
  seconds: number;
}): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const counts: Record<string, number> = {};
  for (const status of statuses) counts[String(status)] = (counts[String(status)] ?? 0) + 1;
  const expected = (status: number) => (status >= 200 && status < 300) || status === 304;
  return {
    requests: latencies.length,
    requestsPerSecond: seconds > 0 ? latencies.length / seconds : 0,
    p50: percentile({ sorted, percent: 50 }),
    p95: percentile({ sorted, percent: 95 }),
    p99: percentile({ sorted, percent: 99 }),
    unexpected: statuses.filter((status) => !expected(status)).length,
    statuses: counts,
  };
}
