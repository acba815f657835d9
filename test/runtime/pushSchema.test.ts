import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { pushSchema } from "../../runtime/shared/src/generated/db/pushSchema.js";

/**
 * The one module of generated projects that touches Prisma internals (the WebAssembly schema engine): an upgrade
 * that breaks it must fail here. Run against SQLite, through the SQLite adapter module vx-gen generates (the
 * bookstore fixture's, which runtime/stubs/db/createAdapter.ts stands for).
 */
describe("pushSchema (WebAssembly schema engine, offline)", () => {
  const dir = join(process.cwd(), "test", ".out", "push-schema");

  beforeAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
  });

  it("creates tables, unique indexes and foreign keys, then changes them", async () => {
    const schemaFile = join(dir, "schema.prisma");
    const dbFile = join(dir, "push.db");
    await writeFile(
      schemaFile,
      `datasource db {\n  provider = "sqlite"\n}\nmodel Author {\n  id Int @id @default(autoincrement())\n  email String @unique\n  books Book[]\n}\nmodel Book {\n  id Int @id @default(autoincrement())\n  title String\n  authorId Int\n  author Author @relation(fields: [authorId], references: [id])\n}\n`,
    );
    const started = performance.now();
    const first = await pushSchema({ url: `file:${dbFile}`, schemaFile });
    const ms = Math.round(performance.now() - started);
    expect(first.unexecutable).toEqual([]);
    expect(first.executedSteps).toBeGreaterThan(0);
    const db = new Database(dbFile);
    const sql = (db.prepare("select group_concat(sql, ';') as sql from sqlite_master").get() as { sql: string }).sql;
    db.close();
    expect(sql).toMatch(/CREATE TABLE (IF NOT EXISTS )?"Author"/);
    expect(sql).toMatch(/CREATE UNIQUE INDEX "Author_email_key"/);
    expect(sql).toMatch(/FOREIGN KEY \("authorId"\) REFERENCES "Author"/);

    await writeFile(schemaFile, (await readFile(schemaFile, "utf8")).replace("  title String\n", "  title String\n  pages Int @default(0)\n"));
    const second = await pushSchema({ url: `file:${dbFile}`, schemaFile });
    expect(second.executedSteps).toBeGreaterThan(0);
    const again = new Database(dbFile);
    const columns = (again.prepare(`select name from pragma_table_info('Book')`).all() as { name: string }[]).map((c) => c.name);
    again.close();
    expect(columns).toContain("pages");
    console.log(`[pushSchema] first push ${ms} ms`);
  });
});
