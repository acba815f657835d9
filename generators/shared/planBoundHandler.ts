import type { NamedSchema, RelationField, SchemaNode } from "../../src/ir/types.js";
import type { NameTable } from "../../src/naming/NameTable.js";
import { pascalCase } from "../../src/naming/caseConversion.js";
import { derefSchema, objectProperties } from "../../src/binding/schemaLookup.js";
import { apiToDb, dbToApi, type ConvertContext } from "./convertValue.js";
import { findModelField, squash } from "./modelSchemas.js";
import type { ColumnField, ModelView } from "./modelView.js";
import type { OperationView, ParameterView } from "./operationView.js";
import type { MapperPlanner } from "./planMapper.js";
import { printType, propertyKey } from "./printType.js";
import { objectKey } from "../../src/emit/objectKey.js";
import { propertyAccess } from "../../src/emit/propertyAccess.js";
import { tsString } from "../../src/emit/tsString.js";

export interface BoundHandlerPlan {
  code: string;
  /** Mapper functions and enum tables the handler calls. */
  mapperImports: Set<string>;
  enumImports: Set<string>;
  usesSort: boolean;
  usesPrisma: boolean;
}

export interface PlanBoundHandlerInput {
  view: OperationView;
  views: Map<string, ModelView>;
  mappers: MapperPlanner;
  names: NameTable;
  schemas: Map<string, NamedSchema>;
  convert: (input: { enumImports: Set<string> }) => ConvertContext;
}

const limitNames = new Set(["limit", "pagesize", "perpage", "size", "take", "maxresults"]);
const offsetNames = new Set(["offset", "skip"]);
const pageNames = new Set(["page", "pagenumber"]);
const cursorNames = new Set(["cursor", "after", "startingafter", "pagetoken"]);
const sortNames = new Set(["sort", "sortby", "orderby"]);
const directionNames = new Set(["order", "direction", "sortorder", "sortdirection", "sortdir"]);


function defaultNumber(param: ParameterView | undefined): number | undefined {
  const d = param?.schema.default;
  return typeof d === "number" ? d : undefined;
}

/** What a list operation's query parameter does, by its name (the same names the handler plan reads). */
export type ListParameterRole = "limit" | "offset" | "page" | "cursor" | "sort" | "direction";

export function listParameterRole(name: string): ListParameterRole | undefined {
  const word = squash(name);
  const roles: [Set<string>, ListParameterRole][] = [
    [limitNames, "limit"],
    [offsetNames, "offset"],
    [pageNames, "page"],
    [cursorNames, "cursor"],
    [sortNames, "sort"],
    [directionNames, "direction"],
  ];
  return roles.find(([names]) => names.has(word))?.[1];
}

/**
 * The body of a handler that serves a bound CRUD operation through the model's service and data mapper, or the reason
 * it cannot (the operation then gets a scaffold handler answering 501 until the user writes it).
 */
export function planBoundHandler(input: PlanBoundHandlerInput): BoundHandlerPlan | { reason: string } {
  const { view, views, mappers, names, schemas } = input;
  const binding = view.op.binding;
  if (binding.kind !== "bound") return { reason: binding.reason };
  const model = views.get(binding.model);
  if (!model) return { reason: `model ${binding.model} has no repository` };
  if (binding.action === "custom") return { reason: `${binding.reason}: a custom action` };
  const success = view.success;
  if (!success) return { reason: "no 2xx response is documented" };
  const status = success.code ?? 200;
  const plan: BoundHandlerPlan = { code: "", mapperImports: new Set(), enumImports: new Set(), usesSort: false, usesPrisma: false };
  const ctx = input.convert({ enumImports: plan.enumImports });
  const service = `context.services.${model.names.variable}`;
  const lines: string[] = [];

  // The record selected by the path (get/update/replace/delete).
  let keyCall: { suffix: string; value: string } | undefined;
  if (binding.key) {
    const { key } = binding;
    const keyView = model.keys.find((k) => k.field.name === key.field);
    const param = view.params.path.find((p) => p.name === key.parameter);
    if (!keyView || !param) return { reason: `path parameter ${key.parameter} does not select a unique ${model.model.name}` };
    const value = apiToDb({ field: keyView.field, node: derefSchema({ node: param.schema, schemas }), v: propertyAccess({ object: "request.params", name: param.name }), ctx });
    if (value === undefined) return { reason: `path parameter ${key.parameter} does not convert to ${model.model.name}.${key.field}` };
    keyCall = { suffix: pascalCase(key.field), value };
  }

  // The parent of a nested route (`/authors/{authorId}/books`): must exist, and scopes the records.
  let parentFk: { column: ColumnField; value: string } | undefined;
  if (binding.parent) {
    const { parent } = binding;
    const parentModel = views.get(parent.model);
    const relation = model.model.fields.find((f): f is RelationField => f.kind === "relation" && f.name === parent.relationField);
    const fkName = relation?.fromFields[0];
    const column = model.columns.find((c) => c.name === fkName);
    const parentKey = parentModel?.keys.find((k) => k.field.name === parent.field);
    const param = view.params.path.find((p) => p.name === parent.parameter);
    if (!parentModel || !relation || !column || !parentKey || !param || relation.toFields[0] !== parent.field) {
      return { reason: `the nested route under ${parent.model} has no usable relation` };
    }
    const value = apiToDb({ field: parentKey.field, node: derefSchema({ node: param.schema, schemas }), v: propertyAccess({ object: "request.params", name: param.name }), ctx });
    if (value === undefined) return { reason: `path parameter ${parent.parameter} does not convert to ${parent.model}.${parent.field}` };
    lines.push(`const parentRecord = await context.services.${parentModel.names.variable}.getBy${pascalCase(parent.field)}(${value});`);
    parentFk = { column, value: `parentRecord.${parent.field}` };
  }

  const responseBody = (rowExpr: string): string | { reason: string } => {
    const node = success.body?.schema;
    if (!success.body || !success.body.isJson || !node) return { reason: "the success response has no JSON body" };
    const fnName = node.kind === "ref" ? `toApi${names.schemaType(node.name)}` : `${view.names.handler}Response`;
    const result = mappers.toApi({ view: model, node, fnName });
    if (!result.ok) return { reason: result.reason };
    plan.mapperImports.add(result.fn);
    return `${result.fn}(${rowExpr})`;
  };

  const requestData = (mode: "create" | "update" | "replace"): string | { reason: string } => {
    const body = view.body;
    if (!body || !body.isJson || !body.schema) return { reason: "the request has no JSON body" };
    if (!body.required) return { reason: "the request body is optional" };
    const fnName = `${view.names.handler}Data`;
    const parent = parentFk ? { field: parentFk.column, tsType: model.keys.find((k) => k.field === parentFk?.column)?.tsType ?? tsTypeOf(parentFk.column) } : undefined;
    const result = mappers.fromApi({ view: model, node: body.schema, fnName, mode, ...(parent ? { parent } : {}) });
    if (!result.ok) return { reason: result.reason };
    plan.mapperImports.add(result.fn);
    return parentFk ? `${result.fn}({ body: request.body, parent: ${parentFk.value} })` : `${result.fn}(request.body)`;
  };

  switch (binding.action) {
    case "get": {
      if (!keyCall) return { reason: "no key parameter" };
      const body = responseBody("record");
      if (typeof body !== "string") return body;
      lines.push(`const record = await ${service}.getBy${keyCall.suffix}(${keyCall.value});`);
      lines.push(`return { status: ${status}, body: ${body} };`);
      break;
    }
    case "create": {
      const data = requestData("create");
      if (typeof data !== "string") return data;
      const body = responseBody("record");
      lines.push(`const record = await ${service}.create(${data});`);
      if (typeof body === "string") lines.push(`return { status: ${status}, body: ${body} };`);
      else if (success.body) return body;
      else lines.push(`void record;`, `return { status: ${status} };`);
      break;
    }
    case "update":
    case "replace": {
      if (!keyCall) return { reason: "no key parameter" };
      const data = requestData(binding.action);
      if (typeof data !== "string") return data;
      const body = responseBody("record");
      const keyName = binding.key?.field ?? "id";
      lines.push(`const record = await ${service}.updateBy${keyCall.suffix}({ ${keyName}: ${keyCall.value}, data: ${data} });`);
      if (typeof body === "string") lines.push(`return { status: ${status}, body: ${body} };`);
      else if (success.body) return body;
      else lines.push(`void record;`, `return { status: ${status} };`);
      break;
    }
    case "delete": {
      if (!keyCall) return { reason: "no key parameter" };
      if (success.body) {
        const body = responseBody("record");
        if (typeof body !== "string") return body;
        lines.push(`const record = await ${service}.deleteBy${keyCall.suffix}(${keyCall.value});`);
        lines.push(`return { status: ${status}, body: ${body} };`);
      } else {
        lines.push(`await ${service}.deleteBy${keyCall.suffix}(${keyCall.value});`);
        lines.push(`return { status: ${status} };`);
      }
      break;
    }
    case "list": {
      const listed = planList({ input, model, plan, ctx, parentFk, status });
      if ("reason" in listed) return listed;
      lines.push(...listed.lines);
      break;
    }
    default:
      return { reason: `action ${binding.action} is not served automatically` };
  }
  plan.code = `async ({ request, context }) => {\n${lines.map((l) => `  ${l}`).join("\n")}\n}`;
  return plan;
}

function tsTypeOf(column: ColumnField): string {
  if (column.kind === "enum") return `$Enums.${column.type}`;
  return column.type === "BigInt" ? "bigint" : column.type === "String" ? "string" : "number";
}

function planList({
  input,
  model,
  plan,
  ctx,
  parentFk,
  status,
}: {
  input: PlanBoundHandlerInput;
  model: ModelView;
  plan: BoundHandlerPlan;
  ctx: ConvertContext;
  parentFk: { column: ColumnField; value: string } | undefined;
  status: number;
}): { lines: string[] } | { reason: string } {
  const { view, schemas, names, mappers } = input;
  const success = view.success;
  const node = success?.body?.schema;
  if (!success?.body?.isJson || !node) return { reason: "the list has no JSON body" };
  const resolved = derefSchema({ node, schemas });
  let itemNode: SchemaNode | undefined;
  let envelope: { props: { name: string; required: boolean; schema: SchemaNode }[]; arrayProp: string } | undefined;
  if (resolved.kind === "array") itemNode = resolved.items;
  else {
    const props = objectProperties({ node: resolved, schemas }) ?? [];
    const arrays = props.filter((p) => derefSchema({ node: p.schema, schemas }).kind === "array");
    const array = arrays.length === 1 ? arrays[0] : undefined;
    const arrayNode = array ? derefSchema({ node: array.schema, schemas }) : undefined;
    if (!array || arrayNode?.kind !== "array") return { reason: "the list response is neither an array nor a page object with one array" };
    itemNode = arrayNode.items;
    envelope = { props, arrayProp: array.name };
  }
  const fnName = itemNode.kind === "ref" ? `toApi${names.schemaType(itemNode.name)}` : `${view.names.handler}Item`;
  const mapped = mappers.toApi({ view: model, node: itemNode, fnName });
  if (!mapped.ok) return { reason: mapped.reason };
  plan.mapperImports.add(mapped.fn);

  const lines: string[] = [];
  const query = view.params.query;
  const find = (set: Set<string>) => query.find((p) => set.has(squash(p.name)));
  const limitParam = find(limitNames);
  const offsetParam = find(offsetNames);
  const pageParam = offsetParam ? undefined : find(pageNames);
  const cursorParam = model.idField ? find(cursorNames) : undefined;
  const sortParam = find(sortNames);
  const directionParam = find(directionNames);
  const used = new Set([limitParam, offsetParam, pageParam, cursorParam, sortParam, directionParam].filter((p) => p !== undefined));

  // Filters: query parameters named after a column (enums mapped, lists as `in`).
  const where: string[] = [];
  if (parentFk) where.push(`${propertyKey(parentFk.column.name)}: ${parentFk.value}`);
  for (const param of query) {
    if (used.has(param)) continue;
    const field = findModelField({ model: model.model, property: param.name });
    if (!field || (field.kind !== "scalar" && field.kind !== "enum") || field.type === "Unsupported" || field.type === "Json" || field.isList) continue;
    const column = field as ColumnField;
    const v = propertyAccess({ object: "request.query", name: param.name });
    const schema = derefSchema({ node: param.schema, schemas });
    let expr: string | undefined;
    if (schema.kind === "array") {
      const conv = apiToDb({ field: column, node: derefSchema({ node: schema.items, schemas }), v: "item", ctx });
      // An item needing no conversion: the list as it is (no identity `.map`).
      if (conv !== undefined) expr = conv === "item" ? `{ in: ${v} }` : `{ in: ${v}.map((item) => ${conv}) }`;
    } else expr = apiToDb({ field: column, node: schema, v, ctx });
    if (expr === undefined) continue;
    where.push(`...(${v} === undefined ? {} : { ${propertyKey(column.name)}: ${expr} })`);
  }
  plan.usesPrisma = true;
  lines.push(`const where: Prisma.${model.model.name}WhereInput = { ${where.join(", ")} };`);

  // Sorting on a whitelist: the parameter's enum values, else the sortable fields the items show.
  let orderBy: string | undefined;
  if (sortParam) {
    const allowed = new Map<string, string>();
    const sortSchema = derefSchema({ node: sortParam.schema, schemas });
    const itemSchema = sortSchema.kind === "array" ? derefSchema({ node: sortSchema.items, schemas }) : sortSchema;
    const sortable = new Set(model.sortable.map((f) => f.name));
    if (itemSchema.kind === "enum") {
      for (const value of itemSchema.values) {
        if (typeof value !== "string") continue;
        const name = value.replace(/^[-+]/, "").replace(/:(asc|desc)$/i, "");
        const field = findModelField({ model: model.model, property: name });
        if (field && sortable.has(field.name)) allowed.set(name, field.name);
      }
    } else {
      const itemProps = objectProperties({ node: itemNode, schemas }) ?? [];
      for (const prop of itemProps) {
        const field = findModelField({ model: model.model, property: prop.name });
        if (field && sortable.has(field.name)) allowed.set(prop.name, field.name);
      }
    }
    if (allowed.size > 0 && (itemSchema.kind === "string" || itemSchema.kind === "enum")) {
      plan.usesSort = true;
      const table = [...allowed.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([api, db]) => `${objectKey(api)}: ${tsString(db)}`);
      lines.push(
        `const sort = parseSort({ value: ${propertyAccess({ object: "request.query", name: sortParam.name })}, allowed: { ${table.join(", ")} } as const, parameter: ${tsString(sortParam.name)} });`,
      );
      const dirSchema = directionParam ? derefSchema({ node: directionParam.schema, schemas }) : undefined;
      if (directionParam && dirSchema?.kind === "enum" && dirSchema.values.every((v) => v === "asc" || v === "desc")) {
        const d = propertyAccess({ object: "request.query", name: directionParam.name });
        orderBy = `sort.map((s) => ({ field: s.field, direction: ${d} ?? s.direction }))`;
      } else orderBy = "sort";
    }
  }
  const limitDefault = defaultNumber(limitParam);
  const limitExpr = limitParam ? `${propertyAccess({ object: "request.query", name: limitParam.name })}${limitDefault !== undefined ? ` ?? ${limitDefault}` : ""}` : undefined;
  if (limitExpr) lines.push(`const limit = ${limitExpr};`);
  // A documented default (or a required parameter) makes `limit` a number: no test of it for undefined (dead code).
  const limitSet = limitExpr !== undefined && (limitDefault !== undefined || limitParam?.required === true);
  const limitOrUnset = (whenSet: string, whenUnset: string) => (limitSet ? whenSet : whenUnset);
  if (offsetParam) lines.push(`const offset = ${propertyAccess({ object: "request.query", name: offsetParam.name })} ?? 0;`);
  if (pageParam && limitExpr) lines.push(`const page = ${propertyAccess({ object: "request.query", name: pageParam.name })} ?? 1;`, `const offset = (page - 1) * ${limitOrUnset("limit", "(limit ?? 0)")};`);
  let cursorExpr: string | undefined;
  if (cursorParam && model.idField) {
    const conv = apiToDb({ field: model.idField, node: derefSchema({ node: cursorParam.schema, schemas }), v: "cursorValue", ctx });
    if (conv !== undefined) {
      lines.push(`const cursorValue = ${propertyAccess({ object: "request.query", name: cursorParam.name })};`);
      cursorExpr = `cursorValue === undefined ? {} : { cursor: ${conv} }`;
    }
  }
  const hasOffset = Boolean(offsetParam || (pageParam && limitExpr));
  const listArgs = [
    "where",
    ...(orderBy === undefined ? [] : [`orderBy: ${orderBy}`]),
    ...(limitExpr ? [limitOrUnset("limit", "...(limit === undefined ? {} : { limit })")] : []),
    ...(hasOffset ? ["offset"] : []),
    ...(cursorExpr ? [`...(${cursorExpr})`] : []),
  ];
  const service = `context.services.${model.names.variable}`;
  lines.push(`const records = await ${service}.list({ ${listArgs.join(", ")} });`);
  if (!envelope) {
    lines.push(`return { status: ${status}, body: records.map((record) => ${mapped.fn}(record)) };`);
    return { lines };
  }
  const members: string[] = [];
  for (const prop of envelope.props) {
    const key = propertyKey(prop.name);
    const word = squash(prop.name);
    const schema = derefSchema({ node: prop.schema, schemas });
    if (prop.name === envelope.arrayProp) members.push(`${key}: records.map((record) => ${mapped.fn}(record))`);
    else if (["total", "count", "totalcount", "totalitems", "totalresults"].includes(word) && (schema.kind === "integer" || schema.kind === "number")) {
      lines.push(`const total = await ${service}.count(where);`);
      members.push(`${key}: total`);
    } else if (limitNames.has(word) && (schema.kind === "integer" || schema.kind === "number")) members.push(`${key}: ${limitExpr ? limitOrUnset("limit", "limit ?? records.length") : "records.length"}`);
    else if (offsetNames.has(word) && (schema.kind === "integer" || schema.kind === "number")) members.push(`${key}: ${hasOffset ? "offset" : "0"}`);
    else if (pageNames.has(word) && pageParam && (schema.kind === "integer" || schema.kind === "number")) members.push(`${key}: page`);
    else if (["nextcursor", "next", "cursor", "nextpagetoken"].includes(word) && model.idField) {
      const nullable = prop.schema.nullable || schema.nullable;
      const conv = dbToApi({ field: model.idField, node: schema, v: `lastRecord.${model.idField.name}`, ctx });
      if (conv === undefined || !limitExpr) {
        if (conv !== undefined && nullable) members.push(`${key}: null`);
        else if (prop.required) return { reason: `page property '${prop.name}' cannot be filled` };
        continue;
      }
      lines.push(`const lastRecord = ${limitOrUnset("", "limit !== undefined && ")}records.length === limit ? records[records.length - 1] : undefined;`);
      members.push(nullable ? `${key}: lastRecord === undefined ? null : ${conv}` : `...(lastRecord === undefined ? {} : { ${key}: ${conv} })`);
    } else if (["hasmore", "hasnext", "hasnextpage"].includes(word) && schema.kind === "boolean") {
      members.push(`${key}: ${limitExpr ? limitOrUnset("records.length === limit", "limit !== undefined && records.length === limit") : "false"}`);
    } else if (prop.required) {
      return { reason: `page property '${prop.name}' is not one vx-gen fills (${printType({ node: prop.schema, variant: "response", refName: (n) => n })})` };
    }
  }
  lines.push(`return { status: ${status}, body: { ${members.join(", ")} } };`);
  return { lines };
}
