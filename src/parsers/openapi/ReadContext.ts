import type { Diagnostic, JsonValue, OpenApiSource, Parameter, RefSchema, Response, SchemaNode } from "../../ir/types.js";
import { createDiagnostic } from "../../diagnostics/createDiagnostic.js";
import type { DiagnosticCode } from "../../diagnostics/codes.js";
import type { Cursor, SpecFile } from "./SpecFile.js";
import { appendPointer, isRecord } from "./jsonPointer.js";
import type { CacheName, Dependency, Recording } from "./ReadRecording.js";
import type { ResolveRefResult } from "./resolveRef.js";

export type SpecVersion = "2.0" | "3.0" | "3.1";

/** A schema at a non-component location that is part of a cycle: it becomes a named schema (see `nameHoistedSchemas`). */
export interface HoistedSchema {
  cursor: Cursor;
  /** IR references to it, named once all hoisted schemas are known (names never depend on encounter order). */
  refNodes: RefSchema[];
  /** JSON Schema references to it (`{ $ref }` objects), completed the same way. */
  jsonRefs: { $ref: string }[];
  name?: string;
}

/** Shared state of one `readOpenApi` run. */
export interface ReadContext {
  files: ReadonlyMap<string, SpecFile>;
  root: SpecFile;
  version: SpecVersion;
  diagnostics: Diagnostic[];
  /** Location key (`cursorKey`) -> name of a component schema (`components/schemas`, `definitions`). */
  namedByLocation: Map<string, string>;
  namedNames: Set<string>;
  hoisted: Map<string, HoistedSchema>;
  /** Non-component locations being inlined right now (IR walk and JSON Schema walk), for cycle detection. */
  inlineStack: Set<string>;
  jsonStack: Set<string>;
  inlineCache: Map<string, SchemaNode>;
  jsonCache: Map<string, JsonValue>;
  /** Hoisted location of each `ref` node made before hoisted schemas are named. */
  hoistedRefKeys: WeakMap<RefSchema, string>;
  /** Discriminator mapping entries naming hoisted schemas, completed once those have names. */
  pendingMappings: { entry: { value: string; schema: string }; node: RefSchema; implicit: boolean }[];
  /** Operations written as a `$ref` (not allowed by the OpenAPI schema, read anyway), for one summary VX121. */
  referencedOperations: Cursor[];
  /** Responses and parameters by location: shared ones (`$ref`s to one file from hundreds of operations) are read once. */
  responseCache: Map<string, Omit<Response, "status">>;
  parameterCache: Map<string, Parameter | undefined>;
  /** Keys of diagnostics already reported, so a place shared by many operations is reported once. */
  reported: Set<string>;
  /** What the memoized unit being read depends on and does (see `ReadRecording`); `undefined` outside one. */
  recording: Recording | undefined;
  /** Recordings of the cache entries (inline, JSON, response, parameter) by cache and key, for units that reuse them. */
  entryRecordings: Record<CacheName, Map<string, Recording>>;
  /** Identity of this run, stamped on recorded dependencies checked in it. */
  stamp: number;
  /** Dependencies recorded in this run, one object per distinct dependency (so each is checked once per later run). */
  interned: {
    refs: Map<ResolveRefResult, Dependency>;
    places: Map<ResolveRefResult, Dependency>;
    named: Map<string, Dependency>;
    rootMembers: Map<string, Dependency>;
  };
}

let runs = 0;

export function createReadContext({ files, root, version }: { files: ReadonlyMap<string, SpecFile>; root: SpecFile; version: SpecVersion }): ReadContext {
  return {
    files,
    root,
    version,
    diagnostics: [],
    namedByLocation: new Map(),
    namedNames: new Set(),
    hoisted: new Map(),
    inlineStack: new Set(),
    jsonStack: new Set(),
    inlineCache: new Map(),
    jsonCache: new Map(),
    hoistedRefKeys: new WeakMap(),
    pendingMappings: [],
    referencedOperations: [],
    responseCache: new Map(),
    parameterCache: new Map(),
    reported: new Set(),
    recording: undefined,
    entryRecordings: { inline: new Map(), json: new Map(), response: new Map(), parameter: new Map() },
    stamp: ++runs,
    interned: { refs: new Map(), places: new Map(), named: new Map(), rootMembers: new Map() },
  };
}

export function sourceOf(cursor: { file: SpecFile; pointer: string }): OpenApiSource {
  return { kind: "openapi", file: cursor.file.file, pointer: cursor.pointer };
}

/** The cursor of a member or item below `cursor` (value `undefined` when absent). */
export function childCursor({ cursor, segments }: { cursor: Cursor; segments: readonly (string | number)[] }): Cursor {
  let value: unknown = cursor.value;
  for (const segment of segments) {
    if (Array.isArray(value) && typeof segment === "number") value = value[segment];
    else if (isRecord(value)) value = Object.prototype.hasOwnProperty.call(value, String(segment)) ? value[String(segment)] : undefined;
    else value = undefined;
  }
  return { file: cursor.file, pointer: appendPointer({ pointer: cursor.pointer, segments }), value };
}

/** Records a diagnostic at a place (line and column are filled in at the end); reported once per code and place. */
export function report({ ctx, code, message, at, help }: { ctx: ReadContext; code: DiagnosticCode; message: string; at: { file: SpecFile; pointer: string }; help?: string }): void {
  const key = `${code}@${at.file.key}#${at.pointer}@${message}`;
  const seen = ctx.reported.has(key);
  if (seen && !ctx.recording) return;
  const diagnostic = createDiagnostic({ code, message, location: { file: at.file.file, pointer: at.pointer }, ...(help ? { help } : {}) });
  // Recorded even when already reported: a later run may reuse this unit without the one that reported it first.
  ctx.recording?.events.push({ kind: "report", key, diagnostic: { ...diagnostic } });
  if (seen) return;
  ctx.reported.add(key);
  ctx.diagnostics.push(diagnostic);
}
