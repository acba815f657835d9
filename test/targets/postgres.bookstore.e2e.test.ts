import { onPostgres, postgresEndToEnd } from "./helpers/postgresEndToEnd.js";
import { bookstoreRuntimeProbe } from "./probes/bookstoreProbe.js";

/** The bookstore on PostgreSQL, with each target (helpers/postgresEndToEnd.ts). */
await postgresEndToEnd({
  title: "bookstore on PostgreSQL",
  runs: async () => {
    const bookstore = { openapi: "fixtures/bookstore/openapi.yaml", prisma: await onPostgres("bookstore"), basePath: "/api/v1", minTests: 39, probes: [{ path: "test/probe.test.ts", content: bookstoreRuntimeProbe }] };
    return [
      { target: "fastify", name: "bookstore-postgres", port: 41_003, fixture: bookstore },
      { target: "express", name: "bookstore-postgres-express", port: 41_013, fixture: bookstore },
    ];
  },
});
