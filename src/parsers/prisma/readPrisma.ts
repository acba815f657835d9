import type { CompositeType, DbEnum, DbModel, DbProvider, Diagnostic, Model, PrismaSource } from "../../ir/types.js";
import { createDiagnostic } from "../../diagnostics/createDiagnostic.js";
import { applyCompatibilityFixes, type CompatibilityFix } from "./applyCompatibilityFixes.js";
import { offsetToPosition } from "./offsetToPosition.js";
import { collectPrismaFiles } from "./collectPrismaFiles.js";
import { computeRelations } from "./computeRelations.js";
import { configOnlySchema } from "./configOnlySchema.js";
import { convertModel } from "./convertModel.js";
import {
  getPrismaDatamodel,
  lintPrismaSchema,
  wasmErrorMessage,
  type DmmfDatamodel,
  type DmmfIndex,
  type PrismaLintMessage,
  type SchemaFileTuple,
} from "./prismaSchemaWasm.js";
import { scanSchemaOutline, type OutlineBlock } from "./scanSchemaOutline.js";

export interface ReadPrismaResult {
  db: DbModel | null;
  diagnostics: Diagnostic[];
}

const PROVIDERS: Record<string, DbProvider> = {
  postgresql: "postgresql",
  postgres: "postgresql",
  mysql: "mysql",
  sqlite: "sqlite",
  sqlserver: "sqlserver",
  mongodb: "mongodb",
  cockroachdb: "cockroachdb",
};

/** Compatibility rounds: Prisma validates in phases, so a fix can reveal the next phase's errors. */
const MAX_ROUNDS = 4;

const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function schemaErrorDiagnostic({ message, files }: { message: PrismaLintMessage; files: readonly SchemaFileTuple[] }): Diagnostic {
  const text = files.find(([file]) => file === message.file_name)?.[1];
  const position = text === undefined ? {} : offsetToPosition({ text, offset: message.start });
  return createDiagnostic({
    code: "VX200",
    message: message.text.replace(/^Error validating:\s*/, ""),
    location: { file: message.file_name, ...position },
  });
}

/** When Prisma's structured report is unavailable: one diagnostic per `error: ... --> file:line` in its text. */
function diagnosticsFromErrorText(text: string): Diagnostic[] {
  const found = [...text.matchAll(/error: (.*)\n\s*-->\s+(.*):(\d+)/g)].map((m) =>
    createDiagnostic({ code: "VX200", message: m[1] ?? "", location: { file: m[2] ?? "", line: Number(m[3]) } }),
  );
  return found.length > 0 ? found : [createDiagnostic({ code: "VX200", message: text })];
}

function compatibilityDiagnostics({ fixes, files }: { fixes: readonly CompatibilityFix[]; files: readonly SchemaFileTuple[] }): Diagnostic[] {
  const locate = (fix: CompatibilityFix) => {
    const text = files.find(([file]) => file === fix.file)?.[1] ?? "";
    return { file: fix.file, ...offsetToPosition({ text, offset: fix.offset }) };
  };
  const diagnostics: Diagnostic[] = [];
  const settings = fixes
    .filter((f) => f.kind === "datasourceProperty" || f.kind === "previewFeature")
    .sort((a, b) => (a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.offset - b.offset));
  const firstSetting = settings[0];
  if (firstSetting) {
    const names = [
      ...new Set(settings.map((f) => (f.kind === "datasourceProperty" ? `datasource \`${f.property}\`` : `preview feature "${f.kind === "previewFeature" ? f.feature : ""}"`))),
    ];
    diagnostics.push(
      createDiagnostic({
        code: "VX203",
        message: `Prisma 7 no longer accepts ${names.join(", ")}; vx-gen ignored ${settings.length === 1 ? "it" : "them"} and read the rest of the schema`,
        location: locate(firstSetting),
        help: "Prisma 7 takes connection URLs from prisma.config.ts; remove these settings from the schema to silence this warning",
      }),
    );
  }
  for (const fix of fixes) {
    if (fix.kind !== "viewPrimaryKey") continue;
    diagnostics.push(
      createDiagnostic({
        code: "VX204",
        message: `view ${fix.view} declares a primary key (${fix.fields.join(", ")}), which Prisma 7 rejects; vx-gen keeps it as the view's key`,
        location: locate(fix),
        help: "Prisma >= 6.4 does not allow @id/@@id on views; use @unique or @@unique instead",
      }),
    );
  }
  return diagnostics;
}

/**
 * Runs Prisma's validator, applying compatibility fixes round by round; the datamodel, or the schema's errors.
 * `checkConfigFirst` (the outline shows Prisma 6 datasource settings) validates the configuration blocks alone first,
 * so the settings Prisma rejects are known before the one full parse.
 */
function validate({ files, outline, checkConfigFirst }: { files: SchemaFileTuple[]; outline: readonly OutlineBlock[]; checkConfigFirst: boolean }): {
  datamodel: DmmfDatamodel | null;
  files: SchemaFileTuple[];
  fixes: CompatibilityFix[];
  errors: Diagnostic[];
} {
  let current = files;
  const fixes: CompatibilityFix[] = [];
  if (checkConfigFirst) {
    const configErrors = lintPrismaSchema({ files: configOnlySchema({ files, outline }) }).filter((m) => !m.is_warning);
    // Only the compatibility fixes are taken here; any other error shows again in the full validation below.
    const fixed = applyCompatibilityFixes({ files: current, errors: configErrors, outline });
    fixes.push(...fixed.fixes);
    current = fixed.files;
  }
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let thrown: unknown;
    try {
      return { datamodel: getPrismaDatamodel({ files: current }), files: current, fixes, errors: [] };
    } catch (error) {
      thrown = error;
    }
    const reported = lintPrismaSchema({ files: current }).filter((m) => !m.is_warning);
    if (reported.length === 0) {
      return { datamodel: null, files: current, fixes, errors: diagnosticsFromErrorText(wasmErrorMessage(thrown)) };
    }
    const fixed = applyCompatibilityFixes({ files: current, errors: reported, outline });
    fixes.push(...fixed.fixes);
    current = fixed.files;
    if (fixed.errors.length > 0 || fixed.fixes.length === 0) {
      return { datamodel: null, files: current, fixes, errors: fixed.errors.map((message) => schemaErrorDiagnostic({ message, files: current })) };
    }
  }
  return { datamodel: null, files: current, fixes, errors: [createDiagnostic({ code: "VX200", message: "Prisma kept rejecting the schema after compatibility fixes" })] };
}

function blockSource({ block, name, fallbackFile }: { block: OutlineBlock | undefined; name: string; fallbackFile: string }): PrismaSource {
  return { kind: "prisma", file: block?.file ?? fallbackFile, block: name, line: block?.line ?? 1, column: block?.column ?? 1 };
}

function buildDbModel({
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
  for (const index of datamodel.indexes) indexesByModel.set(index.model, [...(indexesByModel.get(index.model) ?? []), index]);
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
      ...(viewKey ? { viewPrimaryKey: { fields: viewKey.fields, ...(viewKey.name ? { name: viewKey.name } : {}) } } : {}),
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
    models: all.filter((m) => m.kind === "model").sort(byName),
    views: all.filter((m) => m.kind === "view").sort(byName),
    enums: enums.sort(byName),
    compositeTypes: types.sort(byName),
    relations: computeRelations({ models: all }),
  };
}

async function read(path: string): Promise<ReadPrismaResult> {
  const collected = await collectPrismaFiles({ path });
  const diagnostics = [...collected.diagnostics];
  if (collected.files.length === 0 || diagnostics.some((d) => d.severity === "error")) return { db: null, diagnostics };

  const files: SchemaFileTuple[] = collected.files.map((f) => [f.file, f.text]);
  const outline = collected.files.flatMap((f) => scanSchemaOutline({ file: f.file, text: f.text }));
  const datasource = outline.find((b) => b.kind === "datasource");
  const prisma6Settings = new Set(["url", "directUrl", "shadowDatabaseUrl"]);
  const checkConfigFirst = datasource?.members.some((m) => prisma6Settings.has(m.name)) ?? false;
  const validated = validate({ files, outline, checkConfigFirst });
  diagnostics.push(...compatibilityDiagnostics({ fixes: validated.fixes, files: validated.files }), ...validated.errors);
  if (!validated.datamodel) return { db: null, diagnostics };

  // Prisma has validated the datasource (one at most, a literal known provider), so its text is all there is to read.
  if (!datasource) {
    diagnostics.push(
      createDiagnostic({
        code: "VX202",
        message: "the Prisma schema has no datasource block; vx-gen needs its provider to generate database code",
        location: { file: collected.files[0]?.file ?? path },
        help: 'add `datasource db { provider = "postgresql" }` (or mysql, sqlite, sqlserver, mongodb, cockroachdb)',
      }),
    );
    return { db: null, diagnostics };
  }
  const providerMember = datasource.members.find((m) => m.name === "provider");
  const providerName = /^"([^"]*)"/.exec(providerMember?.value ?? "")?.[1] ?? "";
  const provider = PROVIDERS[providerName];
  if (!provider) {
    diagnostics.push(
      createDiagnostic({
        code: "VX206",
        message: `datasource provider "${providerName}" is not supported`,
        location: { file: datasource.file, line: providerMember?.line ?? datasource.line, column: providerMember?.column ?? datasource.column },
        help: `use one of: ${[...new Set(Object.values(PROVIDERS))].join(", ")}`,
      }),
    );
    return { db: null, diagnostics };
  }
  const db = buildDbModel({
    path,
    files: collected.files.map((f) => f.file),
    provider,
    datamodel: validated.datamodel,
    outline,
    fixes: validated.fixes,
  });
  for (const view of db.views) {
    if (view.primaryKey || view.uniques.length > 0) continue;
    diagnostics.push(
      createDiagnostic({
        code: "VX205",
        message: `view ${view.name} has no @unique or @@unique field; its rows cannot be addressed one by one`,
        location: { file: view.source.file, line: view.source.line, column: view.source.column },
        help: "mark a column that identifies a row with @unique (or a set of columns with @@unique)",
      }),
    );
  }
  return { db, diagnostics };
}

/**
 * Reads a Prisma schema (one file, or a folder of `.prisma` files read recursively) into the IR with Prisma's own
 * parser. Prisma 6 datasource settings and view keys that Prisma 7 rejects are read in compatibility mode (VX203,
 * VX204); every other Prisma error becomes a VX200 at the file, line and column Prisma reports. Never throws.
 */
export async function readPrisma({ path }: { path: string }): Promise<ReadPrismaResult> {
  try {
    return await read(path);
  } catch (error) {
    return {
      db: null,
      diagnostics: [
        createDiagnostic({
          code: "VX200",
          message: `Prisma's schema parser failed: ${wasmErrorMessage(error).split("\n")[0] ?? ""}`,
          location: { file: path },
        }),
      ],
    };
  }
}
