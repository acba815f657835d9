import type { NamedSchema } from "../../src/ir/types.js";
import { registerMemo, renderMemoEnabled } from "./pieceMemo.js";
import { noDeps, type PieceDeps, type RenderRun } from "./renderRun.js";

/**
 * A value a piece is made from. Compared with the previous run's by the seam, never by a hand-built key:
 * - strings, numbers, booleans, undefined, null: by value;
 * - a `Set` or `Map`: by content (same size, same members; a map's values compared by these rules);
 * - an array: element by element (by these rules);
 * - any other object (IR objects, views, name records): by identity. A fresh object each run is always a miss (slow,
 *   never stale): build such inputs once (views are memoized) or pass the plain values they hold.
 */
export type PieceInput = string | number | boolean | undefined | null | object;

/** Everything a piece is made from, by name: its render sees these and nothing else. */
export type PieceInputs = Readonly<Record<string, PieceInput>>;

/**
 * What a render may look up by name besides its inputs. Each lookup is recorded as a dependency of the piece: it is
 * reused only while a later run answers every lookup the same way (see `RenderRun`).
 */
export interface PieceReads {
  /** The TypeScript type name of a named schema. */
  schemaType(name: string): string;
  /** The run's named schemas by name (never changed by a render). */
  schemas: Map<string, NamedSchema>;
}

interface Entry<I, V> {
  inputs: I;
  value: V;
  deps: PieceDeps;
}

/** Pairs of Sets/Maps already found equal (forcedReadOnly is one object per run, compared by thousands of pieces). */
const equalPairs = new WeakMap<object, object>();

function sameCollection({ a, b }: { a: object; b: object }): boolean {
  if (equalPairs.get(a) === b) return true;
  let same = false;
  if (a instanceof Set && b instanceof Set) same = a.size === b.size && [...a].every((x) => b.has(x));
  else if (a instanceof Map && b instanceof Map) same = a.size === b.size && [...a].every(([k, v]) => b.has(k) && sameInput({ a: v, b: b.get(k) }));
  if (same) equalPairs.set(a, b);
  return same;
}

/** Whether two values of one input stand for the same thing (see `PieceInput`). */
export function sameInput({ a, b }: { a: unknown; b: unknown }): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameInput({ a: x, b: b[i] }));
  return sameCollection({ a, b });
}

function sameInputs<I extends PieceInputs>({ a, b }: { a: I; b: I }): boolean {
  for (const name of Object.keys(b)) if (!sameInput({ a: a[name], b: b[name] })) return false;
  return Object.keys(a).length === Object.keys(b).length;
}

/** The reads of a piece rendered without a run: it may look nothing up by name. */
function noReads(name: string): PieceReads {
  const refuse = (): never => {
    throw new Error(`piece "${name}" looked a name up but was rendered without a RenderRun: pass the run`);
  };
  return { schemaType: refuse, schemas: new Proxy(new Map<string, NamedSchema>(), { get: refuse }) };
}

/** Names of pieces defined so far: a piece is defined once, at module level (a render then closes over nothing per call). */
const definedNames = new Set<string>();

interface PieceCall<I> {
  inputs: I;
  /** The render's run: its name lookups are recorded. Without it the piece must look nothing up by name. */
  run?: RenderRun | undefined;
}

/**
 * The remembered pieces of one kind, by the input named `key`: an object (IR, view) in a WeakMap (entries go with the
 * IR), a plain value (a file path) in a Map (one entry per value: use plain keys only for a few big pieces).
 */
class PieceStore<I extends PieceInputs, V> {
  private byObject = new WeakMap<object, Entry<I, V>>();
  private byValue = new Map<PieceInput, Entry<I, V>>();
  hits = 0;
  misses = 0;

  constructor(
    readonly kind: string,
    private readonly key: keyof I & string,
  ) {
    if (definedNames.has(kind)) throw new Error(`piece "${kind}" is defined twice: define each piece once, at module level`);
    definedNames.add(kind);
    registerMemo(this);
  }

  private entry(inputs: I): Entry<I, V> | undefined {
    const anchor = inputs[this.key];
    return typeof anchor === "object" && anchor !== null ? this.byObject.get(anchor) : this.byValue.get(anchor);
  }

  private store({ inputs, entry }: { inputs: I; entry: Entry<I, V> }): void {
    const anchor = inputs[this.key];
    if (typeof anchor === "object" && anchor !== null) this.byObject.set(anchor, entry);
    else this.byValue.set(anchor, entry);
  }

  /** The remembered value if every input is the same and every recorded lookup still holds (in a box: V may be undefined). */
  known({ inputs, run }: PieceCall<I>): { value: V } | undefined {
    if (!(run ? run.reuse : renderMemoEnabled())) return undefined;
    const entry = this.entry(inputs);
    if (!entry || !sameInputs({ a: entry.inputs, b: inputs })) return undefined;
    if (!(run ? run.holds(entry.deps) : entry.deps.types.size === 0 && entry.deps.schemas.size === 0)) return undefined;
    this.hits++;
    return { value: entry.value };
  }

  /** Remembers a value made from `inputs` with the lookups it made (`deps`). */
  remember({ inputs, run, value, deps }: PieceCall<I> & { value: V; deps: PieceDeps }): void {
    this.misses++;
    if (run ? run.reuse : renderMemoEnabled()) this.store({ inputs, entry: { inputs, value, deps } });
  }

  /** Counted as computed, nothing remembered (the memo is off for this run). */
  computed(): void {
    this.misses++;
  }

  clear(): void {
    this.byObject = new WeakMap();
    this.byValue = new Map();
    this.hits = 0;
    this.misses = 0;
  }
}

/** A memoized piece: call it with its inputs (and the run whose lookups it records). */
export type Piece<I extends PieceInputs, V> = (call: PieceCall<I>) => V;

/**
 * THE way to memoize a piece of output. `render` is pure: it sees its declared `inputs` and the run's recorded
 * lookups (`PieceReads`), nothing else; the piece is reused while every input is the same (compared by the seam, see
 * `PieceInput`) and every lookup gives the same answer. `key` names the input entries are kept by (an IR object
 * or view, see `PieceStore`).
 * Define pieces at module level (defining one twice throws).
 */
export function memoPiece<I extends PieceInputs, V>({ name, key, render }: { name: string; key: keyof I & string; render: (inputs: I, reads: PieceReads) => V }): Piece<I, V> {
  const store = new PieceStore<I, V>(name, key);
  return ({ inputs, run }) => {
    if (!(run ? run.reuse : renderMemoEnabled())) {
      store.computed();
      return render(inputs, run ?? noReads(name));
    }
    const known = store.known({ inputs, run });
    if (known) return known.value;
    if (!run) {
      const value = render(inputs, noReads(name));
      store.remember({ inputs, value, deps: noDeps() });
      return value;
    }
    const { value, deps } = run.record(() => render(inputs, run));
    store.remember({ inputs, run, value, deps });
    return value;
  };
}

/**
 * A memo for a piece made asynchronously elsewhere (validators compiled in a worker pool): `known` answers from the
 * declared inputs as `memoPiece` does; `remember` stores the value with the lookups it depended on.
 */
export interface PieceSlot<I extends PieceInputs, V> {
  known(call: PieceCall<I>): { value: V } | undefined;
  remember(call: PieceCall<I> & { value: V; deps: PieceDeps }): void;
}

export function memoSlot<I extends PieceInputs, V>({ name, key }: { name: string; key: keyof I & string }): PieceSlot<I, V> {
  const store = new PieceStore<I, V>(name, key);
  return { known: (call) => store.known(call), remember: (call) => store.remember(call) };
}
