import type { JsonValue, SchemaNode } from "../../src/ir/types.js";
import { docCommentDoc } from "./docComment.js";
import { delimitedDoc, group, ifBreak, indent, join, layoutDoc, line, softline, type Doc } from "./layoutDoc.js";
import { tsString } from "../../src/emit/tsString.js";
import { typeKey } from "../../src/emit/typeKey.js";

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

/** A property key as TypeScript source (in a type): bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return typeKey(name);
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
  return typeof value === "string" ? tsString(value) : JSON.stringify(value);
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

/** A printed type and how it combines: unions and intersections need parentheses inside other unions and arrays. */
export interface TypeDoc {
  doc: Doc;
  shape: "atom" | "object" | "union" | "intersection";
  /** The one-line text when it is short and simple (used to drop duplicate union members). */
  text?: string;
  /** The members of a union (a union inside a union is flattened). */
  members?: TypeDoc[];
  /** A union of one object (or array of objects) and null: laid out like the object. */
  hug?: boolean;
  /** An array of objects, printed `Array<{` ... `}>`: hugs like an object. */
  objectLike?: boolean;
}

export function atom(text: string): TypeDoc {
  return { doc: text, shape: "atom", text };
}

function parenthesized(t: TypeDoc): Doc {
  return t.shape === "union" || t.shape === "intersection" ? ["(", t.doc, ")"] : t.doc;
}

/** `A | B | C`, or one member per line after a leading `| ` when it does not fit (as prettier prints unions). */
export function unionDoc(members: readonly TypeDoc[]): TypeDoc {
  const seen = new Set<string>();
  const unique: TypeDoc[] = [];
  for (const m of members.flatMap((t) => t.members ?? [t])) {
    if (m.text !== undefined) {
      if (seen.has(m.text)) continue;
      seen.add(m.text);
    }
    unique.push(m);
  }
  if (unique.some((m) => m.text === "unknown")) return atom("unknown");
  if (unique.length === 0) return atom("never");
  const [only] = unique;
  if (unique.length === 1 && only) return only;
  const docs = unique.map(parenthesized);
  const objects = unique.filter((m) => m.shape === "object" || m.objectLike);
  const [object] = objects;
  if (object && objects.length === 1 && unique.every((m) => m === object || m.text === "null")) {
    // `{ ... } | null` keeps the object's braces on the property's line (prettier "hugs" it).
    return { doc: join({ separator: " | ", docs }), shape: "union", members: unique, hug: true };
  }
  const allText = unique.every((m) => m.text !== undefined);
  return {
    // Members are indented past their `| ` when they break (prettier's alignment).
    doc: group([ifBreak({ broken: "| " }), join({ separator: [line, "| "], docs: docs.map((d) => indent(d)) })]),
    shape: "union",
    members: unique,
    ...(allText ? { text: unique.map((m) => (m.shape === "intersection" ? `(${m.text})` : m.text)).join(" | ") } : {}),
  };
}

/** Where a type goes after `key:` or `=`: unions move to their own indented lines when they break, objects hug. */
export function typeAfter({ type, separator }: { type: TypeDoc; separator: string }): Doc {
  if (type.shape === "union" && !type.hug) return group([separator, indent([line, type.doc])]);
  return [separator, " ", type.doc];
}

/**
 * A schema node as a TypeScript type, laid out by `layoutDoc`. Pure: the same node gives the same text; circular
 * schemas stay references to named types, so printing always ends. With `docs`, properties carry their descriptions.
 */
export function typeDoc(input: PrintTypeInput & { docs?: boolean }): TypeDoc {
  const core = coreDoc(input);
  if (input.node.nullable && core.text !== "unknown" && core.text !== "null") return unionDoc([core, atom("null")]);
  return core;
}

/** A schema node as a one-line TypeScript type expression (for code that prettier lays out afterwards). */
export function printType(input: PrintTypeInput): string {
  return layoutDoc({ doc: typeDoc(input).doc, width: Number.POSITIVE_INFINITY });
}

function coreDoc(input: PrintTypeInput & { docs?: boolean }): TypeDoc {
  const { node, variant, refName } = input;
  const child = (n: SchemaNode): TypeDoc =>
    typeDoc({ node: n, variant, refName, ...(input.forcedReadOnly ? { forcedReadOnly: input.forcedReadOnly } : {}), ...(input.docs ? { docs: true } : {}) });
  switch (node.kind) {
    case "ref":
      return atom(refName(node.name));
    case "string":
      return atom("string");
    case "number":
    case "integer":
      return atom("number");
    case "boolean":
      return atom("boolean");
    case "null":
      return atom("null");
    case "unknown":
      return atom("unknown");
    case "enum":
      return unionDoc(node.values.map((v) => atom(literalType(v))));
    case "const":
      return atom(literalType(node.value));
    case "array": {
      if (node.prefixItems && node.prefixItems.length > 0) {
        const rest = node.items.kind === "unknown" ? "...unknown[]" : ["...", parenthesized(child(node.items)), "[]"];
        const items = [...node.prefixItems.map((p) => child(p).doc), rest];
        return { doc: group(["[", indent([softline, join({ separator: [",", line], docs: items })]), softline, "]"]), shape: "atom" };
      }
      const items = child(node.items);
      if (items.shape === "object" || items.hug) return { doc: ["Array<", items.doc, ">"], shape: "atom", objectLike: true };
      return { doc: group(["Array<", indent([softline, items.doc]), softline, ">"]), shape: "atom", ...(items.text !== undefined ? { text: `Array<${items.text}>` } : {}) };
    }
    case "union":
      return unionDoc(node.members.map(child));
    case "intersection": {
      const members = node.members.map(child).filter((t) => t.text !== "unknown");
      const seen = new Set<string>();
      const unique = members.filter((m) => m.text === undefined || (!seen.has(m.text) && seen.add(m.text)));
      const [only] = unique;
      if (only === undefined) return atom("unknown");
      if (unique.length === 1) return only;
      return { doc: join({ separator: " & ", docs: unique.map(parenthesized) }), shape: "intersection" };
    }
    case "object": {
      const members: Doc[] = [];
      for (const prop of node.properties) {
        const forced = input.schemaName !== undefined && (input.forcedReadOnly?.has(`${input.schemaName}/${prop.name}`) ?? false);
        if (isHiddenProperty({ schema: prop.schema, variant, forced })) continue;
        const docs = input.docs ? docCommentDoc([prop.schema.description, prop.schema.deprecated ? "@deprecated" : undefined]) : [];
        members.push([...docs, typeAfter({ type: child(prop.schema), separator: `${propertyKey(prop.name)}${prop.required ? "" : "?"}:` })]);
      }
      const extra = node.additionalProperties;
      if (members.length === 0) {
        if (extra === false) return atom("Record<string, never>");
        if (extra === true) return atom("Record<string, unknown>");
        const value = child(extra);
        // A named type as an index signature: `Record<string, T>` is not deferred, so a `T` that refers back to the
        // alias being declared (Discord's `ErrorDetails = Record<string, ErrorDetails> | InnerErrors`) is TS2456.
        if (extra.kind === "ref") return { doc: objectDoc([typeAfter({ type: value, separator: "[key: string]:" })]), shape: "object" };
        return { doc: group(["Record<", indent([softline, "string,", line, value.doc]), softline, ">"]), shape: "atom", ...(value.text !== undefined ? { text: `Record<string, ${value.text}>` } : {}) };
      }
      if (extra !== false && extra !== true && extra.kind !== "unknown") members.push("[key: string]: unknown");
      return { doc: objectDoc(members), shape: "object" };
    }
  }
}

/** `{ a: A; b: B }` on one line, or one member per line ending in `;` (as prettier prints type literals). */
export function objectDoc(members: readonly Doc[]): Doc {
  return delimitedDoc({ open: "{", close: "}", items: members, separator: ";" });
}
