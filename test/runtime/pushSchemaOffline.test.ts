import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PrismaMariaDb } from "@prisma/adapter-mariadb";
import { afterAll, describe, expect, it, vi } from "vitest";
import { renderMysqlSchema } from "../../generators/shared/renderMysqlSchema.js";
import { readPrisma } from "../../src/parsers/prisma/readPrisma.js";

/** The project's createAdapter.ts on MySQL/MariaDB: what pushSchema gets (its database is created by prepareDatabase). */
vi.mock("../../runtime/stubs/src/generated/db/createAdapter.js", () => ({
  createMigrationAdapter: (url: string) => new PrismaMariaDb(url),
  prepareDatabase: async (url: string) => {
    const server = new URL(url);
    const database = server.pathname.slice(1);
    server.pathname = "/information_schema";
    const adapter = await new PrismaMariaDb(server.toString()).connect();
    await adapter.executeRaw({ sql: `CREATE DATABASE IF NOT EXISTS \`${database}\``, args: [], argTypes: [] });
    await adapter.dispose();
  },
}));
const { pushSchema, scriptStatements, postgresExtensions } = await import("../../runtime/shared/src/generated/db/pushSchema.js");

const server = process.env.VX_TEST_MYSQL_URL;
if (server === undefined) console.log("[mariadb] skipped: set VX_TEST_MYSQL_URL to push a hostile schema's tables to MariaDB");

describe("postgresExtensions", () => {
  it("names the extensions a schema's columns and indexes need, once each", () => {
    expect(postgresExtensions("model U {\n  name String @db.Citext\n  mail String @db.Citext\n  @@index([name(ops: raw(\"gin_trgm_ops\"))], type: Gin)\n}")).toEqual(["citext", "pg_trgm"]);
    expect(postgresExtensions("model U {\n  name String @db.Text // citext\n}")).toEqual([]);
  });
});

describe("scriptStatements", () => {
  it("splits at a `;` that ends a line, never inside a literal, and leaves comment lines out", () => {
    expect(scriptStatements("-- a comment; with a semicolon\nSET A = 1;\nCREATE TABLE `t;x` (\n  `c` VARCHAR(9) DEFAULT 'a;\\nb'\n);\n\n-- end\n")).toEqual([
      "SET A = 1",
      "CREATE TABLE `t;x` (\n  `c` VARCHAR(9) DEFAULT 'a;\\nb'\n)",
    ]);
  });
});

/**
 * The script on a real MariaDB server (CI). The corpus schemas (dub's 85 models among them) are pushed by
 * test/corpus/prismaCorpusPush.e2e.test.ts.
 */
describe.skipIf(server === undefined)("pushSchema on MariaDB", () => {
  const database = `vx_push_dub_${process.pid}`;
  const url = () => {
    const parsed = new URL(server ?? "");
    parsed.pathname = `/${database}`;
    return parsed.toString();
  };
  let folder = "";
  afterAll(async () => {
    if (folder !== "") await rm(folder, { recursive: true, force: true });
    if (server === undefined) return;
    const adapter = await new PrismaMariaDb(`${server}/information_schema`).connect();
    await adapter.executeRaw({ sql: `DROP DATABASE IF EXISTS \`${database}\``, args: [], argTypes: [] });
    await adapter.dispose();
  });

  it("keeps a hostile table name, column name and default text inside their quotes", async () => {
    const text = [
      'datasource db {\n  provider = "mysql"\n}',
      "enum Mood {\n  OK @map(\"it's`ok\")\n}",
      'model Note {\n  id Int @id @default(autoincrement())\n  body String @default("x\');\\nDROP TABLE t; -- `") @map("bo`dy")\n  mood Mood @default(OK)\n  @@map("no`te\';")\n}',
    ].join("\n");
    const { db, diagnostics } = await readPrisma({ path: "hostile.prisma", text });
    if (!db) throw new Error(diagnostics.map((d) => d.message).join("; "));
    folder = await mkdtemp(join(tmpdir(), "vx-mysql-push-"));
    await writeFile(join(folder, "schema.mysql.sql"), renderMysqlSchema(db));
    await pushSchema({ url: url(), schemaFile: join(folder, "schema.prisma") });
    const adapter = await new PrismaMariaDb(url()).connect();
    try {
      await adapter.executeRaw({ sql: "INSERT INTO `no``te';` () VALUES ()", args: [], argTypes: [] });
      const rows = await adapter.queryRaw({ sql: "SELECT `bo``dy`, `mood` FROM `no``te';`", args: [], argTypes: [] });
      // Prisma reads `\n` in the schema's string as a line break: the script keeps it inside the literal.
      expect(rows.rows).toEqual([["x');\nDROP TABLE t; -- `", "it's`ok"]]);
    } finally {
      await adapter.executeRaw({ sql: "DROP TABLE `no``te';`", args: [], argTypes: [] });
      await adapter.dispose();
    }
  });

});
