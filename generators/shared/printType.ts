import type { JsonValue, SchemaNode } from "../../src/ir/types.js";

/** Which side of the wire a type describes: requests leave readOnly properties out, responses leave writeOnly out. */
export type TypeVariant = "request" | "response";

export interface PrintTypeInput {
  node: SchemaNode;
  variant: TypeVariant;
  /** TypeScript name of a named schema (a `ref` node's target) in the module the type is printed into. */
  refName: (schemaName: string) => string;
  /** Properties of named schemas the database fills: left out of request types like readOnly ones. Key `schema/property`. */
  forcedReadOnly?: ReadonlySet<string>;
  /** Name of the named schema `node` is the root of, so `forcedReadOnly` applies to its properties. */
  schemaName?: string;
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property key as TypeScript source: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return identifier.test(name) ? name : JSON.stringify(name);
}

/** A JSON value as a TypeScript literal type. */
export function literalType(value: JsonValue): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `readonly [${value.map(literalType).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${propertyKey(key)}: ${literalType(value[key] ?? null)}`);
    return `{ ${entries.join("; ")} }`;
  }
  return JSON.stringify(value);
}

function wrap(type: string): string {
  return /^[\w$.]+(\[\])*$|^"[^"]*"$/.test(type) ? type : `(${type})`;
}

function union(types: string[]): string {
  const unique = [...new Set(types)];
  if (unique.includes("unknown")) return "unknown";
  return unique.length === 0 ? "never" : unique.join(" | ");
}

/** Whether a property is sent only by the other side (readOnly in requests, writeOnly in responses). */
export function isHiddenProperty({
  schema,
  variant,
  forced,
}: {
  schema: SchemaNode;
  variant: TypeVariant;
  forced: boolean;
}): boolean {
  return variant === "request" ? schema.readOnly || forced : schema.writeOnly;
}

/**
 * Prints a schema node as a TypeScript type expression. Pure: the same node gives the same text; circular schemas stay
 * references to named types, so printing always ends.
 */
export function printType(input: PrintTypeInput): string {
  const core = printCore(input);
  if (input.node.nullable && core !== "unknown" && core !== "null" && !core.endsWith(" | null")) return `${core} | null`;
  return core;
}

function printCore(input: PrintTypeInput): string {
  const { node, variant, refName } = input;
  const child = (n: SchemaNode): string => printType({ node: n, variant, refName, ...(input.forcedReadOnly ? { forcedReadOnly: input.forcedReadOnly } : {}) });
  switch (node.kind) {
    case "ref":
      return refName(node.name);
    case "string":
      return "string";
    case "number":
    case "integer":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "unknown":
      return "unknown";
    case "enum":
      return union(node.values.map((v) => literalType(v)));
    case "const":
      return literalType(node.value);
    case "array": {
      if (node.prefixItems && node.prefixItems.length > 0) {
        const rest = node.items.kind === "unknown" ? "...unknown[]" : `...${wrap(child(node.items))}[]`;
        return `[${[...node.prefixItems.map(child), rest].join(", ")}]`;
      }
      return `Array<${child(node.items)}>`;
    }
    case "union":
      return union(node.members.map((m) => wrap(child(m))));
    case "intersection": {
      const members = node.members.map((m) => wrap(child(m))).filter((t) => t !== "unknown");
      return members.length === 0 ? "unknown" : [...new Set(members)].join(" & ");
    }
    case "object": {
      const lines: string[] = [];
      for (const prop of node.properties) {
        const forced = input.schemaName !== undefined && (input.forcedReadOnly?.has(`${input.schemaName}/${prop.name}`) ?? false);
        if (isHiddenProperty({ schema: prop.schema, variant, forced })) continue;
        lines.push(`${propertyKey(prop.name)}${prop.required ? "" : "?"}: ${child(prop.schema)};`);
      }
      const extra = node.additionalProperties;
      if (lines.length === 0) {
        if (extra === false) return "Record<string, never>";
        if (extra === true) return "Record<string, unknown>";
        return `Record<string, ${child(extra)}>`;
      }
      if (extra !== false && extra !== true && extra.kind !== "unknown") {
        lines.push(`[key: string]: unknown;`);
      }
      return `{ ${lines.join(" ")} }`;
    }
  }
}
