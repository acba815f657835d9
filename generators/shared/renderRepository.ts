import type { ModelView } from "./modelView.js";
import { tsString } from "../../src/emit/tsString.js";

/** Prisma Client's delegate for a model: the name with its first letter lower-cased (`BookAuthor` -> `bookAuthor`). */
export function delegateName(modelName: string): string {
  return modelName.charAt(0).toLowerCase() + modelName.slice(1);
}

/** The repository of one model: every database access to it goes through here, Prisma errors mapped to API errors. */
export function renderRepository({ view, includes }: { view: ModelView; includes: Map<string, string> }): string {
  const { model, names } = view;
  const T = names.type;
  const v = names.variable;
  const delegate = `this.db.${delegateName(model.name)}`;
  const hasInclude = includes.size > 0;
  const includeArg = hasInclude ? `, include: ${v}Include` : "";
  const usesEnums = view.keys.some((k) => k.field.kind === "enum");
  const lines: string[] = [];
  lines.push(`import type { ${hasInclude ? "" : `${model.name} as ${T}Row, `}Prisma${usesEnums ? ", $Enums" : ""} } from "../prisma/client.js";`);
  lines.push(`import type { DbClient } from "../db/DbClient.js";`);
  lines.push(`import { guard } from "../db/mapPrismaError.js";`);
  lines.push("");
  if (hasInclude) {
    const entries = [...includes.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, value]) => `${name}: ${value}`);
    lines.push(`/** Relations every ${model.name} is loaded with (in the same query, never one query per row). */`);
    lines.push(`export const ${v}Include = { ${entries.join(", ")} } satisfies Prisma.${model.name}Include;`);
    lines.push(`export type ${T}Record = Prisma.${model.name}GetPayload<{ include: typeof ${v}Include }>;`);
  } else {
    lines.push(`export type ${T}Record = ${T}Row;`);
  }
  lines.push("");
  const sortable = view.sortable.map((f) => f.name);
  lines.push(`/** The fields lists can be sorted on. */`);
  lines.push(`export type ${T}SortField = ${sortable.length > 0 ? sortable.map((s) => tsString(s)).join(" | ") : "never"};`);
  lines.push(`const ${v}OrderBy: Record<${T}SortField, (direction: "asc" | "desc") => Prisma.${model.name}OrderByWithRelationInput> = {`);
  for (const name of sortable) lines.push(`  ${name}: (direction) => ({ ${name}: direction }),`);
  lines.push(`};`);
  lines.push("");
  const id = view.idField;
  const idType = id ? view.keys.find((k) => k.field === id)?.tsType : undefined;
  lines.push(`export interface ${T}ListQuery {`);
  lines.push(`  where?: Prisma.${model.name}WhereInput;`);
  lines.push(`  orderBy?: { field: ${T}SortField; direction: "asc" | "desc" }[];`);
  lines.push(`  limit?: number;`);
  lines.push(`  offset?: number;`);
  if (id && idType) lines.push(`  /** The ${id.name} of the last record of the previous page. */\n  cursor?: ${idType};`);
  lines.push(`}`);
  lines.push("");
  lines.push(`/** Database access for ${model.name} (table ${model.dbName}). Pass a transaction client to use it in a unit of work. */`);
  lines.push(`export class ${T}Repository {`);
  lines.push(`  constructor(private readonly db: DbClient) {}`);
  const g = (body: string) => `guard({ model: ${tsString(model.name)}, run: () => ${body} })`;
  for (const key of view.keys) {
    const name = key.field.name;
    const suffix = key.finder.slice("findBy".length);
    lines.push("");
    lines.push(`  ${key.finder}(${name}: ${key.tsType}): Promise<${T}Record | null> {`);
    lines.push(`    return ${g(`${delegate}.findUnique({ where: { ${name} }${includeArg} })`)};`);
    lines.push(`  }`);
    lines.push("");
    lines.push(`  /** Throws NOT_FOUND when no record has this ${name}. */`);
    lines.push(`  updateBy${suffix}({ ${name}, data }: { ${name}: ${key.tsType}; data: Prisma.${model.name}UncheckedUpdateInput }): Promise<${T}Record> {`);
    lines.push(`    return ${g(`${delegate}.update({ where: { ${name} }, data${includeArg} })`)};`);
    lines.push(`  }`);
    lines.push("");
    lines.push(`  /** Throws NOT_FOUND when no record has this ${name}. */`);
    lines.push(`  deleteBy${suffix}(${name}: ${key.tsType}): Promise<${T}Record> {`);
    lines.push(`    return ${g(`${delegate}.delete({ where: { ${name} }${includeArg} })`)};`);
    lines.push(`  }`);
  }
  lines.push("");
  lines.push(`  /** A page of records: filters, whitelisted sort fields (then ${id ? id.name : "insertion order"} for a stable order), limit/offset or cursor. */`);
  lines.push(`  list(query: ${T}ListQuery = {}): Promise<${T}Record[]> {`);
  lines.push(`    const orderBy = (query.orderBy ?? []).map((o) => ${v}OrderBy[o.field](o.direction));`);
  if (id && sortable.includes(id.name)) lines.push(`    orderBy.push({ ${id.name}: "asc" });`);
  if (id && idType) {
    lines.push(`    const cursor = query.cursor;`);
    lines.push(
      `    return ${g(`${delegate}.findMany({ where: query.where ?? {}, orderBy${includeArg}, ...(query.limit === undefined ? {} : { take: query.limit }), ...(cursor === undefined ? (query.offset === undefined ? {} : { skip: query.offset }) : { cursor: { ${id.name}: cursor }, skip: 1 + (query.offset ?? 0) }) })`)};`,
    );
  } else {
    lines.push(
      `    return ${g(`${delegate}.findMany({ where: query.where ?? {}, orderBy${includeArg}, ...(query.limit === undefined ? {} : { take: query.limit }), ...(query.offset === undefined ? {} : { skip: query.offset }) })`)};`,
    );
  }
  lines.push(`  }`);
  lines.push("");
  lines.push(`  count(where: Prisma.${model.name}WhereInput = {}): Promise<number> {`);
  lines.push(`    return ${g(`${delegate}.count({ where })`)};`);
  lines.push(`  }`);
  if (model.kind === "model") {
    lines.push("");
    lines.push(`  /** Throws CONFLICT on a unique or foreign-key violation. */`);
    lines.push(`  create(data: Prisma.${model.name}UncheckedCreateInput): Promise<${T}Record> {`);
    lines.push(`    return ${g(`${delegate}.create({ data${includeArg} })`)};`);
    lines.push(`  }`);
  }
  lines.push(`}`);
  return lines.join("\n") + "\n";
}
