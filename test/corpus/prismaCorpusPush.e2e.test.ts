import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import { mysqlScript } from "../../generators/shared/mysqlScript.js";
import { prismaSchemaForProject } from "../../generators/shared/prismaSchemaForProject.js";
import { renderTemplate } from "../../generators/shared/renderTemplate.js";
import { readPrisma } from "../../src/parsers/prisma/readPrisma.js";
import { sharedInputPresent } from "../helpers/sharedInput.js";

/**
 * Every Prisma schema of the corpus pushed to a real database of its provider, as a generated project's
 * `npm run db:push` does: the project's schema (`prismaSchemaForProject`: Prisma 6 settings read past), through the
 * project's own createAdapter.ts (rendered from the template, one per driver adapter) and pushSchema.ts. SQLite in a
 * temporary file; PostgreSQL (VX_TEST_PG_URL) in a schema of its own; MySQL (VX_TEST_MYSQL_URL) in a database of its
 * own, from the script vx-gen writes. A schema whose server is not configured is skipped with a reason (CI sets both).
 * Then each table of each model is there, and a second push changes nothing.
 */
const corpus = fileURLToPath(new URL("../../../shared/corpus/prisma", import.meta.url));
const present = sharedInputPresent({ path: corpus, what: "Prisma corpus push to real databases" });
const out = join(process.cwd(), "test", ".out", "corpus-push");
await mkdir(out, { recursive: true });
const adapterModules = new Map<string, string>();
for (const adapter of ["betterSqlite3", "pg", "mariadb"]) {
  const file = join(out, `createAdapter.${adapter}.ts`);
  await writeFile(file, renderTemplate({ plugin: "shared", file: "db/createAdapter.ts.ejs", data: { adapter } }));
  adapterModules.set(adapter, file);
}
type AdapterModule = { createMigrationAdapter: (url: string) => unknown; prepareDatabase: (url: string) => Promise<void> };
const adapterFor = async (url: string): Promise<AdapterModule> => {
  const kind = url.startsWith("file:") ? "betterSqlite3" : url.startsWith("postgres") ? "pg" : "mariadb";
  return (await import(adapterModules.get(kind) ?? "")) as AdapterModule;
};
const loaded = new Map<string, AdapterModule>();
for (const url of ["file:x", "postgresql://x", "mysql://x"]) loaded.set(url.slice(0, 4), await adapterFor(url));
const pick = (url: string) => loaded.get(url.slice(0, 4)) ?? (loaded.get("file") as AdapterModule);
vi.doMock("../../runtime/stubs/src/generated/db/createAdapter.js", () => ({
  createMigrationAdapter: (url: string) => pick(url).createMigrationAdapter(url),
  prepareDatabase: (url: string) => pick(url).prepareDatabase(url),
}));
const { pushSchema } = await import("../../runtime/shared/src/generated/db/pushSchema.js");

const servers = { postgresql: process.env.VX_TEST_PG_URL, mysql: process.env.VX_TEST_MYSQL_URL };
const schemas = present ? ["civitai", "documenso", "dub", "formbricks", "hoppscotch", "langfuse-views", "prisma-examples-nextjs-auth", "rallly", "umami"] : [];
const cleanups: (() => Promise<void>)[] = [];
const timings: string[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  if (timings.length > 0) console.log(`Prisma corpus pushed (schema: provider, tables, first push ms, second push ms):\n${timings.join("\n")}`);
});

/** Where a schema of `provider` is pushed, and how its tables are listed afterwards; undefined when no server is set. */
async function databaseFor({ name, provider }: { name: string; provider: string }): Promise<{ url: string; tables: () => Promise<string[]> } | undefined> {
  const id = `vx_corpus_${name.replace(/\W/g, "_")}_${process.pid}`;
  if (provider === "sqlite") {
    const folder = await mkdtemp(join(tmpdir(), "vx-corpus-push-"));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const url = `file:${join(folder, "push.db")}`;
    const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
    return { url, tables: () => listTables({ factory: new PrismaBetterSqlite3({ url }), sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'" }) };
  }
  const server = provider === "postgresql" ? servers.postgresql : provider === "mysql" ? servers.mysql : undefined;
  if (server === undefined) return undefined;
  const url = new URL(server);
  if (provider === "postgresql") {
    url.searchParams.set("schema", id);
    const { PrismaPg } = await import("@prisma/adapter-pg");
    cleanups.push(() => execute({ factory: new PrismaPg({ connectionString: server }), sql: `DROP SCHEMA IF EXISTS "${id}" CASCADE` }));
    return { url: url.toString(), tables: () => listTables({ factory: new PrismaPg({ connectionString: server }), sql: `SELECT table_name FROM information_schema.tables WHERE table_schema = '${id}' AND table_type = 'BASE TABLE'` }) };
  }
  url.pathname = `/${id}`;
  const { PrismaMariaDb } = await import("@prisma/adapter-mariadb");
  cleanups.push(() => execute({ factory: new PrismaMariaDb(`${server}/information_schema`), sql: `DROP DATABASE IF EXISTS \`${id}\`` }));
  return { url: url.toString(), tables: () => listTables({ factory: new PrismaMariaDb(url.toString()), sql: "SHOW TABLES" }) };
}

type Factory = { connect(): Promise<{ queryRaw(q: { sql: string; args: unknown[]; argTypes: never[] }): Promise<{ rows: unknown[][] }>; executeRaw(q: { sql: string; args: unknown[]; argTypes: never[] }): Promise<number>; dispose(): Promise<void> }> };

async function listTables({ factory, sql }: { factory: Factory; sql: string }): Promise<string[]> {
  const adapter = await factory.connect();
  try {
    return (await adapter.queryRaw({ sql, args: [], argTypes: [] })).rows.map((row) => String(row[0])).sort();
  } finally {
    await adapter.dispose();
  }
}

async function execute({ factory, sql }: { factory: Factory; sql: string }): Promise<void> {
  const adapter = await factory.connect();
  try {
    await adapter.executeRaw({ sql, args: [], argTypes: [] });
  } finally {
    await adapter.dispose();
  }
}

describe.skipIf(!present)("Prisma corpus: each schema's tables pushed to a real database of its provider", () => {
  it.each(schemas)("%s", async (name) => {
    const { db } = await readPrisma({ path: join(corpus, name) });
    if (!db) throw new Error(`${name}: the schema did not read`);
    const database = await databaseFor({ name, provider: db.provider });
    if (!database) {
      if (process.env.CI === "true") throw new Error(`CI=true but no ${db.provider} server is set (VX_TEST_PG_URL / VX_TEST_MYSQL_URL)`);
      console.log(`[corpus push] ${name}: skipped, no ${db.provider} server (set VX_TEST_PG_URL / VX_TEST_MYSQL_URL)`);
      return;
    }
    const folder = await mkdtemp(join(tmpdir(), "vx-corpus-schema-"));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const schema = await prismaSchemaForProject({ db, provider: db.provider, clientOutput: "../client" });
    const schemaFile = join(folder, "schema.prisma");
    await writeFile(schemaFile, schema);
    if (db.provider === "mysql") await writeFile(join(folder, "schema.mysql.sql"), await mysqlScript(schema));
    const started = performance.now();
    const first = await pushSchema({ url: database.url, schemaFile });
    const firstMs = Math.round(performance.now() - started);
    expect(first.unexecutable).toEqual([]);
    const second = await pushSchema({ url: database.url, schemaFile });
    const secondMs = Math.round(performance.now() - started) - firstMs;
    expect(second.unexecutable).toEqual([]);
    // The engine has nothing left to do; the MySQL script runs again and creates nothing.
    if (db.provider !== "mysql") expect(second.executedSteps).toBe(0);
    const tables = await database.tables();
    expect(tables).toEqual(expect.arrayContaining(db.models.map((m) => m.dbName)));
    timings.push(`${name}: ${db.provider}, ${tables.length} tables, ${firstMs} ms, ${secondMs} ms`);
  }, 300_000);
});
