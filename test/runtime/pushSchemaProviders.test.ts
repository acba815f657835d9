import { PrismaMariaDb } from "@prisma/adapter-mariadb";
import { PrismaMssql } from "@prisma/adapter-mssql";
import { describe, expect, it, vi } from "vitest";

/** What the generated createAdapter.ts of the project gives pushSchema: here a MySQL or SQL Server adapter (never connected). */
const adapters = vi.hoisted(() => ({ current: undefined as unknown, prepared: [] as string[] }));
vi.mock("../../runtime/stubs/src/generated/db/createAdapter.js", () => ({
  createMigrationAdapter: () => adapters.current,
  prepareDatabase: (url: string) => {
    adapters.prepared.push(url);
    return Promise.resolve();
  },
}));
const { pushSchema } = await import("../../runtime/shared/src/generated/db/pushSchema.js");

/**
 * Prisma's WebAssembly schema engine (7.10, and 8.1 too) has PostgreSQL and SQLite only: given a MySQL or SQL Server
 * adapter it panics ("Unsupported adapter provider: Mysql"). pushSchema never gives it one: SQL Server is refused,
 * naming `prisma db push`, and MySQL runs the script vx-gen writes (test/runtime/pushSchemaOffline.test.ts), before
 * either touches the database or the engine.
 */
describe("pushSchema refuses the providers the WebAssembly schema engine lacks", () => {
  it("mysql without the script vx-gen writes beside the schema (schema.mysql.sql)", async () => {
    adapters.current = new PrismaMariaDb("mysql://root:root@127.0.0.1:1/app");
    await expect(pushSchema({ url: "unused", schemaFile: "/nonexistent/schema.prisma" })).rejects.toThrow(
      "cannot read /nonexistent/schema.mysql.sql, the tables of a MySQL/MariaDB project (vx-gen writes it beside the schema): regenerate, or run `npx prisma db push`",
    );
    expect(adapters.prepared).toEqual([]);
  });

  it.each([["sqlserver", () => new PrismaMssql("sqlserver://127.0.0.1:1;database=app;user=sa;password=x")]])("%s", async (provider, adapter) => {
    adapters.current = adapter();
    await expect(pushSchema({ url: "unused", schemaFile: "/nonexistent/schema.prisma" })).rejects.toThrow(
      `the offline schema push (Prisma's WebAssembly schema engine) supports PostgreSQL, CockroachDB and SQLite, not ${provider}: run \`npx prisma db push\``,
    );
    expect(adapters.prepared).toEqual([]);
  });
});
