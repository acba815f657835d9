import type { CompositeType, DbEnum, DbModel, DbProvider, Model, PrismaSource } from "../../ir/types.js";
import type { CompatibilityFix } from "./applyCompatibilityFixes.js";
import { computeRelations } from "./computeRelations.js";
import { convertModel } from "./convertModel.js";
import type { DmmfDatamodel, DmmfIndex } from "./prismaSchemaWasm.js";
import type { OutlineBlock } from "./scanSchemaOutline.js";
import { compareByName } from "../../util/compareByName.js";

function blockSource({
  block,
  name,
  fallbackFile,
}: {
  block: OutlineBlock | undefined;
  name: string;
  fallbackFile: string;
}): PrismaSource {
  return {
    kind: "prisma",
    file: block?.file ?? fallbackFile,
    block: name,
    line: block?.line ?? 1,
    column: block?.column ?? 1,
  };
}

/**
 * The `DbModel` from Prisma's datamodel: views told apart from models by the outline (the DMMF lists both as
 * models), sources from the outline, view keys from compatibility fixes, everything sorted by name.
 */
export function buildDbModel({
  path,
  files,
  provider,
  datamodel,
  outline,
  fixes,
}: {
  path: string;
  files: readonly string[];
  provider: DbProvider;
  datamodel: DmmfDatamodel;
  outline: readonly OutlineBlock[];
  fixes: readonly CompatibilityFix[];
}): DbModel {
  const fallbackFile = files[0] ?? path;
  const blocks = new Map<string, OutlineBlock>();
  for (const block of outline) {
    const key = block.kind === "view" ? "model" : block.kind;
    if (!blocks.has(`${key} ${block.name}`)) blocks.set(`${key} ${block.name}`, block);
  }
  const indexesByModel = new Map<string, DmmfIndex[]>();
  for (const index of datamodel.indexes)
    indexesByModel.set(index.model, [...(indexesByModel.get(index.model) ?? []), index]);
  const compositeTypes = new Set(datamodel.types.map((t) => t.name));
  const viewKeys = new Map(fixes.flatMap((f) => (f.kind === "viewPrimaryKey" ? [[f.view, f] as const] : [])));

  const all: Model[] = datamodel.models.map((model) => {
    const block = blocks.get(`model ${model.name}`);
    const viewKey = viewKeys.get(model.name);
    return convertModel({
      model,
      kind: block?.kind === "view" ? "view" : "model",
      block,
      fallbackFile,
      indexes: indexesByModel.get(model.name) ?? [],
      compositeTypes,
      ...(viewKey
        ? { viewPrimaryKey: { fields: viewKey.fields, ...(viewKey.name ? { name: viewKey.name } : {}) } }
        : {}),
    });
  });

  const enums: DbEnum[] = datamodel.enums.map((e) => ({
    kind: "enum",
    name: e.name,
    dbName: e.dbName ?? e.name,
    values: e.values.map((v) => ({ name: v.name, dbName: v.dbName ?? v.name })),
    ...(e.documentation !== undefined ? { documentation: e.documentation } : {}),
    source: blockSource({ block: blocks.get(`enum ${e.name}`), name: e.name, fallbackFile }),
  }));

  const types: CompositeType[] = datamodel.types.map((type) => {
    const block = blocks.get(`type ${type.name}`);
    const converted = convertModel({ model: type, kind: "model", block, fallbackFile, indexes: [], compositeTypes });
    return {
      kind: "compositeType",
      name: type.name,
      fields: converted.fields.map((f) => ({
        kind: "composite",
        name: f.name,
        dbName: f.kind === "relation" ? f.name : f.dbName,
        type: f.type,
        isList: f.isList,
        isRequired: f.isRequired,
        ...(f.documentation !== undefined ? { documentation: f.documentation } : {}),
        source: f.source,
      })),
      source: blockSource({ block, name: type.name, fallbackFile }),
    };
  });

  return {
    kind: "db",
    file: path,
    files: [...files].sort(),
    provider,
    models: all.filter((m) => m.kind === "model").sort(compareByName),
    views: all.filter((m) => m.kind === "view").sort(compareByName),
    enums: enums.sort(compareByName),
    compositeTypes: types.sort(compareByName),
    relations: computeRelations({ models: all }),
    ...ignoredPreviewFeatures(fixes),
    ...droppedViewKeys(fixes),
  };
}

/** Where the reader blanked a view's `@id`/`@@id` (VX204), for the project's schema to leave it out too; absent when none. */
function droppedViewKeys(fixes: readonly CompatibilityFix[]): Pick<DbModel, "droppedViewKeys"> {
  const spans = fixes.flatMap((f) => (f.kind === "viewPrimaryKey" ? [{ file: f.file, offset: f.offset, length: f.length }] : []));
  return spans.length > 0 ? { droppedViewKeys: spans } : {};
}

/** The preview features Prisma 7 no longer knows, which the reader dropped (VX203), sorted; absent when none. */
function ignoredPreviewFeatures(fixes: readonly CompatibilityFix[]): Pick<DbModel, "ignoredPreviewFeatures"> {
  const features = [...new Set(fixes.flatMap((f) => (f.kind === "previewFeature" ? [f.feature] : [])))].sort();
  return features.length > 0 ? { ignoredPreviewFeatures: features } : {};
}
