import { onPostgres, postgresEndToEnd } from "./helpers/postgresEndToEnd.js";
import { blogRuntimeProbe } from "./probes/blogProbe.js";

/** The blog (envelopes: wrapped bodies, pages with counts, a column list) on PostgreSQL, with each target. */
await postgresEndToEnd({
  title: "blog on PostgreSQL",
  runs: async () => {
    const blog = { openapi: "fixtures/blog/openapi.yaml", prisma: await onPostgres("blog"), basePath: "/api", minTests: 585, probes: [{ path: "test/probe.test.ts", content: blogRuntimeProbe }] };
    return [
      { target: "fastify", name: "blog-postgres", port: 41_055, fixture: blog },
      { target: "express", name: "blog-postgres-express", port: 41_057, fixture: blog },
    ];
  },
});
