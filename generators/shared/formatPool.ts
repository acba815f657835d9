import * as prettier from "prettier";
import { createWorkerPool } from "../../src/util/createWorkerPool.js";
import type { FormatRequest } from "./formatWorker.js";

/** Below this many bytes still to format in a process, prettier runs on this thread (a worker takes ~0.3 s to start). */
export const POOL_THRESHOLD_BYTES = 100_000;

const local = ({ text, options }: FormatRequest): Promise<string> => prettier.format(text, options);
const pool = createWorkerPool<FormatRequest, string>({ script: new URL("./formatWorker.js", import.meta.url), local });
let queuedBytes = 0;

/**
 * `prettier.format`, spread over worker threads when a run has much to format (a cold cache on a big spec: hundreds of
 * files), on this thread otherwise. Same result either way: the same prettier, the same options.
 */
export function formatInPool(request: FormatRequest): Promise<string> {
  queuedBytes += request.text.length;
  return queuedBytes >= POOL_THRESHOLD_BYTES ? pool.run(request) : local(request);
}

/** How many format workers this process started (0 until a run had enough to format, or without compiled workers). */
export function formatPoolSize(): number {
  return pool.size();
}
