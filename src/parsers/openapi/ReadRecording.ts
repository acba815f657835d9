import type { Diagnostic } from "../../ir/types.js";
import type { ReadContext } from "./ReadContext.js";
import type { SpecFile } from "./SpecFile.js";
import { isRecord } from "./jsonPointer.js";
import { resolveRef, type ResolveRefResult } from "./resolveRef.js";

/** The caches a read shares between units (see `ReadContext`). */
export type CacheName = "inline" | "json" | "response" | "parameter";

/**
 * Where a `$ref` led: file (key and shown name), pointer and the raw value there (`locationOnly` when the read used
 * only the place, e.g. a reference to a component schema, which stays a `ref` whatever the schema says); or why it failed.
 */
type RefOutcome = { ok: true; fileKey: string; file: string; pointer: string; value: unknown; locationOnly: boolean } | { ok: false; code: string; message: string };

/** The answer a dependency gave in one run (`stamp` is the run's `ReadContext.stamp`), so shared ones are checked once. */
interface Checked {
  stamp?: number;
  held?: boolean;
}

/**
 * Something outside its own raw subtree that a read looked at. A reused result is valid only while every one of them
 * gives the same answer (raw values compared by identity: the loader shares unchanged subtrees between runs).
 * Within a run equal dependencies are one object (see `ReadContext.interned`).
 */
export type Dependency = (
  | { kind: "ref"; from: string; ref: string; outcome: RefOutcome }
  | { kind: "named"; key: string; name: string | undefined }
  | { kind: "hoisted"; key: string; hoisted: boolean }
  | { kind: "namedName"; name: string; taken: boolean }
  | { kind: "rootMember"; name: string; value: unknown }
  /** Everything a cache entry the read made or used depends on (checked once per run, however many reads share it). */
  | { kind: "entry"; recording: Recording }
) &
  Checked;

/** Something a read did to the shared state of the run, replayed in order when its result is reused. */
export type ReadEvent =
  | { kind: "report"; key: string; diagnostic: Diagnostic }
  /** A cache entry the read filled or used: a reused read puts it back when this run has not made it yet. */
  | { kind: "entry"; cache: CacheName; key: string; value: unknown; recording: Recording }
  | { kind: "referencedOperation"; fileKey: string; pointer: string };

/** What one read (a named schema, a path item, or a cache entry inside one) depended on and did. */
export interface Recording {
  deps: Dependency[];
  events: ReadEvent[];
  /**
   * False when the read touched what a reused result cannot stand for: hoisting (names given at the end of the run,
   * by mutation), discriminator mappings completed later, a cache entry made outside any recording, deep nesting.
   */
  reusable: boolean;
  /** Cache entries already among `deps` and `events` (each is recorded once per read). */
  entries?: Set<Recording> | undefined;
  /** For a cache entry: the run it was last checked in, the size of `hoisted` then (it only grows), the answer. */
  checked?: { stamp: number; hoisted: number; held: boolean };
  /** For a cache entry: the last run it was replayed in (or made in). */
  replayed?: number;
}

/** Nesting past which a read is not reused (cache entries read at another depth could be cut elsewhere; see MAX_SCHEMA_DEPTH). */
export const REUSE_DEPTH = 64;

export function newRecording(): Recording {
  return { deps: [], events: [], reusable: true };
}

/**
 * The dependencies of a finished recording without repeats (a read follows the same `$ref` or asks the same name many
 * times; each is then one interned object, and a cache entry's dependency is its recording): every later run walks
 * this list for each unit, and whether all of them hold does not depend on how often each is listed.
 */
export function distinctDependencies(deps: Dependency[]): Dependency[] {
  const seen = new Set<object>();
  const out: Dependency[] = [];
  for (const dep of deps) {
    const identity = dep.kind === "entry" ? dep.recording : dep;
    if (seen.has(identity)) continue;
    seen.add(identity);
    out.push(dep);
  }
  return out.length === deps.length ? deps : out;
}

export function markNotReusable(ctx: ReadContext): void {
  if (ctx.recording) ctx.recording.reusable = false;
}

function outcomeOf({ result, locationOnly }: { result: ResolveRefResult; locationOnly: boolean }): RefOutcome {
  return result.ok
    ? { ok: true, fileKey: result.cursor.file.key, file: result.cursor.file.file, pointer: result.cursor.pointer, value: locationOnly ? undefined : result.cursor.value, locationOnly }
    : { ok: false, code: result.code, message: result.message };
}

/** Records a `$ref` resolved with `resolveRef`, once the caller knows whether it used the value found or only the place. */
export function recordRef({ ctx, from, ref, result, locationOnly }: { ctx: ReadContext; from: SpecFile; ref: string; result: ResolveRefResult; locationOnly: boolean }): void {
  const recording = ctx.recording;
  if (!recording) return;
  // `resolveRef` gives one result object per referring file and `$ref` in a run: equal dependencies share it.
  const table = locationOnly ? ctx.interned.places : ctx.interned.refs;
  let dep = table.get(result);
  if (!dep) {
    dep = { kind: "ref", from: from.key, ref, outcome: outcomeOf({ result, locationOnly }), stamp: 0, held: false };
    table.set(result, dep);
  }
  recording.deps.push(dep);
}

/** `resolveRef` for a read: records the outcome (with the value found) as a dependency of the unit being read. */
export function resolveRecorded({ ctx, from, ref }: { ctx: ReadContext; from: SpecFile; ref: string }): ResolveRefResult {
  const result = resolveRef({ files: ctx.files, from, ref });
  recordRef({ ctx, from, ref, result, locationOnly: false });
  return result;
}

/** The name of the component schema at a location (recorded). */
export function namedAt({ ctx, key }: { ctx: ReadContext; key: string }): string | undefined {
  const recording = ctx.recording;
  if (!recording) return ctx.namedByLocation.get(key);
  // One lookup on the hot path: the interned dependency carries the name.
  let dep = ctx.interned.named.get(key);
  if (!dep) {
    dep = { kind: "named", key, name: ctx.namedByLocation.get(key), stamp: 0, held: false };
    ctx.interned.named.set(key, dep);
  }
  recording.deps.push(dep);
  return dep.kind === "named" ? dep.name : undefined;
}

/** Whether a location is hoisted (recorded). */
export function isHoisted({ ctx, key }: { ctx: ReadContext; key: string }): boolean {
  const hoisted = ctx.hoisted.has(key);
  ctx.recording?.deps.push({ kind: "hoisted", key, hoisted });
  return hoisted;
}

/** Whether a name is taken by a named schema (recorded). */
export function isNamedName({ ctx, name }: { ctx: ReadContext; name: string }): boolean {
  const taken = ctx.namedNames.has(name);
  ctx.recording?.deps.push({ kind: "namedName", name, taken });
  return taken;
}

/** A member of the root document (recorded: the root object itself is new whenever any part of it changed). */
export function rootMember({ ctx, name }: { ctx: ReadContext; name: string }): unknown {
  const value = isRecord(ctx.root.value) ? ctx.root.value[name] : undefined;
  const recording = ctx.recording;
  if (recording) {
    let dep = ctx.interned.rootMembers.get(name);
    if (!dep) {
      dep = { kind: "rootMember", name, value, stamp: 0, held: false };
      ctx.interned.rootMembers.set(name, dep);
    }
    recording.deps.push(dep);
  }
  return value;
}

function refHolds({ ctx, dep }: { ctx: ReadContext; dep: Extract<Dependency, { kind: "ref" }> }): boolean {
  const from = ctx.files.get(dep.from);
  if (!from) return false;
  const now = resolveRef({ files: ctx.files, from, ref: dep.ref });
  const then = dep.outcome;
  if (now.ok && then.ok) {
    const cursor = now.cursor;
    return (then.locationOnly || cursor.value === then.value) && cursor.pointer === then.pointer && cursor.file.key === then.fileKey && cursor.file.file === then.file;
  }
  if (!now.ok && !then.ok) return now.code === then.code && now.message === then.message;
  return false;
}

/** Whether a cache entry's dependencies hold, checked once per run (again if hoisting grew since: it only grows). */
function entryHolds({ ctx, recording }: { ctx: ReadContext; recording: Recording }): boolean {
  const checked = recording.checked;
  if (checked && checked.stamp === ctx.stamp && (!checked.held || checked.hoisted === ctx.hoisted.size)) return checked.held;
  const held = dependenciesHold({ ctx, deps: recording.deps });
  if (checked) {
    checked.stamp = ctx.stamp;
    checked.hoisted = ctx.hoisted.size;
    checked.held = held;
  } else recording.checked = { stamp: ctx.stamp, hoisted: ctx.hoisted.size, held };
  return held;
}

function dependencyHolds({ ctx, dep }: { ctx: ReadContext; dep: Dependency }): boolean {
  switch (dep.kind) {
    case "ref":
      return refHolds({ ctx, dep });
    case "named":
      return ctx.namedByLocation.get(dep.key) === dep.name;
    case "namedName":
      return ctx.namedNames.has(dep.name) === dep.taken;
    case "rootMember":
      return (isRecord(ctx.root.value) ? ctx.root.value[dep.name] : undefined) === dep.value;
    default:
      return false;
  }
}

/** Whether every dependency still gives the answer it gave when recorded. */
export function dependenciesHold({ ctx, deps }: { ctx: ReadContext; deps: readonly Dependency[] }): boolean {
  for (const dep of deps) {
    if (dep.kind === "hoisted") {
      // `hoisted` grows during a run: never taken from an earlier check.
      if (ctx.hoisted.has(dep.key) !== dep.hoisted) return false;
    } else if (dep.kind === "entry") {
      if (!entryHolds({ ctx, recording: dep.recording })) return false;
    } else if (dep.stamp === ctx.stamp) {
      if (!dep.held) return false;
    } else {
      const held = dependencyHolds({ ctx, dep });
      dep.stamp = ctx.stamp;
      dep.held = held;
      if (!held) return false;
    }
  }
  return true;
}

function cacheOf({ ctx, cache }: { ctx: ReadContext; cache: CacheName }): Map<string, unknown> {
  switch (cache) {
    case "inline":
      return ctx.inlineCache as Map<string, unknown>;
    case "json":
      return ctx.jsonCache as Map<string, unknown>;
    case "response":
      return ctx.responseCache as Map<string, unknown>;
    case "parameter":
      return ctx.parameterCache as Map<string, unknown>;
  }
}

/** Replays what a reused read did: its diagnostics (once per key, as `report` does), cache entries, referenced operations. */
export function replayEvents({ ctx, events }: { ctx: ReadContext; events: readonly ReadEvent[] }): void {
  for (const event of events) {
    if (event.kind === "report") {
      if (ctx.reported.has(event.key)) continue;
      ctx.reported.add(event.key);
      ctx.diagnostics.push({ ...event.diagnostic });
    } else if (event.kind === "entry") {
      if (event.recording.replayed === ctx.stamp) continue;
      event.recording.replayed = ctx.stamp;
      const cache = cacheOf({ ctx, cache: event.cache });
      if (cache.has(event.key)) continue;
      cache.set(event.key, event.value);
      ctx.entryRecordings[event.cache].set(event.key, event.recording);
      replayEvents({ ctx, events: event.recording.events });
    } else {
      const file = ctx.files.get(event.fileKey);
      if (file) ctx.referencedOperations.push({ file, pointer: event.pointer, value: undefined });
    }
  }
}

/** Starts recording a cache entry's read inside the current unit; returns the unit's recording (to pass to `closeEntry`). */
export function openEntry(ctx: ReadContext): Recording | undefined {
  const parent = ctx.recording;
  if (parent) ctx.recording = newRecording();
  return parent;
}

/**
 * Ends a cache entry's read: its dependencies become the unit's too; when the value was cached, the entry is kept
 * with its recording (so units that only hit it inherit its dependencies), else its events are the unit's own.
 */
export function closeEntry({ ctx, parent, cache, key, value, cached }: { ctx: ReadContext; parent: Recording | undefined; cache: CacheName; key: string; value: unknown; cached: boolean }): void {
  const own = ctx.recording;
  ctx.recording = parent;
  if (!parent || !own) return;
  own.entries = undefined;
  own.deps = distinctDependencies(own.deps);
  parent.deps.push({ kind: "entry", recording: own });
  if (!own.reusable) parent.reusable = false;
  if (cached) {
    own.replayed = ctx.stamp;
    ctx.entryRecordings[cache].set(key, own);
    (parent.entries ??= new Set()).add(own);
    parent.events.push({ kind: "entry", cache, key, value, recording: own });
  } else {
    for (const event of own.events) parent.events.push(event);
  }
}

/** A unit used a cache entry: it depends on what the entry depended on, and needs the entry if this run lacks it. */
export function recordHit({ ctx, cache, key, value }: { ctx: ReadContext; cache: CacheName; key: string; value: unknown }): void {
  const recording = ctx.recording;
  if (!recording) return;
  const entry = ctx.entryRecordings[cache].get(key);
  if (!entry) {
    recording.reusable = false;
    return;
  }
  const seen = (recording.entries ??= new Set());
  if (seen.has(entry)) return;
  seen.add(entry);
  recording.deps.push({ kind: "entry", recording: entry });
  if (!entry.reusable) recording.reusable = false;
  recording.events.push({ kind: "entry", cache, key, value, recording: entry });
}
