import { describe, expect, it } from "vitest";
import { latencySummary, percentile } from "../../../src/generated/bench/latencySummary.js";

// src/generated/bench/latencySummary.ts: nearest-rank percentiles, throughput and unexpected statuses.

describe("latencySummary", () => {
  it("takes nearest-rank percentiles", () => {
    const sorted = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile({ sorted, percent: 50 })).toBe(50);
    expect(percentile({ sorted, percent: 95 })).toBe(95);
    expect(percentile({ sorted, percent: 99 })).toBe(99);
    expect(percentile({ sorted: [], percent: 95 })).toBe(0);
    expect(percentile({ sorted: [7], percent: 1 })).toBe(7);
  });

  it("counts requests per second and the answers that are neither 2xx nor 304", () => {
    const summary = latencySummary({ latencies: [30, 10, 20, 40], statuses: [200, 304, 404, 429], seconds: 2 });
    expect(summary).toEqual({
      requests: 4,
      requestsPerSecond: 2,
      p50: 20,
      p95: 40,
      p99: 40,
      unexpected: 2,
      statuses: { "200": 1, "304": 1, "404": 1, "429": 1 },
    });
  });
});
