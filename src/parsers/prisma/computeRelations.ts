import type { Model, Relation, RelationField } from "../../ir/types.js";

interface Side {
  model: string;
  field: RelationField;
}

/** Sort comparator (the one two-argument shape `Array.prototype.sort` needs). */
function compareSides(a: Side, b: Side): number {
  if (a.model !== b.model) return a.model < b.model ? -1 : 1;
  return a.field.name < b.field.name ? -1 : a.field.name > b.field.name ? 1 : 0;
}

function primaryKeyFields({ models, name }: { models: ReadonlyMap<string, Model>; name: string }): string[] {
  return [...(models.get(name)?.primaryKey?.fields ?? [])];
}

function relationOf({
  name,
  sides,
  models,
}: {
  name: string;
  sides: Side[];
  models: ReadonlyMap<string, Model>;
}): Relation {
  const sorted = [...sides].sort(compareSides);
  const first = sorted[0] as Side;
  const second = sorted[1];
  if (second && first.field.isList && second.field.isList) {
    // m-n. Implicit: Prisma's join table references both primary keys. MongoDB's m-n keeps id lists on both sides.
    const implicit = first.field.fromFields.length === 0 && second.field.fromFields.length === 0;
    const end = (side: Side) => ({
      model: side.model,
      field: side.field.name,
      fields: implicit ? primaryKeyFields({ models, name: side.model }) : [...side.field.fromFields],
    });
    return {
      kind: "relation",
      name,
      type: "m-n",
      implicit,
      self: first.model === second.model,
      from: end(first),
      to: end(second),
    };
  }
  const owner = sorted.find((s) => s.field.fromFields.length > 0) ?? sorted.find((s) => !s.field.isList) ?? first;
  const other = sorted.find((s) => s !== owner);
  const relation: Relation = {
    kind: "relation",
    name,
    type: other?.field.isList ? "1-n" : "1-1",
    implicit: false,
    self: owner.model === owner.field.type,
    from: { model: owner.model, field: owner.field.name, fields: [...owner.field.fromFields] },
    to: { model: owner.field.type, field: other?.field.name ?? "", fields: [...owner.field.toFields] },
  };
  if (owner.field.onDelete) relation.onDelete = owner.field.onDelete;
  if (owner.field.onUpdate) relation.onUpdate = owner.field.onUpdate;
  return relation;
}

/**
 * The relations between models (and views), one per Prisma relation, from the relation fields on both sides:
 * 1-1 and 1-n point from the side holding the foreign key to the referenced side; both sides lists make m-n
 * (`implicit` when Prisma manages the join table). An explicit m-n through a join model is its two 1-n relations.
 * Sorted by name, then by the models involved.
 */
export function computeRelations({ models }: { models: readonly Model[] }): Relation[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  const groups = new Map<string, { name: string; sides: Side[] }>();
  for (const model of models) {
    for (const field of model.fields) {
      if (field.kind !== "relation") continue;
      const pair = [model.name, field.type].sort().join("\u0000");
      const key = `${field.relationName}\u0000${pair}`;
      const group = groups.get(key) ?? { name: field.relationName, sides: [] };
      group.sides.push({ model: model.name, field });
      groups.set(key, group);
    }
  }
  const relations = [...groups.values()].map((g) => relationOf({ name: g.name, sides: g.sides, models: byName }));
  const key = (r: Relation) => `${r.name}\u0000${r.from.model}\u0000${r.from.field}`;
  return relations.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
