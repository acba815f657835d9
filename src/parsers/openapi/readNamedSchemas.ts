import path from "node:path";
import type { JsonValue, NamedSchema, SchemaNode } from "../../ir/types.js";
import { childCursor, sourceOf, type ReadContext } from "./ReadContext.js";
import { cursorKey, type Cursor, type SpecFile } from "./SpecFile.js";
import { isRecord, splitPointer } from "./jsonPointer.js";
import { readSchema } from "./readSchema.js";
import { refOf, resolveRef } from "./resolveRef.js";
import { namedAt, recordRef } from "./ReadRecording.js";
import { memoizedUnit, schemaUnits } from "./readerMemo.js";
import { defsRef, toJsonSchema } from "./toJsonSchema.js";

export interface ComponentSchema {
  name: string;
  cursor: Cursor;
}

function componentSchemaMap({ file, version }: { file: SpecFile; version: ReadContext["version"] }): { segments: string[]; map: Record<string, unknown> } | undefined {
  const root = file.value;
  if (!isRecord(root)) return undefined;
  if (version === "2.0") return isRecord(root.definitions) ? { segments: ["definitions"], map: root.definitions } : undefined;
  if (isRecord(root.components) && isRecord(root.components.schemas)) return { segments: ["components", "schemas"], map: root.components.schemas };
  return undefined;
}

/**
 * Registers the named schemas: the root's `components/schemas` (Swagger: `definitions`), then those of other files
 * that have such a section (sorted by file; a taken name gets a numeric suffix). A component that is only a `$ref`
 * also claims its target, so a direct `$ref` to `Pet.yaml` reads as the component `Pet` that points there.
 */
export function registerComponentSchemas({ ctx }: { ctx: ReadContext }): ComponentSchema[] {
  const others = [...ctx.files.values()].filter((f) => f !== ctx.root).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const files = [ctx.root, ...others];
  const sections = files.map((file) => componentSchemaMap({ file, version: ctx.version }));
  const entries: ComponentSchema[] = [];
  const last = lastRegistration;
  if (last && sameRegistrationInput({ ctx, last, files, sections })) {
    // The names and places below depend only on what `sameRegistrationInput` compared: replayed, not recomputed.
    for (const { fileIndex, key, name, pointer, location } of last.registered) {
      const file = files[fileIndex] as SpecFile;
      const map = sections[fileIndex]?.map ?? {};
      ctx.namedNames.add(name);
      ctx.namedByLocation.set(location, name);
      entries.push({ name, cursor: { file, pointer, value: map[key] } });
    }
  } else {
    const registered: Registration["registered"] = [];
    for (const [fileIndex, file] of files.entries()) {
      const section = sections[fileIndex];
      if (!section) continue;
      const base: Cursor = { file, pointer: "", value: file.value };
      for (const key of Object.keys(section.map).sort()) {
        let name = key;
        for (let n = 2; ctx.namedNames.has(name); n++) name = `${key}${n}`;
        ctx.namedNames.add(name);
        const cursor = childCursor({ cursor: base, segments: [...section.segments, key] });
        const location = cursorKey(cursor);
        ctx.namedByLocation.set(location, name);
        entries.push({ name, cursor });
        registered.push({ fileIndex, key, name, pointer: cursor.pointer, location });
      }
    }
    lastRegistration = { version: ctx.version, files: files.map((f) => ({ key: f.key, file: f.file })), maps: sections.map((s) => s?.map), registered };
  }
  for (const entry of entries) {
    const target = finalTarget({ ctx, cursor: entry.cursor });
    if (target && !ctx.namedByLocation.has(cursorKey(target))) ctx.namedByLocation.set(cursorKey(target), entry.name);
  }
  return entries;
}

/** The component schemas registered by the last read, and everything their names and places were made from. */
interface Registration {
  version: ReadContext["version"];
  files: { key: string; file: string }[];
  /** Each file's `components/schemas` (`definitions`) object, by identity: parsed values are never changed. */
  maps: (Record<string, unknown> | undefined)[];
  registered: { fileIndex: number; key: string; name: string; pointer: string; location: string }[];
}

/**
 * Registration is a function of the spec version, the files in order (key and shown name), and the member names of
 * each file's component schema section, read into empty name tables. When every section is the very same object as
 * last time (an edit elsewhere: the loader shares unchanged subtrees), its member names are the same, and so are the
 * names and locations given. (Only the component schemas that are `$ref`s are then followed again, by the caller.)
 */
let lastRegistration: Registration | undefined;

function sameRegistrationInput({ ctx, last, files, sections }: { ctx: ReadContext; last: Registration; files: SpecFile[]; sections: ({ map: Record<string, unknown> } | undefined)[] }): boolean {
  if (last.version !== ctx.version || ctx.namedNames.size !== 0 || ctx.namedByLocation.size !== 0 || last.files.length !== files.length) return false;
  for (const [i, file] of files.entries()) {
    const then = last.files[i];
    if (!then || then.key !== file.key || then.file !== file.file || last.maps[i] !== sections[i]?.map) return false;
  }
  return true;
}

/** Forgets the last registration (with the other reader memos). */
export function clearRegistrationMemo(): void {
  lastRegistration = undefined;
}

function finalTarget({ ctx, cursor }: { ctx: ReadContext; cursor: Cursor }): Cursor | undefined {
  let current = cursor;
  for (let hops = 0; hops < 64; hops++) {
    const ref = refOf(current.value);
    if (ref === undefined) return current === cursor ? undefined : current;
    const step = resolveRef({ files: ctx.files, from: current.file, ref });
    if (!step.ok) return undefined;
    current = step.cursor;
  }
  return undefined;
}

/** A named schema's body: follows its own `$ref` chain to where the schema really is (an alias stays a `ref`). */
function readBody({ ctx, name, cursor }: { ctx: ReadContext; name: string; cursor: Cursor }): { node: SchemaNode; json: JsonValue; at: Cursor } {
  let current = cursor;
  for (let hops = 0; hops < 64; hops++) {
    const ref = refOf(current.value);
    if (ref === undefined) break;
    const step = resolveRef({ files: ctx.files, from: current.file, ref });
    if (!step.ok) {
      recordRef({ ctx, from: current.file, ref, result: step, locationOnly: true });
      break;
    }
    const other = namedAt({ ctx, key: cursorKey(step.cursor) });
    // An alias of another named schema stays a reference to it: only the target's place matters.
    recordRef({ ctx, from: current.file, ref, result: step, locationOnly: other !== undefined && other !== name });
    if (other !== undefined && other !== name) {
      return { node: readSchema({ ctx, cursor }), json: toJsonSchema({ ctx, cursor }), at: cursor };
    }
    current = step.cursor;
  }
  return { node: readSchema({ ctx, cursor: current }), json: toJsonSchema({ ctx, cursor: current }), at: current };
}

function modelHintOf(...values: unknown[]): string | undefined {
  for (const value of values) if (isRecord(value) && typeof value["x-vx-model"] === "string") return value["x-vx-model"];
  return undefined;
}

/** Reads the component schemas, then the hoisted ones (until no new cycle is found), names the hoisted ones, sorted by name. */
export function readNamedSchemas({ ctx, components }: { ctx: ReadContext; components: ComponentSchema[] }): NamedSchema[] {
  const result: NamedSchema[] = [];
  for (const { name, cursor } of components) result.push(memoizedUnit({ ctx, units: schemaUnits, cursor, extra: name, read: () => readNamedSchema({ ctx, name, cursor }) }));
  return result;
}

/** One component schema (reused from the previous run when nothing it depends on changed: see `memoizedUnit`). */
function readNamedSchema({ ctx, name, cursor }: { ctx: ReadContext; name: string; cursor: Cursor }): NamedSchema {
  const body = readBody({ ctx, name, cursor });
  const named: NamedSchema = { kind: "namedSchema", name, schema: body.node, jsonSchema: body.json, source: sourceOf(body.at) };
  const hint = modelHintOf(body.at.value, cursor.value);
  if (hint !== undefined) named.modelHint = hint;
  if (isRecord(cursor.value) && cursor.value["x-vx-auth"] === "user") named.authRole = "user";
  return named;
}

/** Reads the bodies of hoisted schemas not read yet (reading may hoist more; repeats until none is left). */
export function readHoistedSchemas({ ctx }: { ctx: ReadContext }): NamedSchema[] {
  const done = new Map<string, NamedSchema>();
  for (;;) {
    const pending = [...ctx.hoisted.keys()].filter((k) => !done.has(k)).sort();
    if (pending.length === 0) break;
    for (const key of pending) {
      const hoisted = ctx.hoisted.get(key);
      if (!hoisted) continue;
      ctx.inlineStack.add(key);
      ctx.jsonStack.add(key);
      const schema = readSchema({ ctx, cursor: hoisted.cursor });
      const jsonSchema = toJsonSchema({ ctx, cursor: hoisted.cursor });
      ctx.inlineStack.delete(key);
      ctx.jsonStack.delete(key);
      const named: NamedSchema = { kind: "namedSchema", name: "", schema, jsonSchema, source: sourceOf(hoisted.cursor) };
      const hint = modelHintOf(hoisted.cursor.value);
      if (hint !== undefined) named.modelHint = hint;
      done.set(key, named);
    }
  }
  nameHoistedSchemas({ ctx });
  for (const { entry, node, implicit } of ctx.pendingMappings) {
    entry.schema = node.name;
    if (implicit) entry.value = node.name;
  }
  for (const [key, named] of done) named.name = ctx.hoisted.get(key)?.name ?? "";
  return [...done.values()];
}

const structuralSegments = new Set([
  "properties",
  "items",
  "schema",
  "schemas",
  "allOf",
  "oneOf",
  "anyOf",
  "not",
  "additionalProperties",
  "content",
  "responses",
  "parameters",
  "requestBody",
  "prefixItems",
  "patternProperties",
]);

function identifierPart(text: string): string {
  return text.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
}

/**
 * Names the hoisted schemas from their location only (never encounter order): the last meaningful pointer segment,
 * or the file's base name for a whole-file schema; on a collision the file name is prefixed, then a number added.
 * Locations are taken in sorted order, so the same spec always gives the same names.
 */
export function nameHoistedSchemas({ ctx }: { ctx: ReadContext }): void {
  for (const key of [...ctx.hoisted.keys()].sort()) {
    const hoisted = ctx.hoisted.get(key);
    if (!hoisted || hoisted.name !== undefined) continue;
    const fileBase = identifierPart(path.basename(hoisted.cursor.file.file).replace(/\.[^.]*$/, "")) || "Schema";
    const segments = splitPointer(hoisted.cursor.pointer) ?? [];
    const meaningful = [...segments].reverse().find((s) => !structuralSegments.has(s) && !/^\d+$/.test(s) && !s.includes("/"));
    const last = meaningful === undefined ? fileBase : identifierPart(meaningful) || fileBase;
    const candidates = [last, `${fileBase}_${last}`];
    let name = candidates.find((c) => !ctx.namedNames.has(c));
    for (let n = 2; name === undefined; n++) if (!ctx.namedNames.has(`${candidates[1]}${n}`)) name = `${candidates[1]}${n}`;
    ctx.namedNames.add(name);
    hoisted.name = name;
    for (const node of hoisted.refNodes) node.name = name;
    for (const ref of hoisted.jsonRefs) ref.$ref = defsRef(name).$ref;
  }
}
