import { fixtureEndToEnd } from "./helpers/fixtureEndToEnd.js";

/**
 * The bookstore from its Prisma schema alone: the document `vx-gen derive openapi` derives from it (the golden copy,
 * which test/golden/derivedOpenApi.test.ts keeps equal to what derive writes, and test/cli/derive.test.ts to what
 * `generate --prisma` alone writes into the project) with the schema, through the whole end-to-end suite: strict tsc,
 * the generated tests on SQLite, the black box and the conformance suite against the started server.
 */
fixtureEndToEnd({
  name: "bookstore-derived",
  openapi: "test/golden/derive/bookstore.openapi.yaml",
  prisma: "fixtures/bookstore/schema.prisma",
  port: 41_041,
  basePath: "",
  // Measured: 202 generated tests, 196 conformance cases.
  minTests: 200,
  minConformanceCases: 190,
});
