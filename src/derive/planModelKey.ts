import type { NamedSchema, ObjectProperty, SchemaNode } from "../ir/types.js";
import { derefSchema } from "../binding/schemaLookup.js";
import { squashName } from "../naming/caseConversion.js";
import type { ResourceKey } from "./findResources.js";
import type { DerivedProvider } from "./PrismaSchemaPlan.js";

/** How a model's records are identified: its id column, and the properties that must be unique. */
export interface ModelKey {
  /** The property that is the id, or undefined when the API shows none (a surrogate `id` is added). */
  idProperty?: string;
  /** Int (autoincrement), String with uuid(), BigInt (autoincrement) or a plain String. */
  idType: "Int" | "BigInt" | "String";
  idDefault?: "autoincrement()" | "uuid()";
  /** `@db.Uuid` for a uuid id where the provider has the type. */
  idNativeCode?: string;
  /** Properties keyed by a path (`/users/{username}`) or marked `x-vx-unique`, by property name. */
  unique: Set<string>;
  /** What was guessed about the key, for the id field's comment. */
  notes: string[];
}

const stripNull = (node: SchemaNode): SchemaNode => (node.kind === "union" ? (node.members.find((m) => m.kind !== "null") ?? node) : node);

function typeOfKey({ node, schemas, provider }: { node: SchemaNode; schemas: Map<string, NamedSchema>; provider: DerivedProvider }): Pick<ModelKey, "idType" | "idDefault" | "idNativeCode"> {
  const resolved = stripNull(derefSchema({ node, schemas }));
  if (resolved.kind === "integer" || (resolved.kind === "number" && resolved.multipleOf === 1)) return { idType: resolved.format === "int64" ? "BigInt" : "Int", idDefault: "autoincrement()" };
  if (resolved.kind === "string" && resolved.format === "uuid") return { idType: "String", idDefault: "uuid()", ...(provider === "postgresql" ? { idNativeCode: "@db.Uuid" } : {}) };
  return { idType: "String" };
}

/** The property a path parameter names: `{id}`, `{bookId}`, `{book_id}` on Book -> `id`; `{username}` -> `username`. */
function propertyOfParameter({ parameter, model, properties }: { parameter: string; model: string; properties: ObjectProperty[] }): { property?: string; isId: boolean } {
  const param = squashName(parameter);
  const word = squashName(model);
  const bare = param.startsWith(word) && param.length > word.length ? param.slice(word.length) : param;
  const isId = bare === "id" || param === "id";
  const named = properties.find((p) => squashName(p.name) === bare || squashName(p.name) === param);
  if (isId) return { property: named?.name ?? properties.find((p) => squashName(p.name) === "id")?.name, isId: true };
  return named ? { property: named.name, isId: false } : { isId: false };
}

/**
 * The id and unique properties of a model from its item paths' parameters: an id parameter (`{id}`, `{bookId}`) gives
 * the id its type (integer: autoincrement, uuid: uuid(), else String); a parameter naming another property
 * (`/users/{username}`) makes that property unique. Without an id parameter the `id` property is the id (typed by its
 * schema); without one either, a surrogate key is added.
 */
export function planModelKey({ model, keys, properties, schemas, markedUnique, provider }: { model: string; keys: ResourceKey[]; properties: ObjectProperty[]; schemas: Map<string, NamedSchema>; markedUnique: Set<string>; provider: DerivedProvider }): ModelKey {
  const unique = new Set(markedUnique);
  const notes: string[] = [];
  let id: { property?: string; node: SchemaNode; from: string } | undefined;
  for (const key of keys) {
    const found = propertyOfParameter({ parameter: key.parameter, model, properties });
    if (found.isId && !id) id = { ...(found.property !== undefined ? { property: found.property } : {}), node: key.schema, from: `path parameter {${key.parameter}}` };
    else if (!found.isId && found.property !== undefined) unique.add(found.property);
  }
  if (!id) {
    const property = properties.find((p) => squashName(p.name) === "id");
    if (property) id = { property: property.name, node: property.schema, from: `property ${property.name}` };
  }
  if (!id) {
    notes.push("the API shows no id: a surrogate key the API does not expose");
    return { idType: "Int", idDefault: "autoincrement()", unique, notes };
  }
  const typed = typeOfKey({ node: id.node, schemas, provider });
  if (id.property === undefined) notes.push(`the key of the ${id.from}, which the schema does not show`);
  else if (!id.from.startsWith("path")) notes.push(`no item path names the id: ${id.from} taken as the id${typed.idDefault ? `, filled by ${typed.idDefault}` : ""}`);
  if (id.property !== undefined) unique.delete(id.property);
  return { ...(id.property !== undefined ? { idProperty: id.property } : {}), ...typed, unique, notes };
}
