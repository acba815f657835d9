import type { DbModel, Model, NamedSchema, Operation } from "../ir/types.js";
import { callerRelation } from "./callerRelation.js";
import { countedRelation } from "./countedRelation.js";
import { findField } from "./findField.js";
import { nestedRelation } from "./nestedRelation.js";
import { responseRecordSchema } from "./envelopeNodes.js";
import { objectProperties } from "./schemaLookup.js";

/**
 * What `inspect` says about the response properties of a bound operation's records that are a related record
 * (`nested: author = Book.author (Author: id, name)`: the related model and the columns the nested shape shows, then
 * whether the caller is in one of its relations (`following: the caller in followers`), then
 * the properties that are no column of it: `not mapped: country`, left out of the answer or, when required, the
 * reason the operation has a handler to write), in the schema's property order.
 */
export function describeNested({ op, schemas, db, userModel }: { op: Operation; schemas: Map<string, NamedSchema>; db: DbModel | null; userModel?: string | undefined }): string[] {
  const binding = op.binding;
  if (binding.kind !== "bound" || binding.action === "custom" || !db) return [];
  const models = new Map<string, Model>([...db.models, ...db.views].map((m) => [m.name, m]));
  const model = models.get(binding.model);
  if (!model) return [];
  const record = responseRecordSchema({ op, envelope: binding.responseEnvelope, list: binding.action === "list", schemas });
  const properties = record ? (objectProperties({ node: record, schemas }) ?? []) : [];
  return properties.flatMap((property) => {
    const nested = nestedRelation({ model, property, models, schemas });
    if (!nested?.ok) return [];
    const columns: string[] = [];
    const left: string[] = [];
    for (const p of objectProperties({ node: nested.node, schemas }) ?? []) {
      const field = findField({ model: nested.related, property: p.name });
      const column = field && (field.kind === "scalar" || field.kind === "enum");
      const counted = field ? undefined : countedRelation({ model: nested.related, property: p, schemas });
      // A flag may share its name with a relation (`following` asks about `followers`), never with a column.
      const flag = column || counted ? undefined : callerRelation({ model: nested.related, property: p, schemas, userModel });
      if (field && column) columns.push(field.name);
      else if (counted?.ok) columns.push(`count of ${counted.relation.name}`);
      else if (flag?.ok) columns.push(`${p.name}: the caller in ${flag.relation.name}`);
      else left.push(p.name);
    }
    const notMapped = left.length > 0 ? `; not mapped: ${left.join(", ")}` : "";
    return [`nested: ${property.name} = ${model.name}.${nested.relation.name} (${nested.related.name}: ${columns.join(", ")}${notMapped})${nested.via === "schema" ? " (by schema)" : ""}`];
  });
}
