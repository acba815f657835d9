/**
 * Factories for database IR (`DbModel` and its parts) with sensible defaults, for tests that build IR directly
 * instead of reading a schema. Every factory takes one object; anything not given gets the value a plain Prisma
 * declaration would have (`String` scalar, required, not a list, no attributes, db name = name).
 */
import type {
  CompositeField,
  CompositeType,
  DbEnum,
  DbModel,
  EnumField,
  Model,
  ModelField,
  PrismaSource,
  Relation,
  RelationField,
  ScalarField,
} from "../types.js";
import { computeRelations } from "../../parsers/prisma/computeRelations.js";
import { compareByName } from "../../util/compareByName.js";

/** A Prisma source; defaults to line 1, column 1 of `schema.prisma`. */
export function prismaSource(input: Partial<Omit<PrismaSource, "kind">> = {}): PrismaSource {
  return { kind: "prisma", file: "schema.prisma", line: 1, column: 1, ...input };
}

type FieldInput<T extends { name: string; source: PrismaSource }> = Partial<Omit<T, "kind">> & { name: string };

/** A scalar field: `String`, required, no attributes unless given. */
export function scalarField(input: FieldInput<ScalarField>): ScalarField {
  return {
    kind: "scalar",
    dbName: input.name,
    type: "String",
    isList: false,
    isRequired: true,
    isId: false,
    isUnique: false,
    isUpdatedAt: false,
    isForeignKey: false,
    source: prismaSource({ field: input.name }),
    ...input,
  };
}

/** A field typed by an enum (`type` is the enum's name). */
export function enumField(input: FieldInput<EnumField> & { type: string }): EnumField {
  return {
    kind: "enum",
    dbName: input.name,
    isList: false,
    isRequired: true,
    isId: false,
    isUnique: false,
    isUpdatedAt: false,
    isForeignKey: false,
    source: prismaSource({ field: input.name }),
    ...input,
  };
}

/** A relation field to model `type`; give `fromFields`/`toFields` on the side holding the foreign key. */
export function relationField(input: FieldInput<RelationField> & { type: string }): RelationField {
  return {
    kind: "relation",
    isList: false,
    isRequired: true,
    relationName: input.type,
    fromFields: [],
    toFields: [],
    source: prismaSource({ field: input.name }),
    ...input,
  };
}

/** A field typed by a composite type (MongoDB), or a field of a composite type. */
export function compositeField(input: FieldInput<CompositeField> & { type: string }): CompositeField {
  return {
    kind: "composite",
    dbName: input.name,
    isList: false,
    isRequired: true,
    source: prismaSource({ field: input.name }),
    ...input,
  };
}

/**
 * A model. The primary key defaults to the fields marked `isId`, the uniques to the fields marked `isUnique`;
 * `fields` defaults to a single `id Int @id`.
 */
export function model(input: Partial<Omit<Model, "name">> & { name: string }): Model {
  const fields: ModelField[] = input.fields ?? [scalarField({ name: "id", type: "Int", isId: true })];
  const flagged = (flag: "isId" | "isUnique") =>
    fields.filter((f) => (f.kind === "scalar" || f.kind === "enum") && f[flag]).map((f) => f.name);
  const ids = flagged("isId");
  return {
    kind: "model",
    dbName: input.name,
    fields,
    primaryKey: ids.length > 0 ? { fields: ids } : null,
    uniques: flagged("isUnique").map((name) => ({ fields: [name] })),
    indexes: [],
    source: prismaSource({ block: input.name }),
    ...input,
  };
}

/** A view (read-only model); same defaults as `model`. */
export function view(input: Partial<Omit<Model, "name">> & { name: string }): Model {
  return model({ ...input, kind: "view" });
}

/** An enum; values may be given as names (db name = name). */
export function dbEnum(
  input: Partial<Omit<DbEnum, "name" | "values">> & {
    name: string;
    values: (string | { name: string; dbName: string })[];
  },
): DbEnum {
  return {
    kind: "enum",
    dbName: input.name,
    source: prismaSource({ block: input.name }),
    ...input,
    values: input.values.map((v) => (typeof v === "string" ? { name: v, dbName: v } : v)),
  };
}

/** A composite type (MongoDB `type` block). */
export function compositeType(input: Partial<Omit<CompositeType, "name">> & { name: string }): CompositeType {
  return { kind: "compositeType", fields: [], source: prismaSource({ block: input.name }), ...input };
}

/** A relation; defaults to a required 1-n named after its models. */
export function relation(
  input: Partial<Omit<Relation, "from" | "to">> & { from: Relation["from"]; to: Relation["to"] },
): Relation {
  return {
    kind: "relation",
    name: `${input.from.model}To${input.to.model}`,
    type: "1-n",
    implicit: false,
    self: input.from.model === input.to.model,
    ...input,
  };
}

/**
 * A database model: PostgreSQL unless given, everything sorted by name as the IR requires, and `relations`
 * computed from the relation fields of `models` and `views` unless given.
 */
export function dbModel(input: Partial<DbModel> = {}): DbModel {
  const models = [...(input.models ?? [])].sort(compareByName);
  const views = [...(input.views ?? [])].sort(compareByName);
  return {
    kind: "db",
    file: "schema.prisma",
    files: ["schema.prisma"],
    provider: "postgresql",
    ...input,
    models,
    views,
    enums: [...(input.enums ?? [])].sort(compareByName),
    compositeTypes: [...(input.compositeTypes ?? [])].sort(compareByName),
    relations: [...(input.relations ?? computeRelations({ models: [...models, ...views] }))].sort(compareByName),
  };
}
