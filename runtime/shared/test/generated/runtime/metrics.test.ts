import { describe, expect, it } from "vitest";
import { ApiError } from "../../../src/generated/runtime/errors.js";
import { createRequestMetrics, metricsAuthorized, metricsRefused } from "../../../src/generated/runtime/metrics.js";

// src/generated/runtime/metrics.ts: request metrics per operation in Prometheus' format, and who may read them.

describe("createRequestMetrics", () => {
  it("counts and times requests per operation, method and status, with the process's default metrics", async () => {
    const metrics = createRequestMetrics();
    metrics.observe({ operationId: "listBooks", method: "GET", status: 200, seconds: 0.02 });
    metrics.observe({ operationId: "listBooks", method: "GET", status: 200, seconds: 0.7 });
    metrics.observe({ operationId: "getBook", method: "GET", status: 404, seconds: 0.001 });
    const text = await metrics.text();
    expect(metrics.contentType).toMatch(/^text\/plain/);
    expect(text).toContain('http_requests_total{operation="listBooks",method="GET",status="200"} 2');
    expect(text).toContain('http_requests_total{operation="getBook",method="GET",status="404"} 1');
    expect(text).toContain(
      'http_request_duration_seconds_bucket{le="0.5",operation="listBooks",method="GET",status="200"} 1',
    );
    expect(text).toContain('http_request_duration_seconds_count{operation="listBooks",method="GET",status="200"} 2');
    expect(text).toContain("nodejs_eventloop_lag_seconds");
  });

  it("reads the database pool's state when scraped, and has no pool gauges for a database without a pool", async () => {
    let stats: { total: number; idle: number; waiting: number } | undefined = { total: 5, idle: 2, waiting: 1 };
    const metrics = createRequestMetrics({ databasePool: () => stats });
    const first = await metrics.text();
    expect(first).toMatch(/^db_pool_connections 5$/m);
    expect(first).toMatch(/^db_pool_connections_idle 2$/m);
    expect(first).toMatch(/^db_pool_requests_waiting 1$/m);
    stats = { total: 10, idle: 0, waiting: 7 };
    expect(await metrics.text()).toMatch(/^db_pool_requests_waiting 7$/m);
    expect(await createRequestMetrics({ databasePool: () => undefined }).text()).not.toMatch(/^db_pool_connections /m);
    expect(await createRequestMetrics().text()).not.toContain("db_pool");
  });

  it("keeps each server's metrics apart", async () => {
    const one = createRequestMetrics();
    const other = createRequestMetrics();
    one.observe({ operationId: "listBooks", method: "GET", status: 200, seconds: 0.01 });
    expect(await other.text()).not.toContain('operation="listBooks"');
  });
});

describe("metricsAuthorized", () => {
  const token = "0123456789abcdef-token";
  it("lets anyone read without a token", () => {
    expect(metricsAuthorized({ authorization: undefined, token: undefined })).toBe(true);
  });

  it("needs Bearer and the very token when one is set", () => {
    expect(metricsAuthorized({ authorization: `Bearer ${token}`, token })).toBe(true);
    expect(metricsAuthorized({ authorization: `bearer ${token}`, token })).toBe(true);
    expect(metricsAuthorized({ authorization: undefined, token })).toBe(false);
    expect(metricsAuthorized({ authorization: `Bearer ${token}x`, token })).toBe(false);
    expect(metricsAuthorized({ authorization: `Basic ${token}`, token })).toBe(false);
    expect(metricsAuthorized({ authorization: "Bearer ", token })).toBe(false);
  });

  it("refuses with 401 UNAUTHORIZED asking for a bearer token", () => {
    const refused = metricsRefused();
    expect(refused).toBeInstanceOf(ApiError);
    expect([refused.status, refused.code, refused.headers["www-authenticate"]]).toEqual([
      401,
      "UNAUTHORIZED",
      'Bearer realm="metrics"',
    ]);
  });
});
