import type { NamedSchema } from "../../src/ir/types.js";
import type { NameTable } from "../../src/naming/NameTable.js";

/**
 * What a memoized piece of output read besides the IR objects it is keyed by: the type names it asked the NameTable
 * for, and the named schemas it looked up by name (undefined when the name was missing). The piece is reused by a
 * later run only if that run answers every one of them the same (same string, same `NamedSchema` object).
 */
export interface PieceDeps {
  types: Map<string, string>;
  schemas: Map<string, NamedSchema | undefined>;
}

/** The run's named schemas by name; while a piece is computed, every lookup is recorded as its dependency. */
export class RecordingSchemaIndex extends Map<string, NamedSchema> {
  recorder: PieceDeps | undefined = undefined;

  override get(name: string): NamedSchema | undefined {
    const found = super.get(name);
    this.recorder?.schemas.set(name, found);
    return found;
  }
}

/**
 * One render's context for memoized pieces: the NameTable (a new object each run: pieces compare the strings they
 * used), the named schemas by name, and `forcedKey`, the database-filled properties (`modelSchemas`) as one string.
 * `reuse` is false when the run cannot trust name lookups (two named schemas with one name): pieces are recomputed.
 */
export class RenderRun {
  readonly names: NameTable;
  readonly schemas: RecordingSchemaIndex;
  readonly forcedReadOnly: ReadonlySet<string>;
  readonly forcedKey: string;
  readonly reuse: boolean;
  private recorder: PieceDeps | undefined = undefined;

  constructor({ names, schemas, forcedReadOnly }: { names: NameTable; schemas: readonly NamedSchema[]; forcedReadOnly: ReadonlySet<string> }) {
    this.names = names;
    this.schemas = new RecordingSchemaIndex(schemas.map((s) => [s.name, s]));
    this.forcedReadOnly = forcedReadOnly;
    this.forcedKey = [...forcedReadOnly].sort().join("\n");
    this.reuse = this.schemas.size === schemas.length && !memoDisabled;
  }

  /** `names.schemaType`, recorded as a dependency of the piece being computed. */
  schemaType = (name: string): string => {
    const resolved = this.names.schemaType(name);
    this.recorder?.types.set(name, resolved);
    return resolved;
  };

  /** Runs `compute` recording what it reads (nested pieces' reads count for the outer piece too). */
  record<T>(compute: () => T): { value: T; deps: PieceDeps } {
    const outer = this.recorder;
    const deps: PieceDeps = { types: new Map(), schemas: new Map() };
    this.recorder = deps;
    this.schemas.recorder = deps;
    try {
      return { value: compute(), deps };
    } finally {
      this.recorder = outer;
      this.schemas.recorder = outer;
      if (outer) {
        for (const [k, v] of deps.types) outer.types.set(k, v);
        for (const [k, v] of deps.schemas) outer.schemas.set(k, v);
      }
    }
  }

  /** Whether this run answers everything `deps` recorded the same way. */
  holds(deps: PieceDeps): boolean {
    try {
      for (const [name, resolved] of deps.types) if (this.names.schemaType(name) !== resolved) return false;
    } catch {
      return false; // a name this run does not have: recomputing reports it as a fresh run would
    }
    for (const [name, named] of deps.schemas) if (Map.prototype.get.call(this.schemas, name) !== named) return false;
    // A reused piece's reads count for an enclosing piece being computed.
    if (this.recorder) {
      for (const [k, v] of deps.types) this.recorder.types.set(k, v);
      for (const [k, v] of deps.schemas) this.recorder.schemas.set(k, v);
    }
    return true;
  }
}

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

/** Empty dependencies (a piece that reads nothing by name). */
export function noDeps(): PieceDeps {
  return { types: new Map(), schemas: new Map() };
}
