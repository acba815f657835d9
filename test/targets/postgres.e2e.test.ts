import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, it } from "vitest";
import { fixtureEndToEnd } from "./helpers/fixtureEndToEnd.js";
import { bookstoreRuntimeProbe } from "./probes/bookstoreProbe.js";

/**
 * The bookstore on PostgreSQL (driver adapter `@prisma/adapter-pg`): its generated tests (each file in a schema of its
 * own) and the black-box run against the started server. Reads VX_TEST_PG_URL (e.g.
 * postgresql://postgres:postgres@127.0.0.1:5432/postgres); required when CI=true, skipped otherwise.
 */
const server = process.env.VX_TEST_PG_URL;
const input = join(process.cwd(), "test", ".out", "postgres-input");

if (server === undefined) {
  if (process.env.CI === "true") {
    describe("bookstore on PostgreSQL", () => {
      it("needs VX_TEST_PG_URL in CI", () => {
        throw new Error("CI=true but VX_TEST_PG_URL is not set: start PostgreSQL and export its URL");
      });
    });
  } else {
    console.log("[postgres] skipped: set VX_TEST_PG_URL to run the bookstore against PostgreSQL");
    describe.skip("bookstore on PostgreSQL", () => {
      it("needs VX_TEST_PG_URL", () => undefined);
    });
  }
} else {
  await mkdir(input, { recursive: true });
  const schema = (await readFile("fixtures/bookstore/schema.prisma", "utf8")).replace(
    'provider = "sqlite"',
    'provider = "postgresql"',
  );
  await writeFile(join(input, "schema.prisma"), schema);
  const blackBoxUrl = new URL(server);
  blackBoxUrl.searchParams.set("schema", `vx_blackbox_${process.pid}`);
  const conformanceUrl = new URL(server);
  conformanceUrl.searchParams.set("schema", `vx_conformance_${process.pid}`);
  afterAll(async () => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "vx_blackbox_${process.pid}" CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS "vx_conformance_${process.pid}" CASCADE`);
    await client.end();
  });
  fixtureEndToEnd({
    name: "bookstore-postgres",
    openapi: "fixtures/bookstore/openapi.yaml",
    prisma: join(input, "schema.prisma"),
    port: 41_003,
    basePath: "/api/v1",
    minTests: 39,
    probes: [{ path: "test/probe.test.ts", content: bookstoreRuntimeProbe }],
    databaseUrl: blackBoxUrl.toString(),
    conformanceDatabaseUrl: conformanceUrl.toString(),
    testEnv: { TEST_DATABASE_URL: server },
    staticChecks: false,
  });
}
