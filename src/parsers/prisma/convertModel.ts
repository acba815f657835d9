import type { Model, ModelField, PrismaSource, ReferentialAction, ScalarType } from "../../ir/types.js";
import { convertFieldDefault } from "./convertFieldDefault.js";
import type { DmmfField, DmmfIndex, DmmfModel } from "./prismaSchemaWasm.js";
import type { OutlineBlock } from "./scanSchemaOutline.js";

const REFERENTIAL_ACTIONS = new Set<string>(["Cascade", "Restrict", "NoAction", "SetNull", "SetDefault"]);

function referentialAction(value: string | undefined): ReferentialAction | undefined {
  return value !== undefined && REFERENTIAL_ACTIONS.has(value) ? (value as ReferentialAction) : undefined;
}

function fieldSource({
  block,
  name,
  fallbackFile,
}: {
  block: OutlineBlock | undefined;
  name: string;
  fallbackFile: string;
}): PrismaSource {
  const member = block?.members.find((m) => m.name === name);
  return {
    kind: "prisma",
    file: block?.file ?? fallbackFile,
    ...(block ? { block: block.name } : {}),
    field: name,
    line: member?.line ?? block?.line ?? 1,
    column: member?.column ?? block?.column ?? 1,
  };
}

function convertField({
  field,
  block,
  fallbackFile,
  foreignKeys,
  compositeTypes,
  viewKey,
}: {
  field: DmmfField;
  block: OutlineBlock | undefined;
  fallbackFile: string;
  foreignKeys: ReadonlySet<string>;
  compositeTypes: ReadonlySet<string>;
  viewKey: readonly string[];
}): ModelField {
  const source = fieldSource({ block, name: field.name, fallbackFile });
  const documentation = field.documentation !== undefined ? { documentation: field.documentation } : {};
  if (field.kind === "object" && compositeTypes.has(field.type)) {
    return {
      kind: "composite",
      name: field.name,
      dbName: field.dbName ?? field.name,
      type: field.type,
      isList: field.isList,
      isRequired: field.isRequired,
      ...documentation,
      source,
    };
  }
  if (field.kind === "object") {
    const onDelete = referentialAction(field.relationOnDelete);
    const onUpdate = referentialAction(field.relationOnUpdate);
    return {
      kind: "relation",
      name: field.name,
      type: field.type,
      isList: field.isList,
      isRequired: field.isRequired,
      relationName: field.relationName ?? "",
      fromFields: [...(field.relationFromFields ?? [])],
      toFields: [...(field.relationToFields ?? [])],
      ...(onDelete ? { onDelete } : {}),
      ...(onUpdate ? { onUpdate } : {}),
      ...documentation,
      source,
    };
  }
  const fieldDefault = convertFieldDefault({ field });
  const common = {
    name: field.name,
    dbName: field.dbName ?? field.name,
    isList: field.isList,
    isRequired: field.isRequired,
    isId: field.isId || viewKey.includes(field.name),
    isUnique: field.isUnique,
    isUpdatedAt: field.isUpdatedAt ?? false,
    isForeignKey: foreignKeys.has(field.name),
    ...(fieldDefault ? { default: fieldDefault } : {}),
    ...documentation,
    source,
  };
  if (field.kind === "enum") return { kind: "enum", type: field.type, ...common };
  const nativeType = field.nativeType
    ? { nativeType: { name: field.nativeType[0], args: [...field.nativeType[1]] } }
    : {};
  const type = field.kind === "unsupported" ? "Unsupported" : (field.type as ScalarType);
  return { kind: "scalar", type, ...common, ...nativeType };
}

/** `Unsupported("...")` fields: Prisma's datamodel leaves them out, the outline still has them. */
function unsupportedFields({
  block,
  known,
}: {
  block: OutlineBlock | undefined;
  known: ReadonlySet<string>;
}): ModelField[] {
  if (!block) return [];
  return block.members
    .filter((m) => m.typeText.startsWith("Unsupported(") && !known.has(m.name))
    .map((m) => ({
      kind: "scalar",
      name: m.name,
      dbName: m.name,
      type: "Unsupported",
      isList: m.typeText.includes("[]"),
      isRequired: !m.typeText.endsWith("?"),
      isId: false,
      isUnique: false,
      isUpdatedAt: false,
      isForeignKey: false,
      source: { kind: "prisma", file: block.file, block: block.name, field: m.name, line: m.line, column: m.column },
    }));
}

/**
 * One DMMF model or view in IR form: fields in schema order (with `Unsupported` ones put back where they are
 * written), primary key, uniques and indexes, and the position of every part from the outline.
 */
export function convertModel({
  model,
  kind,
  block,
  fallbackFile,
  indexes,
  compositeTypes,
  viewPrimaryKey,
}: {
  model: DmmfModel;
  kind: "model" | "view";
  block: OutlineBlock | undefined;
  fallbackFile: string;
  indexes: readonly DmmfIndex[];
  compositeTypes: ReadonlySet<string>;
  /** A view's `@id`/`@@id` read in compatibility mode. */
  viewPrimaryKey?: { name?: string; fields: string[] };
}): Model {
  const foreignKeys = new Set(model.fields.flatMap((f) => [...(f.relationFromFields ?? [])]));
  const viewKey = viewPrimaryKey?.fields ?? [];
  const fields = [
    ...model.fields.map((field) => convertField({ field, block, fallbackFile, foreignKeys, compositeTypes, viewKey })),
    ...unsupportedFields({ block, known: new Set(model.fields.map((f) => f.name)) }),
  ].sort((a, b) => a.source.line - b.source.line || a.source.column - b.source.column);

  let primaryKey: Model["primaryKey"] = null;
  if (model.primaryKey) {
    primaryKey = {
      ...(model.primaryKey.name ? { name: model.primaryKey.name } : {}),
      fields: [...model.primaryKey.fields],
    };
  } else if (model.fields.some((f) => f.isId)) {
    primaryKey = { fields: model.fields.filter((f) => f.isId).map((f) => f.name) };
  } else if (viewPrimaryKey) {
    primaryKey = { ...(viewPrimaryKey.name ? { name: viewPrimaryKey.name } : {}), fields: [...viewPrimaryKey.fields] };
  }

  const uniques: Model["uniques"] = [];
  const modelIndexes: Model["indexes"] = [];
  for (const index of indexes) {
    const indexFields = index.fields.map((f) => f.name);
    const withLength = index.fields.flatMap((f) => (typeof f.length === "number" ? [[f.name, f.length] as const] : []));
    const lengths = withLength.length > 0 ? { lengths: Object.fromEntries(withLength) } : {};
    if (index.type === "unique") uniques.push({ ...(index.name ? { name: index.name } : {}), fields: indexFields, ...lengths });
    else if (index.type === "normal" || index.type === "fulltext") {
      const name = index.name ?? index.dbName;
      modelIndexes.push({
        ...(name ? { name } : {}),
        fields: indexFields,
        ...lengths,
        type: index.type === "normal" ? "index" : "fulltext",
      });
    }
  }

  return {
    kind,
    name: model.name,
    dbName: model.dbName ?? model.name,
    fields,
    primaryKey,
    uniques,
    indexes: modelIndexes,
    ...(model.documentation !== undefined ? { documentation: model.documentation } : {}),
    source: {
      kind: "prisma",
      file: block?.file ?? fallbackFile,
      block: model.name,
      line: block?.line ?? 1,
      column: block?.column ?? 1,
    },
  };
}
