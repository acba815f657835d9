import type { JsonValue } from "../../ir/types.js";
import { keywordValueProblem } from "../../validators/keywordValueProblem.js";
import { childCursor, report, type ReadContext } from "./ReadContext.js";
import type { Cursor } from "./SpecFile.js";
import { classifySchemaRef } from "./classifySchemaRef.js";
import { derefCursor } from "./derefCursor.js";
import { hoistSchema } from "./hoistSchema.js";
import { isRecord } from "./jsonPointer.js";
import { MAX_SCHEMA_DEPTH } from "./readSchema.js";
import { optsOutOfValidation, readPattern } from "./readPattern.js";
import type { PatternConjunct } from "../../validators/splitLeadingLookaheads.js";
import { refOf } from "./resolveRef.js";
import { sortKeysDeep } from "../../util/sortKeysDeep.js";
import { closeEntry, isHoisted, markNotReusable, openEntry, recordHit, REUSE_DEPTH } from "./ReadRecording.js";

type JsonObject = { [key: string]: JsonValue };

/** OpenAPI-only keys with no JSON Schema meaning (annotations kept: title, description, default, examples, readOnly, ...). */
const dropped = new Set(["discriminator", "xml", "externalDocs", "example", "nullable", "$schema", "$id", "definitions", "$defs", "collectionFormat"]);
/** Keywords whose value is a map of schemas. */
const schemaMaps = new Set(["properties", "patternProperties", "dependentSchemas"]);
/** Keywords whose value is a list of schemas. */
const schemaLists = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
/** Keywords whose value is one schema. */
const schemaSingles = new Set([
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
  "contentSchema",
  "items",
]);

/** `{ "$ref": "#/$defs/<name>" }` */
export function defsRef(name: string): { $ref: string } {
  return { $ref: `#/$defs/${name}` };
}

/**
 * The schema at `cursor` as JSON Schema 2020-12: `nullable`/`x-nullable` folded into type arrays (or `anyOf` with
 * `{type: "null"}` around references and compositions), boolean exclusive bounds made numeric, draft-4 tuple `items`
 * as `prefixItems`, Swagger `type: file` as a binary string, `x-` and OpenAPI-only keys dropped, references to named
 * schemas as `#/$defs/<name>` and every other reference inlined (circular ones hoisted, as in the IR).
 */
export function toJsonSchema({ ctx, cursor, depth = 0 }: { ctx: ReadContext; cursor: Cursor; depth?: number }): JsonValue {
  const value = cursor.value;
  if (depth > REUSE_DEPTH) markNotReusable(ctx);
  if (typeof value === "boolean") return value;
  if (!isRecord(value) || depth > MAX_SCHEMA_DEPTH) return {};
  if (optsOutOfValidation({ ctx, cursor })) return annotationsOnly(value);
  const nullable = value.nullable === true || value["x-nullable"] === true;

  if (refOf(value) !== undefined) {
    let out: JsonObject;
    const target = classifySchemaRef({ ctx, cursor });
    if (target.kind === "named") out = defsRef(target.name);
    else if (target.kind === "broken") out = {};
    else if (target.kind === "hoisted") out = hoistedRef({ ctx, key: target.key });
    else if (ctx.jsonStack.has(target.key)) {
      hoistSchema({ ctx, key: target.key, cursor: target.cursor });
      out = hoistedRef({ ctx, key: target.key });
    } else {
      let inlined = ctx.jsonCache.get(target.key);
      if (inlined !== undefined) recordHit({ ctx, cache: "json", key: target.key, value: inlined });
      else {
        ctx.jsonStack.add(target.key);
        const parent = openEntry(ctx);
        inlined = toJsonSchema({ ctx, cursor: target.cursor, depth: depth + 1 });
        ctx.jsonStack.delete(target.key);
        const hoisted = isHoisted({ ctx, key: target.key });
        closeEntry({ ctx, parent, cache: "json", key: target.key, value: inlined, cached: !hoisted });
        if (hoisted) inlined = hoistedRef({ ctx, key: target.key });
        else ctx.jsonCache.set(target.key, inlined);
      }
      out = isRecord(inlined) ? { ...(inlined as JsonObject) } : inlined === false ? { not: {} } : {};
    }
    if (ctx.version === "3.1") {
      const siblings = convertMembers({ ctx, cursor, depth, value, skip: new Set(["$ref"]) });
      if (Object.keys(siblings).length > 0) out = out.$ref !== undefined && Object.keys(out).length === 1 ? { ...out, ...siblings } : { allOf: [out], ...siblings };
    }
    return nullable ? { anyOf: [out, { type: "null" }] } : out;
  }

  const out = convertMembers({ ctx, cursor, depth, value, skip: new Set() });
  if (!nullable) return out;
  if (out.allOf !== undefined || out.anyOf !== undefined || out.oneOf !== undefined || out.$ref !== undefined || out.const !== undefined) {
    return { anyOf: [out, { type: "null" }] };
  }
  if (typeof out.type === "string") out.type = [out.type, "null"];
  else if (Array.isArray(out.type) && !out.type.includes("null")) out.type = [...out.type, "null"];
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return out;
}

/** What an unvalidated schema (`x-vx-validate: false`) keeps: it accepts anything, request and response views alike. */
function annotationsOnly(value: Record<string, unknown>): JsonObject {
  const out: JsonObject = {};
  for (const key of ["title", "description", "deprecated", "readOnly", "writeOnly"]) {
    const member = value[key];
    if (typeof member === "string" || typeof member === "boolean") out[key] = member;
  }
  return out;
}

function hoistedRef({ ctx, key }: { ctx: ReadContext; key: string }): JsonObject {
  const ref = { $ref: "" };
  markNotReusable(ctx);
  ctx.hoisted.get(key)?.jsonRefs.push(ref);
  return ref;
}

function convertMembers({
  ctx,
  cursor,
  depth,
  value,
  skip,
}: {
  ctx: ReadContext;
  cursor: Cursor;
  depth: number;
  value: Record<string, unknown>;
  skip: Set<string>;
}): JsonObject {
  const out: JsonObject = {};
  let conjuncts: PatternConjunct[] | undefined;
  const sub = (...segments: (string | number)[]) => toJsonSchema({ ctx, cursor: childCursor({ cursor, segments }), depth: depth + 1 });
  // Keywords in sorted order, whatever order the spec wrote them in: the output must not depend on it.
  for (const key of Object.keys(value).sort()) {
    const member = value[key];
    if (skip.has(key) || key.startsWith("x-") || dropped.has(key) || member === undefined) continue;
    if (key === "type") {
      if (member === "file") {
        out.type = "string";
        if (value.format === undefined) out.format = "binary";
      } else out.type = member as JsonValue;
    } else if (key === "exclusiveMinimum" || key === "exclusiveMaximum") {
      const bound = key === "exclusiveMinimum" ? value.minimum : value.maximum;
      if (typeof member === "number") out[key] = member;
      else if (member === true && typeof bound === "number") out[key] = bound;
    } else if ((key === "minimum" && value.exclusiveMinimum === true) || (key === "maximum" && value.exclusiveMaximum === true)) {
      continue;
    } else if (key === "items" && Array.isArray(member)) {
      out.prefixItems = member.map((_, i) => sub("items", i));
      if (value.additionalItems !== undefined) out.items = sub("additionalItems");
    } else if (key === "additionalItems") {
      continue;
    } else if (schemaMaps.has(key) && isRecord(member)) {
      // A `$ref` standing for the whole map is followed (as the IR reader does).
      const at = derefCursor({ ctx, cursor: childCursor({ cursor, segments: [key] }) });
      const map: JsonObject = {};
      if (at && isRecord(at.value)) {
        // `properties` keep the author's field order (types and forms show it); other maps are sorted by name.
        const names = key === "properties" ? Object.keys(at.value) : Object.keys(at.value).sort();
        for (const name of names) {
          const child = childCursor({ cursor: at, segments: [name] });
          // A `patternProperties` key is a pattern too (translated like `pattern`; an error at its place if it cannot be).
          const mapKey = key === "patternProperties" ? (readPattern({ ctx, pattern: name, at: child })?.pattern ?? name) : name;
          map[mapKey] = toJsonSchema({ ctx, cursor: child, depth: depth + 1 });
        }
      }
      out[key] = map;
    } else if (schemaLists.has(key) && Array.isArray(member)) {
      out[key] = member.map((_, i) => sub(key, i));
    } else if (schemaSingles.has(key) && (isRecord(member) || typeof member === "boolean")) {
      out[key] = sub(key);
    } else if (key === "examples" && !Array.isArray(member)) {
      continue;
    } else if (key === "pattern" && typeof member === "string") {
      const read = readPattern({ ctx, pattern: member, at: childCursor({ cursor, segments: [key] }), split: true });
      out.pattern = read?.pattern ?? member;
      if (read?.conjuncts) conjuncts = read.conjuncts;
    } else {
      // Values (default, const, enum, examples, unknown keywords) with their objects' keys sorted too.
      out[key] = sortKeysDeep(member as JsonValue);
    }
  }
  checkKeywordValues({ ctx, cursor, out });
  return conjuncts ? withConjuncts({ out, conjuncts }) : out;
}

/** `pattern` as the conjunction of patterns it stands for (`^(?=A)(?!B)C`: `^(?:A)`, not `^(?:B)`, `^C`), in `allOf`. */
function withConjuncts({ out, conjuncts }: { out: JsonObject; conjuncts: PatternConjunct[] }): JsonObject {
  const { pattern: _written, ...rest } = out;
  const members = conjuncts.map((c): JsonValue => (c.negated ? { not: { type: "string", pattern: c.pattern } } : { pattern: c.pattern }));
  return { ...rest, allOf: [...(Array.isArray(rest.allOf) ? rest.allOf : []), ...members] };
}

/** A keyword whose value the validators cannot compile (`minLength: "3"`, `type: integr`) is an error at its place. */
function checkKeywordValues({ ctx, cursor, out }: { ctx: ReadContext; cursor: Cursor; out: JsonObject }): void {
  for (const [keyword, value] of Object.entries(out)) {
    const problem = keywordValueProblem({ keyword, value });
    if (problem === undefined) continue;
    report({
      ctx,
      code: "VX117",
      message: `schema keyword "${keyword}" cannot be compiled into a validator: ${problem}`,
      at: childCursor({ cursor, segments: [keyword] }),
      help: "correct the value, or add `x-vx-validate: false` to this schema to leave it unchecked (vx-gen then warns that it is not validated)",
    });
  }
}
