import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let fullGc: (() => void) | null | undefined;

/**
 * V8's full garbage collection, when this Node lets a running process have it (the `--expose-gc` flag set at run
 * time, then `gc` taken from a fresh context, as test runners do to report heap use); null otherwise.
 */
function collector(): (() => void) | null {
  if (fullGc !== undefined) return fullGc;
  try {
    setFlagsFromString("--expose-gc");
    const gc: unknown = runInNewContext("gc");
    fullGc = typeof gc === "function" ? () => (gc as () => void)() : null;
  } catch {
    fullGc = null;
  }
  return fullGc;
}

/**
 * Collects garbage while a long-lived process waits. A `watch` run on a large spec leaves ~100 MB behind (the previous
 * run's output and parsed values); left alone, V8 marks the whole heap during the next run, adding 80-110 ms of
 * marking on GitHub's spec to the latency of that save. Collected `delayMs` after a run instead, when nothing happens,
 * the next run starts with a clean heap. `schedule` after each run; `cancel` as soon as something starts. `collect`
 * replaces V8's collection (tests count the calls).
 */
export function createIdleCollector({ delayMs, collect }: { delayMs: number; collect?: () => void }): { schedule: () => void; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const cancel = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  return {
    schedule: () => {
      cancel();
      const gc = collect ?? collector();
      if (!gc) return;
      timer = setTimeout(() => {
        timer = undefined;
        gc();
      }, delayMs);
      timer.unref();
    },
    cancel,
  };
}
