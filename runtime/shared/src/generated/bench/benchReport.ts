import type { SkippedOperation } from "./benchRequests.js";
import type { LatencySummary } from "./latencySummary.js";

/** One loaded operation's line of the report. */
export interface BenchResult {
  operationId: string;
  method: string;
  /** The path as requested (parameters filled in). */
  path: string;
  summary: LatencySummary;
  /** Connection errors and timeouts (no answer at all). */
  errors: number;
}

function pad({ text, width, right }: { text: string; width: number; right?: boolean }): string {
  return right === true ? text.padStart(width) : text.padEnd(width);
}

function milliseconds(value: number): string {
  return value.toFixed(1);
}

/** Statuses other than 2xx and 304 with their counts (`404x120`) and connection errors (`errors:3`), or "-". */
function unexpectedAnswers({ summary, errors }: Pick<BenchResult, "summary" | "errors">): string {
  const statuses = Object.entries(summary.statuses)
    .filter(([status]) => !/^2\d\d$/.test(status) && status !== "304")
    .map(([status, count]) => `${status}x${count}`);
  return [...statuses, ...(errors > 0 ? [`errors:${errors}`] : [])].join(" ") || "-";
}

/**
 * The bench's report: a table of the loaded operations (requests per second, p50, p95 and p99 latency in ms, the
 * answers that were not 2xx), `OVER` on each whose p95 passes the budget, the skipped operations with their reason,
 * and a last line saying whether every p95 kept to the budget.
 */
export function benchReport({
  results,
  skipped,
  p95BudgetMs,
}: {
  results: readonly BenchResult[];
  skipped: readonly SkippedOperation[];
  p95BudgetMs: number;
}): string {
  const name = Math.max(9, ...results.map((result) => result.operationId.length));
  const header = [
    pad({ text: "operation", width: name }),
    "method",
    ...["req/s", "p50 ms", "p95 ms", "p99 ms"].map((text) => pad({ text, width: 9, right: true })),
    "  non-2xx",
  ];
  const lines = [header.join("  ")];
  for (const { operationId, method, path, summary, errors } of results) {
    const numbers = [
      summary.requestsPerSecond.toFixed(0),
      ...[summary.p50, summary.p95, summary.p99].map(milliseconds),
    ];
    const over = summary.p95 > p95BudgetMs ? "  OVER" : "";
    const cells = [
      pad({ text: operationId, width: name }),
      pad({ text: method, width: 6 }),
      ...numbers.map((text) => pad({ text, width: 9, right: true })),
    ];
    lines.push(
      `${cells.join("  ")}  ${pad({ text: unexpectedAnswers({ summary, errors }), width: 7 })}${over}  ${path}`,
    );
  }
  for (const skip of skipped) lines.push(`skipped ${skip.operationId} (${skip.method} ${skip.path}): ${skip.reason}`);
  const over = results.filter((result) => result.summary.p95 > p95BudgetMs);
  lines.push(
    over.length === 0
      ? `every p95 within the ${p95BudgetMs} ms budget (${results.length} operations)`
      : `p95 over the ${p95BudgetMs} ms budget: ${over.map((result) => result.operationId).join(", ")}`,
  );
  return `${lines.join("\n")}\n`;
}
