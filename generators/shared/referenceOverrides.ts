import type { JsonValue, RelationField } from "../../src/ir/types.js";
import { singularize } from "../../src/naming/caseConversion.js";
import { findModelField } from "./modelSchemas.js";
import type { ModelView } from "./modelView.js";

/** A body property that must point at an existing record: a test creates `target` first and sends its `to`. */
export interface ReferenceOverride {
  property: string;
  target: ModelView;
  /** The field of the created record to send. */
  to: string;
  /** An id list (`tagIds`): `[record.to]`. */
  list: boolean;
  /** A nested object connecting a to-one relation by key (`author: { id }`): `{ <nestedKey>: record.to }`. */
  nestedKey?: string;
  /**
   * The composite relation the property is a column of: its columns all come from one record (created once);
   * `columns` pairs each of its foreign-key columns with the record's field it takes.
   */
  composite?: { relation: string; columns: { column: string; to: string }[] };
}

/**
 * The relation a foreign-key column points through: a composite one first (`[datasetId, projectId]` to a dataset),
 * whose record brings all its columns, before a single one sharing the column (`projectId` to a project).
 */
function relationOf({ model, column }: { model: ModelView; column: string }): RelationField | undefined {
  const relations = model.model.fields.filter((f): f is RelationField => f.kind === "relation" && f.fromFields.includes(column));
  return [...relations].sort((a, b) => b.fromFields.length - a.fromFields.length)[0];
}

/**
 * The properties of an example body that a test replaces with the keys of records it creates first: foreign keys
 * and id lists of list relations. `keep` (the property an invalid case breaks) is never replaced, or the request
 * would be valid again.
 */
export function referenceOverrides({ value, model, views, keep }: { value: Record<string, JsonValue>; model: ModelView; views: Map<string, ModelView>; keep?: string }): ReferenceOverride[] {
  const overrides: ReferenceOverride[] = [];
  for (const name of Object.keys(value).filter((n) => n !== keep)) {
    const field = findModelField({ model: model.model, property: name });
    if ((field?.kind === "scalar" || field?.kind === "enum") && field.isForeignKey) {
      const relation = relationOf({ model, column: field.name });
      const target = relation ? views.get(relation.type) : undefined;
      const to = relation?.toFields[relation.fromFields.indexOf(field.name)];
      const composite =
        relation && relation.fromFields.length > 1 ? { relation: relation.name, columns: relation.fromFields.map((column, index) => ({ column, to: relation.toFields[index] ?? "" })) } : undefined;
      if (target && to) overrides.push({ property: name, target, to, list: false, ...(composite === undefined ? {} : { composite }) });
      continue;
    }
    const sent = value[name];
    if (field?.kind === "relation" && !field.isList && field.fromFields.length === 1 && typeof sent === "object" && sent !== null && !Array.isArray(sent)) {
      const target = views.get(field.type);
      const to = field.toFields[0];
      const nestedKey = to === undefined ? undefined : Object.keys(sent).find((k) => k.toLowerCase() === to.toLowerCase());
      if (target && to && nestedKey !== undefined) overrides.push({ property: name, target, to, list: false, nestedKey });
      continue;
    }
    if (field === undefined && Array.isArray(value[name])) {
      const relation = model.model.fields.find(
        (f): f is RelationField => f.kind === "relation" && f.isList && name.toLowerCase().startsWith(singularize(f.name).toLowerCase()),
      );
      const target = relation ? views.get(relation.type) : undefined;
      if (target?.idField) overrides.push({ property: name, target, to: target.idField.name, list: true });
    }
  }
  return overrides;
}
