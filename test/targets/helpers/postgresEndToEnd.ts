import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, it } from "vitest";
import { fixtureEndToEnd } from "./fixtureEndToEnd.js";
import { derivePrisma } from "../../../src/derive/derivePrisma.js";
import type { DerivedProvider } from "../../../src/derive/PrismaSchemaPlan.js";
import { readOpenApi } from "../../../src/parsers/openapi/readOpenApi.js";

/** A fixture as `fixtureEndToEnd` takes it, its Prisma schema already on PostgreSQL. */
export interface PostgresFixture {
  openapi: string;
  prisma: string;
  basePath: string;
  minTests: number;
  probes: { path: string; content: string }[];
}

/** One project of a PostgreSQL end-to-end file: its name (unique), target and port. */
export interface PostgresRun {
  target: "fastify" | "express";
  name: string;
  port: number;
  fixture: PostgresFixture;
}

/** A folder per test process: two files may write the same fixture's schema at once (its name is kept, as in a project). */
const input = join(process.cwd(), "test", ".out", "postgres-input", String(process.pid));

/** The fixture's Prisma schema with PostgreSQL as its provider. */
export async function onPostgres(fixture: string): Promise<string> {
  await mkdir(input, { recursive: true });
  const schema = (await readFile(`fixtures/${fixture}/schema.prisma`, "utf8")).replace('provider = "sqlite"', 'provider = "postgresql"');
  const file = join(input, `${fixture}.prisma`);
  await writeFile(file, schema);
  return file;
}

/** The Prisma schema `vx-gen derive prisma --provider <provider>` derives from a document, written to `test/.out`. */
export async function derivedPrismaFile({ openapi, provider, name }: { openapi: string; provider: DerivedProvider; name: string }): Promise<string> {
  const { api, sources } = await readOpenApi({ file: openapi, allowRemoteRefs: false, locateInfo: false });
  if (!api) throw new Error(`${openapi} did not read`);
  await mkdir(input, { recursive: true });
  const file = join(input, `${name}.prisma`);
  await writeFile(file, derivePrisma({ api, sources, provider, file: openapi }).text);
  return file;
}

/**
 * Fixtures on PostgreSQL (driver adapter `@prisma/adapter-pg`), each with its target: the generated tests (each file
 * in a schema of its own), the black-box run and the conformance suite against the started server, each in a schema
 * dropped afterwards. Reads VX_TEST_PG_URL (e.g. postgresql://postgres:postgres@127.0.0.1:5432/postgres); required
 * when CI=true, skipped otherwise. `runs` is called only when the server is set. The projects are spread over several
 * files (`postgres.*.e2e.test.ts`) so that the test workers share them.
 */
export async function postgresEndToEnd({ title, runs }: { title: string; runs: () => Promise<PostgresRun[]> }): Promise<void> {
  const server = process.env.VX_TEST_PG_URL;
  if (server === undefined) {
    if (process.env.CI === "true") {
      describe(title, () => {
        it("needs VX_TEST_PG_URL in CI", () => {
          throw new Error("CI=true but VX_TEST_PG_URL is not set: start PostgreSQL and export its URL");
        });
      });
    } else {
      console.log(`[postgres] skipped: set VX_TEST_PG_URL to run ${title}`);
      describe.skip(title, () => {
        it("needs VX_TEST_PG_URL", () => undefined);
      });
    }
    return;
  }
  const targets = await runs();
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
