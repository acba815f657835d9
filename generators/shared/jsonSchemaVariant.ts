import type { JsonValue } from "../../src/ir/types.js";
import type { ReadOnlyInRequests } from "../../src/targets/TargetPlugin.js";
import { readOnlyKeyword } from "../../src/validators/createAjv.js";
import type { TypeVariant } from "./printType.js";

type JsonObject = { [key: string]: JsonValue };

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Keywords whose values are data, not schemas: never walked. */
const dataKeywords = new Set(["enum", "const", "default", "examples", "example", "required"]);
/** Keywords whose values map names to schemas. */
const schemaMaps = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);

export interface JsonSchemaVariantInput {
  schema: JsonValue;
  variant: TypeVariant;
  /** Rewrites a `$ref` value, e.g. `#/$defs/Pet` -> `vx-request.json#/$defs/Pet`. */
  rewriteRef?: (ref: string) => string;
  /** Properties to treat as readOnly in requests, by object schema: `(object) => names`. */
  forcedReadOnly?: ReadonlySet<string>;
  /** Name of the named schema `schema` is, for `forcedReadOnly` (`<name>/<property>`). */
  schemaName?: string;
  /**
   * Request variant: what a validator does with a readOnly property a client sends (`readOnlyInRequests`): the
   * property's schema becomes `{ "x-vx-readOnly": "reject" }` (a 400 naming it) or `"ignore"` (accepted, removed
   * from the body before the handler runs; see `createAjv`). Absent: the property is removed from the schema.
   */
  readOnly?: ReadOnlyInRequests | undefined;
}

/**
 * The request or response view of a JSON Schema: properties marked readOnly (requests) or writeOnly (responses) are
 * removed from `required`, and from `properties` (a readOnly one is kept as the `readOnly` policy's keyword when one
 * is given), everywhere in the schema; `$schema` and `$id` are dropped; refs rewritten.
 */
export function jsonSchemaVariant(input: JsonSchemaVariantInput): JsonValue {
  return walk({ value: input.schema, input, root: true });
}

function hidden({ schema, input, name, root }: { schema: JsonValue | undefined; input: JsonSchemaVariantInput; name: string; root: boolean }): boolean {
  if (input.variant === "request" && root && input.schemaName !== undefined && input.forcedReadOnly?.has(`${input.schemaName}/${name}`)) return true;
  if (!isObject(schema)) return false;
  return input.variant === "request" ? schema.readOnly === true : schema.writeOnly === true;
}

function walk({ value, input, root }: { value: JsonValue; input: JsonSchemaVariantInput; root: boolean }): JsonValue {
  if (Array.isArray(value)) return value.map((v) => walk({ value: v, input, root: false }));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  const removed = new Set<string>();
  const properties = value.properties;
  if (isObject(properties)) {
    for (const name of Object.keys(properties)) if (hidden({ schema: properties[name], input, name, root })) removed.add(name);
  }
  for (const key of Object.keys(value)) {
    const child = value[key];
    if (child === undefined || key === "$schema" || key === "$id") continue;
    if (key === "$ref" && typeof child === "string") {
      out[key] = input.rewriteRef ? input.rewriteRef(child) : child;
    } else if (key === "required" && Array.isArray(child)) {
      out[key] = child.filter((name) => typeof name !== "string" || !removed.has(name));
    } else if (dataKeywords.has(key)) {
      out[key] = child;
    } else if (schemaMaps.has(key) && isObject(child)) {
      const map: JsonObject = {};
      for (const name of Object.keys(child)) {
        const sub = child[name];
        if (sub === undefined) continue;
        if (key === "properties" && removed.has(name)) {
          if (input.variant === "request" && input.readOnly !== undefined) map[name] = { [readOnlyKeyword]: input.readOnly };
          continue;
        }
        map[name] = walk({ value: sub, input: key === "$defs" || key === "definitions" ? { ...input, schemaName: name } : input, root: key === "$defs" || key === "definitions" });
      }
      out[key] = map;
    } else {
      out[key] = walk({ value: child, input, root: false });
    }
  }
  return out;
}
