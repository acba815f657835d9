import { singularize as singular, squashName as squash } from "../naming/caseConversion.js";
import type { DbModel, Model } from "../ir/types.js";
import { parameterSchema, type SchemaObject } from "./fieldSchema.js";

/** A property listing the ids of the records an implicit many-to-many relation links (`tagIds` for `tags Tag[]`). */
export interface IdsProperty {
  name: string;
  /** The relation field it stands for. */
  relation: string;
  schema: SchemaObject;
}

/**
 * The id lists of a model's implicit many-to-many relations (Prisma's own join table): `tagIds: [1, 2]`, answered
 * with the record and set by a create, replace or update. Only towards a shown model with a single-field Int, BigInt
 * or String id, and only where the name does not clash with a column.
 */
export function manyToManyIds({ model, db, shown }: { model: Model; db: DbModel; shown: ReadonlySet<string> }): IdsProperty[] {
  const implicit = new Set(db.relations.filter((r) => r.type === "m-n" && r.implicit).map((r) => r.name));
  const taken = new Set(model.fields.map((f) => squash(f.name)));
  const properties: IdsProperty[] = [];
  for (const field of model.fields) {
    if (field.kind !== "relation" || !field.isList || !implicit.has(field.relationName) || !shown.has(field.type)) continue;
    const related = db.models.find((m) => m.name === field.type);
    const idName = related?.primaryKey?.fields.length === 1 ? related.primaryKey.fields[0] : undefined;
    const id = related?.fields.find((f) => f.name === idName);
    if (!id || id.kind !== "scalar" || !["Int", "BigInt", "String"].includes(id.type)) continue;
    const name = `${singular(field.name)}Ids`;
    if (taken.has(squash(name))) continue;
    const item = parameterSchema({ field: id, enumRef: () => undefined });
    if (!item) continue;
    properties.push({ name, relation: field.name, schema: { type: "array", description: `The ids of the linked ${field.type} records.`, items: item, uniqueItems: true } });
  }
  return properties;
}
