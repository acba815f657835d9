import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import * as prettier from "prettier";
import type { FormatReply, FormatRequest } from "./formatWorker.js";

/** Below this many bytes still to format in a process, prettier runs on this thread (a worker takes ~0.3 s to start). */
export const POOL_THRESHOLD_BYTES = 300_000;

interface PoolWorker {
  worker: Worker;
  busy: number;
}

let workers: PoolWorker[] | undefined;
let nextId = 0;
let queuedBytes = 0;
interface Job {
  request: FormatRequest;
  resolve: (text: string | Promise<string>) => void;
  reject: (error: Error) => void;
  owner: PoolWorker;
}

const pending = new Map<number, Job>();

function startWorkers(): PoolWorker[] {
  if (workers) return workers;
  const script = fileURLToPath(new URL("./formatWorker.js", import.meta.url));
  // Run from TypeScript sources (tests through vite) there is no .js next to this file: no pool.
  const size = existsSync(script) ? Math.max(0, Math.min(2, availableParallelism())) : 0;
  workers = [];
  for (let i = 0; i < size; i++) {
    const owner: PoolWorker = { worker: new Worker(script), busy: 0 };
    owner.worker.unref();
    owner.worker.on("message", (reply: FormatReply) => {
      const job = pending.get(reply.id);
      pending.delete(reply.id);
      owner.busy--;
      if (owner.busy === 0) owner.worker.unref();
      if (!job) return;
      if (reply.ok) job.resolve(reply.formatted);
      else job.reject(new Error(reply.message));
    });
    // A worker that dies hands its texts back to this thread.
    const fail = () => {
      workers = workers?.filter((w) => w !== owner);
      for (const [id, job] of pending) {
        if (job.owner !== owner) continue;
        pending.delete(id);
        job.resolve(prettier.format(job.request.text, job.request.options));
      }
    };
    owner.worker.on("error", fail);
    owner.worker.on("exit", fail);
    workers.push(owner);
  }
  return workers;
}

/**
 * `prettier.format`, spread over worker threads when a run has much to format (a cold cache on a big spec: hundreds of
 * files), on this thread otherwise. Same result either way: the same prettier, the same options. A failed worker
 * only means formatting here.
 */
export async function formatInPool({ text, options }: { text: string; options: prettier.Options & { parser: string } }): Promise<string> {
  queuedBytes += text.length;
  const pool = queuedBytes >= POOL_THRESHOLD_BYTES ? startWorkers() : [];
  const owner = pool.reduce<PoolWorker | undefined>((best, w) => (best === undefined || w.busy < best.busy ? w : best), undefined);
  if (!owner) return prettier.format(text, options);
  const id = nextId++;
  owner.busy++;
  owner.worker.ref();
  const request: FormatRequest = { id, text, options };
  return new Promise<string>((resolve, reject) => {
    pending.set(id, { request, resolve, reject, owner });
    owner.worker.postMessage(request);
  });
}

/** How many format workers this process started (0 until a run had enough to format, or without compiled workers). */
export function formatPoolSize(): number {
  return workers?.length ?? 0;
}
