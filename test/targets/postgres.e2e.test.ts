import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, it } from "vitest";
import { fixtureEndToEnd } from "./helpers/fixtureEndToEnd.js";
import { bookstoreRuntimeProbe } from "./probes/bookstoreProbe.js";
import { derivePrisma } from "../../src/derive/derivePrisma.js";
import type { DerivedProvider } from "../../src/derive/PrismaSchemaPlan.js";
import { readOpenApi } from "../../src/parsers/openapi/readOpenApi.js";

/** The Prisma schema `vx-gen derive prisma --provider <provider>` derives from a document. */
async function derivedPrismaText({ openapi, provider }: { openapi: string; provider: DerivedProvider }): Promise<string> {
  const { api, sources } = await readOpenApi({ file: openapi, allowRemoteRefs: false, locateInfo: false });
  if (!api) throw new Error(`${openapi} did not read`);
  return derivePrisma({ api, sources, provider, file: openapi }).text;
}
import { blogRuntimeProbe } from "./probes/blogProbe.js";

/**
 * The bookstore, Swagger 2.0's petstore and the blog (envelopes) on PostgreSQL (driver adapter `@prisma/adapter-pg`), with each target: the
 * generated tests (each file in a schema of its own), the black-box run and the conformance suite against the started
 * server. Reads VX_TEST_PG_URL (e.g.
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
  /** The fixture's Prisma schema with PostgreSQL as its provider. */
  const onPostgres = async (fixture: string): Promise<string> => {
    const schema = (await readFile(`fixtures/${fixture}/schema.prisma`, "utf8")).replace('provider = "sqlite"', 'provider = "postgresql"');
    const file = join(input, `${fixture}.prisma`);
    await writeFile(file, schema);
    return file;
  };
  const bookstore = {
    openapi: "fixtures/bookstore/openapi.yaml",
    prisma: await onPostgres("bookstore"),
    basePath: "/api/v1",
    minTests: 39,
    probes: [{ path: "test/probe.test.ts", content: bookstoreRuntimeProbe }],
  };
  const petstore = { openapi: "fixtures/petstore-v2/swagger.yaml", prisma: await onPostgres("petstore-v2"), basePath: "/v2", minTests: 105, probes: [] };
  /** The bookstore from its Prisma schema alone: the document derive writes (the golden copy), with the schema. */
  const bookstoreDerived = { openapi: "test/golden/derive/bookstore.openapi.yaml", prisma: bookstore.prisma, basePath: "", minTests: 200, probes: [] };
  /** The bookstore from its OpenAPI document alone: the Prisma schema `derive prisma --provider postgresql` writes. */
  const derivedDb = join(input, "bookstore.derived.prisma");
  await writeFile(derivedDb, await derivedPrismaText({ openapi: bookstore.openapi, provider: "postgresql" }));
  const bookstoreDerivedDb = { openapi: bookstore.openapi, prisma: derivedDb, basePath: "/api/v1", minTests: 400, probes: [] };
  /** Wrapped bodies (envelopes), pages with counts and a column list, through the probe's TestApi as on SQLite. */
  const blog = { openapi: "fixtures/blog/openapi.yaml", prisma: await onPostgres("blog"), basePath: "/api", minTests: 197, probes: [{ path: "test/probe.test.ts", content: blogRuntimeProbe }] };
  const targets = [
    { target: "fastify", name: "bookstore-derived-db-postgres", port: 41_053, fixture: bookstoreDerivedDb },
    { target: "fastify", name: "bookstore-postgres", port: 41_003, fixture: bookstore },
    { target: "fastify", name: "bookstore-derived-postgres", port: 41_043, fixture: bookstoreDerived },
    { target: "express", name: "bookstore-postgres-express", port: 41_013, fixture: bookstore },
    { target: "fastify", name: "petstore-v2-postgres", port: 41_023, fixture: petstore },
    { target: "express", name: "petstore-v2-postgres-express", port: 41_033, fixture: petstore },
    { target: "fastify", name: "blog-postgres", port: 41_055, fixture: blog },
    { target: "express", name: "blog-postgres-express", port: 41_057, fixture: blog },
  ];
  /** A schema of its own per target and run: the two targets' servers never share tables. */
  const schemaUrl = (schema: string) => {
    const url = new URL(server);
    url.searchParams.set("schema", schema);
    return url.toString();
  };
  const schemas = targets.flatMap(({ name }) => [`vx_blackbox_${name}_${process.pid}`, `vx_conformance_${name}_${process.pid}`]).map((s) => s.replace(/-/g, "_"));
  afterAll(async () => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });
  for (const { target, name, port, fixture } of targets) {
    const id = name.replace(/-/g, "_");
    fixtureEndToEnd({
      name,
      target,
      ...fixture,
      port,
      databaseUrl: schemaUrl(`vx_blackbox_${id}_${process.pid}`),
      conformanceDatabaseUrl: schemaUrl(`vx_conformance_${id}_${process.pid}`),
      testEnv: { TEST_DATABASE_URL: server },
      staticChecks: false,
    });
  }
}
