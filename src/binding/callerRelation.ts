import type { Model, NamedSchema, ObjectProperty, RelationField } from "../ir/types.js";
import { squashName } from "../naming/caseConversion.js";
import { actorRelations } from "./actorRelation.js";
import { findField } from "./findField.js";
import { derefSchema } from "./schemaLookup.js";

/**
 * A response property that says whether the caller is one of the records of a to-many relation to the user model
 * (`favorited` over `Article.favoritedBy`, `following` over `User.followers`). `via` says how it was recognised
 * (`extension`: `x-vx-computed: { callerIn }`; `name`: a boolean named like the relation's verb, with no column of
 * its name); `problem` is an
 * explicit `x-vx-computed` that cannot be honoured (VX320).
 */
export type CallerRelation = { ok: true; relation: RelationField; via: "extension" | "name" } | { ok: false; problem: string };

function isBoolean({ property, schemas }: { property: ObjectProperty; schemas: Map<string, NamedSchema> }): boolean {
  return derefSchema({ node: property.schema, schemas }).kind === "boolean";
}

function explicitCaller({ model, property, schemas, relation, userModel }: { model: Model; property: ObjectProperty; schemas: Map<string, NamedSchema>; relation: string; userModel: string | undefined }): CallerRelation {
  if (userModel === undefined) return { ok: false, problem: `'${property.name}' asks whether the caller is in ${model.name}.${relation} (x-vx-computed), but the project has no accounts (mark the user schema \`x-vx-auth: user\`)` };
  const field = model.fields.find((f): f is RelationField => f.kind === "relation" && f.name === relation);
  if (!field || !field.isList || field.type !== userModel) {
    return { ok: false, problem: `x-vx-computed of '${property.name}' names '${relation}', which is not a to-many relation of model ${model.name} to the user model ${userModel}` };
  }
  if (!isBoolean({ property, schemas })) return { ok: false, problem: `'${property.name}' asks whether the caller is in ${model.name}.${relation} (x-vx-computed) but is not a boolean property` };
  return { ok: true, relation: field, via: "extension" };
}

/**
 * The relation a boolean response property of `model` asks the caller's membership of: named by `x-vx-computed: {
 * callerIn }`, or recognised by name when the project has a user model (`userModel`), the property is a boolean with
 * no column of its own, and exactly one to-many relation to the user model names the actors of its verb
 * (`favorited`, `isFavorited` -> `favoritedBy`; `following` -> `followers`). Undefined when it is not such a flag.
 */
export function callerRelation({ model, property, schemas, userModel }: { model: Model; property: ObjectProperty; schemas: Map<string, NamedSchema>; userModel: string | undefined }): CallerRelation | undefined {
  const explicit = property.schema.computed ?? derefSchema({ node: property.schema, schemas }).computed;
  if (explicit && "callerIn" in explicit) return explicitCaller({ model, property, schemas, relation: explicit.callerIn, userModel });
  if (explicit || userModel === undefined) return undefined;
  // A boolean is never a relation's records: `following` over `User.following` (whom the user follows) still asks
  // whether the caller follows them. A column of its name is the property's own.
  const field = findField({ model, property: property.name });
  if ((field && field.kind !== "relation") || !isBoolean({ property, schemas })) return undefined;
  const word = squashName(property.name);
  const words = word.startsWith("is") && word.length > 4 ? [word, word.slice(2)] : [word];
  const matches = new Set(words.flatMap((w) => actorRelations({ model, word: w, userModel })));
  const [only] = matches;
  return matches.size === 1 && only ? { ok: true, relation: only, via: "name" } : undefined;
}
