import type { ApiModel, DbModel, FieldDefault, Model, ModelField, NamedSchema } from "../../src/ir/types.js";
import { collectionItemSchema, indexSchemas, jsonContentSchema, objectProperties, schemaName, successResponseSchema } from "../../src/binding/schemaLookup.js";

/** Lower-case alphanumerics only, the way the binder compares names (`created_at` ~ `createdAt`). */
export function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** The model field an API property stands for: same name, else same squashed name or column name. */
export function findModelField({ model, property }: { model: Model; property: string }): ModelField | undefined {
  const exact = model.fields.find((f) => f.name === property);
  if (exact) return exact;
  const key = squash(property);
  return model.fields.find((f) => squash(f.name) === key || ("dbName" in f && squash(f.dbName) === key));
}

const generatedDefaults = new Set<FieldDefault["kind"]>(["autoincrement", "uuid", "cuid", "nanoid", "ulid", "now", "auto", "sequence", "dbgenerated"]);

/** Fields the database (or Prisma) fills: `@id @default(...)`, `@default(now())`, `@updatedAt`. */
export function isDatabaseFilled(field: ModelField): boolean {
  if (field.kind !== "scalar") return false;
  return field.isUpdatedAt || (field.default !== undefined && generatedDefaults.has(field.default.kind));
}

export interface ModelSchemas {
  /** Named schema -> the model it stands for (by the operations bound to that model). */
  modelOf: Map<string, string>;
  /** `schema/property` of properties the database fills: readOnly for clients even when the spec forgot to say so. */
  forcedReadOnly: Set<string>;
}

/**
 * Which named schemas stand for which model, from what bound operations exchange (request body, response, items of
 * a collection response); and which of their properties the database fills. Sorted iteration, order-independent.
 */
export function modelSchemas({ api, db }: { api: ApiModel; db: DbModel | null }): ModelSchemas {
  const modelOf = new Map<string, string>();
  const forcedReadOnly = new Set<string>();
  if (!db) return { modelOf, forcedReadOnly };
  const schemas = indexSchemas(api);
  const models = new Map(db.models.map((m) => [m.name, m]));
  const candidates: { schema: string; model: string }[] = [];
  for (const op of api.operations) {
    if (op.binding.kind !== "bound") continue;
    const body = op.requestBody ? jsonContentSchema(op.requestBody.content) : undefined;
    const response = successResponseSchema(op);
    const item = response ? collectionItemSchema({ node: response, schemas }) : undefined;
    for (const node of op.binding.action === "list" ? [body, item] : [body, response]) {
      const name = node ? schemaName({ node, schemas }) : undefined;
      if (name) candidates.push({ schema: name, model: op.binding.model });
    }
  }
  candidates.sort((a, b) => (a.schema + "\0" + a.model < b.schema + "\0" + b.model ? -1 : 1));
  for (const { schema, model } of candidates) if (!modelOf.has(schema)) modelOf.set(schema, model);
  for (const [schemaKey, modelName] of modelOf) {
    const model = models.get(modelName);
    const named: NamedSchema | undefined = schemas.get(schemaKey);
    if (!model || !named) continue;
    for (const prop of objectProperties({ node: named.schema, schemas }) ?? []) {
      const field = findModelField({ model, property: prop.name });
      if (field && isDatabaseFilled(field)) forcedReadOnly.add(`${schemaKey}/${prop.name}`);
    }
  }
  return { modelOf, forcedReadOnly };
}
