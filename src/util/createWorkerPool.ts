import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { parentPort, Worker, workerData } from "node:worker_threads";

/** Marks the workers this module starts, so `serveWorkerRequests` never answers on some other thread's port. */
const POOL_MARK = "vx-gen worker pool";

type Reply<Result> = { id: number; ok: true; result: Result } | { id: number; ok: false; message: string };

interface PoolWorker {
  worker: Worker;
  busy: number;
}

interface Job<Request, Result> {
  request: Request;
  resolve: (result: Result | Promise<Result>) => void;
  reject: (error: Error) => void;
  owner: PoolWorker;
  /** Hands the request to this thread when the worker has not answered in time (see `jobTimeoutMs`). */
  timer: NodeJS.Timeout;
}

/**
 * How long a worker may take to answer one request before this thread does the work itself. Far above any real job
 * (prettier on one file, compiling one validator module: seconds at most), so it only ever fires for a worker that
 * will not answer: a finished run must never wait forever on one (a one-shot CLI that never exits hangs CI).
 */
const defaultJobTimeoutMs = 60_000;

export interface WorkerPool<Request, Result> {
  /** Runs `request` on the least busy worker; the local function when there is no worker (or one died). */
  run(request: Request): Promise<Result>;
  /** Workers started so far (0 until the first `run`, or when the compiled worker script is not there). */
  size(): number;
}

/**
 * A small pool of worker threads (at most two, fewer on one core) for CPU-bound generation work: prettier on a cold
 * cache, compiling validators. Started on first use; the workers keep the process alive only while they have work.
 * `local` does the same work on this thread: used when the compiled worker script is missing (sources run through
 * vite in tests), and for the requests of a worker that dies. Results must not depend on the thread.
 */
export function createWorkerPool<Request, Result>({
  script,
  local,
  size = Math.min(2, availableParallelism()),
  jobTimeoutMs = defaultJobTimeoutMs,
}: {
  /** The worker module (its compiled `.js`), which calls `serveWorkerRequests`. */
  script: URL;
  local: (request: Request) => Promise<Result>;
  size?: number;
  /** A request its worker has not answered after this long is done by `local` (default 60 s). */
  jobTimeoutMs?: number;
}): WorkerPool<Request, Result> {
  let workers: PoolWorker[] | undefined;
  let nextId = 0;
  const pending = new Map<number, Job<Request, Result>>();
  /** Forgets a pending request; its worker no longer holds the process open once it has nothing else to do. */
  const settle = (id: number): void => {
    const job = pending.get(id);
    if (!job) return;
    pending.delete(id);
    job.owner.busy--;
    if (job.owner.busy === 0) job.owner.worker.unref();
  };
  const start = (): PoolWorker[] => {
    if (workers) return workers;
    const path = fileURLToPath(script);
    workers = [];
    if (!existsSync(path)) return workers;
    for (let i = 0; i < size; i++) {
      const owner: PoolWorker = { worker: new Worker(path, { workerData: POOL_MARK }), busy: 0 };
      owner.worker.unref();
      owner.worker.on("message", (reply: Reply<Result>) => {
        const job = pending.get(reply.id);
        // An answer after the timeout: the request was done here already.
        if (!job) return;
        clearTimeout(job.timer);
        settle(reply.id);
        if (reply.ok) job.resolve(reply.result);
        else job.reject(new Error(reply.message));
      });
      // A worker that dies hands its requests back to this thread.
      const fail = () => {
        workers = workers?.filter((w) => w !== owner);
        for (const [id, job] of pending) {
          if (job.owner !== owner) continue;
          clearTimeout(job.timer);
          pending.delete(id);
          job.resolve(local(job.request));
        }
      };
      owner.worker.on("error", fail);
      owner.worker.on("exit", fail);
      workers.push(owner);
    }
    return workers;
  };
  return {
    run(request) {
      const owner = start().reduce<PoolWorker | undefined>((best, w) => (best === undefined || w.busy < best.busy ? w : best), undefined);
      if (!owner) return local(request);
      const id = nextId++;
      owner.busy++;
      owner.worker.ref();
      return new Promise<Result>((resolve, reject) => {
        const timer = setTimeout(() => {
          const holding = process.getActiveResourcesInfo().join(", ");
          settle(id);
          process.emitWarning(`a worker thread did not answer in ${jobTimeoutMs / 1000} s; its job runs on the main thread`, {
            code: "VX_WORKER_TIMEOUT",
            detail: `worker script ${fileURLToPath(script)}; active resources: ${holding}`,
          });
          resolve(local(request));
        }, jobTimeoutMs);
        timer.unref();
        pending.set(id, { request, resolve, reject, owner, timer });
        owner.worker.postMessage({ id, request });
      });
    },
    size() {
      return workers?.length ?? 0;
    },
  };
}

/**
 * The worker side of `createWorkerPool`: answers each request with `handle`'s result or its error message. Does
 * nothing outside a pool worker (imported on the main thread, or in a thread someone else started).
 */
export function serveWorkerRequests<Request, Result>(handle: (request: Request) => Promise<Result> | Result): void {
  if (workerData !== POOL_MARK) return;
  parentPort?.on("message", ({ id, request }: { id: number; request: Request }) => {
    Promise.resolve()
      .then(() => handle(request))
      .then(
        (result) => parentPort?.postMessage({ id, ok: true, result } satisfies Reply<Result>),
        (error: unknown) => parentPort?.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies Reply<Result>),
      );
  });
}
