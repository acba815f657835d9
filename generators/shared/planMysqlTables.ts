import { createHash } from "node:crypto";
import { mysqlIdentifier } from "../../src/emit/mysqlIdentifier.js";
import { mysqlString } from "../../src/emit/mysqlString.js";
import type { DbModel, FieldDefault, IndexPrefixLengths, Model, ReferentialAction, RelationField, ScalarField, EnumField } from "../../src/ir/types.js";

/** A column of a MySQL/MariaDB table; the `...Code` members are quoted or escaped already (src/emit). */
export interface MysqlColumnPlan {
  nameCode: string;
  typeCode: string;
  nullable: boolean;
  /** `DEFAULT <defaultCode>` when the database fills the column. */
  defaultCode: string | undefined;
  autoIncrement: boolean;
}

/** A named index or constraint over columns (`columnsCode`: `` `a`, `b` ``). */
export interface MysqlKeyPlan {
  nameCode: string;
  columnsCode: string;
}

export interface MysqlForeignKeyPlan extends MysqlKeyPlan {
  tableCode: string;
  referencedCode: string;
  onDelete: string;
  onUpdate: string;
}

/** One `CREATE TABLE IF NOT EXISTS` of the script `npm run db:push` runs on MySQL/MariaDB (pushSchema.ts). */
export interface MysqlTablePlan {
  nameCode: string;
  columns: MysqlColumnPlan[];
  primaryKeyCode: string | undefined;
  uniques: MysqlKeyPlan[];
  indexes: MysqlKeyPlan[];
  fulltext: MysqlKeyPlan[];
  foreignKeys: MysqlForeignKeyPlan[];
}

/** MySQL's limit on identifier length: longer default names end in a hash of the full name, as unique as it. */
const maxIdentifier = 64;

function limitedName(name: string): string {
  if (name.length <= maxIdentifier) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  return `${name.slice(0, maxIdentifier - hash.length - 1)}_${hash}`;
}

/** Prisma's MySQL column type of a scalar without a native type attribute. */
const defaultTypes: Readonly<Record<string, string>> = {
  String: "VARCHAR(191)",
  Boolean: "BOOLEAN",
  Int: "INTEGER",
  BigInt: "BIGINT",
  Float: "DOUBLE",
  Decimal: "DECIMAL(65, 30)",
  DateTime: "DATETIME(3)",
  Json: "JSON",
  Bytes: "LONGBLOB",
};

/** Native types written differently in SQL than their Prisma name says. */
const nativeSpelling: Readonly<Record<string, string>> = { Int: "INTEGER", UnsignedInt: "INTEGER UNSIGNED" };

/** Types that take a default only as a parenthesised expression (MySQL 8.0.13+, MariaDB 10.2+). */
const expressionDefaultTypes = /^(TINYTEXT|TEXT|MEDIUMTEXT|LONGTEXT|TINYBLOB|BLOB|MEDIUMBLOB|LONGBLOB|JSON)\b/;

/** `@db.VarChar(255)` -> `VARCHAR(255)`, `@db.UnsignedBigInt` -> `BIGINT UNSIGNED`; arguments are numbers only. */
function nativeType(native: { name: string; args: string[] }): string | undefined {
  const args = native.args.every((a) => /^\d+$/.test(a)) ? native.args : [];
  const spelled = nativeSpelling[native.name];
  const unsigned = /^Unsigned(\w+)$/.exec(native.name);
  const base = spelled ?? (unsigned ? `${(unsigned[1] ?? "").toUpperCase()} UNSIGNED` : /^\w+$/.test(native.name) ? native.name.toUpperCase() : undefined);
  if (base === undefined) return undefined;
  if (args.length === 0) return base;
  const [word, ...rest] = base.split(" ");
  return [`${word ?? ""}(${args.join(", ")})`, ...rest].join(" ");
}

function columnType({ field, db }: { field: ScalarField | EnumField; db: DbModel }): string {
  if (field.kind === "enum") {
    const values = db.enums.find((e) => e.name === field.type)?.values ?? [];
    return `ENUM(${values.map((v) => mysqlString(v.dbName)).join(", ")})`;
  }
  return (field.nativeType ? nativeType(field.nativeType) : undefined) ?? defaultTypes[field.type] ?? "LONGTEXT";
}

/** Fractional-second digits of a DATETIME/TIMESTAMP type (`CURRENT_TIMESTAMP(n)` must use the column's). */
function precision(typeCode: string): number {
  return Number(/^(?:DATETIME|TIMESTAMP|TIME)\((\d+)\)/.exec(typeCode)?.[1] ?? 0);
}

/**
 * The column's `DEFAULT` as the database fills it. Defaults Prisma Client fills (`uuid()`, `cuid()`, `nanoid()`,
 * `ulid()`) and `dbgenerated(...)` (raw SQL of the schema's, not run by this offline push) have none here.
 */
function defaultCode({ field, typeCode, db }: { field: ScalarField | EnumField; typeCode: string; db: DbModel }): string | undefined {
  const value: FieldDefault | undefined = field.default;
  if (!value) return undefined;
  if (value.kind === "now") {
    const digits = precision(typeCode);
    return digits > 0 ? `CURRENT_TIMESTAMP(${digits})` : "CURRENT_TIMESTAMP";
  }
  if (value.kind !== "literal") return undefined;
  let literal: string;
  const raw = value.value;
  if (field.kind === "enum") {
    const dbName = db.enums.find((e) => e.name === field.type)?.values.find((v) => v.name === raw)?.dbName;
    if (dbName === undefined) return undefined;
    literal = mysqlString(dbName);
  } else if (typeof raw === "boolean") literal = raw ? "true" : "false";
  else if (typeof raw === "number" && Number.isFinite(raw)) literal = String(raw);
  else if (typeof raw === "string" && (field.type === "Decimal" || field.type === "BigInt") && /^-?\d+(\.\d+)?$/.test(raw)) literal = raw;
  else if (typeof raw === "string") literal = mysqlString(raw);
  else if (field.type === "Json") literal = mysqlString(JSON.stringify(raw));
  else return undefined;
  return expressionDefaultTypes.test(typeCode) ? `(${literal})` : literal;
}

function columnsCode(names: readonly string[]): string {
  return names.map(mysqlIdentifier).join(", ");
}

function dbNames({ model, fields }: { model: Model; fields: readonly string[] }): string[] {
  return fields.map((name) => {
    const field = model.fields.find((f) => f.name === name);
    return field && field.kind !== "relation" ? field.dbName : name;
  });
}

const actions: Readonly<Record<ReferentialAction, string>> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

function foreignKey({ model, relation, db }: { model: Model; relation: RelationField; db: DbModel }): MysqlForeignKeyPlan | undefined {
  const target = db.models.find((m) => m.name === relation.type);
  if (!target || relation.fromFields.length === 0) return undefined;
  const columns = dbNames({ model, fields: relation.fromFields });
  const optional = relation.fromFields.some((name) => model.fields.find((f) => f.name === name)?.isRequired === false);
  return {
    nameCode: mysqlIdentifier(limitedName(`${model.dbName}_${columns.join("_")}_fkey`)),
    columnsCode: columnsCode(columns),
    tableCode: mysqlIdentifier(target.dbName),
    referencedCode: columnsCode(dbNames({ model: target, fields: relation.toFields })),
    onDelete: actions[relation.onDelete ?? (optional ? "SetNull" : "Restrict")],
    onUpdate: actions[relation.onUpdate ?? "Cascade"],
  };
}

function modelTable({ model, db }: { model: Model; db: DbModel }): MysqlTablePlan {
  const columns: MysqlColumnPlan[] = [];
  for (const field of model.fields) {
    if (field.kind !== "scalar" && field.kind !== "enum") continue;
    const typeCode = columnType({ field, db });
    columns.push({
      nameCode: mysqlIdentifier(field.dbName),
      typeCode,
      nullable: !field.isRequired,
      defaultCode: defaultCode({ field, typeCode, db }),
      autoIncrement: field.default?.kind === "autoincrement",
    });
  }
  const key = (suffix: string) => ({ fields, lengths }: { fields: readonly string[]; lengths?: IndexPrefixLengths }) => {
    const names = dbNames({ model, fields });
    // A prefix length (`url(length: 500)`): TEXT and BLOB columns are indexed by a prefix only.
    const parts = fields.map((field, i) => `${mysqlIdentifier(names[i] ?? field)}${lengths && Object.hasOwn(lengths, field) ? `(${String(lengths[field])})` : ""}`);
    return { nameCode: mysqlIdentifier(limitedName(`${model.dbName}_${names.join("_")}_${suffix}`)), columnsCode: parts.join(", ") };
  };
  const primary = model.primaryKey?.fields ?? [];
  return {
    nameCode: mysqlIdentifier(model.dbName),
    columns,
    primaryKeyCode: primary.length > 0 ? columnsCode(dbNames({ model, fields: primary })) : undefined,
    uniques: model.uniques.filter((u) => u.fields.join() !== primary.join()).map(key("key")),
    indexes: model.indexes.filter((i) => i.type === "index").map(key("idx")),
    fulltext: model.indexes.filter((i) => i.type === "fulltext").map(key("idx")),
    // `relationMode = "prisma"`: Prisma Client keeps the relations, the database has no foreign keys.
    foreignKeys: db.relationMode === "prisma" ? [] : model.fields.flatMap((f) => (f.kind === "relation" ? [foreignKey({ model, relation: f, db })].filter((k) => k !== undefined) : [])),
  };
}

/** The join table Prisma keeps for an implicit many-to-many relation: `_<relation>(A, B)`, A the first model by name. */
function joinTable({ name, a, b, db }: { name: string; a: Model; b: Model; db: DbModel }): MysqlTablePlan | undefined {
  const idOf = (model: Model) => {
    const field = model.fields.find((f) => f.name === model.primaryKey?.fields[0]);
    return field && (field.kind === "scalar" || field.kind === "enum") && model.primaryKey?.fields.length === 1 ? field : undefined;
  };
  const [idA, idB] = [idOf(a), idOf(b)];
  if (!idA || !idB) return undefined;
  const table = `_${name}`;
  const side = (column: "A" | "B", model: Model, id: ScalarField | EnumField): MysqlForeignKeyPlan => ({
    nameCode: mysqlIdentifier(limitedName(`${table}_${column}_fkey`)),
    columnsCode: mysqlIdentifier(column),
    tableCode: mysqlIdentifier(model.dbName),
    referencedCode: mysqlIdentifier(id.dbName),
    onDelete: "CASCADE",
    onUpdate: "CASCADE",
  });
  return {
    nameCode: mysqlIdentifier(table),
    columns: [
      { nameCode: mysqlIdentifier("A"), typeCode: columnType({ field: idA, db }), nullable: false, defaultCode: undefined, autoIncrement: false },
      { nameCode: mysqlIdentifier("B"), typeCode: columnType({ field: idB, db }), nullable: false, defaultCode: undefined, autoIncrement: false },
    ],
    primaryKeyCode: undefined,
    uniques: [{ nameCode: mysqlIdentifier(limitedName(`${table}_AB_unique`)), columnsCode: columnsCode(["A", "B"]) }],
    indexes: [{ nameCode: mysqlIdentifier(limitedName(`${table}_B_index`)), columnsCode: mysqlIdentifier("B") }],
    fulltext: [],
    foreignKeys: db.relationMode === "prisma" ? [] : [side("A", a, idA), side("B", b, idB)],
  };
}

/**
 * The tables of a MySQL/MariaDB database for a Prisma schema, as `prisma db push` lays them out (Prisma's default
 * column types, index and constraint names, implicit many-to-many join tables), sorted by table name. Views are left
 * out (they are the database's, not the schema's, to create).
 */
export function planMysqlTables(db: DbModel): MysqlTablePlan[] {
  const tables = db.models.map((model) => modelTable({ model, db }));
  for (const relation of db.relations) {
    if (relation.type !== "m-n" || !relation.implicit) continue;
    const [a, b] = [relation.from.model, relation.to.model].sort().map((name) => db.models.find((m) => m.name === name));
    const table = a && b ? joinTable({ name: relation.name, a, b, db }) : undefined;
    if (table) tables.push(table);
  }
  return tables.sort((x, y) => (x.nameCode < y.nameCode ? -1 : x.nameCode > y.nameCode ? 1 : 0));
}
