import { isJsonObject, resolvedRef, type JsonObject } from "./resolvedRef.js";

/** No value could be made for a schema (a `pattern`, an external reference, nesting too deep): the caller skips it. */
export const noSample: unique symbol = Symbol("noSample");

type Sample = unknown;

/** The first listed example of a schema or parameter (`example`, then `examples`), else undefined. */
export function givenExample(node: JsonObject): { value: unknown } | undefined {
  if (Object.hasOwn(node, "example")) return { value: node.example };
  if (Array.isArray(node.examples) && node.examples.length > 0) return { value: node.examples[0] };
  if (Object.hasOwn(node, "default")) return { value: node.default };
  if (Object.hasOwn(node, "const")) return { value: node.const };
  if (Array.isArray(node.enum) && node.enum.length > 0) return { value: node.enum[0] };
  return undefined;
}

function typeOf(schema: JsonObject): string | undefined {
  if (typeof schema.type === "string") return schema.type;
  if (Array.isArray(schema.type)) return schema.type.find((type): type is string => type !== "null");
  if (isJsonObject(schema.properties)) return "object";
  return undefined;
}

const formatSamples: Readonly<Record<string, string>> = {
  email: "bench@example.com",
  "date-time": "2024-01-01T00:00:00.000Z",
  date: "2024-01-01",
  time: "00:00:00Z",
  uuid: "00000000-0000-4000-8000-000000000000",
  uri: "https://example.com/bench",
  url: "https://example.com/bench",
  hostname: "example.com",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
};

function stringSample(schema: JsonObject): Sample {
  if (typeof schema.format === "string" && Object.hasOwn(formatSamples, schema.format))
    return formatSamples[schema.format];
  if (typeof schema.pattern === "string") return noSample;
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : Number.POSITIVE_INFINITY;
  const length = Math.min(Math.max(min, 5), max);
  return length < min ? noSample : "bench".repeat(Math.ceil(length / 5)).slice(0, length);
}

function numberSample({ schema, integer }: { schema: JsonObject; integer: boolean }): Sample {
  const low = typeof schema.minimum === "number" ? schema.minimum : undefined;
  const exclusive = typeof schema.exclusiveMinimum === "number" ? schema.exclusiveMinimum : undefined;
  const high = typeof schema.maximum === "number" ? schema.maximum : undefined;
  let value = low ?? (exclusive === undefined ? 1 : exclusive + 1);
  if (integer) value = Math.ceil(value);
  return high !== undefined && value > high ? noSample : value;
}

function objectSample({ schema, document, depth }: { schema: JsonObject; document: unknown; depth: number }): Sample {
  const properties = isJsonObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required.filter((name) => typeof name === "string") : [];
  const out: Record<string, unknown> = {};
  for (const name of required) {
    const property = resolvedRef({ document, value: properties[name] ?? {} });
    if (property === undefined) return noSample;
    // The server's, never sent (a request leaves out what the answer alone carries).
    if (property.readOnly === true) continue;
    const value = sampleValue({ schema: property, document, depth: depth + 1 });
    if (value === noSample) return noSample;
    out[name] = value;
  }
  return out;
}

function arraySample({ schema, document, depth }: { schema: JsonObject; document: unknown; depth: number }): Sample {
  const count = typeof schema.minItems === "number" ? schema.minItems : 0;
  if (count === 0) return [];
  const items = resolvedRef({ document, value: schema.items ?? {} });
  const item = items === undefined ? noSample : sampleValue({ schema: items, document, depth: depth + 1 });
  return item === noSample ? noSample : Array.from({ length: count }, () => item);
}

/** The samples of a schema's `allOf` parts merged (objects), else `noSample`. */
function allOfSample({ parts, document, depth }: { parts: unknown[]; document: unknown; depth: number }): Sample {
  const merged: Record<string, unknown> = {};
  for (const part of parts) {
    const schema = resolvedRef({ document, value: part });
    const value = schema === undefined ? noSample : sampleValue({ schema, document, depth: depth + 1 });
    if (!isJsonObject(value)) return noSample;
    Object.assign(merged, value);
  }
  return merged;
}

/**
 * A value the schema accepts as far as a plain reading goes: its example, default or first enum value, else one made
 * from its type (required properties only, not read-only ones, `minItems` items, `minLength`, `minimum`, common formats). `noSample` where
 * it cannot tell (a `pattern` without an example, an external `$ref`, more than 16 levels).
 */
export function sampleValue({
  schema,
  document,
  depth = 0,
}: {
  schema: JsonObject;
  document: unknown;
  depth?: number;
}): Sample {
  const node = resolvedRef({ document, value: schema });
  if (node === undefined || depth > 16) return noSample;
  const given = givenExample(node);
  if (given !== undefined) return given.value;
  if (Array.isArray(node.allOf)) return allOfSample({ parts: node.allOf, document, depth });
  const alternatives = Array.isArray(node.oneOf) ? node.oneOf : Array.isArray(node.anyOf) ? node.anyOf : undefined;
  if (alternatives !== undefined) {
    const first = resolvedRef({ document, value: alternatives[0] });
    return first === undefined ? noSample : sampleValue({ schema: first, document, depth: depth + 1 });
  }
  switch (typeOf(node)) {
    case "object":
      return objectSample({ schema: node, document, depth });
    case "array":
      return arraySample({ schema: node, document, depth });
    case "string":
      return stringSample(node);
    case "integer":
      return numberSample({ schema: node, integer: true });
    case "number":
      return numberSample({ schema: node, integer: false });
    case "boolean":
      return true;
    default:
      return isJsonObject(node.properties) || Object.keys(node).length === 0 ? {} : noSample;
  }
}
