import { objectKey } from "../../src/emit/objectKey.js";
import { tsString } from "../../src/emit/tsString.js";
import type { JsonValue, ModelField, NamedSchema, SchemaNode } from "../../src/ir/types.js";
import { collectionItemSchema, derefSchema, objectProperties } from "../../src/binding/schemaLookup.js";
import { findModelField } from "./modelSchemas.js";
import type { ModelView } from "./modelView.js";
import type { OperationView } from "./operationView.js";
import { listParameterRole } from "./planBoundHandler.js";
import { importLiteral, projectLayout } from "./projectLayout.js";
import { renderTemplate } from "./renderTemplate.js";

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
export function renderListQueryTest({
  list,
  model,
  schemas,
  url,
}: {
  list: OperationView;
  model: ModelView;
  schemas: Map<string, NamedSchema>;
  /** TypeScript source of the list's URL. */
  url: string;
}): string | undefined {
  const response = list.success?.body?.schema;
  const item = response ? collectionItemSchema({ node: response, schemas }) : undefined;
  const idProp = item && model.idField ? itemProperty({ item, model, field: model.idField, schemas }) : undefined;
  if (!item || !idProp) return undefined;
  const status = list.success?.code ?? 200;
  const byRole = (role: string) => list.params.query.find((p) => listParameterRole(p.name) === role);
  const limit = byRole("limit");
  const limitNode = limit ? derefSchema({ node: limit.schema, schemas }) : undefined;
  const maxLimit = limitNode?.kind === "integer" || limitNode?.kind === "number" ? (limitNode.maximum ?? 100) : 100;
  const all: Record<string, string> = limit ? { [limit.name]: tsString(String(maxLimit)) } : {};
  const lines: string[] = [];
  const get = (name: string, query: Record<string, string>) => lines.push(`    const ${name} = await api.request({ method: "GET", url: ${withQuery({ url, query })} });`, `    expect(${name}.status, JSON.stringify(${name}.body)).toBe(${status});`);
  lines.push(`    for (let i = 0; i < 3; i++) await api.factories.${model.names.variable}();`);
  get("everything", all);
  lines.push(`    const records = items(everything.body);`, `    expect(records.length).toBeGreaterThanOrEqual(3);`);
  if (limit && maxLimit >= 2) {
    get("firstPage", { [limit.name]: `"2"` });
    lines.push(`    expect(items(firstPage.body)).toEqual(records.slice(0, 2));`);
    const offset = byRole("offset");
    if (offset) {
      get("offsetPage", { [limit.name]: `"2"`, [offset.name]: `"1"` });
      lines.push(`    expect(items(offsetPage.body)).toEqual(records.slice(1, 3));`);
    }
    const cursor = byRole("cursor");
    if (cursor) {
      get("nextPage", { [limit.name]: `"2"`, [cursor.name]: `String(field({ value: records[1], name: ${tsString(idProp)} }))` });
      lines.push(`    expect(items(nextPage.body)).toEqual(records.slice(2, 4));`);
    }
  }
  const sort = byRole("sort");
  for (const [index, s] of (sort ? sortValues({ node: sort.schema, schemas }) : []).entries()) {
    const field = findModelField({ model: model.model, property: s.name });
    const property = field ? itemProperty({ item, model, field, schemas }) : undefined;
    if (!sort || !property) continue;
    get(`sorted${index}`, { ...all, [sort.name]: tsString(s.value) });
    lines.push(`    expectSorted({ list: items(sorted${index}.body), property: ${tsString(property)}, direction: ${tsString(s.direction)} });`);
    lines.push(`    expect(items(sorted${index}.body)).toHaveLength(records.length);`);
  }
  for (const [index, param] of list.params.query.entries()) {
    if (listParameterRole(param.name) !== undefined) continue;
    const field = findModelField({ model: model.model, property: param.name });
    const property = field && (field.kind === "scalar" || field.kind === "enum") && !field.isList ? itemProperty({ item, model, field, schemas }) : undefined;
    const kind = derefSchema({ node: param.schema, schemas }).kind;
    if (!property || kind === "object" || (field?.kind === "scalar" && (field.type === "Json" || field.type === "Bytes" || field.type === "DateTime"))) continue;
    const name = tsString(property);
    lines.push(`    const sampled${index} = records.find((record) => field({ value: record, name: ${name} }) !== null) ?? records[0];`);
    lines.push(`    const sample${index} = field({ value: sampled${index}, name: ${name} });`);
    get(`filtered${index}`, { ...all, [param.name]: `String(sample${index})` });
    lines.push(`    expect(items(filtered${index}.body)).toContainEqual(sampled${index});`);
    lines.push(`    for (const record of items(filtered${index}.body)) expect(field({ value: record, name: ${tsString(property)} })).toEqual(sample${index});`);
  }
  return `  it(${tsString(`${list.op.operationId}: pages, sorts and filters`)}, async () => {\n${lines.join("\n")}\n  });`;
}

/**
 * `test/generated/<model>.service.test.ts`: the service layer handlers and your overrides build on: each key finds,
 * updates and deletes its record (NOT_FOUND once deleted), a unit of work rolls back as a whole, list and count agree.
 * Runs the application's own services (`src/services/`), so an override is tested too.
 */
export function renderServiceTests({ view }: { view: ModelView }): string {
  const { names } = view;
  const from = projectLayout.serviceTests(names.file);
  const keys = view.keys.map((key) => ({
    name: key.field.name,
    suffix: key.finder.slice("findBy".length),
    titleLiteral: tsString(`finds, updates and deletes by ${key.field.name}; NOT_FOUND once deleted`),
  }));
  const data = {
    imports: { services: importLiteral({ from, to: projectLayout.serviceIndex }), testApi: importLiteral({ from, to: projectLayout.testApi }) },
    modelName: view.model.name,
    describeLiteral: tsString(`${view.model.name}Service`),
    v: names.variable,
    keys,
    firstKey: keys[0],
  };
  return renderTemplate({ plugin: "shared", file: "test/service.test.ts.ejs", data });
}
