import { describe, expect, it } from "vitest";
import { benchReport } from "../../../src/generated/bench/benchReport.js";
import { latencySummary } from "../../../src/generated/bench/latencySummary.js";

// src/generated/bench/benchReport.ts: the table, the flag on a p95 over budget, the skipped operations.

const fast = latencySummary({ latencies: [1, 2, 3], statuses: [200, 200, 404], seconds: 1 });
const slow = latencySummary({ latencies: [400, 600, 700], statuses: [200, 200, 200], seconds: 1 });

describe("benchReport", () => {
  it("prints each operation's numbers and flags the p95 over budget", () => {
    const report = benchReport({
      results: [
        { operationId: "listBooks", method: "GET", path: "/books", summary: fast, errors: 0 },
        { operationId: "getBook", method: "GET", path: "/books/1", summary: slow, errors: 2 },
      ],
      skipped: [{ operationId: "createBook", method: "POST", path: "/books", reason: "a write" }],
      p95BudgetMs: 500,
    });
    const lines = report.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^operation\s+method\s+req\/s\s+p50 ms\s+p95 ms\s+p99 ms\s+non-2xx$/);
    expect(lines[1]).toMatch(/^listBooks\s+GET\s+3\s+2\.0\s+3\.0\s+3\.0\s+404x1\s+\/books$/);
    expect(lines[2]).toMatch(/^getBook\s+GET\s+3\s+600\.0\s+700\.0\s+700\.0\s+errors:2\s+OVER\s+\/books\/1$/);
    expect(lines[3]).toBe("skipped createBook (POST /books): a write");
    expect(lines[4]).toBe("p95 over the 500 ms budget: getBook");
  });

  it("says when every p95 kept to the budget", () => {
    const report = benchReport({
      results: [{ operationId: "a", method: "GET", path: "/a", summary: fast, errors: 0 }],
      skipped: [],
      p95BudgetMs: 500,
    });
    expect(report.trimEnd().split("\n").at(-1)).toBe("every p95 within the 500 ms budget (1 operations)");
  });
});
