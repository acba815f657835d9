import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { generateFixture } from "./helpers/generateFixture.js";

/**
 * The generated `databasePoolStats` of a PostgreSQL project (src/generated/db/createAdapter.ts, what `/metrics`
 * reads for `db_pool_connections`...), on the real pg pool of the adapter `createAdapter` makes, against the
 * PostgreSQL of VX_TEST_PG_URL (required when CI=true, skipped otherwise).
 */
const server = process.env.VX_TEST_PG_URL;

interface GeneratedAdapterModule {
  createAdapter: (url: string) => { connect: () => Promise<{ queryRaw: (query: { sql: string; args: unknown[]; argTypes: unknown[] }) => Promise<unknown>; dispose: () => Promise<void> }> };
  databasePoolStats: () => { total: number; idle: number; waiting: number } | undefined;
}

/** The bookstore generated for PostgreSQL: its createAdapter.ts compiled to a module under test/.out, imported. */
async function generatedAdapter(): Promise<GeneratedAdapterModule> {
  const dir = join(process.cwd(), "test", ".out", "pool-stats");
  await mkdir(dir, { recursive: true });
  const prisma = join(dir, "schema.prisma");
  await writeFile(prisma, (await readFile("fixtures/bookstore/schema.prisma", "utf8")).replace('provider = "sqlite"', 'provider = "postgresql"'));
  const output = await generateFixture({ openapi: "fixtures/bookstore/openapi.yaml", prisma });
  const source = output.files.find((file) => file.path === "src/generated/db/createAdapter.ts")?.content ?? "";
  const compiled = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const file = join(dir, `createAdapter.${process.pid}.mjs`);
  await writeFile(file, compiled.outputText);
  return (await import(file)) as GeneratedAdapterModule;
}

if (server === undefined && process.env.CI !== "true") {
  console.log("[pool stats] skipped: set VX_TEST_PG_URL to read the pg pool of a generated PostgreSQL project");
  describe.skip("databasePoolStats on PostgreSQL", () => it("needs VX_TEST_PG_URL", () => undefined));
} else {
  describe("databasePoolStats on PostgreSQL", () => {
    it("counts the adapter's pool connections, in use and idle, and forgets the pool once it ended", async () => {
      if (server === undefined) throw new Error("CI=true but VX_TEST_PG_URL is not set");
      const { createAdapter, databasePoolStats } = await generatedAdapter();
      expect(databasePoolStats()).toBeUndefined();
      const adapter = await createAdapter(server).connect();
      expect(databasePoolStats()).toEqual({ total: 0, idle: 0, waiting: 0 });
      const sleep = { sql: "SELECT 1 AS n FROM pg_sleep(0.3)", args: [], argTypes: [] };
      const running = Promise.all([adapter.queryRaw(sleep), adapter.queryRaw(sleep), adapter.queryRaw(sleep)]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const busy = databasePoolStats();
      expect(busy?.total).toBe(3);
      expect(busy?.idle).toBe(0);
      await running;
      expect(databasePoolStats()).toEqual({ total: 3, idle: 3, waiting: 0 });
      await adapter.dispose();
      expect(databasePoolStats()).toBeUndefined();
    }, 60_000);
  });
}
