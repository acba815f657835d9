import { onPostgres, postgresEndToEnd } from "./helpers/postgresEndToEnd.js";

/** Swagger 2.0's petstore on PostgreSQL, with each target (helpers/postgresEndToEnd.ts). */
await postgresEndToEnd({
  title: "petstore (Swagger 2.0) on PostgreSQL",
  runs: async () => {
    const petstore = { openapi: "fixtures/petstore-v2/swagger.yaml", prisma: await onPostgres("petstore-v2"), basePath: "/v2", minTests: 105, probes: [] };
    return [
      { target: "fastify", name: "petstore-v2-postgres", port: 41_023, fixture: petstore },
      { target: "express", name: "petstore-v2-postgres-express", port: 41_033, fixture: petstore },
    ];
  },
});
