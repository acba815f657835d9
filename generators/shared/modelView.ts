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

export interface ModelView {
  model: Model;
  names: ModelNames;
  columns: ColumnField[];
  /** Single-field primary key, when the model has one. */
  idField: ColumnField | undefined;
  /** Single-field id first, then single-field uniques: each can select one record. */
  keys: KeyView[];
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
