import type { Discriminator, EnumSchema, EnumValue, JsonValue, RefSchema, SchemaCommon, SchemaNode } from "../../ir/types.js";
import { childCursor, report, sourceOf, type ReadContext } from "./ReadContext.js";
import type { Cursor } from "./SpecFile.js";
import { classifySchemaRef } from "./classifySchemaRef.js";
import { derefCursor } from "./derefCursor.js";
import { hoistSchema } from "./hoistSchema.js";
import { isRecord } from "./jsonPointer.js";
import { optsOutOfValidation, readPattern } from "./readPattern.js";
import { readComputed } from "./readComputed.js";
import { readDerivedDefault } from "./readDerivedDefault.js";
import { refOf } from "./resolveRef.js";
import { sortKeysDeep } from "../../util/sortKeysDeep.js";
import { closeEntry, isHoisted, isNamedName, markNotReusable, openEntry, recordHit, REUSE_DEPTH } from "./ReadRecording.js";

/**
 * Deepest schema nesting read into the IR. Past it the schema becomes `unknown` with VX111 (the JSON Schema keeps
 * the same cut), so adversarial nesting cannot exhaust the stack; real specs stay far below (Stripe: ~20).
 */
export const MAX_SCHEMA_DEPTH = 256;

const primitiveTypes = new Set(["object", "array", "string", "number", "integer", "boolean", "null", "file"]);

/** Reads a schema (any spec version) into an IR node. `$ref`s to component schemas stay `ref` nodes. */
export function readSchema({ ctx, cursor, depth = 0 }: { ctx: ReadContext; cursor: Cursor; depth?: number }): SchemaNode {
  const value = cursor.value;
  if (depth > REUSE_DEPTH) markNotReusable(ctx);
  if (depth > MAX_SCHEMA_DEPTH) {
    report({ ctx, code: "VX111", message: `schema nesting deeper than ${MAX_SCHEMA_DEPTH} levels; the rest is read as unknown`, at: cursor });
    return { kind: "unknown", ...neutralCommon(cursor) };
  }
  if (!isRecord(value)) {
    if (typeof value !== "boolean") report({ ctx, code: "VX112", message: "a schema must be an object or a boolean", at: cursor });
    return { kind: "unknown", ...neutralCommon(cursor) };
  }
  if (optsOutOfValidation({ ctx, cursor })) return { kind: "unknown", ...readCommon({ ctx, cursor }) };
  if (refOf(value) !== undefined) return readRefSchema({ ctx, cursor, depth });
  return readPlainSchema({ ctx, cursor, depth, composites: true });
}

function readRefSchema({ ctx, cursor, depth }: { ctx: ReadContext; cursor: Cursor; depth: number }): SchemaNode {
  const common = readCommon({ ctx, cursor });
  const target = classifySchemaRef({ ctx, cursor });
  if (target.kind === "named") return { kind: "ref", name: target.name, ...common };
  if (target.kind === "broken") return { kind: "unknown", ...common };
  if (target.kind === "hoisted") return hoistedRef({ ctx, key: target.key, common });
  if (ctx.inlineStack.has(target.key)) {
    hoistSchema({ ctx, key: target.key, cursor: target.cursor });
    return hoistedRef({ ctx, key: target.key, common });
  }
  let node = ctx.inlineCache.get(target.key);
  if (node) recordHit({ ctx, cache: "inline", key: target.key, value: node });
  else {
    ctx.inlineStack.add(target.key);
    const parent = openEntry(ctx);
    node = readSchema({ ctx, cursor: target.cursor, depth: depth + 1 });
    ctx.inlineStack.delete(target.key);
    const hoisted = isHoisted({ ctx, key: target.key });
    closeEntry({ ctx, parent, cache: "inline", key: target.key, value: node, cached: !hoisted });
    if (hoisted) return hoistedRef({ ctx, key: target.key, common });
    ctx.inlineCache.set(target.key, node);
  }
  return overlayCommon({ node, common, hasOwn: hasSiblings(cursor.value) });
}

function hoistedRef({ ctx, key, common }: { ctx: ReadContext; key: string; common: SchemaCommon }): RefSchema {
  const node: RefSchema = { kind: "ref", name: "", ...common };
  markNotReusable(ctx);
  ctx.hoisted.get(key)?.refNodes.push(node);
  ctx.hoistedRefKeys.set(node, key);
  return node;
}

function hasSiblings(value: unknown): boolean {
  return isRecord(value) && Object.keys(value).some((k) => k !== "$ref" && (!k.startsWith("x-") || k === "x-vx-pii" || k === "x-vx-computed" || k === "x-vx-default"));
}

/** The outer schema's annotations laid over a member that stands for it (single `allOf`, `$ref` with siblings). */
function overlayCommon({ node, common, hasOwn }: { node: SchemaNode; common: SchemaCommon; hasOwn: boolean }): SchemaNode {
  if (!hasOwn) return node;
  const merged = {
    ...node,
    nullable: node.nullable || common.nullable,
    readOnly: node.readOnly || common.readOnly,
    writeOnly: node.writeOnly || common.writeOnly,
    deprecated: node.deprecated || common.deprecated,
    source: common.source,
  };
  if (common.pii) merged.pii = true;
  if (common.piiHash) merged.piiHash = true;
  if (common.computed) merged.computed = common.computed;
  if (common.derivedDefault) merged.derivedDefault = common.derivedDefault;
  if (common.modelHint !== undefined) merged.modelHint = common.modelHint;
  if (common.title !== undefined) merged.title = common.title;
  if (common.description !== undefined) merged.description = common.description;
  if (common.default !== undefined) merged.default = common.default;
  if (common.examples !== undefined) merged.examples = common.examples;
  return merged;
}

function neutralCommon(cursor: Cursor): SchemaCommon {
  return { nullable: false, readOnly: false, writeOnly: false, deprecated: false, source: sourceOf(cursor) };
}

function typesOf(value: Record<string, unknown>): { types: string[]; nullInType: boolean } {
  const raw = value.type;
  const all = typeof raw === "string" ? [raw] : Array.isArray(raw) ? raw.filter((t): t is string => typeof t === "string") : [];
  return { types: all.filter((t) => t !== "null"), nullInType: all.includes("null") };
}

function readCommon({ ctx, cursor }: { ctx: ReadContext; cursor: Cursor }): SchemaCommon {
  const common = neutralCommon(cursor);
  const value = cursor.value;
  if (!isRecord(value)) return common;
  const { nullInType } = typesOf(value);
  const enumHasNull = Array.isArray(value.enum) && value.enum.includes(null);
  common.nullable = nullInType || value.nullable === true || value["x-nullable"] === true || enumHasNull;
  common.readOnly = value.readOnly === true;
  common.writeOnly = value.writeOnly === true;
  common.deprecated = value.deprecated === true;
  if (value["x-vx-pii"] === true) common.pii = true;
  if (value["x-vx-pii"] === "hash") {
    common.pii = true;
    common.piiHash = true;
  }
  const computed = readComputed({ ctx, cursor });
  if (computed) common.computed = computed;
  const derivedDefault = readDerivedDefault({ ctx, cursor });
  if (derivedDefault) common.derivedDefault = derivedDefault;
  if (typeof value["x-vx-model"] === "string") common.modelHint = value["x-vx-model"];
  if (typeof value.title === "string") common.title = value.title;
  if (typeof value.description === "string") common.description = value.description;
  // Values with their objects' keys sorted: generated examples and tests must not depend on the order they were written in.
  if (value.default !== undefined) common.default = sortKeysDeep(value.default as JsonValue);
  if (Array.isArray(value.examples)) common.examples = sortKeysDeep(value.examples as JsonValue[]);
  else if (value.example !== undefined) common.examples = [sortKeysDeep(value.example as JsonValue)];
  return common;
}

function readPlainSchema({ ctx, cursor, depth, composites }: { ctx: ReadContext; cursor: Cursor; depth: number; composites: boolean }): SchemaNode {
  const value = cursor.value as Record<string, unknown>;
  const common = readCommon({ ctx, cursor });
  const { types, nullInType } = typesOf(value);

  if (composites && (Array.isArray(value.allOf) || Array.isArray(value.oneOf) || Array.isArray(value.anyOf))) {
    return readComposite({ ctx, cursor, depth, common, types });
  }
  const node = readShape({ ctx, cursor, depth, common, types, nullInType });
  if (composites && node.kind === "object" && value.discriminator !== undefined) {
    hoistMappingTargets({ ctx, cursor });
    const discriminator = readDiscriminator({ ctx, cursor, members: [] });
    if (discriminator) node.discriminator = discriminator;
  }
  return node;
}

/** A schema without composition keywords, by its `type` (or the keywords that imply one). */
function readShape({
  ctx,
  cursor,
  depth,
  common,
  types,
  nullInType,
}: {
  ctx: ReadContext;
  cursor: Cursor;
  depth: number;
  common: SchemaCommon;
  types: string[];
  nullInType: boolean;
}): SchemaNode {
  const value = cursor.value as Record<string, unknown>;
  if (Array.isArray(value.enum)) return readEnum({ value, common, types });
  if (Object.prototype.hasOwnProperty.call(value, "const")) return { kind: "const", value: sortKeysDeep(value.const as JsonValue), ...common };
  if (types.length > 1) {
    const members = types.map((type) => readTyped({ ctx, cursor, depth, type, common: neutralCommon(cursor) }));
    return { kind: "union", mode: "anyOf", members, ...common };
  }
  if (types.length === 1) return readTyped({ ctx, cursor, depth, type: types[0] as string, common });
  if (nullInType) return { kind: "null", ...common };
  if (["properties", "additionalProperties", "patternProperties", "required", "minProperties", "maxProperties"].some((k) => k in value)) {
    return readTyped({ ctx, cursor, depth, type: "object", common });
  }
  if ("items" in value || "prefixItems" in value) return readTyped({ ctx, cursor, depth, type: "array", common });
  return { kind: "unknown", ...common };
}

function readEnum({ value, common, types }: { value: Record<string, unknown>; common: SchemaCommon; types: string[] }): EnumSchema {
  const values = (value.enum as unknown[]).filter(
    (v): v is EnumValue => v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean",
  );
  let baseType: EnumSchema["baseType"];
  if (types.length === 1 && ["string", "number", "integer", "boolean"].includes(types[0] as string)) {
    baseType = types[0] as EnumSchema["baseType"];
  } else {
    const kinds = new Set(values.filter((v) => v !== null).map((v) => (typeof v === "number" ? (Number.isInteger(v) ? "integer" : "number") : typeof v)));
    if (kinds.has("number")) kinds.delete("integer");
    baseType = kinds.size === 1 ? ([...kinds][0] as EnumSchema["baseType"]) : kinds.size === 0 ? "string" : "mixed";
  }
  return { kind: "enum", baseType, values, ...common };
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function readTyped({ ctx, cursor, depth, type, common }: { ctx: ReadContext; cursor: Cursor; depth: number; type: string; common: SchemaCommon }): SchemaNode {
  const value = cursor.value as Record<string, unknown>;
  const child = (...segments: (string | number)[]) => readSchema({ ctx, cursor: childCursor({ cursor, segments }), depth: depth + 1 });
  switch (type) {
    case "object": {
      const required = Array.isArray(value.required) ? value.required.filter((r): r is string => typeof r === "string") : [];
      // A `$ref` standing for the whole map (not allowed, but real specs such as DigitalOcean's do it) is followed.
      const map = (keyword: string) => derefCursor({ ctx, cursor: childCursor({ cursor, segments: [keyword] }) });
      const props = map("properties");
      const properties =
        props && isRecord(props.value)
          ? Object.keys(props.value).map((name) => ({
              name,
              required: required.includes(name),
              schema: readSchema({ ctx, cursor: childCursor({ cursor: props, segments: [name] }), depth: depth + 1 }),
            }))
          : [];
      const ap = value.additionalProperties;
      const node: SchemaNode = {
        kind: "object",
        properties,
        additionalProperties: ap === undefined ? true : typeof ap === "boolean" ? ap : child("additionalProperties"),
        ...common,
      };
      const patterns = value.patternProperties === undefined ? undefined : map("patternProperties");
      if (patterns && isRecord(patterns.value)) {
        node.patternProperties = Object.keys(patterns.value).sort().map((pattern) => {
          const at = childCursor({ cursor: patterns, segments: [pattern] });
          return { pattern: readPattern({ ctx, pattern, at })?.pattern ?? pattern, schema: readSchema({ ctx, cursor: at, depth: depth + 1 }) };
        });
      }
      const minProperties = num(value.minProperties);
      const maxProperties = num(value.maxProperties);
      if (minProperties !== undefined) node.minProperties = minProperties;
      if (maxProperties !== undefined) node.maxProperties = maxProperties;
      return node;
    }
    case "array": {
      let prefixItems: SchemaNode[] | undefined;
      let items: SchemaNode;
      if (Array.isArray(value.items)) {
        prefixItems = value.items.map((_, i) => child("items", i));
        items = value.additionalItems !== undefined && typeof value.additionalItems !== "boolean" ? child("additionalItems") : { kind: "unknown", ...neutralCommon(cursor) };
      } else {
        items = value.items !== undefined ? child("items") : { kind: "unknown", ...neutralCommon(cursor) };
        if (Array.isArray(value.prefixItems)) prefixItems = value.prefixItems.map((_, i) => child("prefixItems", i));
      }
      const node: SchemaNode = { kind: "array", items, uniqueItems: value.uniqueItems === true, ...common };
      if (prefixItems) node.prefixItems = prefixItems;
      const minItems = num(value.minItems);
      const maxItems = num(value.maxItems);
      if (minItems !== undefined) node.minItems = minItems;
      if (maxItems !== undefined) node.maxItems = maxItems;
      return node;
    }
    case "string":
    case "file": {
      const node: SchemaNode = { kind: "string", ...common };
      if (type === "file") node.format = "binary";
      else if (typeof value.format === "string") node.format = value.format;
      const minLength = num(value.minLength);
      const maxLength = num(value.maxLength);
      if (minLength !== undefined) node.minLength = minLength;
      if (maxLength !== undefined) node.maxLength = maxLength;
      const pattern = typeof value.pattern === "string" ? readPattern({ ctx, pattern: value.pattern, at: childCursor({ cursor, segments: ["pattern"] }), split: true })?.pattern : undefined;
      if (pattern !== undefined) node.pattern = pattern;
      if (typeof value.contentMediaType === "string") node.contentMediaType = value.contentMediaType;
      if (typeof value.contentEncoding === "string") node.contentEncoding = value.contentEncoding;
      return node;
    }
    case "number":
    case "integer": {
      const node: SchemaNode = { kind: type, ...common };
      if (typeof value.format === "string") node.format = value.format;
      let minimum = num(value.minimum);
      let maximum = num(value.maximum);
      if (value.exclusiveMinimum === true && minimum !== undefined) {
        node.exclusiveMinimum = minimum;
        minimum = undefined;
      } else if (num(value.exclusiveMinimum) !== undefined) node.exclusiveMinimum = num(value.exclusiveMinimum);
      if (value.exclusiveMaximum === true && maximum !== undefined) {
        node.exclusiveMaximum = maximum;
        maximum = undefined;
      } else if (num(value.exclusiveMaximum) !== undefined) node.exclusiveMaximum = num(value.exclusiveMaximum);
      if (minimum !== undefined) node.minimum = minimum;
      if (maximum !== undefined) node.maximum = maximum;
      const multipleOf = num(value.multipleOf);
      if (multipleOf !== undefined) node.multipleOf = multipleOf;
      return node;
    }
    case "boolean":
      return { kind: "boolean", ...common };
    case "null":
      return { kind: "null", ...common };
    default:
      report({
        ctx,
        code: "VX112",
        message: primitiveTypes.has(type) ? `type "${type}" is not allowed here` : `unknown schema type "${type}"`,
        at: childCursor({ cursor, segments: ["type"] }),
      });
      return { kind: "unknown", ...common };
  }
}

/** Keywords that give a schema a shape of its own next to `allOf`/`oneOf`/`anyOf`. */
function hasOwnShape({ value, types }: { value: Record<string, unknown>; types: string[] }): boolean {
  if (["properties", "additionalProperties", "patternProperties", "items", "prefixItems", "enum", "const"].some((k) => k in value)) return true;
  return types.length > 0 && !(types.length === 1 && types[0] === "object");
}

function readComposite({ ctx, cursor, depth, common, types }: { ctx: ReadContext; cursor: Cursor; depth: number; common: SchemaCommon; types: string[] }): SchemaNode {
  const value = cursor.value as Record<string, unknown>;
  const list = (keyword: "allOf" | "oneOf" | "anyOf"): SchemaNode[] | undefined => {
    const items = value[keyword];
    if (!Array.isArray(items)) return undefined;
    return items.map((_, i) => readSchema({ ctx, cursor: childCursor({ cursor, segments: [keyword, i] }), depth: depth + 1 }));
  };
  hoistMappingTargets({ ctx, cursor });
  const allOf = list("allOf");
  const unions: SchemaNode[] = [];
  let discriminatorUsed = false;
  for (const mode of ["oneOf", "anyOf"] as const) {
    const members = list(mode);
    if (!members) continue;
    const union: SchemaNode = { kind: "union", mode, members, ...(allOf || unions.length > 0 ? neutralCommon(cursor) : common) };
    if (!discriminatorUsed) {
      const discriminator = readDiscriminator({ ctx, cursor, members });
      if (discriminator) {
        union.discriminator = discriminator;
        discriminatorUsed = true;
      }
    }
    unions.push(union);
  }
  const own = hasOwnShape({ value, types }) ? readPlainSchema({ ctx, cursor, depth, composites: false }) : undefined;
  const ownNeutral = own ? { ...own, ...neutralCommon(cursor) } : undefined;

  if (!allOf) {
    const union = unions[0] as SchemaNode;
    if (unions.length === 1 && !ownNeutral) return union;
    return { kind: "intersection", members: [...(ownNeutral ? [ownNeutral] : []), ...unions], ...common };
  }
  const members = [...allOf, ...(ownNeutral ? [ownNeutral] : []), ...unions];
  const discriminator = discriminatorUsed ? undefined : readDiscriminator({ ctx, cursor, members: [] });
  if (members.length === 1 && !discriminator) return overlayCommon({ node: members[0] as SchemaNode, common, hasOwn: true });
  const node: SchemaNode = { kind: "intersection", members, ...common };
  if (discriminator) node.discriminator = discriminator;
  return node;
}

function sortedEntries(map: Record<string, unknown>): [string, unknown][] {
  return Object.keys(map)
    .sort()
    .map((key) => [key, map[key]]);
}

/**
 * The discriminator of a schema, with every mapping explicit: written mappings first, sorted (their targets resolved to
 * named schemas, VX113 when they name none), then one entry per named member schema not mapped yet.
 */
function readDiscriminator({ ctx, cursor, members }: { ctx: ReadContext; cursor: Cursor; members: SchemaNode[] }): Discriminator | undefined {
  const value = cursor.value as Record<string, unknown>;
  const raw = value.discriminator;
  const propertyName = typeof raw === "string" ? raw : isRecord(raw) && typeof raw.propertyName === "string" ? raw.propertyName : undefined;
  if (propertyName === undefined) return undefined;
  const mapping: Discriminator["mapping"] = [];
  const mapped = new Set<string>();
  if (isRecord(raw) && isRecord(raw.mapping)) {
    for (const [key, target] of sortedEntries(raw.mapping)) {
      if (typeof target !== "string") continue;
      const at = childCursor({ cursor, segments: ["discriminator", "mapping", key] });
      let name: string | undefined;
      if (/[#/]|\.(ya?ml|json)$/i.test(target)) {
        const resolved = classifySchemaRef({ ctx, cursor: { ...at, value: { $ref: target } } });
        if (resolved.kind === "named") name = resolved.name;
        if (resolved.kind === "hoisted") {
          const node = hoistedRef({ ctx, key: resolved.key, common: neutralCommon(at) });
          const entry = { value: key, schema: "" };
          ctx.pendingMappings.push({ entry, node, implicit: false });
          mapping.push(entry);
          mapped.add(`#${resolved.key}`);
          continue;
        }
      } else {
        if (isNamedName({ ctx, name: target })) name = target;
      }
      if (name === undefined) {
        report({ ctx, code: "VX113", message: `discriminator mapping "${key}" -> "${target}" does not name a component schema`, at });
        continue;
      }
      mapping.push({ value: key, schema: name });
      mapped.add(name);
    }
  }
  for (const member of members) {
    if (member.kind !== "ref") continue;
    const id = member.name !== "" ? member.name : `#${ctx.hoistedRefKeys.get(member) ?? ""}`;
    if (mapped.has(id)) continue;
    mapped.add(id);
    const entry = { value: member.name, schema: member.name };
    if (member.name === "") markNotReusable(ctx);
    if (member.name === "") ctx.pendingMappings.push({ entry, node: member, implicit: true });
    mapping.push(entry);
  }
  return { propertyName, mapping };
}

/**
 * Discriminator mapping targets that are not component schemas are hoisted before the members are read, so the
 * members referring to them become `ref`s and every mapping entry names a schema.
 */
function hoistMappingTargets({ ctx, cursor }: { ctx: ReadContext; cursor: Cursor }): void {
  const raw = (cursor.value as Record<string, unknown>).discriminator;
  if (!isRecord(raw) || !isRecord(raw.mapping)) return;
  for (const [key, target] of sortedEntries(raw.mapping)) {
    if (typeof target !== "string" || !/[#/]|\.(ya?ml|json)$/i.test(target)) continue;
    const at = childCursor({ cursor, segments: ["discriminator", "mapping", key] });
    const resolved = classifySchemaRef({ ctx, cursor: { ...at, value: { $ref: target } } });
    if (resolved.kind === "inline") hoistSchema({ ctx, key: resolved.key, cursor: resolved.cursor });
  }
}
