import type { Model, NamedSchema, ObjectProperty, RelationField, SchemaNode } from "../ir/types.js";
import { squashName } from "../naming/caseConversion.js";
import { derefSchema, isReadOnlyProperty, objectProperties, schemaName } from "./schemaLookup.js";

/**
 * An API property that stands for the record of a to-one relation (`author: { id, name }` for `Book.author Author`):
 * `node` is its object schema (a nullable wrapper taken off), `nullable` whether the property also allows null. `via`
 * says how it was recognised: `name` (the property is named after the relation), `schema` (its schema is the related
 * model's: `x-vx-model` or the schema's name). `problem` is an object property that names a model it cannot stand for
 * (`code` VX324: several to-one relations to that model and the name matches none; VX325: no to-one relation to it).
 */
export type NestedRelation =
  | { ok: true; relation: RelationField; related: Model; node: SchemaNode; nullable: boolean; via: "name" | "schema" }
  | { ok: false; code: "VX324" | "VX325"; problem: string; help: string };

type Schemas = Map<string, NamedSchema>;

/** The object schema of a property (`{ $ref }`, inline, or the one non-null member of a union), else undefined. */
export function nestedObjectNode({ node, schemas }: { node: SchemaNode; schemas: Schemas }): { node: SchemaNode; nullable: boolean } | undefined {
  const resolved = derefSchema({ node, schemas });
  if (resolved.kind === "union") {
    const members = resolved.members.filter((m) => derefSchema({ node: m, schemas }).kind !== "null");
    const only = members.length === 1 ? members[0] : undefined;
    const inner = only ? nestedObjectNode({ node: only, schemas }) : undefined;
    return inner ? { node: inner.node, nullable: true } : undefined;
  }
  if (resolved.kind !== "object" && resolved.kind !== "intersection" && resolved.kind !== "ref") return undefined;
  const props = objectProperties({ node, schemas });
  if (!props || props.length === 0) return undefined;
  return { node, nullable: node.nullable || resolved.nullable };
}

function toOneRelations(model: Model): RelationField[] {
  return model.fields.filter((f): f is RelationField => f.kind === "relation" && !f.isList);
}

/**
 * The model an object schema says it is: `x-vx-model` on it (inline or on its named schema), else a model named like
 * the schema.
 */
function schemaModel({ node, schemas, models }: { node: SchemaNode; schemas: Schemas; models: ReadonlyMap<string, Model> }): { name: string; explicit: boolean } | undefined {
  const own = node.modelHint ?? derefSchema({ node, schemas }).modelHint;
  if (own !== undefined) return { name: own, explicit: true };
  const name = schemaName({ node, schemas });
  if (name === undefined) return undefined;
  const hint = schemas.get(name)?.modelHint;
  if (hint !== undefined) return { name: hint, explicit: true };
  const key = squashName(name);
  const model = [...models.values()].find((m) => squashName(m.name) === key);
  return model ? { name: model.name, explicit: false } : undefined;
}

/**
 * The to-one relation of `model` an object property stands for: the relation named like the property, else the only
 * to-one relation to the model its schema names. Undefined when the property is not an object, is a column, a to-many
 * relation, or names no related model (a property with no column: VX307 stays).
 */
export function nestedRelation({ model, property, models, schemas }: { model: Model; property: ObjectProperty; models: ReadonlyMap<string, Model>; schemas: Schemas }): NestedRelation | undefined {
  const object = nestedObjectNode({ node: property.schema, schemas });
  if (!object) return undefined;
  const named = schemaModel({ node: object.node, schemas, models });
  const key = squashName(property.name);
  const byName = model.fields.find((f) => f.name === property.name) ?? model.fields.find((f) => squashName(f.name) === key || ("dbName" in f && squashName(f.dbName) === key));
  if (byName) {
    if (byName.kind !== "relation" || byName.isList) return undefined;
    const related = models.get(byName.type);
    if (!related) return undefined;
    if (named?.explicit && named.name !== byName.type) {
      return { ok: false, code: "VX325", problem: `property '${property.name}' stands for ${model.name}.${byName.name} (a ${byName.type}) but its schema says x-vx-model: ${named.name}`, help: `make the schema's x-vx-model ${byName.type}, or rename the property` };
    }
    return { ok: true, relation: byName, related, node: object.node, nullable: object.nullable, via: "name" };
  }
  if (!named) return undefined;
  const candidates = toOneRelations(model).filter((r) => r.type === named.name);
  const only = candidates.length === 1 ? candidates[0] : undefined;
  const related = only ? models.get(only.type) : undefined;
  if (only && related) return { ok: true, relation: only, related, node: object.node, nullable: object.nullable, via: "schema" };
  if (candidates.length > 1) {
    const names = candidates.map((r) => r.name).sort();
    return {
      ok: false,
      code: "VX324",
      problem: `property '${property.name}' is a ${named.name} but model ${model.name} has several to-one relations to ${named.name} (${names.join(", ")}) and the property's name matches none`,
      help: `name the property after one of the relations (${names.join(", ")}); x-vx-model on its schema names the model, which both relations share`,
    };
  }
  if (!named.explicit) return undefined;
  const relations = toOneRelations(model).map((r) => `${r.name} (${r.type})`);
  return {
    ok: false,
    code: "VX325",
    problem: `property '${property.name}' is a ${named.name} (x-vx-model) but model ${model.name} has no to-one relation to ${named.name}`,
    help: relations.length > 0 ? `its to-one relations are ${relations.join(", ")}: fix x-vx-model or name the property after one` : `model ${model.name} has no to-one relation: add one to the Prisma schema or remove the property`,
  };
}

/**
 * The key a request's nested object connects by: its required, writable (not readOnly) property for the field the
 * relation references (`author: { id }`), on the side of the relation holding the foreign key.
 */
export function connectKey({ nested, schemas }: { nested: Extract<NestedRelation, { ok: true }>; schemas: Schemas }): { property: ObjectProperty; field: string } | undefined {
  const { relation, node } = nested;
  const field = relation.toFields.length === 1 ? relation.toFields[0] : undefined;
  if (field === undefined || relation.fromFields.length !== 1) return undefined;
  const props = objectProperties({ node, schemas }) ?? [];
  const key = squashName(field);
  const property = props.find((p) => p.name === field) ?? props.find((p) => squashName(p.name) === key);
  const readOnly = property ? isReadOnlyProperty({ property, schemas }) : true;
  return property?.required && !readOnly ? { property, field } : undefined;
}
