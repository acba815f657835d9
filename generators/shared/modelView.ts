import type { DbModel, EnumField, Model, Operation, ScalarField } from "../../src/ir/types.js";
import type { ModelNames, NameTable } from "../../src/naming/NameTable.js";
import { pascalCase } from "../../src/naming/caseConversion.js";

export type ColumnField = ScalarField | EnumField;

export interface KeyView {
  field: ColumnField;
  /** `findById`, `findByIsbn`. */
  finder: string;
  /** TypeScript type of the value (Prisma's). */
  tsType: string;
}

/** A compound `@@id` or `@@unique`: its columns select one record through Prisma's compound where (`{ a_b: { a, b } }`). */
export interface CompoundKeyView {
  /** The columns, in the compound's order, each with Prisma's TypeScript type of its value. */
  fields: { field: ColumnField; tsType: string }[];
  /** Prisma's name of the compound in a where: its `name:`, else the field names joined by `_` (`userId_groupId`). */
  whereName: string;
  /** `UserIdAndGroupId`: the methods are `findBy<suffix>`, `getBy<suffix>`, `updateBy<suffix>`, `deleteBy<suffix>`. */
  suffix: string;
}

export interface ModelView {
  model: Model;
  names: ModelNames;
  columns: ColumnField[];
  /** Single-field primary key, when the model has one. */
  idField: ColumnField | undefined;
  /** Single-field id first, then single-field uniques: each can select one record. */
  keys: KeyView[];
  /** Compound ids and uniques (two columns or more), the id first: each can select one record too. */
  compoundKeys: CompoundKeyView[];
  /** Fields lists may sort on (scalars and enums that have an order; never Json, Bytes or lists). */
  sortable: ColumnField[];
  /** The owner column of owner-scoped operations (`x-vx-owner`): the repository and service get owned variants. */
  owner: ColumnField | undefined;
}

const sortableTypes = new Set(["String", "Int", "BigInt", "Float", "Decimal", "DateTime", "Boolean"]);

/** The TypeScript type Prisma Client uses for a column's value (without null). */
export function columnTsType({ field, names }: { field: ColumnField; names: NameTable }): string {
  if (field.kind === "enum") return `$Enums.${field.type}`;
  void names;
  switch (field.type) {
    case "String":
      return "string";
    case "Int":
    case "Float":
      return "number";
    case "BigInt":
      return "bigint";
    case "Boolean":
      return "boolean";
    case "Decimal":
      return "Prisma.Decimal";
    case "DateTime":
      return "Date";
    case "Json":
      return "Prisma.JsonValue";
    case "Bytes":
      return "Uint8Array";
    default:
      return "unknown";
  }
}

function compoundKeyViews({ model, byName, keys, names }: { model: Model; byName: Map<string, ColumnField>; keys: KeyView[]; names: NameTable }): CompoundKeyView[] {
  const views: CompoundKeyView[] = [];
  const taken = new Set(keys.map((k) => k.finder.slice("findBy".length)));
  for (const compound of [...(model.primaryKey ? [model.primaryKey] : []), ...model.uniques]) {
    if (compound.fields.length < 2) continue;
    const fields = compound.fields.map((name) => byName.get(name));
    if (!fields.every((field): field is ColumnField => field !== undefined && !field.isList)) continue;
    const suffix = fields.map((field) => pascalCase(field.name)).join("And");
    if (taken.has(suffix)) continue;
    taken.add(suffix);
    views.push({ fields: fields.map((field) => ({ field, tsType: columnTsType({ field, names }) })), whereName: compound.name ?? compound.fields.join("_"), suffix });
  }
  return views;
}

export function modelView({ model, names, owner }: { model: Model; names: NameTable; db: DbModel; owner?: string | undefined }): ModelView {
  const columns = model.fields.filter((f): f is ColumnField => (f.kind === "scalar" && f.type !== "Unsupported") || f.kind === "enum");
  const byName = new Map(columns.map((f) => [f.name, f]));
  const keyNames: string[] = [];
  const pk = model.primaryKey?.fields.length === 1 ? model.primaryKey.fields[0] : undefined;
  if (pk !== undefined) keyNames.push(pk);
  for (const unique of model.uniques) {
    const only = unique.fields.length === 1 ? unique.fields[0] : undefined;
    if (only !== undefined && !keyNames.includes(only)) keyNames.push(only);
  }
  const keys: KeyView[] = [];
  for (const name of keyNames) {
    const field = byName.get(name);
    if (field && !field.isList) keys.push({ field, finder: `findBy${pascalCase(name)}`, tsType: columnTsType({ field, names }) });
  }
  return {
    model,
    names: names.model(model.name),
    columns,
    idField: pk !== undefined ? byName.get(pk) : undefined,
    keys,
    compoundKeys: compoundKeyViews({ model, byName, keys, names }),
    sortable: columns.filter((f) => !f.isList && (f.kind === "enum" || sortableTypes.has(f.type))),
    owner: owner === undefined ? undefined : byName.get(owner),
  };
}

/** Model -> its owner column, from the bindings of owner-scoped operations (one per model: VX129 otherwise). */
export function ownerColumns(operations: readonly Operation[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const { binding } of operations) {
    if (binding.kind === "bound" && binding.owner && !owners.has(binding.model)) owners.set(binding.model, binding.owner.field);
  }
  return owners;
}
