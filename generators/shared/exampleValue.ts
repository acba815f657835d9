import type { JsonValue, NamedSchema, SchemaNode } from "../../src/ir/types.js";
import { examplePattern } from "./examplePattern.js";
import { isHiddenProperty, type TypeVariant } from "./printType.js";

export interface ExampleInput {
  node: SchemaNode;
  schemas: Map<string, NamedSchema>;
  variant: TypeVariant;
  /** Varies strings and numbers: two seeds give two different values for unique fields. */
  seed: number;
  forcedReadOnly?: ReadonlySet<string>;
  /** Include optional properties (true) or only required ones. */
  optional?: boolean;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function stringExample({ node, seed }: { node: Extract<SchemaNode, { kind: "string" }>; seed: number }): string | undefined {
  const day = (seed % 28) + 1;
  let value: string | undefined;
  switch (node.format) {
    case "email":
      value = `user${seed}@example.com`;
      break;
    case "date":
      value = `2024-01-${pad(day, 2)}`;
      break;
    case "date-time":
      value = `2024-01-${pad(day, 2)}T10:00:00.000Z`;
      break;
    case "time":
      value = `10:00:${pad(seed % 60, 2)}`;
      break;
    case "uuid":
      value = `00000000-0000-4000-8000-${pad(seed, 12)}`;
      break;
    case "uri":
    case "url":
    case "iri":
      value = `https://example.com/items/${seed}`;
      break;
    case "hostname":
      value = `host${seed}.example.com`;
      break;
    case "ipv4":
      value = `192.0.2.${seed % 255}`;
      break;
    case "ipv6":
      value = `2001:db8::${(seed % 65535).toString(16)}`;
      break;
    case "byte":
      value = Buffer.from(`example-${seed}`).toString("base64");
      break;
    default:
      break;
  }
  if (value === undefined && node.pattern !== undefined) value = examplePattern({ pattern: node.pattern, seed });
  if (value === undefined && node.pattern !== undefined) {
    const example = node.examples?.[0] ?? node.default;
    return typeof example === "string" ? example : undefined;
  }
  // A text of our own (no format we write values for, such as `password`, and no pattern) fits the length bounds.
  const own = value === undefined;
  if (value === undefined) value = `${node.title ? node.title.toLowerCase().replace(/[^a-z0-9]+/g, "-") : "text"}-${seed}`;
  const min = node.minLength ?? 0;
  const max = node.maxLength;
  if (own) {
    while (value.length < min) value += "x";
    if (max !== undefined && value.length > max) value = value.slice(Math.max(0, value.length - max));
  }
  return value;
}

function numberExample(node: Extract<SchemaNode, { kind: "number" | "integer" }>, seed: number): number {
  let lo = node.minimum ?? (node.exclusiveMinimum !== undefined ? node.exclusiveMinimum + 1 : 1);
  let hi = node.maximum ?? (node.exclusiveMaximum !== undefined ? node.exclusiveMaximum - 1 : lo + 1000);
  if (node.kind === "integer") {
    lo = Math.ceil(lo);
    hi = Math.floor(hi);
  }
  if (hi < lo) hi = lo;
  let value = lo + (seed % (hi - lo + 1));
  if (node.multipleOf !== undefined && node.multipleOf > 0) {
    value = Math.ceil(value / node.multipleOf) * node.multipleOf;
    if (value > hi) value = Math.floor(hi / node.multipleOf) * node.multipleOf;
  }
  if (node.kind === "number" && node.multipleOf === undefined && value + 0.5 <= hi) value += 0.5;
  return value;
}

/**
 * A valid example value of a schema (what a client would send, or a server answer), built from its constraints:
 * formats, patterns, lengths, ranges, enums, required properties. `undefined` when none can be built (e.g. a
 * circular required property).
 */
export function exampleValue(input: ExampleInput, depth = 0, schemaName?: string): JsonValue | undefined {
  const { node, schemas, seed } = input;
  if (depth > 8) return undefined;
  switch (node.kind) {
    case "ref": {
      const target = schemas.get(node.name);
      return target ? exampleValue({ ...input, node: target.schema }, depth + 1, node.name) : undefined;
    }
    case "string":
      return stringExample({ node, seed });
    case "number":
    case "integer":
      return numberExample(node, seed);
    case "boolean":
      return true;
    case "null":
      return null;
    case "enum":
      return node.values.find((v) => v !== null) ?? null;
    case "const":
      return node.value;
    case "unknown":
      return node.examples?.[0] ?? "value";
    case "array": {
      const count = Math.max(node.minItems ?? 0, node.maxItems === 0 ? 0 : 1);
      const items: JsonValue[] = [];
      for (let i = 0; i < count; i++) {
        const item = exampleValue({ ...input, node: node.items, seed: seed * 10 + i }, depth + 1);
        if (item === undefined) return count > (node.minItems ?? 0) ? [] : undefined;
        items.push(item);
      }
      return items;
    }
    case "union": {
      for (const member of node.members) {
        const value = exampleValue({ ...input, node: member }, depth + 1);
        if (value !== undefined && value !== null) return value;
      }
      return node.nullable ? null : undefined;
    }
    case "intersection": {
      const merged: Record<string, JsonValue> = {};
      for (const member of node.members) {
        const value = exampleValue({ ...input, node: member }, depth + 1);
        if (value === undefined) return undefined;
        if (typeof value === "object" && value !== null && !Array.isArray(value)) Object.assign(merged, value);
        else return value;
      }
      return merged;
    }
    case "object": {
      const result: Record<string, JsonValue> = {};
      for (const prop of node.properties) {
        const forced = schemaName !== undefined && (input.forcedReadOnly?.has(`${schemaName}/${prop.name}`) ?? false);
        if (isHiddenProperty({ schema: prop.schema, variant: input.variant, forced })) continue;
        if (!prop.required && !input.optional) continue;
        const value = exampleValue({ ...input, node: prop.schema, optional: input.optional && depth < 2 }, depth + 1);
        if (value === undefined) {
          if (prop.required) return undefined;
          continue;
        }
        result[prop.name] = value;
      }
      return result;
    }
  }
}
