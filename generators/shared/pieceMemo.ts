/** A memo of pieces (see `memoPiece`): counted and cleared with the others. */
export interface RegisteredMemo {
  readonly kind: string;
  hits: number;
  misses: number;
  clear(): void;
}

const memos: RegisteredMemo[] = [];
let memoDisabled = false;

/** Adds a memo to those `clearRenderMemo` clears and `renderMemoStats` counts (`memoPiece` does it). */
export function registerMemo(memo: RegisteredMemo): void {
  memos.push(memo);
}

const clearHooks: (() => void)[] = [];

/** Forgets every memoized piece (the next render computes everything, as a fresh process would). */
export function clearRenderMemo(): void {
  for (const memo of memos) memo.clear();
  for (const hook of clearHooks) hook();
}

/** `forget` runs on `clearRenderMemo` (for memos that are not made by `memoPiece`). */
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

