import { noDeps, type PieceDeps, type RenderRun } from "./renderRun.js";

interface Entry<V> {
  value: V;
  deps: PieceDeps;
  /** Plain values the piece read (options, variant, `forcedKey`...), as one string. */
  extra: string;
}

const memos: PieceMemo<object, unknown>[] = [];
let memoDisabled = false;

/**
 * Pieces of output by the IR object they were made from (a WeakMap: entries go with the IR), reused when the plain
 * values (`extra`) and the recorded reads (`deps`) are the same in this run. Counts hits and misses per kind.
 */
export class PieceMemo<K extends object, V> {
  readonly kind: string;
  private map = new WeakMap<K, Entry<V>>();
  hits = 0;
  misses = 0;

  constructor(kind: string) {
    this.kind = kind;
    memos.push(this as unknown as PieceMemo<object, unknown>);
  }

  /**
   * The value for `key`: reused when still valid, else computed (recording its reads) and remembered. Without `run`
   * the piece must read nothing by name: it is reused on `key` and `extra` alone.
   */
  get({ key, run, extra = "", compute }: { key: K; run?: RenderRun; extra?: string; compute: () => V }): V {
    // Nothing is remembered in this run: no reads to record either.
    if (!(run ? run.reuse : !memoDisabled)) {
      this.misses++;
      return compute();
    }
    const known = this.peek({ key, ...(run ? { run } : {}), extra });
    if (known !== undefined) return known.value;
    if (!run) {
      const value = compute();
      this.put({ key, extra, value, deps: noDeps() });
      return value;
    }
    const { value, deps } = run.record(compute);
    this.put({ key, run, extra, value, deps });
    return value;
  }

  /** The remembered value for `key` if still valid (in a box: the value may be undefined). */
  peek({ key, run, extra = "" }: { key: K; run?: RenderRun; extra?: string }): { value: V } | undefined {
    if (!(run ? run.reuse : !memoDisabled)) return undefined;
    const known = this.map.get(key);
    if (known && known.extra === extra && (run ? run.holds(known.deps) : known.deps.types.size === 0 && known.deps.schemas.size === 0)) {
      this.hits++;
      return { value: known.value };
    }
    return undefined;
  }

  /** Remembers a value computed elsewhere (async work) with what it read. */
  put({ key, run, extra = "", value, deps }: { key: K; run?: RenderRun; extra?: string; value: V; deps: PieceDeps }): void {
    this.misses++;
    if (run ? run.reuse : !memoDisabled) this.map.set(key, { value, deps, extra });
  }

  clear(): void {
    this.map = new WeakMap();
    this.hits = 0;
    this.misses = 0;
  }
}

const clearHooks: (() => void)[] = [];

/** Forgets every memoized piece (the next render computes everything, as a fresh process would). */
export function clearRenderMemo(): void {
  for (const memo of memos) memo.clear();
  for (const hook of clearHooks) hook();
}

/** `forget` runs on `clearRenderMemo` (for memos that are not a `PieceMemo`). */
export function onClearRenderMemo(forget: () => void): void {
  clearHooks.push(forget);
}

/** Whether renders may reuse pieces (see `setRenderMemoEnabled`). */
export function renderMemoEnabled(): boolean {
  return !memoDisabled;
}

/** Renders compute every piece while disabled (for tests comparing with a fresh render). */
export function setRenderMemoEnabled(enabled: boolean): void {
  memoDisabled = !enabled;
}

/** Hits and misses per kind of piece since the last `clearRenderMemo`. */
export function renderMemoStats(): Record<string, { hits: number; misses: number }> {
  const out: Record<string, { hits: number; misses: number }> = {};
  for (const memo of memos) {
    const prev = out[memo.kind] ?? { hits: 0, misses: 0 };
    out[memo.kind] = { hits: prev.hits + memo.hits, misses: prev.misses + memo.misses };
  }
  return out;
}

