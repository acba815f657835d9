import { fixtureEndToEnd } from "./helpers/fixtureEndToEnd.js";

/**
 * The bookstore from its OpenAPI document alone: the Prisma schema `vx-gen derive prisma` (and `generate --openapi
 * --derive-db`) derives from it (the golden copy, which test/golden/derivedPrisma.test.ts keeps equal to what derive
 * writes, and test/cli/derivePrisma.test.ts to what `--derive-db` writes into the project) with the document, through
 * the whole end-to-end suite on SQLite: strict tsc, the generated tests, the black box and the conformance suite (CRUD
 * round trips, 404s, 409 on each derived @unique) against the started server.
 */
fixtureEndToEnd({
  name: "bookstore-derived-db",
  openapi: "fixtures/bookstore/openapi.yaml",
  prisma: "test/golden/derive/bookstore.schema.prisma",
  port: 41_051,
  basePath: "/api/v1",
  // Measured: 430 generated tests, 187 conformance cases (getStats and publishBook are the two handlers left to write).
  minTests: 400,
  minConformanceCases: 180,
});
