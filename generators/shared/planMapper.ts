import type { DbEnum, Model, NamedSchema, ObjectProperty, RelationField, SchemaNode } from "../../src/ir/types.js";
import type { NameTable } from "../../src/naming/NameTable.js";
import { derefSchema, objectProperties } from "../../src/binding/schemaLookup.js";
import { countedRelation } from "../../src/binding/countedRelation.js";
import { connectKey, nestedRelation, type NestedRelation } from "../../src/binding/nestedRelation.js";
import { pascalCase, singularize as singular } from "../../src/naming/caseConversion.js";
import { callerRelation } from "../../src/binding/callerRelation.js";
import { callerToken } from "../../src/binding/callerToken.js";
import { callerIdType } from "./callerIdType.js";
import { tsString } from "../../src/emit/tsString.js";
import { apiToDb, dbToApi, type ConvertContext } from "./convertValue.js";
import type { EnumMaps } from "./enumMaps.js";
import { findModelField, squash } from "./modelSchemas.js";
import type { ColumnField, ModelView } from "./modelView.js";
import { isHiddenProperty, printType, propertyKey, type TypeVariant } from "./printType.js";
import { propertyAccess } from "../../src/emit/propertyAccess.js";

export type WriteMode = "create" | "update" | "replace";

/**
 * One mapper function as data, printed by `model/mapper.ts.ejs`. `...Code` fields are TypeScript made safe by the
 * module that made them (`convertValue` conversions, `propertyKey`/`propertyAccess`, `printType` types).
 */
export type MapperFunction =
  /**
   * `callerIn`: the function takes `{ row, callerIn }`, the relations that hold the caller (`favorited`), not `row`;
   * `token`: it takes `{ row, token }` (with `callerIn` too when both), the caller's access token (`user.token`).
   */
  | {
      kind: "toApi";
      name: string;
      modelName: string;
      /** A nested record's mapper: the relation it comes through (`Post.author`, identifiers), else undefined. */
      via: string | undefined;
      recordType: string;
      returnTypeCode: string;
      members: ToApiMember[];
      uses: NamespaceUse;
      callerIn: boolean;
      token: boolean;
      /**
       * Nested records showing flags of the caller (`author.following`): the function takes `related`, the relations
       * holding the caller of each such record (`{ author: ReadonlySet<string> | undefined }`), by relation name.
       */
      related: RelatedFlags[];
      /** `related`'s type (`{ author: ReadonlySet<string> | undefined }`, keys by `propertyKey`), undefined without. */
      relatedTypeCode: string | undefined;
    }
  | {
      kind: "fromApi";
      name: string;
      modelName: string;
      mode: WriteMode;
      bodyTypeCode: string;
      /** The parent record's key type for a nested create (`{ body, parent }`), else undefined (`body`). */
      parentTypeCode: string | undefined;
      /** A create of an owner-scoped operation: the owner column is set from `owner` (the caller's subject). */
      owner: boolean;
      /** Body properties that map to the owner column (never written: the handler rejects or ignores them). */
      ownerProperties: string[];
      /** A create that derives the slug column: set from `slug` (made unique by the handler). */
      slug: boolean;
      /** A create whose foreign key to the user model is the caller's id: set from `caller`, of this type. */
      callerTypeCode: string | undefined;
      inputType: string;
      members: FromApiMember[];
      connects: ConnectedRelation[];
      uses: NamespaceUse;
    };

/**
 * A nested record (`Article.author`) whose shape shows flags of the caller (`following`): the handler asks the related
 * model's `callerIn` for the records' related ids and hands the answer to the mapper as `related.<relation>`.
 */
export interface RelatedFlags {
  relation: string;
  relatedModel: string;
  /** The related model's id field (selected with the nested record, to ask by). */
  idField: string;
  /** The relation may be absent (`author User?`): no flags for a null record. */
  optional: boolean;
}

/** Which namespaces of the module's imports a function names (`Req.`, `Res.`). */
export interface NamespaceUse {
  request: boolean;
  response: boolean;
}

/**
 * A property of the API shape from a row: a column or a related record loaded with it (null as null, omitted, or never
 * null; a related record's `valueCode` calls its nested mapper), or a list of related ids.
 */
export type ToApiMember =
  | { kind: "column"; keyCode: string; accessCode: string; valueCode: string; whenNull: "never" | "null" | "omit" }
  | { kind: "ids"; keyCode: string; relation: string; valueCode: string }
  /** The number of related records, loaded in the record's query (`_count` of the include): `accessCode` reads it. */
  | { kind: "count"; keyCode: string; accessCode: string }
  /** Whether the caller is in the relation (`favorited`): `callerIn` (the repository's answer) has its name. */
  | { kind: "callerIn"; keyCode: string; relationLiteral: string }
  /** The caller's access token (`user.token`): the function's `token`. */
  | { kind: "token"; keyCode: string };

/**
 * A field of Prisma's input from the body: `presence` says what an absent property does (`required`: always there;
 * `replace`: absent or null sets null / no relations; `optional`: absent leaves the field alone).
 */
export type FromApiMember =
  | { kind: "column"; keyCode: string; accessCode: string; valueCode: string; nullCode: "null" | "Prisma.DbNull"; nullable: boolean; presence: "required" | "replace" | "optional"; nullAsAbsent: boolean }
  | { kind: "relation"; keyCode: string; accessCode: string; idField: string; valueCode: string; operation: "connect" | "set"; presence: "required" | "replace" | "optional" }
  | { kind: "parent"; keyCode: string }
  | { kind: "owner"; keyCode: string }
  | { kind: "slug"; keyCode: string }
  /** The caller's id in a foreign key to the user model (`authorId`), set by the handler. */
  | { kind: "caller"; keyCode: string };

/** What the include selects of one relation: fields, and the to-many relations of the related record it counts. */
export interface IncludedRelation {
  fields: Set<string>;
  counts: Set<string>;
}

/** Everything the mapper module of one model holds. */
export interface MapperModule {
  view: ModelView;
  /**
   * Relation field -> the related fields its API shapes need (`{ select: { <field>: true, ... } }`, in the same query:
   * no N+1): the id of a list of ids, the columns of a nested record (every shape's, merged) and the to-many relations
   * of the related record it counts (`_count` inside the select).
   */
  includes: Map<string, IncludedRelation>;
  /** To-many relations whose number of records the API shapes show (`_count` of the include, in the same query). */
  counts: Set<string>;
  /** Relations to the user model whose holding the caller the API shapes show (`favorited`: `callerIn` of the repository). */
  callerIn: Set<string>;
  /** Function name -> plan. */
  functions: Map<string, MapperFunction>;
  enumTables: Set<string>;
}

/**
 * A body property connecting a to-one relation by the related record's key (`author: { id }` sets `authorId`): the
 * handler checks the record exists first (NOT_FOUND otherwise). `keyNode` is the key property's schema.
 */
export interface ConnectedRelation {
  property: string;
  keyProperty: string;
  keyNode: SchemaNode;
  relatedModel: string;
  /** The related model's field the key is (the field the relation references). */
  keyField: string;
  /** Whether the body may leave the object out, or send null: the check is made only when it holds one. */
  optional: boolean;
  nullable: boolean;
}

/**
 * `ownerProperties`: of a fromApi plan, the body properties mapped to the owner column (left out of the data);
 * `connects`: the to-one relations it connects by key.
 */
export type PlanResult = { ok: true; fn: string; ownerProperties?: string[]; connects?: ConnectedRelation[]; callerIn?: boolean; token?: boolean; related?: RelatedFlags[] } | { ok: false; reason: string };

export interface MapperPlannerInput {
  names: NameTable;
  schemas: Map<string, NamedSchema>;
  enums: Map<string, DbEnum>;
  enumMaps: EnumMaps;
  views: Map<string, ModelView>;
  forcedReadOnly: ReadonlySet<string>;
  /** The accounts' user model: flags such as `favorited` say whether the caller is in a relation to it. */
  userModel: string | undefined;
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
      mod = { view, includes: new Map(), counts: new Set(), callerIn: new Set(), functions: new Map(), enumTables: new Set() };
      this.modules.set(view.model.name, mod);
    }
    return mod;
  }

  /** A schema type's name in the module (`Req.Book`, `Res.Book`), recording that the function uses the namespace. */
  private refName({ variant, uses }: { variant: TypeVariant; uses: NamespaceUse }): (name: string) => string {
    return (name) => {
      uses[variant] = true;
      return `${variant === "request" ? "Req" : "Res"}.${this.input.names.schemaType(name)}`;
    };
  }

  private ctx({ mod, variant, uses }: { mod: MapperModule; variant: TypeVariant; uses: NamespaceUse }): ConvertContext {
    return {
      enums: this.input.enums,
      enumMaps: this.input.enumMaps,
      useEnumTable: (name) => mod.enumTables.add(name),
      apiType: (node) => printType({ node, variant, refName: this.refName({ variant, uses }) }),
      deref: (node) => derefSchema({ node, schemas: this.input.schemas }),
    };
  }

  /** The TypeScript type of an API shape in the mapper module (`Res.Book`, or the printed inline type). */
  apiTypeOf({ node, variant, uses }: { node: SchemaNode; variant: TypeVariant; uses: NamespaceUse }): string {
    return printType({ node, variant, refName: this.refName({ variant, uses }), forcedReadOnly: this.input.forcedReadOnly });
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

  /** Every model of the planner's views by name (what nested records are recognised against). */
  private get models(): ReadonlyMap<string, Model> {
    this.modelIndex ??= new Map([...this.input.views.values()].map((v) => [v.model.name, v.model]));
    return this.modelIndex;
  }

  private modelIndex: Map<string, Model> | undefined;

  /**
   * A column of the API shape from `row.<column>` (converted; null as null, omitted, or never null), undefined when it
   * does not convert, or the reason the shape cannot be mapped.
   */
  private columnMember({ model, column, prop, ctx }: { model: Model; column: ColumnField; prop: ObjectProperty; ctx: ConvertContext }): ToApiMember | undefined | { reason: string } {
    const apiNode = derefSchema({ node: prop.schema, schemas: this.input.schemas });
    const nullable = prop.schema.nullable || apiNode.nullable;
    const v = `row.${column.name}`;
    const conv = dbToApi({ field: column, node: apiNode, v, ctx });
    if (conv === undefined) return prop.required ? { reason: `property '${prop.name}' does not convert from ${model.name}.${column.name}` } : undefined;
    const member = { kind: "column" as const, keyCode: propertyKey(prop.name), accessCode: v, valueCode: conv };
    if (column.isRequired) return { ...member, whenNull: "never" };
    if (nullable) return { ...member, whenNull: "null" };
    if (!prop.required) return { ...member, whenNull: "omit" };
    return { reason: `${model.name}.${column.name} may be null but the required property '${prop.name}' is not nullable` };
  }

  /** The model's column an API property names, if it is one the mapper converts. */
  private static column({ model, property }: { model: Model; property: string }): ColumnField | undefined {
    const field = findModelField({ model, property });
    return field && (field.kind === "scalar" || field.kind === "enum") && field.type !== "Unsupported" ? (field as ColumnField) : undefined;
  }

  /**
   * The nested mapper of a related record (`toApiPost$Author(row)`): its columns and the counts of its to-many relations
   * (`_count` in the include's select), one level: anything else inside it (a nested object, ids) is left out when
   * optional and makes the shape unmappable when required; from the record loaded by the include.
   */
  private nestedToApi({ view, nested, prop, fnName, ctx, uses }: { view: ModelView; nested: Extract<NestedRelation, { ok: true }>; prop: ObjectProperty; fnName: string; ctx: ConvertContext; uses: NamespaceUse }): { fn: MapperFunction; select: Set<string>; counts: Set<string>; flags: Set<string> } | { reason: string } {
    const shape = this.properties({ node: nested.node, variant: "response" });
    if (!shape) return { reason: `property '${prop.name}' is not an object schema` };
    const members: ToApiMember[] = [];
    const select = new Set<string>();
    const counts = new Set<string>();
    const flags = new Set<string>();
    for (const inner of shape.props) {
      const column = MapperPlanner.column({ model: nested.related, property: inner.name });
      const member = column ? this.columnMember({ model: nested.related, column, prop: inner, ctx }) : undefined;
      if (member && "reason" in member) return { reason: `${prop.name}: ${member.reason}` };
      if (member && column) {
        members.push(member);
        select.add(column.name);
        continue;
      }
      const counted = column ? undefined : countedRelation({ model: nested.related, property: inner, schemas: this.input.schemas });
      const flag = column || counted?.ok ? undefined : callerRelation({ model: nested.related, property: inner, schemas: this.input.schemas, userModel: this.input.userModel });
      const relatedId = this.input.views.get(nested.related.name)?.idField;
      if (counted?.ok) {
        counts.add(counted.relation.name);
        members.push({ kind: "count", keyCode: propertyKey(inner.name), accessCode: propertyAccess({ object: "row._count", name: counted.relation.name }) });
      } else if (flag?.ok && relatedId && this.callerIdOf(flag.relation.type) !== undefined) {
        // `author.following`: asked of the related model's `callerIn` by the handler, for the record's id.
        flags.add(flag.relation.name);
        select.add(relatedId.name);
        members.push({ kind: "callerIn", keyCode: propertyKey(inner.name), relationLiteral: tsString(flag.relation.name) });
      } else if (inner.required) return { reason: `required property '${prop.name}.${inner.name}' has no column in model ${nested.related.name}` };
    }
    // Prisma selects at least one field.
    const first = this.input.views.get(nested.related.name)?.columns[0];
    if (select.size === 0 && counts.size === 0 && first) select.add(first.name);
    const recordType = `NonNullable<${view.names.type}Record[${tsString(nested.relation.name)}]>`;
    // The function maps a record: a null the property allows is the caller's (`row.author === null ? null : ...`).
    const returnTypeCode = this.apiTypeOf({ node: nested.node.nullable ? { ...nested.node, nullable: false } : nested.node, variant: "response", uses });
    const fn: MapperFunction = { kind: "toApi", name: fnName, modelName: nested.related.name, via: `${view.model.name}.${nested.relation.name}`, recordType, returnTypeCode, members, uses, callerIn: flags.size > 0, token: false, related: [], relatedTypeCode: undefined };
    return { fn, select, counts, flags };
  }

  /** `toApiBook(row)`: a database row (with its includes) to the API shape `node` (an object schema). */
  toApi({ view, node, fnName }: { view: ModelView; node: SchemaNode; fnName: string }): PlanResult {
    const mod = this.module(view);
    const known = mod.functions.get(fnName);
    if (known?.kind === "toApi") return { ok: true, fn: fnName, callerIn: known.callerIn, token: known.token, related: known.related };
    if (known) return { ok: true, fn: fnName };
    const shape = this.properties({ node, variant: "response" });
    if (!shape) return { ok: false, reason: "the response is not an object schema" };
    const uses: NamespaceUse = { request: false, response: false };
    const ctx = this.ctx({ mod, variant: "response", uses });
    const members: ToApiMember[] = [];
    const includes = new Map<string, IncludedRelation>();
    const include = ({ relation, fields, counted = [] }: { relation: string; fields: Iterable<string>; counted?: Iterable<string> }) => {
      const selected = includes.get(relation) ?? { fields: new Set<string>(), counts: new Set<string>() };
      for (const field of fields) selected.fields.add(field);
      for (const name of counted) selected.counts.add(name);
      includes.set(relation, selected);
    };
    const counts = new Set<string>();
    const nestedFunctions: MapperFunction[] = [];
    const callerIn = new Set<string>();
    let token = false;
    const relatedFlags: RelatedFlags[] = [];
    for (const prop of shape.props) {
      const apiNode = derefSchema({ node: prop.schema, schemas: this.input.schemas });
      const nullable = prop.schema.nullable || apiNode.nullable;
      const key = propertyKey(prop.name);
      const column = MapperPlanner.column({ model: view.model, property: prop.name });
      if (column) {
        const member = this.columnMember({ model: view.model, column, prop, ctx });
        if (member && "reason" in member) return { ok: false, reason: member.reason };
        if (member) members.push(member);
        continue;
      }
      const relation = idsRelation({ view, property: prop.name });
      const related = relation ? this.input.views.get(relation.type) : undefined;
      if (relation && related?.idField && apiNode.kind === "array") {
        const item = derefSchema({ node: apiNode.items, schemas: this.input.schemas });
        const conv = dbToApi({ field: related.idField, node: item, v: `r.${related.idField.name}`, ctx });
        if (conv !== undefined) {
          include({ relation: relation.name, fields: [related.idField.name] });
          members.push({ kind: "ids", keyCode: key, relation: relation.name, valueCode: conv });
          continue;
        }
      }
      const counted = countedRelation({ model: view.model, property: prop, schemas: this.input.schemas });
      if (counted?.ok) {
        counts.add(counted.relation.name);
        members.push({ kind: "count", keyCode: key, accessCode: propertyAccess({ object: "row._count", name: counted.relation.name }) });
        continue;
      }
      const flag = callerRelation({ model: view.model, property: prop, schemas: this.input.schemas, userModel: this.input.userModel });
      if (flag?.ok && this.callerIdOf(flag.relation.type) !== undefined) {
        callerIn.add(flag.relation.name);
        members.push({ kind: "callerIn", keyCode: key, relationLiteral: tsString(flag.relation.name) });
        continue;
      }
      if (callerToken({ model: view.model, property: prop, schemas: this.input.schemas, userModel: this.input.userModel })) {
        token = true;
        members.push({ kind: "token", keyCode: key });
        continue;
      }
      const nested = nestedRelation({ model: view.model, property: prop, models: this.models, schemas: this.input.schemas });
      if (nested?.ok) {
        const accessCode = propertyAccess({ object: "row", name: nested.relation.name });
        const optional = !nested.relation.isRequired;
        if (optional && !nullable && !nested.nullable && prop.required) {
          return { ok: false, reason: `${view.model.name}.${nested.relation.name} may be absent but the required property '${prop.name}' is not nullable` };
        }
        const suffix = pascalCase(prop.name).replace(/[^A-Za-z0-9_]/g, "");
        const base = `${fnName}$${suffix === "" ? "Nested" : suffix}`;
        const taken = (name: string) => mod.functions.has(name) || nestedFunctions.some((f) => f.name === name);
        let nestedName = base;
        for (let n = 2; taken(nestedName); n++) nestedName = `${base}${n}`;
        const planned = this.nestedToApi({ view, nested, prop, fnName: nestedName, ctx, uses });
        if ("reason" in planned) {
          if (prop.required) return { ok: false, reason: planned.reason };
          continue;
        }
        nestedFunctions.push(planned.fn);
        include({ relation: nested.relation.name, fields: planned.select, counted: planned.counts });
        const relatedView = this.input.views.get(nested.related.name);
        if (planned.flags.size > 0 && relatedView?.idField) {
          // The related model's repository answers `callerIn` for these relations.
          for (const flag of planned.flags) this.module(relatedView).callerIn.add(flag);
          relatedFlags.push({ relation: nested.relation.name, relatedModel: nested.related.name, idField: relatedView.idField.name, optional });
        }
        const nestedCall = planned.flags.size > 0 ? `${nestedName}({ row: ${accessCode}, callerIn: ${propertyAccess({ object: "related", name: nested.relation.name })} })` : `${nestedName}(${accessCode})`;
        const member = { kind: "column" as const, keyCode: key, accessCode, valueCode: nestedCall };
        members.push({ ...member, whenNull: !optional ? "never" : nullable || nested.nullable ? "null" : "omit" });
        continue;
      }
      if (prop.required) return { ok: false, reason: `required property '${prop.name}' has no field in model ${view.model.name}` };
    }
    for (const [name, { fields, counts: counted }] of includes) {
      const selected = mod.includes.get(name) ?? { fields: new Set<string>(), counts: new Set<string>() };
      for (const field of fields) selected.fields.add(field);
      for (const relation of counted) selected.counts.add(relation);
      mod.includes.set(name, selected);
    }
    for (const name of counts) mod.counts.add(name);
    for (const name of callerIn) mod.callerIn.add(name);
    for (const fn of nestedFunctions) mod.functions.set(fn.name, fn);
    const returnTypeCode = this.apiTypeOf({ node, variant: "response", uses });
    mod.functions.set(fnName, { kind: "toApi", name: fnName, modelName: view.model.name, via: undefined, recordType: `${view.names.type}Record`, returnTypeCode, members, uses, callerIn: callerIn.size > 0, token, related: relatedFlags, relatedTypeCode: relatedFlags.length === 0 ? undefined : `{ ${relatedFlags.map((r) => `${propertyKey(r.relation)}: ReadonlySet<string> | undefined`).join("; ")} }` });
    return { ok: true, fn: fnName, callerIn: callerIn.size > 0, token, related: relatedFlags };
  }

  /** The user model's id column (the caller's id), when the project has accounts and it can hold one. */
  userId(): ColumnField | undefined {
    return this.input.userModel === undefined ? undefined : this.callerIdOf(this.input.userModel);
  }

  /** The user model's id column, when `model` is the user model and its id can hold a caller (Int, BigInt, String). */
  callerIdOf(model: string): ColumnField | undefined {
    const view = model === this.input.userModel ? this.input.views.get(model) : undefined;
    const id = view?.idField;
    return id && callerIdType(id) !== undefined ? id : undefined;
  }

  /**
   * The foreign key of a to-one relation from a nested object's key (`authorId: body.author.id`, the unchecked input's
   * way to connect), with the same presence rules as a column; undefined when the object has no required key property
   * for the field the relation references, or it does not convert.
   */
  private connectMember({ nested, fk, prop, nullable, v, mode, ctx }: { nested: Extract<NestedRelation, { ok: true }>; fk: ColumnField; prop: ObjectProperty; nullable: boolean; v: string; mode: WriteMode; ctx: ConvertContext }): { member: FromApiMember; connect: ConnectedRelation } | undefined {
    const key = connectKey({ nested, schemas: this.input.schemas });
    const visible = key ? this.properties({ node: nested.node, variant: "request" })?.props.some((p) => p.name === key.property.name) : false;
    if (!key || !visible || !key.property.required) return undefined;
    const keyNode = derefSchema({ node: key.property.schema, schemas: this.input.schemas });
    const conv = apiToDb({ field: fk, node: keyNode, v: propertyAccess({ object: v, name: key.property.name }), ctx });
    if (conv === undefined) return undefined;
    const nullAsAbsent = nullable && fk.isRequired;
    const required = prop.required && !nullAsAbsent;
    const member: FromApiMember = {
      kind: "column",
      keyCode: propertyKey(fk.name),
      accessCode: v,
      valueCode: conv,
      nullCode: "null",
      nullable: nullable && !fk.isRequired,
      presence: required ? "required" : mode === "replace" && !fk.isRequired ? "replace" : "optional",
      nullAsAbsent,
    };
    const connect = { property: prop.name, keyProperty: key.property.name, keyNode, relatedModel: nested.related.name, keyField: key.field, optional: !prop.required, nullable };
    return { member, connect };
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
    owner,
    slug,
    caller,
  }: {
    view: ModelView;
    node: SchemaNode;
    fnName: string;
    mode: WriteMode;
    /** For nested creates: the foreign-key field set from the parent's path parameter, and its TypeScript type. */
    parent?: { field: ColumnField; tsType: string };
    /**
     * Owner-scoped operations: the owner column, never taken from the body; a create sets it from the caller
     * (`owner`), an update or replace leaves it alone.
     */
    owner?: ColumnField;
    /** A create that derives this column (`slug` from `title`): set from `slug`; a body property for it is the handler's. */
    slug?: ColumnField;
    /** A create whose foreign key to the user model (`authorId`) is the caller's id (`caller`). */
    caller?: ColumnField;
  }): PlanResult {
    const mod = this.module(view);
    const planned = mod.functions.get(fnName);
    if (planned) return { ok: true, fn: fnName, ownerProperties: planned.kind === "fromApi" ? planned.ownerProperties : [], connects: planned.kind === "fromApi" ? planned.connects : [] };
    const shape = this.properties({ node, variant: "request" });
    if (!shape) return { ok: false, reason: "the request body is not an object schema" };
    const uses: NamespaceUse = { request: false, response: false };
    const ctx = this.ctx({ mod, variant: "request", uses });
    const members: FromApiMember[] = [];
    const covered = new Set<string>();
    const ownerProperties: string[] = [];
    // Foreign keys set from a nested object (`author: { id }`), after the columns: when both are sent, the object wins.
    const connected: FromApiMember[] = [];
    const connects: ConnectedRelation[] = [];
    for (const prop of shape.props) {
      const apiNode = derefSchema({ node: prop.schema, schemas: this.input.schemas });
      const nullable = prop.schema.nullable || apiNode.nullable;
      // A computed count is never written, whatever the body says.
      if (countedRelation({ model: view.model, property: prop, schemas: this.input.schemas })?.ok) continue;
      const v = propertyAccess({ object: "body", name: prop.name });
      const field = findModelField({ model: view.model, property: prop.name });
      if (field && (field.kind === "scalar" || field.kind === "enum") && field.type !== "Unsupported") {
        const column = field as ColumnField;
        if (parent && parent.field.name === column.name) continue;
        if (slug && slug.name === column.name && mode === "create") continue;
        if (caller && caller.name === column.name && mode === "create") continue;
        if (owner && owner.name === column.name) {
          ownerProperties.push(prop.name);
          continue;
        }
        const conv = apiToDb({ field: column, node: apiNode, v, ctx });
        if (conv === undefined) {
          if (prop.required && mode !== "update") return { ok: false, reason: `property '${prop.name}' does not convert to ${view.model.name}.${column.name}` };
          continue;
        }
        const isJson = column.kind === "scalar" && column.type === "Json";
        // A null sent for a nullable column stores null; for a required column it counts as absent.
        const nullAsAbsent = nullable && column.isRequired;
        const required = prop.required && !nullAsAbsent;
        if (required) covered.add(column.name);
        members.push({
          kind: "column",
          keyCode: propertyKey(column.name),
          accessCode: v,
          valueCode: conv,
          nullCode: isJson ? "Prisma.DbNull" : "null",
          nullable: nullable && !column.isRequired,
          presence: required ? "required" : mode === "replace" && !column.isRequired ? "replace" : "optional",
          nullAsAbsent,
        });
        continue;
      }
      const nested = nestedRelation({ model: view.model, property: prop, models: this.models, schemas: this.input.schemas });
      if (nested?.ok) {
        const fk = view.columns.find((c) => c.name === nested.relation.fromFields[0]);
        if (fk && parent?.field.name === fk.name) continue;
        if (fk && owner?.name === fk.name) {
          ownerProperties.push(prop.name);
          continue;
        }
        const planned = fk ? this.connectMember({ nested, fk, prop, nullable: nullable || nested.nullable, v, mode, ctx }) : undefined;
        if (planned && fk) {
          connected.push(planned.member);
          connects.push(planned.connect);
          if (planned.member.kind === "column" && planned.member.presence === "required") covered.add(fk.name);
          continue;
        }
        if (prop.required && mode !== "update") return { ok: false, reason: `required property '${prop.name}' stands for ${view.model.name}.${nested.relation.name} but has no required key of ${nested.related.name} to connect by` };
        continue;
      }
      const relation = idsRelation({ view, property: prop.name });
      const related = relation ? this.input.views.get(relation.type) : undefined;
      if (relation && related?.idField && apiNode.kind === "array") {
        const item = derefSchema({ node: apiNode.items, schemas: this.input.schemas });
        const conv = apiToDb({ field: related.idField, node: item, v: "id", ctx });
        if (conv !== undefined) {
          const presence = prop.required && !nullable ? "required" : mode === "replace" ? "replace" : "optional";
          const operation = mode === "create" ? "connect" : "set";
          members.push({ kind: "relation", keyCode: propertyKey(relation.name), accessCode: v, idField: related.idField.name, valueCode: conv, operation, presence });
          continue;
        }
      }
      if (prop.required && mode !== "update") return { ok: false, reason: `required property '${prop.name}' has no field in model ${view.model.name}` };
    }
    // A nested object always sent makes the foreign key's own property redundant (it would be overwritten).
    const always = new Set(connected.flatMap((m) => (m.kind === "column" && m.presence === "required" ? [m.keyCode] : [])));
    const kept = members.filter((m) => !(m.kind === "column" && always.has(m.keyCode)));
    members.length = 0;
    members.push(...kept, ...connected);
    if (parent) {
      members.push({ kind: "parent", keyCode: propertyKey(parent.field.name) });
      covered.add(parent.field.name);
    }
    const ownerSet = owner !== undefined && mode === "create";
    if (ownerSet) {
      members.push({ kind: "owner", keyCode: propertyKey(owner.name) });
      covered.add(owner.name);
    }
    if (slug && mode === "create") {
      members.push({ kind: "slug", keyCode: propertyKey(slug.name) });
      covered.add(slug.name);
    }
    const callerSet = caller !== undefined && mode === "create";
    if (callerSet) {
      members.push({ kind: "caller", keyCode: propertyKey(caller.name) });
      covered.add(caller.name);
    }
    if (mode === "create") {
      for (const column of view.columns) {
        const needed = column.isRequired && !column.isList && column.default === undefined && !(column.kind === "scalar" && column.isUpdatedAt);
        if (needed && !covered.has(column.name)) return { ok: false, reason: `${view.model.name}.${column.name} is required but no required property of the body supplies it` };
      }
    }
    const bodyTypeCode = this.apiTypeOf({ node, variant: "request", uses });
    const inputType = mode === "create" ? `Prisma.${view.model.name}UncheckedCreateInput` : `Prisma.${view.model.name}UncheckedUpdateInput`;
    mod.functions.set(fnName, { kind: "fromApi", name: fnName, modelName: view.model.name, mode, bodyTypeCode, parentTypeCode: parent?.tsType, owner: ownerSet, ownerProperties, slug: slug !== undefined && mode === "create", callerTypeCode: callerSet ? callerIdType(caller) : undefined, inputType, members, connects, uses });
    return { ok: true, fn: fnName, ownerProperties, connects };
  }
}
