import RandExp from "randexp";
import type { Json, JsonObject } from "./sourceDocument.js";

/**
 * Values built from the source document's schemas for the conformance suite: its own small builder, independent of
 * the generator's example and invalid-case builders. Every value it sends is first checked with Ajv against the
 * source schema, so a wrong guess here is skipped, never reported as the server's fault.
 */
export interface ValueContext {
  resolve: (schema: Json | undefined) => JsonObject;
  /** A fresh number for each value, so unique columns get distinct values. */
  next: () => number;
  /** Request values leave readOnly properties out; response-side values are never built. */
  direction: "request";
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typeOf(schema: JsonObject): string | undefined {
  if (typeof schema.type === "string") return schema.type;
  if (Array.isArray(schema.type)) return schema.type.find((t): t is string => typeof t === "string" && t !== "null");
  if (isObject(schema.properties)) return "object";
  if (schema.items !== undefined) return "array";
  return undefined;
}

function stringValue({ schema, n }: { schema: JsonObject; n: number }): string {
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : 64;
  switch (schema.format) {
    case "email":
      return `user${n}@example.com`;
    case "date":
      return `2024-01-${String((n % 28) + 1).padStart(2, "0")}`;
    case "date-time":
      return `2024-01-${String((n % 28) + 1).padStart(2, "0")}T10:00:00.000Z`;
    case "uuid":
      return `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
    case "uri":
    case "url":
      return `https://example.com/${n}`;
  }
  if (typeof schema.pattern === "string") {
    const generator = new RandExp(schema.pattern);
    generator.max = 4;
    let seed = n;
    generator.randInt = (from: number, to: number) => from + (seed++ % (to - from + 1));
    return generator.gen();
  }
  const text = `value-${n}`;
  return text.length > max ? text.slice(text.length - max) : text.padEnd(min, "x");
}

function numberValue({ schema, integer }: { schema: JsonObject; integer: boolean }): number {
  const exclusiveMin =
    typeof schema.exclusiveMinimum === "number" ? schema.exclusiveMinimum + (integer ? 1 : 0.5) : undefined;
  const exclusiveMax =
    typeof schema.exclusiveMaximum === "number" ? schema.exclusiveMaximum - (integer ? 1 : 0.5) : undefined;
  const low = exclusiveMin ?? (typeof schema.minimum === "number" ? schema.minimum : undefined);
  const high = exclusiveMax ?? (typeof schema.maximum === "number" ? schema.maximum : undefined);
  let value = low !== undefined ? low + (integer ? 1 : 1.5) : integer ? 7 : 12.5;
  if (high !== undefined && value > high) value = low !== undefined ? (low + high) / 2 : high;
  if (integer) value = Math.ceil(value);
  if (typeof schema.multipleOf === "number") value = Math.ceil(value / schema.multipleOf) * schema.multipleOf;
  return value;
}

/** A value the schema accepts, or undefined when the builder cannot tell (the case is then skipped). */
export function exampleFromSchema({
  schema: raw,
  context,
  depth = 0,
}: {
  schema: Json | undefined;
  context: ValueContext;
  depth?: number;
}): Json | undefined {
  if (depth > 8) return undefined;
  const schema = context.resolve(raw);
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum.find((v) => v !== null) ?? null;
  if (Array.isArray(schema.allOf)) {
    const merged: JsonObject = {};
    for (const part of schema.allOf) {
      const value = exampleFromSchema({ schema: part, context, depth: depth + 1 });
      if (isObject(value)) Object.assign(merged, value);
    }
    return merged;
  }
  for (const key of ["oneOf", "anyOf"]) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0)
      return exampleFromSchema({ schema: options[0], context, depth: depth + 1 });
  }
  const type = typeOf(schema);
  switch (type) {
    case "string":
      return stringValue({ schema, n: context.next() });
    case "integer":
    case "number":
      return numberValue({ schema, integer: type === "integer" });
    case "boolean":
      return true;
    case "array": {
      const count = typeof schema.minItems === "number" ? schema.minItems : 0;
      const items: Json[] = [];
      for (let i = 0; i < count; i++) {
        const item = exampleFromSchema({ schema: schema.items, context, depth: depth + 1 });
        if (item === undefined) return undefined;
        items.push(item);
      }
      return items;
    }
    case "object": {
      const out: JsonObject = {};
      const properties = isObject(schema.properties) ? schema.properties : {};
      for (const [name, property] of Object.entries(properties)) {
        const resolved = context.resolve(property);
        if (resolved.readOnly === true) continue;
        const value = exampleFromSchema({ schema: property, context, depth: depth + 1 });
        if (value === undefined) {
          if (Array.isArray(schema.required) && schema.required.includes(name)) return undefined;
          continue;
        }
        out[name] = value;
      }
      return out;
    }
    case "null":
      return null;
    default:
      return undefined;
  }
}

/** One way a body can break its schema, and the property the server's error should name. */
export interface InvalidVariant {
  name: string;
  field: string;
  value: JsonObject;
}

function wrongType(schema: JsonObject): Json {
  const type = typeOf(schema);
  if (type === "string") return 12345;
  if (type === "array" || type === "object") return "not-a-" + type;
  return "not-a-number";
}

/** Bodies that each break one constraint of a valid object body; the caller keeps those Ajv confirms invalid. */
export function invalidVariants({
  schema: raw,
  valid,
  context,
}: {
  schema: Json | undefined;
  valid: JsonObject;
  context: ValueContext;
}): InvalidVariant[] {
  const schema = context.resolve(raw);
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required)
    ? schema.required.filter((n): n is string => typeof n === "string")
    : [];
  const variants: InvalidVariant[] = [];
  const variant = (name: string, field: string, change: (body: JsonObject) => void) => {
    const body = structuredClone(valid);
    change(body);
    variants.push({ name, field, value: body });
  };
  for (const name of required) {
    if (name in valid) variant(`missing required ${name}`, name, (b) => delete b[name]);
  }
  if (schema.additionalProperties === false)
    variant("an undocumented property", "unexpectedProperty", (b) => (b.unexpectedProperty = 1));
  for (const [name, raw] of Object.entries(properties)) {
    const property = context.resolve(raw);
    if (property.readOnly === true) continue;
    variant(`${name} of the wrong type`, name, (b) => (b[name] = wrongType(property)));
    if (typeof property.maxLength === "number")
      variant(`${name} longer than maxLength`, name, (b) => (b[name] = "x".repeat((property.maxLength as number) + 1)));
    if (typeof property.minLength === "number" && property.minLength > 0)
      variant(`${name} shorter than minLength`, name, (b) => (b[name] = ""));
    if (typeof property.maximum === "number")
      variant(`${name} above maximum`, name, (b) => (b[name] = (property.maximum as number) + 1));
    if (typeof property.minimum === "number")
      variant(`${name} below minimum`, name, (b) => (b[name] = (property.minimum as number) - 1));
    if (typeof property.pattern === "string")
      variant(`${name} not matching its pattern`, name, (b) => (b[name] = "\u0000!"));
    if (Array.isArray(property.enum)) variant(`${name} not in its enum`, name, (b) => (b[name] = "not-a-member"));
    if (property.format === "email") variant(`${name} not an email`, name, (b) => (b[name] = "not-an-email"));
    if (property.format === "date") variant(`${name} not a date`, name, (b) => (b[name] = "2024-13-45"));
    if (property.format === "date-time") variant(`${name} not a date-time`, name, (b) => (b[name] = "yesterday"));
    if (typeof property.maxItems === "number")
      variant(
        `${name} with too many items`,
        name,
        (b) => (b[name] = Array.from({ length: (property.maxItems as number) + 1 }, (_, i) => i + 1)),
      );
  }
  return variants;
}
