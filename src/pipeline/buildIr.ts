import type { ApiModel, DbModel, Diagnostic, DiagnosticLocation, IrDocument } from "../ir/types.js";
import { bindAndName } from "./bindAndName.js";
import type { NameTable } from "../naming/NameTable.js";
import { createDiagnostic, sortDiagnostics } from "../diagnostics/createDiagnostic.js";
import { strictDiagnostics } from "../diagnostics/strictDiagnostics.js";
import type { SourceDocument } from "../parsers/openapi/SourceDocument.js";
import type { AccountsOptions } from "../targets/TargetPlugin.js";
import { auditTableCollisions } from "../audit/auditTableCollisions.js";
import { apiKeyTableCollisions } from "../apiKeys/apiKeyTableCollisions.js";
import { usesApiKeyTable } from "../apiKeys/usesApiKeyTable.js";
import { addAccounts } from "../accounts/addAccounts.js";
import { readDerivedOpenApi } from "../derive/readDerivedOpenApi.js";
import type { DeriveOptions } from "../derive/DeriveOptions.js";
import { readDerivedPrisma, type DerivedPrisma } from "../derive/readDerivedPrisma.js";
import type { DerivedProvider } from "../derive/PrismaSchemaPlan.js";

export interface BuildIrInput {
  /** OpenAPI root file. */
  openapi?: string;
  /** Prisma schema file or folder of `.prisma` files. */
  prisma?: string;
  /** Follow http(s) `$ref`s (refused by default). */
  allowRemoteRefs?: boolean;
  /** `--strict`: departures from the OpenAPI schema that vx-gen reads past (VX121) are errors, not warnings. */
  strict?: boolean;
  /**
   * Give info diagnostics line and column (default true). Commands that hide info diagnostics pass false: locating
   * thousands of them (GitHub's spec has 2,000 VX400) costs a scan of the spec text; they keep file and pointer.
   */
  locateInfo?: boolean;
  /** `options.auth.accounts`: accounts for the user model (also turned on by `x-vx-auth: user`), or `false`. */
  accounts?: false | AccountsOptions;
  /** `options.auth.apiKeyTable`: `false` keeps API keys in API_KEYS only (no VxApiKey table, CLI or admin routes). */
  apiKeyTable?: boolean;
  /**
   * With a Prisma schema and no `openapi`: derive the API from the schema (`src/derive`) and read it as though it were
   * the file `file` (where `generate` writes it). Not done for a provider the targets have no database layer for.
   */
  deriveOpenApi?: { file: string; options?: DeriveOptions };
  /**
   * With an OpenAPI document and no `prisma`: derive the Prisma schema from the API (`src/derive/derivePrisma`) for
   * `provider` and read it as though it were the file `file` (where `generate` writes it).
   */
  deriveDb?: { file: string; provider: DerivedProvider };
}

export type Locate = (source: { file: string; pointer: string }) => DiagnosticLocation;

export interface BuildIrResult {
  ir: IrDocument;
  names: NameTable;
  /** Line and column of a JSON pointer in any OpenAPI file that was read. */
  locate: Locate;
  /** The OpenAPI files as read (root first): what the render copies the document from, what `check` fingerprints. */
  sources: SourceDocument[];
  /** The document derived from the Prisma schema (`deriveOpenApi`), when it was. */
  derived?: { file: string; text: string; models: number; operations: number };
  /** The Prisma schema derived from the API (`deriveDb`), when it was. */
  derivedDb?: DerivedPrisma;
}

/** Fills line and column of diagnostics that carry only a JSON pointer (binder, drift and name diagnostics). */
function withLines({ diagnostics, locate, locateInfo }: { diagnostics: Diagnostic[]; locate: Locate; locateInfo: boolean }): Diagnostic[] {
  const place = (location: DiagnosticLocation): DiagnosticLocation =>
    location.pointer !== undefined && location.line === undefined ? { ...location, ...locate({ file: location.file, pointer: location.pointer }) } : location;
  return diagnostics.map((d) => (!locateInfo && d.severity === "info" ? d : {
    ...d,
    ...(d.location ? { location: place(d.location) } : {}),
    ...(d.related ? { related: d.related.map((r) => ({ ...r, location: place(r.location) })) } : {}),
  }));
}

/**
 * The front half of the pipeline: reads the OpenAPI document and the Prisma schema (in parallel), binds operations
 * to models, reports API/database drift and name problems. Never throws for bad input: everything is a diagnostic.
 */
export async function buildIr(input: BuildIrInput): Promise<BuildIrResult> {
  const [read, prisma] = await Promise.all([
    // Loaded on demand: Prisma's WASM parser costs start-up time a spec-only run should not pay.
    input.openapi !== undefined
      ? import("../parsers/openapi/readOpenApi.js").then(({ readOpenApi }) => readOpenApi({ file: input.openapi ?? "", allowRemoteRefs: input.allowRemoteRefs ?? false, locateInfo: input.locateInfo ?? true }))
      : undefined,
    input.prisma !== undefined ? import("../parsers/prisma/readPrisma.js").then(({ readPrisma }) => readPrisma({ path: input.prisma ?? "" })) : undefined,
  ]);
  const derivation = input.openapi === undefined && input.deriveOpenApi && prisma?.db && prisma.db.provider !== "mongodb" ? await readDerivedOpenApi({ db: prisma.db, file: input.deriveOpenApi.file, allowRemoteRefs: false, locateInfo: input.locateInfo ?? true, ...(input.deriveOpenApi.options ? { options: input.deriveOpenApi.options } : {}) }) : undefined;
  const openapi = read ?? derivation?.read;
  const dbDerivation = input.prisma === undefined && input.deriveDb && read?.api && !read.diagnostics.some((d) => d.severity === "error") ? await readDerivedPrisma({ api: read.api, sources: read.sources, provider: input.deriveDb.provider, file: input.deriveDb.file, from: input.openapi ?? "" }) : undefined;
  const prismaRead = prisma ?? dbDerivation?.read;
  const diagnostics: Diagnostic[] = [...(derivation?.diagnostics ?? []), ...(openapi?.diagnostics ?? []), ...(dbDerivation?.diagnostics ?? []), ...(prismaRead?.diagnostics ?? [])];
  const db: DbModel | null = prismaRead?.db ?? null;
  let api: ApiModel | null = openapi?.api ?? null;
  if (input.openapi === undefined && input.prisma === undefined) {
    diagnostics.push(createDiagnostic({ code: "VX001", message: "no input: give --openapi and/or --prisma" }));
  }
  let accounts: IrDocument["accounts"];
  // Accounts keep users and sessions in the database: not on MongoDB, which the targets generate no database layer for.
  // The audit log's table is added to every project with a database layer.
  if (db && db.provider !== "mongodb") diagnostics.push(...auditTableCollisions({ db }));
  const apiKeyTable = api !== null && usesApiKeyTable({ api, db, enabled: input.apiKeyTable });
  if (apiKeyTable && db) diagnostics.push(...apiKeyTableCollisions({ db }));
  if (api && db && db.provider !== "mongodb") {
    const added = addAccounts({ api, db, options: input.accounts, apiKeyTable });
    api = added.api;
    accounts = added.accounts;
    diagnostics.push(...added.diagnostics);
  }
  const passes = bindAndName({ api, db, apiKeySubjects: apiKeyTable, ...(accounts ? { accounts } : {}) });
  api = passes.api;
  diagnostics.push(...passes.diagnostics);
  const locate: Locate = openapi?.locate ?? ((source) => ({ file: source.file, pointer: source.pointer }));
  const located = withLines({ diagnostics, locate, locateInfo: input.locateInfo ?? true });
  return {
    ir: { kind: "ir", irVersion: 1, api, db, ...(accounts ? { accounts } : {}), ...(apiKeyTable ? { apiKeyTable } : {}), diagnostics: sortDiagnostics(strictDiagnostics({ diagnostics: located, strict: input.strict === true })) },
    names: passes.names,
    locate,
    sources: openapi?.sources ?? [],
    ...(derivation ? { derived: derivation.derived } : {}),
    ...(dbDerivation ? { derivedDb: dbDerivation.derived } : {}),
  };
}
