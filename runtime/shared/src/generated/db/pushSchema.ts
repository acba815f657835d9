import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import * as runtime from "@prisma/schema-engine-wasm/schema_engine_bg";
import { createMigrationAdapter, prepareDatabase } from "./createAdapter.js";

/**
 * Creates (or updates) the tables of a Prisma schema in a database without Prisma's native schema engine, which
 * `prisma db push` downloads at run time: this uses the WebAssembly schema engine that ships in the npm package
 * `@prisma/schema-engine-wasm`, through the project's driver adapter. Works offline.
 *
 * These are Prisma internals (the same ones `@prisma/migrate`'s `SchemaEngineWasm` uses): the package versions are
 * pinned exactly, and this module is the only place that touches them.
 */

type WasmImports = Record<string, unknown>;

let engineClass: Promise<typeof runtime.SchemaEngine> | undefined;

async function loadEngine(): Promise<typeof runtime.SchemaEngine> {
  const require = createRequire(import.meta.url);
  const bindings = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = await readFile(bindings.replace(/schema_engine_bg\.js$/, "schema_engine_bg.wasm"));
  const imports: WasmImports = { ...runtime };
  // The engine arms timers (e.g. a 60 s connection timeout) that would keep a finished process alive.
  for (const name of Object.keys(imports)) {
    const original = imports[name];
    if (name.startsWith("__wbg_setTimeout_") && typeof original === "function") {
      imports[name] = (...args: unknown[]): unknown => {
        const timer: unknown = original(...args);
        if (typeof timer === "object" && timer !== null && "unref" in timer && typeof timer.unref === "function")
          timer.unref();
        return timer;
      };
    }
  }
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
    "./schema_engine_bg.js": imports as WebAssembly.ModuleImports,
  });
  runtime.__wbg_set_wasm(instance.exports);
  const start = instance.exports.__wbindgen_start;
  if (typeof start === "function") start();
  return runtime.SchemaEngine;
}

/**
 * The driver adapters' providers Prisma's WebAssembly schema engine can push to: PostgreSQL (CockroachDB goes through
 * the PostgreSQL adapter) and SQLite. Prisma 7.10's engine stops on MySQL and SQL Server ("Unsupported adapter
 * provider"): MySQL/MariaDB projects push the script vx-gen writes beside the schema (`pushMysqlScript`), SQL Server
 * projects with `prisma db push`.
 */
const enginePushProviders: ReadonlySet<string> = new Set(["postgres", "sqlite"]);

/** The project's migration adapter, as either kind of factory (MySQL's and SQL Server's open no shadow database). */
function migrationFactory(url: string): SqlDriverAdapterFactory | SqlMigrationAwareDriverAdapterFactory {
  return createMigrationAdapter(url);
}

export interface PushSchemaResult {
  executedSteps: number;
  warnings: string[];
  unexecutable: string[];
}

/** The statements of a script: split at each `;` that ends a line, `--` comment lines left out. */
export function scriptStatements(script: string): string[] {
  return script
    .split(/;[ \t]*\r?\n/)
    .map((part) =>
      part
        .split(/\r?\n/)
        .filter((line) => !line.trimStart().startsWith("--"))
        .join("\n")
        .trim()
        .replace(/;$/, ""),
    )
    .filter((statement) => statement !== "");
}

/**
 * MySQL/MariaDB: runs `schema.mysql.sql`, which vx-gen writes beside the schema (its tables as `prisma db push` lays
 * them out, each `CREATE TABLE IF NOT EXISTS`), on one connection: it creates the tables that are missing and alters
 * none. A changed model needs `npx prisma db push` (Prisma's native engine) or a migration.
 */
async function pushMysqlScript({
  url,
  factory,
  schemaFile,
}: {
  url: string;
  factory: SqlDriverAdapterFactory;
  schemaFile: string;
}): Promise<PushSchemaResult> {
  const scriptFile = schemaFile.replace(/\.prisma$/, ".mysql.sql");
  const script = await readFile(scriptFile, "utf8").catch((error: unknown) => {
    throw new Error(
      `cannot read ${scriptFile}, the tables of a MySQL/MariaDB project (vx-gen writes it beside the schema): regenerate, or run \`npx prisma db push\``,
      { cause: error },
    );
  });
  const statements = scriptStatements(script);
  await prepareDatabase(url);
  const adapter = await factory.connect();
  try {
    // One connection for the whole script: `SET FOREIGN_KEY_CHECKS = 0` holds for the connection that ran it.
    const transaction = await adapter.startTransaction();
    try {
      for (const sql of statements) await transaction.executeRaw({ sql, args: [], argTypes: [] });
    } finally {
      await transaction.commit();
    }
  } finally {
    await adapter.dispose();
  }
  return { executedSteps: statements.length, warnings: [], unexecutable: [] };
}

/**
 * The PostgreSQL extensions a schema's columns and indexes need: `@db.Citext` (citext), the trigram operator classes
 * `gin_trgm_ops`/`gist_trgm_ops` (pg_trgm). Projects create them in migrations; a fresh database has neither.
 */
export function postgresExtensions(schema: string): string[] {
  const needed = new Set<string>();
  if (/@db\.Citext\b/.test(schema)) needed.add("citext");
  if (/\b(gin|gist)_trgm_ops\b/.test(schema)) needed.add("pg_trgm");
  return [...needed].sort();
}

/**
 * Creates each extension in `public` (once per database: a schema per test file shares them, and dropping one schema
 * leaves them). Both are trusted extensions (PostgreSQL 13+): the database's owner may create them.
 */
async function createExtensions({
  factory,
  extensions,
}: {
  factory: SqlDriverAdapterFactory | SqlMigrationAwareDriverAdapterFactory;
  extensions: string[];
}): Promise<void> {
  if (extensions.length === 0) return;
  const adapter = await factory.connect();
  try {
    for (const name of extensions)
      await adapter.executeRaw({
        sql: `CREATE EXTENSION IF NOT EXISTS "${name}" WITH SCHEMA public`,
        args: [],
        argTypes: [],
      });
  } finally {
    await adapter.dispose();
  }
}

/** Applies `schemaFile` (a Prisma schema) to the database at `url`, like `prisma db push --accept-data-loss`. */
export async function pushSchema({ url, schemaFile }: { url: string; schemaFile: string }): Promise<PushSchemaResult> {
  const factory = migrationFactory(url);
  if (factory.provider === "mysql") return pushMysqlScript({ url, factory, schemaFile });
  if (!enginePushProviders.has(factory.provider)) {
    throw new Error(
      `the offline schema push (Prisma's WebAssembly schema engine) supports PostgreSQL, CockroachDB and SQLite, not ${factory.provider}: run \`npx prisma db push\` (Prisma's native schema engine, downloaded on first use)`,
    );
  }
  engineClass ??= loadEngine();
  const SchemaEngine = await engineClass;
  const content = await readFile(schemaFile, "utf8");
  await prepareDatabase(url);
  // A factory of its own: an adapter that owns its pool ends it when disposed, and the engine's needs to stay open.
  if (factory.provider === "postgres")
    await createExtensions({ factory: migrationFactory(url), extensions: postgresExtensions(content) });
  const opened: { dispose(): Promise<void> }[] = [];
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      opened.push(adapter);
      return adapter;
    },
    connectToShadowDb: async () => {
      if (!("connectToShadowDb" in factory))
        throw new Error(`the ${factory.adapterName} adapter opens no shadow database`);
      const adapter = await factory.connectToShadowDb();
      opened.push(adapter);
      return adapter;
    },
  };
  const engine = await SchemaEngine.new(
    { datamodels: [["schema.prisma", content]] },
    () => undefined,
    bindMigrationAwareSqlAdapterFactory(tracked),
  );
  try {
    const result = await engine.schemaPush({
      force: true,
      schema: { files: [{ path: "schema.prisma", content }] },
      filters: { externalTables: [], externalEnums: [] },
    });
    return { executedSteps: result.executedSteps, warnings: result.warnings, unexecutable: result.unexecutable };
  } finally {
    engine.free();
    for (const adapter of opened) await adapter.dispose();
  }
}
