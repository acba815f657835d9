import type { DbModel, DbProvider, Diagnostic } from "../../ir/types.js";
import { createDiagnostic } from "../../diagnostics/createDiagnostic.js";
import { buildDbModel } from "./buildDbModel.js";
import { collectPrismaFiles } from "./collectPrismaFiles.js";
import { compatibilityDiagnostics } from "./compatibilityDiagnostics.js";
import { emulatedDeleteFailures } from "./emulatedDeleteFailures.js";
import { triggerFilledColumns } from "./triggerFilledColumns.js";
import { wasmErrorMessage, type SchemaFileTuple } from "./prismaSchemaWasm.js";
import { scanSchemaOutline } from "./scanSchemaOutline.js";
import { validateWithPrisma } from "./validateWithPrisma.js";

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

async function read({ path, text }: { path: string; text: string | undefined }): Promise<ReadPrismaResult> {
  const collected = text === undefined ? await collectPrismaFiles({ path }) : { files: [{ file: path, text }], diagnostics: [] };
  const diagnostics = [...collected.diagnostics];
  if (collected.files.length === 0 || diagnostics.some((d) => d.severity === "error")) return { db: null, diagnostics };

  const files: SchemaFileTuple[] = collected.files.map((f) => [f.file, f.text]);
  const outline = collected.files.flatMap((f) => scanSchemaOutline({ file: f.file, text: f.text }));
  const datasource = outline.find((b) => b.kind === "datasource");
  const prisma6Settings = new Set(["url", "directUrl", "shadowDatabaseUrl"]);
  const checkConfigFirst =
    (datasource?.members.some((m) => prisma6Settings.has(m.name)) ?? false) ||
    outline.some((b) => b.kind === "generator" && b.members.some((m) => m.name === "previewFeatures"));
  const validated = validateWithPrisma({ files, outline, checkConfigFirst });
  diagnostics.push(
    ...compatibilityDiagnostics({ fixes: validated.fixes, files: validated.files }),
    ...validated.errors,
  );
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
        location: {
          file: datasource.file,
          line: providerMember?.line ?? datasource.line,
          column: providerMember?.column ?? datasource.column,
        },
        help: `use one of: ${[...new Set(Object.values(PROVIDERS))].join(", ")}`,
      }),
    );
    return { db: null, diagnostics };
  }
  const built = buildDbModel({
    path,
    files: collected.files.map((f) => f.file),
    provider,
    datamodel: validated.datamodel,
    outline,
    fixes: validated.fixes,
  });
  const relationMode = /^"([^"]*)"/.exec(datasource.members.find((m) => m.name === "relationMode")?.value ?? "")?.[1];
  const db: DbModel = relationMode === "prisma" ? { ...built, relationMode } : built;
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
  diagnostics.push(...externalDefaultDiagnostics(db), ...emulatedDeleteDiagnostics(db));
  return { db, diagnostics };
}

/**
 * VX207 per required column defaulting to `dbgenerated()` with no expression: its value comes from the database's own
 * migrations (a trigger), which a database pushed from the schema does not have.
 */
function externalDefaultDiagnostics(db: DbModel): Diagnostic[] {
  return triggerFilledColumns(db).map(({ model, field }) =>
    createDiagnostic({
      code: "VX207",
      message: `${model}.${field.name} defaults to dbgenerated() with no expression: the database fills it (a trigger of its own migrations); a database pushed from this schema (npm run db:push, the generated tests) leaves it without a default, so a create there fails unless it sends ${field.name}`,
      location: { file: field.source.file, line: field.source.line, column: field.source.column },
      help: "keep the trigger in a migration the project applies, or give the column an expression (`@default(dbgenerated(\"now()\"))`); the generated test factories set it, and the API's create tests are todo",
    }),
  );
}

/** VX208 per model whose delete Prisma's emulated referential actions cannot run (`relationMode = "prisma"`). */
function emulatedDeleteDiagnostics(db: DbModel): Diagnostic[] {
  return emulatedDeleteFailures(db).map((failure) => {
    const relation = db.models.find((m) => m.name === failure.referrer)?.fields.find((f) => f.name === failure.relation);
    const through = failure.cascadesTo === failure.model ? "" : ` (it cascades to ${failure.cascadesTo})`;
    return createDiagnostic({
      code: "VX208",
      message: `deleting a ${failure.model}${through} fails with relationMode = "prisma": Prisma Client's emulated referential actions read ${failure.cascadesTo} rows without ${failure.missing.join(", ")}, which ${failure.referrer}.${failure.relation} refers to by a composite key, and stop ("The column \`${failure.cascadesTo}.${failure.missing[0] ?? ""}\` does not exist"); its DELETE answers 500 and its generated delete tests are todo`,
      location: relation ? { file: relation.source.file, line: relation.source.line, column: relation.source.column } : { file: db.file },
      help: `a Prisma bug (7.10): use relationMode = "foreignKeys" (the database runs the actions), or write the delete handler with raw SQL ($executeRaw) removing the rows its cascades reach`,
    });
  });
}

/**
 * Reads a Prisma schema (one file, or a folder of `.prisma` files read recursively) into the IR with Prisma's own
 * parser. Prisma 6 datasource settings and view keys that Prisma 7 rejects are read in compatibility mode (VX203,
 * VX204); every other Prisma error becomes a VX200 at the file, line and column Prisma reports. Never throws.
 */
export async function readPrisma({ path, text }: { path: string; /** The schema's text, read as though it were the file `path` (nothing is read from disk). */ text?: string }): Promise<ReadPrismaResult> {
  try {
    return await read({ path, text });
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
