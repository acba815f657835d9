import type { EnumSchema, NamedSchema, SchemaNode } from "../ir/types.js";
import { derefSchema } from "../binding/schemaLookup.js";
import { prismaString } from "../emit/prismaString.js";
import type { PlannedEnum } from "./PrismaSchemaPlan.js";
import { prismaIdentifier } from "./prismaIdentifier.js";

/** A string enum a model property uses: a named schema (`BookStatus`), or inline (`Book.status`). */
export interface EnumCandidate {
  /** `BookStatus`, or `Book.status` for an inline enum (unique: schema names have no dots in this form). */
  original: string;
  base: string;
  node: EnumSchema;
}

/** A string enum (null allowed beside strings) with at least one value. */
function stringEnum(node: SchemaNode): EnumSchema | undefined {
  if (node.kind !== "enum") return undefined;
  const values = node.values.filter((v) => v !== null);
  return values.length > 0 && values.every((v) => typeof v === "string") ? node : undefined;
}

/** Strips `null` and array wrappers: the node whose values a column holds. */
function innerNode(node: SchemaNode): SchemaNode {
  if (node.kind === "array") return innerNode(node.items);
  if (node.kind === "union") {
    const rest = node.members.filter((m) => m.kind !== "null");
    if (rest.length === 1 && rest[0]) return innerNode(rest[0]);
  }
  return node;
}

/**
 * The enum a property's schema names: a ref to a named string enum keeps the schema's name; an inline string enum is
 * `<schema>.<property>`. Undefined for anything else.
 */
export function enumCandidateOf({ node, schemas, model, property }: { node: SchemaNode; schemas: Map<string, NamedSchema>; model: string; property: string }): EnumCandidate | undefined {
  const inner = innerNode(node);
  if (inner.kind === "ref") {
    const named = schemas.get(inner.name);
    const target = named ? stringEnum(innerNode(derefSchema({ node: named.schema, schemas }))) : undefined;
    return named && target ? { original: named.name, base: prismaIdentifier({ name: named.name, style: "pascal", fallback: "Enum" }), node: target } : undefined;
  }
  const inline = stringEnum(inner);
  return inline ? { original: `${model}.${property}`, base: prismaIdentifier({ name: `${model} ${property}`, style: "pascal", fallback: "Enum" }), node: inline } : undefined;
}

/**
 * A Prisma enum for a string enum: each value an identifier (`in-progress` -> `in_progress`, mapped back with
 * `@map("in-progress")`), duplicates after the change suffixed, in the document's order.
 */
export function planPrismaEnum({ name, node }: { name: string; node: EnumSchema }): PlannedEnum {
  const used = new Set<string>();
  const notes: string[] = [];
  const values: PlannedEnum["values"] = [];
  for (const value of node.values) {
    if (typeof value !== "string") continue;
    let ident = /^[A-Za-z][A-Za-z0-9_]*$/.test(value) ? value : value.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
    if (!/^[A-Za-z]/.test(ident)) ident = `V${ident === "" ? "EMPTY" : `_${ident}`}`;
    const wanted = ident;
    for (let n = 2; used.has(ident.toLowerCase()); n++) ident = `${wanted}_${n}`;
    used.add(ident.toLowerCase());
    values.push(ident === value ? { name: ident, api: value } : { name: ident, api: value, mapCode: `@map(${prismaString(value)})` });
  }
  if (values.some((v) => v.mapCode !== undefined)) notes.push("values that are not Prisma identifiers are renamed and @map-ped to the API's spelling");
  return { name, values, notes };
}
