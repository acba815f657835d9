import { objectKey } from "../../src/emit/objectKey.js";
import { tsString } from "../../src/emit/tsString.js";
import type { JsonValue, ModelField, NamedSchema, SchemaNode } from "../../src/ir/types.js";
import { collectionItemSchema, derefSchema, objectProperties } from "../../src/binding/schemaLookup.js";
import { findModelField } from "./modelSchemas.js";
import type { ModelView } from "./modelView.js";
import type { OperationView } from "./operationView.js";
import { listParameterRole } from "./planBoundHandler.js";

/**
 * The test of a list operation's query as data (printed by `test/model.test.ts.ejs`): `...Code` fields are TypeScript
 * expressions (URLs with their query), `...Literal` string literals.
 */
export interface ListQueryTest {
  titleLiteral: string;
  factory: string;
  /** The factory's argument: "" or, for an owner-scoped list, `{ <owner>: "<the test caller>" }` (rows it sees). */
  factoryArgsCode: string;
  status: number;
  everythingUrlCode: string;
  /** Two items, then the next two by offset and by cursor, each compared with the slice of the full list. */
  pages: { name: "firstPage" | "offsetPage" | "nextPage"; urlCode: string; slice: [number, number] }[];
  /** `numeric`: a BigInt or Decimal column, answered as a string of digits, which the database orders as a number. */
  sorts: { index: number; urlCode: string; propertyLiteral: string; directionLiteral: string; numeric: boolean }[];
  filters: { index: number; propertyLiteral: string; urlCode: string }[];
}

/** The item property of a list response standing for a model field. */
function itemProperty({ item, model, field, schemas }: { item: SchemaNode; model: ModelView; field: ModelField; schemas: Map<string, NamedSchema> }): string | undefined {
  return (objectProperties({ node: item, schemas }) ?? []).find((p) => findModelField({ model: model.model, property: p.name }) === field)?.name;
}

/** `url + "?" + query` as TypeScript source, the query from TypeScript expressions of its values. */
function withQuery({ url, query }: { url: string; query: Record<string, string> }): string {
  const members = Object.entries(query).map(([name, value]) => `${objectKey(name)}: ${value}`);
  return members.length === 0 ? url : `${url} + "?" + new URLSearchParams({ ${members.join(", ")} }).toString()`;
}

/** The sort values of a sort parameter (its enum, or its items' enum) with the field and direction each one names. */
function sortValues({ node, schemas }: { node: SchemaNode; schemas: Map<string, NamedSchema> }): { value: string; name: string; direction: "asc" | "desc" }[] {
  const resolved = derefSchema({ node, schemas });
  const values = resolved.kind === "enum" ? resolved.values : resolved.kind === "array" ? (derefSchema({ node: resolved.items, schemas }) as { values?: JsonValue[] }).values ?? [] : [];
  return values
    .filter((v): v is string => typeof v === "string")
    .map((value) => {
      const colon = /^(.*):(asc|desc)$/i.exec(value.replace(/^[-+]/, ""));
      const name = colon?.[1] ?? value.replace(/^[-+]/, "");
      const direction = value.startsWith("-") || colon?.[2]?.toLowerCase() === "desc" ? "desc" : "asc";
      return { value, name, direction };
    });
}

/**
 * A test of a list operation's query: pages (limit, offset, cursor) are slices of the full list in key order, each
 * sort value orders the items by its property, each filter returns only (and all) the matching records. Records are
 * created with the factories first.
 */
export function planListQueryTest({
  list,
  model,
  schemas,
  url,
  owner,
}: {
  list: OperationView;
  model: ModelView;
  schemas: Map<string, NamedSchema>;
  /** TypeScript source of the list's URL. */
  url: string;
  /** An owner-scoped list: its column, and the test caller's subject (the rows are theirs; never a filter). */
  owner?: { field: string; subject: string } | undefined;
}): ListQueryTest | undefined {
  const response = list.success?.body?.schema;
  const item = response ? collectionItemSchema({ node: response, schemas }) : undefined;
  const idProp = item && model.idField ? itemProperty({ item, model, field: model.idField, schemas }) : undefined;
  if (!item || !idProp) return undefined;
  const byRole = (role: string) => list.params.query.find((p) => listParameterRole(p.name) === role);
  const limit = byRole("limit");
  const limitNode = limit ? derefSchema({ node: limit.schema, schemas }) : undefined;
  const maxLimit = limitNode?.kind === "integer" || limitNode?.kind === "number" ? (limitNode.maximum ?? 100) : 100;
  const all: Record<string, string> = limit ? { [limit.name]: tsString(String(maxLimit)) } : {};
  const pages: ListQueryTest["pages"] = [];
  if (limit && maxLimit >= 2) {
    pages.push({ name: "firstPage", urlCode: withQuery({ url, query: { [limit.name]: `"2"` } }), slice: [0, 2] });
    const offset = byRole("offset");
    if (offset) pages.push({ name: "offsetPage", urlCode: withQuery({ url, query: { [limit.name]: `"2"`, [offset.name]: `"1"` } }), slice: [1, 3] });
    const cursor = byRole("cursor");
    if (cursor) {
      const after = `String(field({ value: records[1], name: ${tsString(idProp)} }))`;
      pages.push({ name: "nextPage", urlCode: withQuery({ url, query: { [limit.name]: `"2"`, [cursor.name]: after } }), slice: [2, 4] });
    }
  }
  const sort = byRole("sort");
  const sorts: ListQueryTest["sorts"] = [];
  for (const [index, s] of (sort ? sortValues({ node: sort.schema, schemas }) : []).entries()) {
    const field = findModelField({ model: model.model, property: s.name });
    const property = field ? itemProperty({ item, model, field, schemas }) : undefined;
    if (!sort || !property) continue;
    const numeric = field?.kind === "scalar" && (field.type === "BigInt" || field.type === "Decimal");
    sorts.push({ index, urlCode: withQuery({ url, query: { ...all, [sort.name]: tsString(s.value) } }), propertyLiteral: tsString(property), directionLiteral: tsString(s.direction), numeric });
  }
  const filters: ListQueryTest["filters"] = [];
  for (const [index, param] of list.params.query.entries()) {
    // An x-vx-filter may compare another field, a relation or a range: only a plain column filter is tested here.
    if (listParameterRole(param.name) !== undefined || param.parameter.filterHint) continue;
    const field = findModelField({ model: model.model, property: param.name });
    if (owner && field?.name === owner.field) continue;
    const property = field && (field.kind === "scalar" || field.kind === "enum") && !field.isList ? itemProperty({ item, model, field, schemas }) : undefined;
    const kind = derefSchema({ node: param.schema, schemas }).kind;
    if (!property || kind === "object" || (field?.kind === "scalar" && (field.type === "Json" || field.type === "Bytes" || field.type === "DateTime"))) continue;
    filters.push({ index, propertyLiteral: tsString(property), urlCode: withQuery({ url, query: { ...all, [param.name]: `String(sample${index})` } }) });
  }
  return {
    titleLiteral: tsString(`${list.op.operationId}: pages, sorts and filters`),
    factory: model.names.variable,
    factoryArgsCode: owner ? `{ ${objectKey(owner.field)}: ${tsString(owner.subject)} }` : "",
    status: list.success?.code ?? 200,
    everythingUrlCode: withQuery({ url, query: all }),
    pages,
    sorts,
    filters,
  };
}
