import { fixtureEndToEnd } from "./helpers/fixtureEndToEnd.js";

// Swagger 2.0's petstore on the Express 5 target: the same checks and conformance cases as on Fastify.
fixtureEndToEnd({
  name: "petstore-v2-express",
  target: "express",
  openapi: "fixtures/petstore-v2/swagger.yaml",
  prisma: "fixtures/petstore-v2/schema.prisma",
  port: 41_012,
  basePath: "/v2",
  minTests: 105,
  minConformanceCases: 35,
  // Floors of the generated tests' coverage of src/ (measured: see the commit); raise them, never lower them.
  // Lines back to 88 (stop 26, measured 89.22%: the rate-limit and metrics runtime tests shipped into the project).
  coverage: { lines: 88, branches: 82 },
});
