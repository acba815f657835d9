import type { NamedSchema, Operation } from "../../ir/types.js";
import type { ReadContext, SpecVersion } from "./ReadContext.js";
import type { Cursor } from "./SpecFile.js";
import { clearRegistrationMemo } from "./readNamedSchemas.js";
import { dependenciesHold, distinctDependencies, newRecording, replayEvents, type Recording } from "./ReadRecording.js";

/** A read kept for the next run: where it was read, what it depended on and did, and what it gave. */
interface UnitEntry<T> {
  fileKey: string;
  file: string;
  pointer: string;
  /** Everything else the caller's result depends on, as one string (schema name; path and security scheme names). */
  extra: string;
  version: SpecVersion;
  recording: Recording;
  result: T;
}

/** Reads kept per raw object; a few per object, as one raw object can be read at several places (YAML aliases). */
type UnitMemo<T> = WeakMap<object, UnitEntry<T>[]>;

const MAX_ENTRIES_PER_OBJECT = 4;

/** The entries of an object read for the first time (never changed: `filter` below makes a new array). */
const noEntries: readonly never[] = [];

/** Component schemas (`readNamedSchemas`) and path items (`readPathItem`) of earlier runs, keyed by their raw objects. */
export let schemaUnits: UnitMemo<NamedSchema> = new WeakMap();
export let pathItemUnits: UnitMemo<Operation[]> = new WeakMap();

/** Counts of the reads of the process, for measurements. */
export const readerMemoStats = { reused: 0, read: 0, notReusable: 0 };

/** Forgets every kept read (tests compare memoized results with fresh ones). */
export function clearReaderMemo(): void {
  clearRegistrationMemo();
  schemaUnits = new WeakMap();
  pathItemUnits = new WeakMap();
}

/**
 * Reads one unit (a named schema or a path item), or gives the very same result as an earlier run when the unit's raw
 * object is the same object, read at the same place with the same `extra` and spec version, and every dependency
 * recorded then (each `$ref` followed, component names, hoisted locations, root members looked at) still holds; what
 * the read did to the run (diagnostics, cache entries, referenced operations) is then replayed. A unit that touched
 * hoisting or discriminator completion (see `Recording.reusable`) is read every time.
 */
export function memoizedUnit<T>({ ctx, units, cursor, extra, read }: { ctx: ReadContext; units: UnitMemo<T>; cursor: Cursor; extra: string; read: () => T }): T {
  const raw = cursor.value;
  if (typeof raw !== "object" || raw === null || ctx.recording) return read();
  const entries = units.get(raw) ?? noEntries;
  // A loop, not `find`: no closure per unit and run (this runs for every path item and named schema).
  let match: UnitEntry<T> | undefined;
  for (const e of entries) {
    if (e.version === ctx.version && e.fileKey === cursor.file.key && e.file === cursor.file.file && e.pointer === cursor.pointer && e.extra === extra) {
      match = e;
      break;
    }
  }
  if (match && dependenciesHold({ ctx, deps: match.recording.deps })) {
    readerMemoStats.reused++;
    replayEvents({ ctx, events: match.recording.events });
    return match.result;
  }
  const recording = newRecording();
  ctx.recording = recording;
  let result: T;
  try {
    result = read();
  } finally {
    ctx.recording = undefined;
  }
  recording.entries = undefined;
  recording.deps = distinctDependencies(recording.deps);
  readerMemoStats.read++;
  const kept = entries.filter((e) => e !== match);
  if (recording.reusable) {
    kept.push({ fileKey: cursor.file.key, file: cursor.file.file, pointer: cursor.pointer, extra, version: ctx.version, recording, result });
    if (kept.length > MAX_ENTRIES_PER_OBJECT) kept.shift();
  } else readerMemoStats.notReusable++;
  if (kept.length > 0) units.set(raw, kept);
  else units.delete(raw);
  return result;
}
