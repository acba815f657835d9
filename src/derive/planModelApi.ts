import { squashName as squash } from "../naming/caseConversion.js";
import type { JsonValue, Model } from "../ir/types.js";
import type { SchemaObject } from "./fieldSchema.js";
import { parameterSchema } from "./fieldSchema.js";
import type { FieldPlan } from "./modelFields.js";
import type { IdsProperty } from "./manyToManyIds.js";
import type { DecimalStyle } from "./DeriveOptions.js";

/** The names `deriveOpenApi` allocated for one model (unique in the document). */
export interface ModelApiNames {
  /** The record as answered (and as a list item). */
  schema: string;
  /** The body of a create and a replace: the columns a client sets. */
  create: string;
  /** The body of an update: the same columns but the key's, each optional. */
  patch: string;
  /** The body of a replace when the key has columns a create sets (a client-chosen id): the create's columns but the key's. */
  replace: string;
  /** A page of a list: `items`, `total`, `limit`, `offset`. */
  page: string;
  /** The collection path, `/books`. */
  collectionPath: string;
  tag: string;
  /** The path parameter of a key column named `id` is `<stem>Id` (`bookId`): the binder matches it to the model's id. */
  parameterStem: string;
  operationIds: Record<DerivedAction, string>;
}

export type DerivedAction = "list" | "get" | "create" | "update" | "replace" | "delete";

/** One model's share of the derived document: its schemas, its paths and how many operations they hold. */
export interface ModelApi {
  schemas: [string, SchemaObject][];
  paths: [string, SchemaObject][];
  actions: DerivedAction[];
  /** The column that selects one record, or undefined when the model has no single-field id or unique. */
  key: FieldPlan | undefined;
  /** The item path's parameter (`{ name: "bookId", in: "path", ... }`), with `key`. */
  keyParameter: { name: string; value: SchemaObject } | undefined;
  /** With no single-field key: the columns of the compound id (else the first compound unique) that select one record. */
  compoundKey: FieldPlan[] | undefined;
  /** The id column its lists page by, under cursor paging. */
  cursor: FieldPlan | undefined;
}

/** Names a query parameter cannot have: the generated list handler reads them as paging and sorting. */
const listParameterWords = new Set(
  "limit pagesize perpage size take maxresults offset skip page pagenumber cursor after startingafter pagetoken sort sortby orderby order direction sortorder sortdirection sortdir".split(" "),
);

export const schemaRef = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
const responseRef = (name: string): SchemaObject => ({ $ref: `#/components/responses/${name}` });
const parameterRef = (name: string): SchemaObject => ({ $ref: `#/components/parameters/${name}` });
export const json = (schema: SchemaObject): SchemaObject => ({ "application/json": { schema } });
export const errors = (statuses: ("400" | "404" | "409")[]): SchemaObject => {
  const names = { "400": "BadRequest", "404": "NotFound", "409": "Conflict" } as const;
  return Object.fromEntries(statuses.map((s) => [s, responseRef(names[s])]));
};

/** The field that selects one record: the single-field id, else the first single-field unique (visible, not a secret). */
function keyField({ model, fields }: { model: Model; fields: FieldPlan[] }): FieldPlan | undefined {
  const candidates = [...(model.primaryKey?.fields.length === 1 ? [model.primaryKey.fields] : []), ...model.uniques.map((u) => u.fields)];
  for (const names of candidates) {
    if (names.length !== 1) continue;
    const plan = fields.find((f) => f.field.name === names[0]);
    if (plan && plan.field.kind === "scalar" && !plan.writeOnly && !plan.field.isList) return plan;
  }
  return undefined;
}

/** A compound `@@id` (else the first compound `@@unique`) whose columns the API shows: the record's key when it has no single-field one. */
function compoundKeyFields({ model, fields }: { model: Model; fields: FieldPlan[] }): FieldPlan[] | undefined {
  const candidates = [...(model.primaryKey ? [model.primaryKey.fields] : []), ...model.uniques.map((u) => u.fields)];
  for (const names of candidates) {
    if (names.length < 2) continue;
    const plans = names.map((name) => fields.find((f) => f.field.name === name));
    if (plans.every((plan): plan is FieldPlan => plan !== undefined && !plan.writeOnly && !plan.field.isList)) return plans;
  }
  return undefined;
}

/** Columns a list filters and sorts on: the id, the unique ones and the first column of each index. */
function indexedNames(model: Model): Set<string> {
  const names = new Set<string>(model.primaryKey?.fields.slice(0, 1) ?? []);
  for (const group of [...model.uniques, ...model.indexes]) if (group.fields[0] !== undefined) names.add(group.fields[0]);
  return names;
}

const filterTypes = new Set(["String", "Boolean", "Int", "BigInt", "Float", "Decimal", "DateTime"]);
const sortTypes = new Set(["String", "Int", "BigInt", "Float", "Decimal", "DateTime", "Boolean"]);

function propertyOf({ plan, flags }: { plan: FieldPlan; flags: boolean }): SchemaObject {
  return {
    ...plan.schema,
    ...(plan.description !== undefined ? { description: plan.description } : {}),
    ...(flags && plan.readOnly ? { readOnly: true } : {}),
    ...(plan.writeOnly ? { writeOnly: true } : {}),
    ...(plan.pii ? { "x-vx-pii": true } : {}),
  };
}

function objectSchema({ description, fields, ids, required, flags, extra = {} }: { description: string | undefined; fields: FieldPlan[]; ids: IdsProperty[]; required: string[]; flags: boolean; extra?: SchemaObject }): SchemaObject {
  return {
    type: "object",
    ...(description !== undefined ? { description } : {}),
    additionalProperties: false,
    ...extra,
    ...(required.length > 0 ? { required } : {}),
    properties: Object.fromEntries([...fields.map((plan) => [plan.field.name, propertyOf({ plan, flags })] as const), ...ids.map((p) => [p.name, p.schema] as const)]),
  };
}

const rangeTypes = new Set(["Int", "BigInt", "Float", "Decimal", "DateTime"]);

/**
 * `<column>From` / `<column>To` (inclusive) for each number or date column a list filters on but the id and foreign
 * keys (keys, not quantities): the generated list reads them as the ends of a range (`gte` / `lte`). Skipped when the
 * model has a field of that name.
 */
function rangeParameters({ model, usable, enumRef, decimal }: { model: Model; usable: FieldPlan[]; enumRef: (name: string) => string | undefined; decimal: DecimalStyle }): JsonValue[] {
  const taken = new Set(model.fields.map((f) => squash(f.name)));
  const keys = new Set([...(model.primaryKey?.fields ?? []), ...model.fields.flatMap((f) => (f.kind === "relation" ? f.fromFields : []))]);
  const parameters: JsonValue[] = [];
  for (const { field } of usable) {
    if (field.kind !== "scalar" || !rangeTypes.has(field.type) || keys.has(field.name)) continue;
    const schema = parameterSchema({ field, enumRef, decimal });
    if (!schema) continue;
    const ends = [
      { name: `${field.name}From`, description: `Only records whose ${field.name} is this value or later (greater).` },
      { name: `${field.name}To`, description: `Only records whose ${field.name} is this value or earlier (smaller).` },
    ];
    for (const end of ends) if (!taken.has(squash(end.name))) parameters.push({ name: end.name, in: "query", description: end.description, schema });
  }
  return parameters;
}

/** A list's query parameters: paging, the filters, the sort whitelist (`exclude`: a column the path fixes). */
export function listParameters({ model, fields, enumRef, exclude, decimal = "string", cursor }: { model: Model; fields: FieldPlan[]; enumRef: (name: string) => string | undefined; exclude?: string; decimal?: DecimalStyle; /** Cursor paging: the id column whose value the `cursor` parameter holds (no `offset`). */ cursor?: FieldPlan | undefined }): JsonValue[] {
  const indexed = indexedNames(model);
  const usable = fields.filter((f) => indexed.has(f.field.name) && f.field.name !== exclude && !f.writeOnly && !f.field.isList && !listParameterWords.has(squash(f.field.name)));
  const parameters: JsonValue[] = [parameterRef("Limit"), cursor ? cursorParameter({ cursor, enumRef, decimal }) : parameterRef("Offset")];
  for (const plan of usable) {
    const { field } = plan;
    if (field.kind === "scalar" && !filterTypes.has(field.type)) continue;
    const one = parameterSchema({ field, enumRef, decimal });
    if (!one) continue;
    const schema: SchemaObject = field.kind === "enum" ? { type: "array", items: one, minItems: 1, uniqueItems: true } : one;
    parameters.push({
      name: field.name,
      in: "query",
      description: field.kind === "enum" ? `Only records whose ${field.name} is one of these (comma-separated).` : `Only records whose ${field.name} is this value.`,
      ...(field.kind === "enum" ? { style: "form", explode: false } : {}),
      schema,
    });
  }
  parameters.push(...rangeParameters({ model, usable, enumRef, decimal }));
  const sortable = usable.filter((f) => f.field.kind === "enum" || sortTypes.has(f.field.type)).map((f) => f.field.name);
  if (sortable.length > 0) {
    parameters.push({
      name: "sort",
      in: "query",
      description: "Sort by this column, ascending; `-column` descending.",
      schema: { type: "string", enum: sortable.flatMap((name) => [name, `-${name}`]) },
    });
  }
  return parameters;
}

/** The `cursor` query parameter of a list paged by cursor: a value of the id column. */
function cursorParameter({ cursor, enumRef, decimal }: { cursor: FieldPlan; enumRef: (name: string) => string | undefined; decimal: DecimalStyle }): JsonValue {
  return {
    name: "cursor",
    in: "query",
    description: `The ${cursor.field.name} of the last record of the previous page (its \`nextCursor\`): the page starts after it.`,
    schema: parameterSchema({ field: cursor.field, enumRef, decimal }) ?? { type: "string" },
  };
}

/** The page of a list: `items`, `total`, `limit`, `offset`; paged by cursor, `items` and `nextCursor` instead. */
function pageSchema({ model, names, cursor, enumRef, decimal }: { model: Model; names: ModelApiNames; cursor: FieldPlan | undefined; enumRef: (name: string) => string | undefined; decimal: DecimalStyle }): SchemaObject {
  const items = { type: "array", items: schemaRef(names.schema) };
  if (cursor) {
    const value = parameterSchema({ field: cursor.field, enumRef, decimal }) ?? { type: "string" };
    return {
      type: "object",
      description: `A page of ${model.name} records; \`nextCursor\` (the ${cursor.field.name} of its last record, null when it is empty) asks for the next one.`,
      required: ["items", "nextCursor"],
      properties: { items, nextCursor: { ...value, type: [String(value.type), "null"] } },
    };
  }
  return {
    type: "object",
    description: `A page of ${model.name} records.`,
    required: ["items", "total", "limit", "offset"],
    properties: { items, total: { type: "integer", minimum: 0 }, limit: { type: "integer", minimum: 1 }, offset: { type: "integer", minimum: 0 } },
  };
}

/** The single-field id a list pages by under cursor paging (a visible, answered column), if the model has one. */
export function cursorField({ model, fields }: { model: Model; fields: FieldPlan[] }): FieldPlan | undefined {
  const id = model.kind === "model" && model.primaryKey?.fields.length === 1 ? model.primaryKey.fields[0] : undefined;
  const plan = fields.find((f) => f.field.name === id);
  return plan && plan.field.kind === "scalar" && !plan.writeOnly && !plan.field.isList && ["Int", "BigInt", "String"].includes(plan.field.type) ? plan : undefined;
}

/**
 * Plans one model's share of the derived document, as data: the record schema (database-filled columns readOnly,
 * secrets writeOnly), the create and update bodies, the page of a list; the collection path (list, create) and the
 * item path by its key (get, update, replace, delete): the single-field key (`/books/{bookId}`), else the columns of a
 * compound id or unique, one path segment each (`/memberships/{userId}/{groupId}`). A view gets only the reads; a model
 * with no key the API shows only the collection.
 */
export function planModelApi({ model, fields, ids, names, enumRef, description, decimal = "string", cursor }: { model: Model; fields: FieldPlan[]; ids: IdsProperty[]; names: ModelApiNames; enumRef: (name: string) => string | undefined; description: string | undefined; decimal?: DecimalStyle; /** Cursor paging by this id column (else offset). */ cursor?: FieldPlan | undefined }): ModelApi {
  const writable = fields.filter((f) => !f.readOnly);
  const key = keyField({ model, fields });
  const view = model.kind === "view";
  const opIds = names.operationIds;
  const tag = [names.tag];
  const bound = { "x-vx-model": model.name };
  const schemas: [string, SchemaObject][] = [
    [names.schema, objectSchema({ description, fields, ids, required: [...fields.filter((f) => f.field.isRequired && !f.writeOnly).map((f) => f.field.name), ...ids.map((p) => p.name)], flags: true })],
    [names.page, pageSchema({ model, names, cursor, enumRef, decimal })],
  ];
  const actions: DerivedAction[] = ["list"];
  const collection: SchemaObject = {
    get: {
      operationId: opIds.list,
      tags: tag,
      summary: `List ${model.name} records`,
      ...bound,
      parameters: listParameters({ model, fields, enumRef, decimal, cursor }),
      responses: { "200": { description: `A page of ${model.name} records.`, content: json(schemaRef(names.page)) }, ...errors(["400"]) },
    },
  };
  if (!view) {
    schemas.push([names.create, objectSchema({ description: `The columns of a new ${model.name} (a replace sends them all).`, fields: writable, ids, required: writable.filter((f) => !f.optionalOnCreate).map((f) => f.field.name), flags: false })]);
    actions.push("create");
    collection.post = {
      operationId: opIds.create,
      tags: tag,
      summary: `Create one ${model.name}`,
      ...bound,
      requestBody: { required: true, content: json(schemaRef(names.create)) },
      responses: { "201": { description: `The ${model.name} created.`, content: json(schemaRef(names.schema)) }, ...errors(["400", "409"]) },
    };
  }
  const paths: [string, SchemaObject][] = [[names.collectionPath, collection]];
  let keyParameter: ModelApi["keyParameter"];
  const compoundKey = key ? undefined : compoundKeyFields({ model, fields });
  const keyFields = key ? [key] : (compoundKey ?? []);
  if (keyFields.length > 0) {
    // A key column named `id` is `<stem>Id` (`bookId`); the columns of a compound key by their names, in its order.
    const parameters = keyFields.map((plan) => {
      const name = key && plan.field.name === "id" ? `${names.parameterStem}Id` : plan.field.name;
      return { name, value: { name, in: "path", required: true, schema: parameterSchema({ field: plan.field, enumRef, decimal }) ?? { type: "string" } } };
    });
    keyParameter = key ? parameters[0] : undefined;
    const by = keyFields.map((plan) => plan.field.name).join(" and ");
    const item: SchemaObject = {
      parameters: parameters.map((p) => p.value),
      get: {
        operationId: opIds.get,
        tags: tag,
        summary: `Get one ${model.name} by ${by}`,
        ...bound,
        responses: { "200": { description: `The ${model.name}.`, content: json(schemaRef(names.schema)) }, ...errors(["400", "404"]) },
      },
    };
    actions.push("get");
    // The key selects the record: an update or a replace never changes it (its columns are no property of their bodies).
    const keyNames = new Set(keyFields.map((plan) => plan.field.name));
    const changeable = writable.filter((plan) => !keyNames.has(plan.field.name));
    if (!view && changeable.length + ids.length > 0) {
      schemas.push([names.patch, objectSchema({ description: `The columns of one ${model.name} to change.`, fields: changeable, ids, required: [], flags: false, extra: { minProperties: 1 } })]);
      const answer = (what: string) => ({ "200": { description: `The ${model.name} ${what}.`, content: json(schemaRef(names.schema)) }, ...errors(["400", "404", "409"]) });
      let replaceBody = names.create;
      if (changeable.length < writable.length) {
        replaceBody = names.replace;
        schemas.push([names.replace, objectSchema({ description: `The columns of one ${model.name} a replace sends: all of a create's but its key.`, fields: changeable, ids, required: changeable.filter((f) => !f.optionalOnCreate).map((f) => f.field.name), flags: false })]);
      }
      item.put = { operationId: opIds.replace, tags: tag, summary: `Replace one ${model.name}`, ...bound, requestBody: { required: true, content: json(schemaRef(replaceBody)) }, responses: answer("replaced") };
      item.patch = { operationId: opIds.update, tags: tag, summary: `Update one ${model.name}`, ...bound, requestBody: { required: true, content: json(schemaRef(names.patch)) }, responses: answer("updated") };
      actions.push("replace", "update");
    }
    if (!view) {
      item.delete = { operationId: opIds.delete, tags: tag, summary: `Delete one ${model.name}`, ...bound, responses: { "204": { description: "Deleted." }, ...errors(["400", "404", "409"]) } };
      actions.push("delete");
    }
    paths.push([`${names.collectionPath}${parameters.map((p) => `/{${p.name}}`).join("")}`, item]);
  }
  return { schemas, paths, actions, key, keyParameter, compoundKey, cursor };
}
