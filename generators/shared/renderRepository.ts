import type { ModelView } from "./modelView.js";
import type { MapperModule, MapperPlanner } from "./planMapper.js";
import { propertyAccess } from "../../src/emit/propertyAccess.js";
import { callerIdType } from "./callerIdType.js";
import { importLiteral, projectLayout } from "./projectLayout.js";
import { renderTemplate } from "./renderTemplate.js";
import { jsDocText } from "../../src/emit/jsDocText.js";
import { tsString } from "../../src/emit/tsString.js";
import { propertyKey } from "./printType.js";
import { objectKey } from "../../src/emit/objectKey.js";

/** Prisma Client's delegate for a model: the name with its first letter lower-cased (`BookAuthor` -> `bookAuthor`). */
export function delegateName(modelName: string): string {
  return modelName.charAt(0).toLowerCase() + modelName.slice(1);
}

/** What `model/repository.ts.ejs` prints: identifiers from the name table, spec strings already escaped. */
export interface RepositoryView {
  /** Import specifiers as string literals. */
  imports: { prismaClient: string; dbClient: string; mapPrismaError: string };
  modelName: string;
  T: string;
  v: string;
  /** `this.db.<delegate>` */
  delegate: string;
  /** `, include: <v>Include` when the model is loaded with relations, else "". */
  includeArg: string;
  /**
   * Relations loaded with every record: the related fields each one selects, sorted (as the mapper planned them), with
   * the to-many relations of the related record it counts (`_count` inside its select), and the
   * to-many relations counted in the same query (`_count`), keys escaped.
   */
  include: { entries: { keyCode: string; select: string[]; counts: string[] }[]; counts: { keyCode: string }[] } | undefined;
  /** `callerIn({ ids, caller })`: which relations of each record hold the caller (flags such as `favorited`). */
  callerIn: CallerInView | undefined;
  usesEnums: boolean;
  sortable: string[];
  sortFieldLiterals: string[];
  keys: { name: string; finder: string; suffix: string; tsType: string }[];
  /** Compound keys: Prisma's compound where (`whereKeyCode: key`), the key's object type (`{ userId: number; groupId: number }`). */
  compoundKeys: CompoundKeyCode[];
  /** The owner column of owner-scoped operations (`x-vx-owner`), its key in a where; undefined when none. */
  owner: { name: string; keyCode: string } | undefined;
  /** Keys that get owned variants (`findOwnedBy<Key>` with the owner in the where): every key but the owner column. */
  owned: { name: string; finder: string; suffix: string; tsType: string }[];
  cursor: { name: string; tsType: string } | undefined;
  /** The id field when lists can sort on it (the stable last order). */
  idSortable: string | undefined;
  stableOrderDoc: string;
  modelNameLiteral: string;
  tableDoc: string;
  canCreate: boolean;
}

/** A compound key as the repository and service templates print it. */
export interface CompoundKeyCode {
  suffix: string;
  whereKeyCode: string;
  typeCode: string;
  /** The field names, for the doc comments (`userId and groupId`). */
  namesDoc: string;
}

/** A model's compound keys as the repository and service templates print them (keys by `propertyKey`). */
export function compoundKeyCodes(view: ModelView): CompoundKeyCode[] {
  return view.compoundKeys.map((k) => ({
    suffix: k.suffix,
    whereKeyCode: propertyKey(k.whereName),
    typeCode: `{ ${k.fields.map((f) => `${propertyKey(f.field.name)}: ${f.tsType}`).join("; ")} }`,
    namesDoc: jsDocText(k.fields.map((f) => f.field.name).join(" and ")).replace(/\n/g, " "),
  }));
}

/** Whether a key the repository and service take is an enum value (they then import `$Enums`). */
export function keysUseEnums(view: ModelView): boolean {
  return view.keys.some((k) => k.field.kind === "enum") || view.compoundKeys.some((k) => k.fields.some((f) => f.field.kind === "enum"));
}

/** A model's keys as the repository and service templates print them. */
export function keyViews(view: ModelView): RepositoryView["keys"] {
  return view.keys.map((k) => ({ name: k.field.name, finder: k.finder, suffix: k.finder.slice("findBy".length), tsType: k.tsType }));
}

/**
 * The owner column and the keys that get owned variants: none without an owner; never the owner column itself, nor a
 * key named `owner` (the variants' parameter).
 */
export function ownedKeys(view: ModelView): Pick<RepositoryView, "owner" | "owned"> {
  const owner = view.owner;
  if (!owner) return { owner: undefined, owned: [] };
  return { owner: { name: owner.name, keyCode: propertyKey(owner.name) }, owned: keyViews(view).filter((k) => k.name !== owner.name && k.name !== "owner") };
}

/** What the repository loads with each record, as the mapper planned it. */
export interface RepositoryIncludes {
  includes: ReadonlyMap<string, { fields: ReadonlySet<string>; counts: ReadonlySet<string> }>;
  counts: ReadonlySet<string>;
  callerIn?: CallerInView | undefined;
}

/**
 * The repository's `callerIn({ ids, caller })`: one query selecting, for each record of `ids` (its id `idKeyCode`),
 * the relations to the user model filtered to the caller (`where: { <userIdKeyCode>: caller }`); a relation whose
 * selection is not empty holds the caller. Keys escaped, relation names as literals.
 */
export interface CallerInView {
  idKeyCode: string;
  idAccessCode: string;
  idType: string;
  callerType: string;
  userIdKeyCode: string;
  relations: { keyCode: string; accessCode: string; literal: string }[];
}

/** The `callerIn` of a model's repository, when its API shapes show flags of the caller (`favorited`). */
export function callerInView({ mod, mappers }: { mod: MapperModule; mappers: MapperPlanner }): CallerInView | undefined {
  const { view } = mod;
  const id = view.idField;
  const idType = id ? view.keys.find((k) => k.field === id)?.tsType : undefined;
  const relations = [...mod.callerIn].sort();
  const userModel = relations.length > 0 ? view.model.fields.find((f) => f.kind === "relation" && f.name === relations[0])?.type : undefined;
  const userId = userModel === undefined ? undefined : mappers.callerIdOf(userModel);
  const userIdType = userId ? callerIdType(userId) : undefined;
  if (!id || !idType || !userId || !userIdType) return undefined;
  return {
    idKeyCode: propertyKey(id.name),
    idAccessCode: propertyAccess({ object: "row", name: id.name }),
    idType,
    callerType: userIdType,
    userIdKeyCode: propertyKey(userId.name),
    relations: relations.map((name) => ({ keyCode: propertyKey(name), accessCode: propertyAccess({ object: "row", name }), literal: tsString(name) })),
  };
}

function includeView({ includes, counts }: RepositoryIncludes): RepositoryView["include"] {
  if (includes.size === 0 && counts.size === 0) return undefined;
  const byName = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    entries: [...includes.entries()].sort(byName).map(([name, { fields, counts: counted }]) => ({
      keyCode: objectKey(name),
      select: [...fields].sort().map((field) => objectKey(field)),
      counts: [...counted].sort().map((relation) => objectKey(relation)),
    })),
    counts: [...counts].sort().map((name) => ({ keyCode: objectKey(name) })),
  };
}

export function repositoryView({ view, includes, counts, callerIn }: { view: ModelView } & RepositoryIncludes): RepositoryView {
  const { model, names } = view;
  const path = projectLayout.repository(names.file);
  const id = view.idField;
  const idType = id ? view.keys.find((k) => k.field === id)?.tsType : undefined;
  const sortable = view.sortable.map((f) => f.name);
  const include = includeView({ includes, counts });
  const hasInclude = include !== undefined;
  return {
    imports: {
      prismaClient: importLiteral({ from: path, to: projectLayout.prismaClient }),
      dbClient: importLiteral({ from: path, to: projectLayout.db("DbClient") }),
      mapPrismaError: importLiteral({ from: path, to: projectLayout.db("mapPrismaError") }),
    },
    modelName: model.name,
    T: names.type,
    v: names.variable,
    delegate: `this.db.${delegateName(model.name)}`,
    includeArg: hasInclude ? `, include: ${names.variable}Include` : "",
    include,
    callerIn,
    usesEnums: keysUseEnums(view),
    sortable,
    sortFieldLiterals: sortable.map((s) => tsString(s)),
    keys: keyViews(view),
    compoundKeys: compoundKeyCodes(view),
    ...ownedKeys(view),
    cursor: id && idType ? { name: id.name, tsType: idType } : undefined,
    idSortable: id && sortable.includes(id.name) ? id.name : undefined,
    stableOrderDoc: id ? id.name : "insertion order",
    modelNameLiteral: tsString(model.name),
    tableDoc: jsDocText(model.dbName).replace(/\n/g, " "),
    canCreate: model.kind === "model",
  };
}

/** The repository of one model: every database access to it goes through here, Prisma errors mapped to API errors. */
export function renderRepository({ view, includes, counts, callerIn }: { view: ModelView } & RepositoryIncludes): string {
  return renderTemplate({ plugin: "shared", file: "model/repository.ts.ejs", data: repositoryView({ view, includes, counts, callerIn }) });
}
