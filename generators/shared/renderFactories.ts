import type { RelationField } from "../../src/ir/types.js";
import type { ColumnField, ModelView } from "./modelView.js";
import { importLiteral, projectLayout } from "./projectLayout.js";
import { delegateName } from "./renderRepository.js";
import { factoryValue } from "./factoryValue.js";
import { renderTemplate } from "./renderTemplate.js";
import { tsString } from "../../src/emit/tsString.js";

/** One factory: the model's delegate and the members of the row it creates (`valueCode`: an expression of the counter `i`). */
interface FactoryView {
  modelName: string;
  T: string;
  v: string;
  delegate: string;
  /** Declarations before the row: the one parent of a composite key (`let parent0: AccountRow | undefined;`), keys (`const key1 = ...`). */
  localsCode: string[];
  members: { name: string; valueCode: string }[];
  /** The id when it is a single enum column (`type RankType @id`): the factory upserts the row of its value. */
  enumKey?: string;
}

/**
 * The parents a row needs: relations whose foreign-key columns are all required (the database enforces the key), to a
 * model other than this one. A key with a nullable column is left null (not enforced), its required columns get plain
 * values.
 */
function requiredParents({ view, views }: { view: ModelView; views: ModelView[] }): { relation: RelationField; parent: ModelView }[] {
  const required = new Set(view.columns.filter((c) => c.isRequired).map((c) => c.name));
  const parents: { relation: RelationField; parent: ModelView }[] = [];
  for (const relation of view.model.fields) {
    if (relation.kind !== "relation" || relation.fromFields.length === 0 || relation.fromFields.length !== relation.toFields.length) continue;
    if (!relation.fromFields.every((f) => required.has(f))) continue;
    const parent = views.find((p) => p.model.name === relation.type);
    if (parent && parent !== view) parents.push({ relation, parent });
  }
  // Composite keys first: their parent (an enrollment of a partner in a program) brings the columns that single keys
  // (the program, the partner) share with them, and with its own parents, so the composite key holds.
  return parents.sort((a, b) => b.relation.fromFields.length - a.relation.fromFields.length);
}

/**
 * The foreign-key members a parent gives a row, with the locals they need. A composite key takes all its columns from
 * one parent; its columns set by a parent before (`claimed`, with their values), or by the caller, are passed to its
 * factory. A
 * referenced column the parent may leave null (`blockInstanceId String? @unique`) gets a fresh value
 * passed to the parent's factory, so the row points at it.
 */
function parentMembers({ relation, parent, claimed, localsCode }: { relation: RelationField; parent: ModelView; claimed: Map<string, string>; localsCode: string[] }): FactoryView["members"] {
  const pairs = relation.fromFields.map((from, index) => ({ from, to: relation.toFields[index] ?? "" }));
  const columns = pairs.filter((c) => !claimed.has(c.from));
  if (columns.length === 0) return [];
  // A column this key shares with one taken already (two composite keys with the same workspaceId): the parent is
  // created with the row's value of it, so that both keys hold.
  const keys = new Map<string, string>(pairs.flatMap(({ from, to }) => (claimed.has(from) ? [[to, claimed.get(from) ?? ""] as [string, string]] : [])));
  for (const to of relation.toFields) {
    const referenced = parent.columns.find((c) => c.name === to);
    if (!referenced || referenced.isRequired) continue;
    const value = factoryValue(referenced);
    if (value === "undefined") return [];
    const key = `key${localsCode.length}`;
    localsCode.push(`const ${key} = ${value};`);
    keys.set(to, key);
  }
  // The columns of a composite key the caller sets (`datasetItem({ projectId })`): the parent is made with them too.
  const passed = relation.fromFields.length > 1 ? columns.filter(({ to }) => !keys.has(to)).map(({ from, to }) => `...(overrides.${from} === undefined ? {} : { ${to}: overrides.${from} })`) : [];
  const members = [...[...keys].map(([to, key]) => `${to}: ${key}`), ...passed];
  const args = members.length > 0 ? `{ ${members.join(", ")} }` : "";
  const create = `await factories.${parent.names.variable}(${args})`;
  const local = `parent${localsCode.length}`;
  if (relation.fromFields.length > 1) localsCode.push(`let ${local}: ${parent.names.type}Row | undefined;`);
  const parentRow = relation.fromFields.length > 1 ? `(${local} ??= ${create})` : `(${create})`;
  return columns.map(({ from, to }) => {
    const key = keys.get(to);
    return { name: from, valueCode: `overrides.${from} ?? ${parentRow}.${to}${key === undefined ? "" : ` ?? ${key}`}` };
  });
}

/**
 * Whether a factory sets the column: it has no default, or it is a key whose default is a constant (`id Int @id
 * @default(1)`, a one-row settings table), which a second row would repeat, or its default is `dbgenerated()` with no
 * expression (a trigger of the database's own migrations fills it, which a pushed test database lacks: VX207).
 */
function needsValue(column: ColumnField): boolean {
  if (column.default === undefined) return true;
  if (column.default.kind === "dbgenerated" && column.default.expression === undefined) return true;
  return column.kind === "scalar" && (column.isId || column.isUnique) && column.default.kind === "literal";
}

/**
 * An enum column's value: its first value, or for a key (`type RankType @id`, an `@unique` enum) one value per row in
 * turn, so that rows made one after the other do not collide.
 */
function enumValueCode({ column, values }: { column: ColumnField; values: string[] }): string {
  if (!(column.kind === "enum" && (column.isId || column.isUnique)) || values.length < 2) return tsString(values[0] ?? "");
  // `?? first`: an index into a tuple may be undefined to the compiler (noUncheckedIndexedAccess).
  return `(([${values.map((v) => tsString(v)).join(", ")}] as const)[i % ${values.length}] ?? ${tsString(values[0] ?? "")})`;
}

function factoryView({ view, views, enumValues }: { view: ModelView; views: ModelView[]; enumValues: (enumName: string) => string[] }): FactoryView {
  const members: FactoryView["members"] = [];
  const localsCode: string[] = [];
  /** The foreign-key columns set so far, with their values. */
  const fkColumns = new Map<string, string>();
  for (const { relation, parent } of requiredParents({ view, views })) {
    for (const member of parentMembers({ relation, parent, claimed: fkColumns, localsCode })) {
      fkColumns.set(member.name, member.valueCode);
      members.push(member);
    }
  }
  for (const column of view.columns) {
    if (fkColumns.has(column.name) || !column.isRequired || column.isList || !needsValue(column)) continue;
    if (column.kind === "scalar" && column.isUpdatedAt) continue;
    const value = column.kind === "enum" ? enumValueCode({ column, values: enumValues(column.type) }) : factoryValue(column);
    // A key the database would number (from its constant default): far from the request examples' small numbers,
    // which the API tests create next to factory rows.
    const numbered = column.default !== undefined && (column.type === "Int" || column.type === "BigInt");
    members.push({ name: column.name, valueCode: numbered ? value.replace(/\bi\b/, "100_000 + i") : value });
  }
  const enumKey = view.idField?.kind === "enum" && view.model.primaryKey?.fields.length === 1 ? view.idField.name : undefined;
  return { modelName: view.model.name, T: view.names.type, v: view.names.variable, delegate: delegateName(view.model.name), localsCode, members, ...(enumKey === undefined ? {} : { enumKey }) };
}

/**
 * `test/generated/support/factories.ts`: one factory per model creating a valid row (unique values from a counter,
 * required parents created first), so tests can set up records that API calls need.
 */
export function renderFactories({ views, enumValues }: { views: ModelView[]; enumValues: (enumName: string) => string[] }): string {
  const imports = { prismaClient: importLiteral({ from: projectLayout.factories, to: projectLayout.prismaClient }) };
  const models = views.map((view) => factoryView({ view, views, enumValues }));
  return renderTemplate({ plugin: "shared", file: "test/factories.ts.ejs", data: { imports, models } });
}
