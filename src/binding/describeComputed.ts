import { describeScope } from "./bindCallerScope.js";
import type { DbModel, NamedSchema, Operation } from "../ir/types.js";
import { callerRelation } from "./callerRelation.js";
import { callerToken } from "./callerToken.js";
import { countedRelation } from "./countedRelation.js";
import { responseRecordSchema } from "./envelopeNodes.js";
import { objectProperties } from "./schemaLookup.js";

const via = (how: "extension" | "name") => (how === "extension" ? "extension" : "heuristic");

/**
 * What `inspect` says about the computed properties of a bound operation's response records
 * (`computed: commentsCount = count of comments`, `computed: favorited = caller in favoritedBy`), in the schema's
 * property order; a relation action says what it changes first (`relation: connect the caller to favoritedBy`).
 */
export function describeComputed({ op, schemas, db, userModel }: { op: Operation; schemas: Map<string, NamedSchema>; db: DbModel | null; userModel?: string | undefined }): string[] {
  const binding = op.binding;
  if (binding.kind !== "bound" || binding.action === "custom" || !db) return [];
  const model = [...db.models, ...db.views].find((m) => m.name === binding.model);
  if (!model) return [];
  const record = responseRecordSchema({ op, envelope: binding.responseEnvelope, list: binding.action === "list", schemas });
  const properties = record ? (objectProperties({ node: record, schemas }) ?? []) : [];
  const relation = binding.relation;
  const relatedModel = relation ? model.fields.find((f) => f.kind === "relation" && f.name === relation.relation)?.type : undefined;
  const target = relation?.target.kind === "path" ? `the ${relatedModel ?? "record"} of {${relation.target.parameter}} (by ${relation.target.field})` : "the caller";
  const filled = [
    ...(binding.callerColumn ? [`derived: ${binding.callerColumn.field} from the caller (${model.name}.${binding.callerColumn.relation})`] : []),
    ...(binding.scope ? [`scope: ${describeScope(binding.scope)}`] : []),
  ];
  const how = binding.action === "login" ? "login, checked against the stored scrypt hash, throttled and locked out" : "sign-up, the password hashed with scrypt";
  const signIn = binding.signIn ? [`accounts: ${how} (${binding.signIn.identifier}, ${binding.signIn.password})`] : [];
  const action = relation ? [`relation: ${binding.action} ${target} ${binding.action === "connect" ? "to" : "from"} ${model.name}.${relation.relation} (${relation.via})`] : binding.callerRecord ? [`key: the caller's own ${model.name} (the subject of their token)`] : signIn;
  return [
    ...action,
    ...filled,
    ...properties.flatMap((property) => {
      const counted = countedRelation({ model, property, schemas });
      if (counted?.ok) return [`computed: ${property.name} = count of ${counted.relation.name} (${via(counted.via)})`];
      const flag = callerRelation({ model, property, schemas, userModel });
      if (flag?.ok) return [`computed: ${property.name} = caller in ${flag.relation.name} (${via(flag.via)})`];
      if (!callerToken({ model, property, schemas, userModel })) return [];
      return [`computed: ${property.name} = ${binding.signIn ? "the new access token" : "the access token the caller sent"} (heuristic)`];
    }),
  ];
}
