import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PrismaMariaDb } from "@prisma/adapter-mariadb";
import { afterAll, describe, expect, it } from "vitest";
import { fixtureEndToEnd } from "./helpers/fixtureEndToEnd.js";
import { blogRuntimeProbe } from "./probes/blogProbe.js";

/**
 * The bookstore on MySQL/MariaDB (driver adapter `@prisma/adapter-mariadb`), on Fastify: the generated tests (each
 * file in a database of its own), the black-box run and the conformance suite against the started server. Prisma's
 * WebAssembly schema engine has no MySQL, so the tables come from `prisma/schema.mysql.sql`, which vx-gen writes and
 * `npm run db:push` runs (pushSchema.ts). Reads VX_TEST_MYSQL_URL (e.g. mysql://root:root@127.0.0.1:3306); required
 * when CI=true, skipped otherwise. Every corpus schema (dub on MariaDB) is pushed by test/corpus/prismaCorpusPush.e2e.test.ts.
 */
const server = process.env.VX_TEST_MYSQL_URL;
const input = join(process.cwd(), "test", ".out", "mariadb-input");

if (server === undefined) {
  if (process.env.CI === "true") {
    describe("bookstore on MariaDB", () => {
      it("needs VX_TEST_MYSQL_URL in CI", () => {
        throw new Error("CI=true but VX_TEST_MYSQL_URL is not set: start MariaDB and export its URL");
      });
    });
  } else {
    console.log("[mariadb] skipped: set VX_TEST_MYSQL_URL to run the bookstore against MariaDB");
    describe.skip("bookstore on MariaDB", () => {
      it("needs VX_TEST_MYSQL_URL", () => undefined);
    });
  }
} else {
  await mkdir(input, { recursive: true });
  const prisma = join(input, "blog.prisma");
  await writeFile(prisma, (await readFile("fixtures/blog/schema.prisma", "utf8")).replace('provider = "sqlite"', 'provider = "mysql"'));
  const databaseUrl = (database: string) => {
    const url = new URL(server);
    url.pathname = `/${database}`;
    return url.toString();
  };
  const databases = [`vx_blackbox_blog_mariadb_${process.pid}`, `vx_conformance_blog_mariadb_${process.pid}`];
  afterAll(async () => {
    const adapter = await new PrismaMariaDb(databaseUrl("information_schema")).connect();
    for (const database of databases) await adapter.executeRaw({ sql: `DROP DATABASE IF EXISTS \`${database}\``, args: [], argTypes: [] });
    await adapter.dispose();
  });
  fixtureEndToEnd({
    name: "blog-mariadb",
    target: "fastify",
    openapi: "fixtures/blog/openapi.yaml",
    prisma,
    basePath: "/api",
    minTests: 39,
    probes: [{ path: "test/probe.test.ts", content: blogRuntimeProbe }],
    port: 41_073,
    databaseUrl: databaseUrl(databases[0] ?? ""),
    conformanceDatabaseUrl: databaseUrl(databases[1] ?? ""),
    testEnv: { TEST_DATABASE_URL: server },
    staticChecks: false,
  });
}
