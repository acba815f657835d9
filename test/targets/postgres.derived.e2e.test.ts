import { derivedPrismaFile, onPostgres, postgresEndToEnd } from "./helpers/postgresEndToEnd.js";

/** One source is enough, on PostgreSQL (Fastify): the bookstore from its Prisma schema alone, and from its API alone. */
await postgresEndToEnd({
  title: "the bookstore derived from one source on PostgreSQL",
  runs: async () => {
    /** From its Prisma schema alone: the document derive writes (the golden copy), with the schema. */
    const bookstoreDerived = { openapi: "test/golden/derive/bookstore.openapi.yaml", prisma: await onPostgres("bookstore"), basePath: "", minTests: 200, probes: [] };
    /** From its OpenAPI document alone: the Prisma schema `derive prisma --provider postgresql` writes. */
    const openapi = "fixtures/bookstore/openapi.yaml";
    const derivedDb = await derivedPrismaFile({ openapi, provider: "postgresql", name: "bookstore.derived" });
    const bookstoreDerivedDb = { openapi, prisma: derivedDb, basePath: "/api/v1", minTests: 400, probes: [] };
    return [
      { target: "fastify", name: "bookstore-derived-db-postgres", port: 41_053, fixture: bookstoreDerivedDb },
      { target: "fastify", name: "bookstore-derived-postgres", port: 41_043, fixture: bookstoreDerived },
    ];
  },
});
