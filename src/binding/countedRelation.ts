import type { Model, NamedSchema, ObjectProperty, RelationField } from "../ir/types.js";
import { pluralize, squashName } from "../naming/caseConversion.js";
import { findField } from "./findField.js";
import { derefSchema } from "./schemaLookup.js";

/**
 * A response property the database computes in the record's query: the number of records of a to-many relation.
 * `via` says how it was recognised (`extension`: `x-vx-computed: { count }`; `name`: `commentsCount` and the like);
 * `problem` is an explicit `x-vx-computed` that cannot be honoured (VX316).
 */
export type CountedRelation = { ok: true; relation: RelationField; via: "extension" | "name" } | { ok: false; problem: string };

function isNumber({ property, schemas }: { property: ObjectProperty; schemas: Map<string, NamedSchema> }): boolean {
  const node = derefSchema({ node: property.schema, schemas });
  return node.kind === "integer" || node.kind === "number";
}

/** `commentsCount`, `comments_count`, `commentCount`, `numberOfComments` -> `comments` (squashed), else undefined. */
function countStem(property: string): string | undefined {
  const key = squashName(property);
  if (key.length > "count".length && key.endsWith("count")) return key.slice(0, -"count".length);
  if (key.length > "numberof".length && key.startsWith("numberof")) return key.slice("numberof".length);
  return undefined;
}

function toManyRelations(model: Model): RelationField[] {
  return model.fields.filter((f): f is RelationField => f.kind === "relation" && f.isList);
}

function explicitCount({ model, property, schemas, relation }: { model: Model; property: ObjectProperty; schemas: Map<string, NamedSchema>; relation: string }): CountedRelation {
  const field = toManyRelations(model).find((f) => f.name === relation);
  if (!field) {
    const names = toManyRelations(model).map((f) => f.name);
    const known = names.length > 0 ? `its to-many relations are ${names.join(", ")}` : "it has no to-many relation";
    return { ok: false, problem: `x-vx-computed of '${property.name}' counts '${relation}', which is not a to-many relation of model ${model.name} (${known})` };
  }
  if (!isNumber({ property, schemas })) return { ok: false, problem: `'${property.name}' counts ${model.name}.${relation} (x-vx-computed) but is not an integer or number property` };
  return { ok: true, relation: field, via: "extension" };
}

/**
 * The to-many relation a response property of `model` counts: named by `x-vx-computed: { count }` on the property, or
 * recognised by name (`<relation>Count`, `<relation>_count`, `<singular>Count`, `numberOf<Relation>`) when the
 * property is an integer or number, has no column of its own, and exactly one to-many relation matches. Undefined
 * when the property is not a count (a column, or nothing the model can compute: VX307 stays).
 */
export function countedRelation({ model, property, schemas }: { model: Model; property: ObjectProperty; schemas: Map<string, NamedSchema> }): CountedRelation | undefined {
  const explicit = property.schema.computed ?? derefSchema({ node: property.schema, schemas }).computed;
  if (explicit && "count" in explicit) return explicitCount({ model, property, schemas, relation: explicit.count });
  if (explicit) return undefined;
  if (findField({ model, property: property.name }) || !isNumber({ property, schemas })) return undefined;
  const stem = countStem(property.name);
  if (stem === undefined) return undefined;
  const plural = squashName(pluralize(stem));
  const matches = toManyRelations(model).filter((f) => squashName(f.name) === stem || squashName(f.name) === plural);
  const only = matches.length === 1 ? matches[0] : undefined;
  return only ? { ok: true, relation: only, via: "name" } : undefined;
}
