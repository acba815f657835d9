import type { FilterOperator, Model, RelationField, SchemaNode } from "../../src/ir/types.js";
import { pluralize } from "../../src/naming/caseConversion.js";
import { findModelField, squash } from "./modelSchemas.js";
import type { ColumnField } from "./modelView.js";

/**
 * What a bound list filters by one query parameter: a column of the listed model (`?title=x`, equality; `?minPrice=5`,
 * one end of a range), or a field of a related record (`?article=my-slug` on `Comment.article`, `?tag=dragons` on
 * `Article.tags`, `some` when the relation is a list).
 */
export type ListFilter =
  | { kind: "column"; field: ColumnField; op: FilterOperator }
  | { kind: "relation"; relation: RelationField; many: boolean; field: ColumnField; op: FilterOperator };

export interface ResolveListFilterInput {
  model: Model;
  /** Every model by name (a relation's related one). */
  models: ReadonlyMap<string, Model>;
  /** The query parameter's name, its dereferenced value schema and its `x-vx-filter`. */
  name: string;
  node: SchemaNode;
  hint: { relation?: string; field?: string; op?: FilterOperator } | undefined;
  /** Whether the parameter's value converts to the column (`apiToDb`). */
  converts: (field: ColumnField) => boolean;
}

/** Range words around a column's name: `minPrice`, `priceMax`, `price_from`, `createdAfter`, `updatedUntil`. */
const prefixOps: Record<string, FilterOperator> = { min: "gte", max: "lte" };
const suffixOps: Record<string, FilterOperator> = {
  min: "gte",
  max: "lte",
  from: "gte",
  to: "lte",
  since: "gte",
  until: "lte",
  after: "gt",
  before: "lt",
  gte: "gte",
  lte: "lte",
  gt: "gt",
  lt: "lt",
};
const rangeTypes = new Set(["Int", "BigInt", "Float", "Decimal", "DateTime"]);
/** Columns a parameter naming a related record most likely means, in no order (two of them: ambiguous). */
const intentWords = new Set(["username", "name", "slug", "email", "title", "handle", "login", "code"]);

/** `name` split as `<op word><Base>` or `<base><Op word>` at a camelCase or `_`/`-` boundary. */
export function rangeParts(name: string): { base: string; op: FilterOperator }[] {
  const parts: { base: string; op: FilterOperator }[] = [];
  const prefix = /^(min|max)(?:[_-]+([A-Za-z].*)|([A-Z].*))$/i.exec(name);
  const prefixOp = prefix?.[1] === undefined ? undefined : prefixOps[prefix[1].toLowerCase()];
  const prefixBase = prefix?.[2] ?? prefix?.[3];
  if (prefixOp && prefixBase !== undefined && (prefix?.[2] !== undefined || /^[A-Z]/.test(prefixBase))) parts.push({ base: prefixBase, op: prefixOp });
  const suffix = /^(.+?)(?:[_-]+([A-Za-z]+)|([A-Z][a-z]*))$/.exec(name);
  const word = (suffix?.[2] ?? suffix?.[3])?.toLowerCase();
  const suffixOp = word === undefined ? undefined : suffixOps[word];
  if (suffix?.[1] !== undefined && suffixOp) parts.push({ base: suffix[1], op: suffixOp });
  return parts;
}

/** A model's single-field id and its single-field unique columns (the id first), as `modelView` finds its keys. */
function uniqueColumns(model: Model): { idField: ColumnField | undefined; keys: ColumnField[] } {
  const column = (name: string | undefined) => {
    const field = name === undefined ? undefined : model.fields.find((f) => f.name === name);
    return isColumn(field) ? field : undefined;
  };
  const idField = model.primaryKey?.fields.length === 1 ? column(model.primaryKey.fields[0]) : undefined;
  const keys = [idField, ...model.uniques.map((u) => (u.fields.length === 1 ? column(u.fields[0]) : undefined))].filter((f): f is ColumnField => f !== undefined);
  return { idField, keys: [...new Set(keys)] };
}

function isColumn(field: ReturnType<typeof findModelField>): field is ColumnField {
  return (field?.kind === "scalar" || field?.kind === "enum") && field.type !== "Unsupported" && field.type !== "Json" && !field.isList;
}

/** The range a parameter's name asks for: a numeric or DateTime column (`createdAfter` -> `createdAt`) and its op. */
function rangeFilter({ model, name, converts }: ResolveListFilterInput): ListFilter | undefined {
  for (const { base, op } of rangeParts(name)) {
    for (const candidate of [base, `${base}At`, `${base}Date`]) {
      const field = findModelField({ model, property: candidate });
      if (isColumn(field) && field.kind === "scalar" && rangeTypes.has(field.type) && converts(field)) return { kind: "column", field, op };
    }
  }
  return undefined;
}

/** The relation a parameter names: by name, by plural (`tag` -> `tags`), else by an unambiguous prefix (`favorited` -> `favoritedBy`). */
function findRelation({ model, name }: { model: Model; name: string }): RelationField | { reason: string } | undefined {
  const relations = model.fields.filter((f): f is RelationField => f.kind === "relation");
  const exact = findModelField({ model, property: name });
  if (exact?.kind === "relation") return exact;
  const plural = relations.find((r) => squash(r.name) === squash(pluralize(name)));
  if (plural) return plural;
  const prefixed = relations.filter((r) => r.name.length > name.length && r.name.toLowerCase().startsWith(name.toLowerCase()) && /^[A-Z_]/.test(r.name.slice(name.length)));
  if (prefixed.length > 1) return { reason: `could mean any of the relations ${prefixed.map((r) => `${model.name}.${r.name}`).join(", ")}` };
  return prefixed[0];
}

/**
 * The field of the related model a relation filter compares: the single-field unique columns the value converts to;
 * an integer or uuid value means the id; else the one named like what a caller sends (`name`, `slug`, `username`,
 * `email`, `title` ...), else the only unique String column that is not the id, else the id.
 */
function relatedField({ target, node, converts }: { target: Model; node: SchemaNode; converts: (field: ColumnField) => boolean }): ColumnField | { reason: string } {
  const { idField, keys } = uniqueColumns(target);
  const unique = keys.filter(converts);
  const id = idField && unique.includes(idField) ? idField : undefined;
  const others = unique.filter((f) => f !== id);
  const byId = node.kind === "integer" || node.kind === "number" || (node.kind === "string" && node.format === "uuid");
  if (byId && id) return id;
  const intent = others.filter((f) => intentWords.has(squash(f.name)));
  const strings = others.filter((f) => f.kind === "scalar" && f.type === "String");
  const [only] = intent.length > 0 ? intent : strings;
  if (intent.length > 1 || (intent.length === 0 && strings.length > 1)) {
    const names = (intent.length > 1 ? intent : strings).map((f) => `${target.name}.${f.name}`).join(", ");
    return { reason: `could compare any of ${names}; say which with x-vx-filter: { field: <name> }` };
  }
  if (only) return only;
  if (id) return id;
  return { reason: `converts to no unique field of ${target.name}` };
}

function relationFilter({ input, relation, fieldName }: { input: ResolveListFilterInput; relation: RelationField; fieldName: string | undefined }): ListFilter | { reason: string } {
  const target = input.models.get(relation.type);
  if (!target) return { reason: `names ${input.model.name}.${relation.name}, whose model ${relation.type} is not generated` };
  const op = input.hint?.op ?? "equals";
  if (fieldName !== undefined) {
    const field = findModelField({ model: target, property: fieldName });
    if (!isColumn(field)) return { reason: `names ${target.name}.${fieldName} in x-vx-filter, which is not a column of ${target.name}` };
    if (!input.converts(field)) return { reason: `does not convert to ${target.name}.${field.name}` };
    return { kind: "relation", relation, many: relation.isList, field, op };
  }
  const field = relatedField({ target, node: input.node, converts: input.converts });
  if ("reason" in field) return { reason: `names ${input.model.name}.${relation.name} but ${field.reason}` };
  return { kind: "relation", relation, many: relation.isList, field, op };
}

/** An `x-vx-filter`: the relation and field it names (checked), else the column and op. */
function hintedFilter({ input, hint }: { input: ResolveListFilterInput; hint: NonNullable<ResolveListFilterInput["hint"]> }): ListFilter | { reason: string } {
  const { model } = input;
  if (hint.relation !== undefined) {
    const relation = model.fields.find((f): f is RelationField => f.kind === "relation" && f.name === hint.relation);
    if (!relation) return { reason: `names '${hint.relation}' in x-vx-filter, which is not a relation of ${model.name}` };
    return relationFilter({ input, relation, fieldName: hint.field });
  }
  const name = hint.field ?? input.name;
  const field = findModelField({ model, property: name });
  if (!isColumn(field)) return { reason: `names '${name}' in x-vx-filter, which is not a column of ${model.name} the generated list filters by` };
  const op = hint.op ?? "equals";
  if (op !== "equals" && !(field.kind === "scalar" && rangeTypes.has(field.type))) return { reason: `compares ${model.name}.${field.name} with ${op}, which only numbers and dates have` };
  if (!input.converts(field)) return { reason: `does not convert to ${model.name}.${field.name}` };
  return { kind: "column", field, op };
}

/**
 * What a list's query parameter (not paging or sorting) filters by, or why the generated list cannot honour it: its
 * `x-vx-filter`, else the column it names (equality), else a range on the column its name contains, else a relation
 * it names (its related record's field). Each reason completes "the query parameter '<name>' ...".
 */
export function resolveListFilter(input: ResolveListFilterInput): ListFilter | { reason: string } {
  const { model, name, hint } = input;
  if (hint) return hintedFilter({ input, hint });
  const field = findModelField({ model, property: name });
  if (field && field.kind !== "relation") {
    if (!isColumn(field)) return { reason: `names ${model.name}.${field.name}, which is not a column the generated list filters by` };
    return input.converts(field) ? { kind: "column", field, op: "equals" } : { reason: `does not convert to ${model.name}.${field.name}` };
  }
  const range = field ? undefined : rangeFilter(input);
  if (range) return range;
  const relation = findRelation({ model, name });
  if (relation && "reason" in relation) return { reason: `names no column of ${model.name} and ${relation.reason}` };
  if (relation) return relationFilter({ input, relation, fieldName: undefined });
  return { reason: `names no column or relation of ${model.name}, so the generated list could not filter by it` };
}
