import type { DbModel, NamedSchema, Operation } from "../ir/types.js";
import { countedRelation } from "./countedRelation.js";
import { responseRecordSchema } from "./envelopeNodes.js";
import { objectProperties } from "./schemaLookup.js";

/**
 * What `inspect` says about the computed properties of a bound operation's response records
 * (`computed: commentsCount = count of comments`), in the schema's property order.
 */
export function describeComputed({ op, schemas, db }: { op: Operation; schemas: Map<string, NamedSchema>; db: DbModel | null }): string[] {
  const binding = op.binding;
  if (binding.kind !== "bound" || binding.action === "custom" || !db) return [];
  const model = [...db.models, ...db.views].find((m) => m.name === binding.model);
  if (!model) return [];
  const record = responseRecordSchema({ op, envelope: binding.responseEnvelope, list: binding.action === "list", schemas });
  const properties = record ? (objectProperties({ node: record, schemas }) ?? []) : [];
  return properties.flatMap((property) => {
    const counted = countedRelation({ model, property, schemas });
    return counted?.ok ? [`computed: ${property.name} = count of ${counted.relation.name} (${counted.via === "extension" ? "extension" : "heuristic"})`] : [];
  });
}
