import * as prettier from "prettier";
import { createWorkerPool } from "../../src/util/createWorkerPool.js";
import type { FormatRequest } from "./formatWorker.js";

/**
 * Below this many bytes waiting to be formatted (asked for and not answered yet), prettier runs on this thread: a
 * worker takes ~0.3 s to start and its prettier is cold, so only a run with much to format at once (a cold cache on a
 * big spec) gains from the pool. A `watch` run formats a piece or two and stays on this thread, however long it runs.
 */
export const POOL_THRESHOLD_BYTES = 100_000;

const local = ({ text, options }: FormatRequest): Promise<string> => prettier.format(text, options);
const pool = createWorkerPool<FormatRequest, string>({ script: new URL("./formatWorker.js", import.meta.url), local });
let queuedBytes = 0;
/** Requests formatted on this thread and in the pool so far (tests, benchmarks). */
const counts = { local: 0, pooled: 0 };

/**
 * `prettier.format`, spread over worker threads when a run has much to format (a cold cache on a big spec: hundreds of
 * files), on this thread otherwise. Same result either way: the same prettier, the same options.
 */
export function formatInPool(request: FormatRequest): Promise<string> {
  const bytes = request.text.length;
  queuedBytes += bytes;
  const pooled = queuedBytes >= POOL_THRESHOLD_BYTES;
  counts[pooled ? "pooled" : "local"]++;
  const formatted = pooled ? pool.run(request) : local(request);
  const done = () => {
    queuedBytes -= bytes;
  };
  formatted.then(done, done);
  return formatted;
}

/** How many format workers this process started (0 until a run had enough to format, or without compiled workers). */
export function formatPoolSize(): number {
  return pool.size();
}

/** How many requests were formatted on this thread and how many in the pool, so far in this process. */
export function formatPoolStats(): { local: number; pooled: number } {
  return { ...counts };
}
