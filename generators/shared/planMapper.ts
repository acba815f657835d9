import type { DbEnum, NamedSchema, ObjectProperty, RelationField, SchemaNode } from "../../src/ir/types.js";
import type { NameTable } from "../../src/naming/NameTable.js";
import { derefSchema, objectProperties } from "../../src/binding/schemaLookup.js";
import { apiToDb, dbToApi, type ConvertContext } from "./convertValue.js";
import type { EnumMaps } from "./enumMaps.js";
import { findModelField, squash } from "./modelSchemas.js";
import type { ColumnField, ModelView } from "./modelView.js";
import { isHiddenProperty, printType, propertyKey, type TypeVariant } from "./printType.js";
import { propertyAccess } from "../../src/emit/propertyAccess.js";

export type WriteMode = "create" | "update" | "replace";

/** Everything the mapper module of one model holds. */
export interface MapperModule {
  view: ModelView;
  /** Relation field -> Prisma include value the API shapes need (always loaded, in the same query: no N+1). */
  includes: Map<string, string>;
  /** Function name -> source. */
  functions: Map<string, string>;
  enumTables: Set<string>;
}

export type PlanResult = { ok: true; fn: string } | { ok: false; reason: string };

export interface MapperPlannerInput {
  names: NameTable;
  schemas: Map<string, NamedSchema>;
  enums: Map<string, DbEnum>;
  enumMaps: EnumMaps;
  views: Map<string, ModelView>;
  forcedReadOnly: ReadonlySet<string>;
}

function singular(word: string): string {
  if (/ies$/.test(word)) return word.slice(0, -3) + "y";
  if (/ses$/.test(word)) return word.slice(0, -2);
  return word.replace(/s$/, "");
}

/** `tagIds` -> relation `tags` of the model (a list of the related records' ids). */
function idsRelation({ view, property }: { view: ModelView; property: string }): RelationField | undefined {
  const key = squash(property);
  return view.model.fields.find(
    (f): f is RelationField => f.kind === "relation" && f.isList && (key === `${squash(singular(f.name))}ids` || key === `${squash(f.name)}ids`),
  );
}

/**
 * Plans the data mapper between Prisma rows and API shapes, one module per model. Deterministic: function names come
 * from schema and operation names; every decision is made here, the module printer only prints.
 */
export class MapperPlanner {
  readonly modules = new Map<string, MapperModule>();

  constructor(private readonly input: MapperPlannerInput) {}

  module(view: ModelView): MapperModule {
    let mod = this.modules.get(view.model.name);
    if (!mod) {
      mod = { view, includes: new Map(), functions: new Map(), enumTables: new Set() };
      this.modules.set(view.model.name, mod);
    }
    return mod;
  }

  private ctx({ mod, variant }: { mod: MapperModule; variant: TypeVariant }): ConvertContext {
    const ns = variant === "request" ? "Req" : "Res";
    return {
      enums: this.input.enums,
      enumMaps: this.input.enumMaps,
      useEnumTable: (name) => mod.enumTables.add(name),
      apiType: (node) => printType({ node, variant, refName: (n) => `${ns}.${this.input.names.schemaType(n)}` }),
    };
  }

  /** The TypeScript type of an API shape in the mapper module (`Res.Book`, or the printed inline type). */
  apiTypeOf({ node, variant }: { node: SchemaNode; variant: TypeVariant }): string {
    const ns = variant === "request" ? "Req" : "Res";
    return printType({ node, variant, refName: (n) => `${ns}.${this.input.names.schemaType(n)}`, forcedReadOnly: this.input.forcedReadOnly });
  }

  private properties({ node, variant }: { node: SchemaNode; variant: TypeVariant }): { props: ObjectProperty[]; schemaName: string | undefined } | undefined {
    const schemaName = node.kind === "ref" ? node.name : undefined;
    const props = objectProperties({ node, schemas: this.input.schemas });
    if (!props) return undefined;
    const visible = props.filter(
      (p) => !isHiddenProperty({ schema: p.schema, variant, forced: schemaName !== undefined && this.input.forcedReadOnly.has(`${schemaName}/${p.name}`) }),
    );
    return { props: visible, schemaName };
  }

  /** `toApiBook(row)`: a database row (with its includes) to the API shape `node` (an object schema). */
  toApi({ view, node, fnName }: { view: ModelView; node: SchemaNode; fnName: string }): PlanResult {
    const mod = this.module(view);
    if (mod.functions.has(fnName)) return { ok: true, fn: fnName };
    const shape = this.properties({ node, variant: "response" });
    if (!shape) return { ok: false, reason: "the response is not an object schema" };
    const ctx = this.ctx({ mod, variant: "response" });
    const members: string[] = [];
    const includes = new Map<string, string>();
    for (const prop of shape.props) {
      const apiNode = derefSchema({ node: prop.schema, schemas: this.input.schemas });
      const nullable = prop.schema.nullable || apiNode.nullable;
      const key = propertyKey(prop.name);
      const field = findModelField({ model: view.model, property: prop.name });
      if (field && (field.kind === "scalar" || field.kind === "enum") && field.type !== "Unsupported") {
        const column = field as ColumnField;
        const v = `row.${column.name}`;
        const conv = dbToApi({ field: column, node: apiNode, v, ctx });
        if (conv === undefined) {
          if (prop.required) return { ok: false, reason: `property '${prop.name}' does not convert from ${view.model.name}.${column.name}` };
          continue;
        }
        if (!column.isRequired) {
          if (nullable) members.push(`${key}: ${v} === null ? null : ${conv}`);
          else if (!prop.required) members.push(`...(${v} === null ? {} : { ${key}: ${conv} })`);
          else return { ok: false, reason: `${view.model.name}.${column.name} may be null but the required property '${prop.name}' is not nullable` };
        } else members.push(`${key}: ${conv}`);
        continue;
      }
      const relation = idsRelation({ view, property: prop.name });
      const related = relation ? this.input.views.get(relation.type) : undefined;
      if (relation && related?.idField && apiNode.kind === "array") {
        const item = derefSchema({ node: apiNode.items, schemas: this.input.schemas });
        const conv = dbToApi({ field: related.idField, node: item, v: `r.${related.idField.name}`, ctx });
        if (conv !== undefined) {
          includes.set(relation.name, `{ select: { ${related.idField.name}: true } }`);
          members.push(`${key}: row.${relation.name}.map((r) => ${conv})`);
          continue;
        }
      }
      if (prop.required) return { ok: false, reason: `required property '${prop.name}' has no field in model ${view.model.name}` };
    }
    for (const [name, value] of includes) {
      const existing = mod.includes.get(name);
      if (existing !== undefined && existing !== value) return { ok: false, reason: `relation ${name} is needed in two shapes` };
      mod.includes.set(name, value);
    }
    const type = this.apiTypeOf({ node, variant: "response" });
    mod.functions.set(
      fnName,
      `/** A ${view.model.name} row as the API shows it: only documented fields, converted. */\nexport function ${fnName}(row: ${view.names.type}Record): ${type} {\n  return { ${members.join(", ")} };\n}`,
    );
    return { ok: true, fn: fnName };
  }

  /**
   * `createBookData(...)`: a validated request body to Prisma Client's unchecked create/update input. `replace` sets
   * absent optional fields to null (PUT replaces the whole record); `update` leaves them alone (PATCH).
   */
  fromApi({
    view,
    node,
    fnName,
    mode,
    parent,
  }: {
    view: ModelView;
    node: SchemaNode;
    fnName: string;
    mode: WriteMode;
    /** For nested creates: the foreign-key field set from the parent's path parameter, and its TypeScript type. */
    parent?: { field: ColumnField; tsType: string };
  }): PlanResult {
    const mod = this.module(view);
    if (mod.functions.has(fnName)) return { ok: true, fn: fnName };
    const shape = this.properties({ node, variant: "request" });
    if (!shape) return { ok: false, reason: "the request body is not an object schema" };
    const ctx = this.ctx({ mod, variant: "request" });
    const members: string[] = [];
    const covered = new Set<string>();
    for (const prop of shape.props) {
      const apiNode = derefSchema({ node: prop.schema, schemas: this.input.schemas });
      const nullable = prop.schema.nullable || apiNode.nullable;
      const v = propertyAccess({ object: "body", name: prop.name });
      const field = findModelField({ model: view.model, property: prop.name });
      if (field && (field.kind === "scalar" || field.kind === "enum") && field.type !== "Unsupported") {
        const column = field as ColumnField;
        if (parent && parent.field.name === column.name) continue;
        const conv = apiToDb({ field: column, node: apiNode, v, ctx });
        if (conv === undefined) {
          if (prop.required && mode !== "update") return { ok: false, reason: `property '${prop.name}' does not convert to ${view.model.name}.${column.name}` };
          continue;
        }
        const isJson = column.kind === "scalar" && column.type === "Json";
        const nullValue = isJson ? "Prisma.DbNull" : "null";
        const target = propertyKey(column.name);
        let expr = conv;
        let nullAsAbsent = false;
        if (nullable) {
          if (!column.isRequired) expr = `${v} === null ? ${nullValue} : ${conv}`;
          else nullAsAbsent = true;
        }
        const absent = mode === "replace" && !column.isRequired ? nullValue : undefined;
        if (prop.required && !nullAsAbsent) {
          members.push(`${target}: ${expr}`);
          covered.add(column.name);
        } else if (absent !== undefined) {
          members.push(`${target}: ${v} === undefined || ${v} === null ? ${nullValue} : ${conv}`);
        } else {
          members.push(`...(${v} === undefined${nullAsAbsent ? ` || ${v} === null` : ""} ? {} : { ${target}: ${expr} })`);
        }
        continue;
      }
      const relation = idsRelation({ view, property: prop.name });
      const related = relation ? this.input.views.get(relation.type) : undefined;
      if (relation && related?.idField && apiNode.kind === "array") {
        const item = derefSchema({ node: apiNode.items, schemas: this.input.schemas });
        const conv = apiToDb({ field: related.idField, node: item, v: "id", ctx });
        if (conv !== undefined) {
          const op = mode === "create" ? "connect" : "set";
          const list = `${v}.map((id) => ({ ${related.idField.name}: ${conv} }))`;
          if (prop.required && !nullable) members.push(`${propertyKey(relation.name)}: { ${op}: ${list} }`);
          else if (mode === "replace") members.push(`${propertyKey(relation.name)}: { set: ${v} === undefined || ${v} === null ? [] : ${list} }`);
          else members.push(`...(${v} === undefined || ${v} === null ? {} : { ${propertyKey(relation.name)}: { ${op}: ${list} } })`);
          continue;
        }
      }
      if (prop.required && mode !== "update") return { ok: false, reason: `required property '${prop.name}' has no field in model ${view.model.name}` };
    }
    if (parent) {
      members.push(`${propertyKey(parent.field.name)}: parent`);
      covered.add(parent.field.name);
    }
    if (mode === "create") {
      for (const column of view.columns) {
        const needed = column.isRequired && !column.isList && column.default === undefined && !(column.kind === "scalar" && column.isUpdatedAt);
        if (needed && !covered.has(column.name)) return { ok: false, reason: `${view.model.name}.${column.name} is required but no required property of the body supplies it` };
      }
    }
    const bodyType = this.apiTypeOf({ node, variant: "request" });
    const inputType = mode === "create" ? `Prisma.${view.model.name}UncheckedCreateInput` : `Prisma.${view.model.name}UncheckedUpdateInput`;
    const params = parent ? `{ body, parent }: { body: ${bodyType}; parent: ${parent.tsType} }` : `body: ${bodyType}`;
    mod.functions.set(
      fnName,
      `/** The ${mode} input of ${view.model.name} from a validated request body. */\nexport function ${fnName}(${params}): ${inputType} {\n  return { ${members.join(", ")} };\n}`,
    );
    return { ok: true, fn: fnName };
  }
}
