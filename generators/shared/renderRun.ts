import type { NamedSchema } from "../../src/ir/types.js";
import type { NameTable } from "../../src/naming/NameTable.js";
import { renderMemoEnabled } from "./pieceMemo.js";

/**
 * What a memoized piece of output read besides the IR objects it is keyed by: the type names it asked the NameTable
 * for, and the named schemas it looked up by name (undefined when the name was missing). The piece is reused by a
 * later run only if that run answers every one of them the same (same string, same `NamedSchema` object).
 */
export interface PieceDeps {
  types: Map<string, string>;
  schemas: Map<string, NamedSchema | undefined>;
  /**
   * The last `RenderRun.epoch` in which these reads were known to give the recorded answers (set when recorded or
   * checked; never set on deps changed afterwards). Absent: check them entry by entry.
   */
  epoch?: number;
}

/**
 * Per NameTable, the named schemas by name of the last run made with it, and that run's epoch. Two runs share an
 * epoch only when they have the very same NameTable object and the same `NamedSchema` object under every name: they
 * then answer every read a piece can record (`schemaType(name)`, `schemas.get(name)`) the same way, so deps known to
 * hold in one hold in the other. This relies on a NameTable never changing its answers once made (`resolveNames`
 * builds it from maps it never touches again, and hands the same object back only when no name changed).
 */
const epochs = new WeakMap<NameTable, { schemas: ReadonlyMap<string, NamedSchema>; epoch: number }[]>();
/** Schema sets kept per NameTable (a render makes runs with one table and different sets, e.g. none). */
const MAX_EPOCHS_PER_TABLE = 4;
let epochCount = 0;

function sameSchemas({ a, b }: { a: ReadonlyMap<string, NamedSchema>; b: ReadonlyMap<string, NamedSchema> }): boolean {
  if (a.size !== b.size) return false;
  // `Map.prototype.get`: a RecordingSchemaIndex's own `get` would record the lookup.
  for (const [name, schema] of a) if (Map.prototype.get.call(b, name) !== schema) return false;
  return true;
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
 * One render's context for memoized pieces (`memoPiece`): the NameTable (a new object each run: pieces compare the
 * strings they used), the named schemas by name, and the database-filled properties (`modelSchemas`), which pieces
 * that read them declare as an input.
 * `reuse` is false when the run cannot trust name lookups (two named schemas with one name): pieces are recomputed.
 */
export class RenderRun {
  readonly names: NameTable;
  readonly schemas: RecordingSchemaIndex;
  readonly forcedReadOnly: ReadonlySet<string>;
  readonly reuse: boolean;
  /** Runs with one epoch answer every recorded read the same way (see `epochs`): deps stamped with it hold as they are. */
  readonly epoch: number;
  private recorder: PieceDeps | undefined = undefined;

  constructor({ names, schemas, forcedReadOnly }: { names: NameTable; schemas: readonly NamedSchema[]; forcedReadOnly: ReadonlySet<string> }) {
    this.names = names;
    this.schemas = new RecordingSchemaIndex(schemas.map((s) => [s.name, s]));
    this.forcedReadOnly = forcedReadOnly;
    this.reuse = this.schemas.size === schemas.length && renderMemoEnabled();
    const known = epochs.get(names) ?? [];
    const same = known.find((k) => sameSchemas({ a: this.schemas, b: k.schemas }));
    if (same) this.epoch = same.epoch;
    else {
      this.epoch = ++epochCount;
      known.push({ schemas: this.schemas, epoch: this.epoch });
      if (known.length > MAX_EPOCHS_PER_TABLE) known.shift();
      epochs.set(names, known);
    }
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
      const value = compute();
      // Everything recorded was answered by this run (reused inner pieces' deps are copied in only once they held).
      deps.epoch = this.epoch;
      return { value, deps };
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
    if (deps.epoch !== this.epoch) {
      try {
        for (const [name, resolved] of deps.types) if (this.names.schemaType(name) !== resolved) return false;
      } catch {
        return false; // a name this run does not have: recomputing reports it as a fresh run would
      }
      for (const [name, named] of deps.schemas) if (Map.prototype.get.call(this.schemas, name) !== named) return false;
      deps.epoch = this.epoch;
    }
    // A reused piece's reads count for an enclosing piece being computed.
    if (this.recorder) {
      for (const [k, v] of deps.types) this.recorder.types.set(k, v);
      for (const [k, v] of deps.schemas) this.recorder.schemas.set(k, v);
    }
    return true;
  }
}

/** Empty dependencies (a piece that reads nothing by name). */
export function noDeps(): PieceDeps {
  return { types: new Map(), schemas: new Map() };
}

/**
 * Names for a run made without a NameTable (validation schemas and validator units print no type names): every name
 * is itself. One object, so that such runs share an epoch.
 */
export const noNames: NameTable = {
  schemaType: (name) => name,
  model: () => ({ type: "", variable: "", plural: "", file: "" }),
  operation: () => ({ handler: "", type: "", file: "", group: { tag: undefined, file: "", type: "" } }),
  enumType: (name) => name,
  securityScheme: () => ({ verifier: "", file: "" }),
};
