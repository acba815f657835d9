import type { DecimalStyle } from "./DeriveOptions.js";
import type { DbModel, Model, RelationField } from "../ir/types.js";
import { indexModels } from "../binding/bindOperations.js";
import { squashName } from "../naming/caseConversion.js";
import type { SchemaObject } from "./fieldSchema.js";
import type { FieldPlan } from "./modelFields.js";
import { errors, json, listParameters, schemaRef, type ModelApi, type ModelApiNames } from "./planModelApi.js";

/** What `deriveOpenApi` planned for one model, as the nested routes need it. */
export interface PlannedModel {
  model: Model;
  names: ModelApiNames;
  fields: FieldPlan[];
  api: ModelApi;
}

/** The one relation field of `child` holding a single-column foreign key to `parent`, if there is exactly one. */
function onlyRelationTo({ child, parent }: { child: Model; parent: string }): RelationField | undefined {
  const candidates = child.fields.filter((f): f is RelationField => f.kind === "relation" && f.type === parent && !f.isList && f.fromFields.length === 1);
  return candidates.length === 1 ? candidates[0] : undefined;
}

/**
 * The nested lists of one-to-many relations, `GET /authors/{authorId}/books`: the parent's records' children, paged,
 * filtered and sorted like the child's own list (the foreign key is the path's). Only where the binder sees the
 * nesting: the child has one foreign key to the parent, pointing at the parent's key, and both path segments name
 * their models in the binder's index (a path that had to be renamed for a clash is left alone).
 */
export function planNestedLists({ db, planned, operationId, enumRef, decimal = "string" }: { db: DbModel; planned: PlannedModel[]; operationId: (wanted: string) => string; enumRef: (name: string) => string | undefined; decimal?: DecimalStyle }): { paths: [string, SchemaObject][]; operations: number } {
  const index = indexModels(db);
  const byName = new Map(planned.map((p) => [p.model.name, p]));
  const names = (p: PlannedModel) => p.names.collectionPath.slice(1);
  const paths: [string, SchemaObject][] = [];
  for (const child of planned) {
    if (child.model.kind === "view" || index.byWord.get(squashName(names(child))) !== child.model) continue;
    for (const field of child.model.fields) {
      if (field.kind !== "relation" || field.isList || field.type === child.model.name) continue;
      const parent = byName.get(field.type);
      const relation = onlyRelationTo({ child: child.model, parent: field.type });
      const key = parent?.api.key;
      const parameter = parent?.api.keyParameter;
      if (!parent || relation !== field || !key || !parameter || relation.toFields[0] !== key.field.name) continue;
      if (index.byWord.get(squashName(names(parent))) !== parent.model) continue;
      const fk = relation.fromFields[0];
      paths.push([
        `${parent.names.collectionPath}/{${parameter.name}}${child.names.collectionPath}`,
        {
          parameters: [parameter.value],
          get: {
            operationId: operationId(`list${parent.names.operationIds.get.slice(3)}${child.names.operationIds.list.slice(4)}`),
            tags: [child.names.tag],
            summary: `List the ${child.model.name} records of one ${parent.model.name}`,
            "x-vx-model": child.model.name,
            parameters: listParameters({ model: child.model, fields: child.fields, enumRef, decimal, cursor: child.api.cursor, ...(fk !== undefined ? { exclude: fk } : {}) }),
            responses: { "200": { description: `A page of the ${parent.model.name}'s ${child.model.name} records.`, content: json(schemaRef(child.names.page)) }, ...errors(["400", "404"]) },
          },
        },
      ]);
    }
  }
  return { paths, operations: paths.length };
}
