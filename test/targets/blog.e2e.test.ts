import { fixtureEndToEnd } from "./helpers/fixtureEndToEnd.js";
import { blogRuntimeProbe } from "./probes/blogProbe.js";

// The blogging pair whose bodies are wrapped the RealWorld way ({ article }, { articles, articlesCount }, { tags }):
// every operation bound through its envelope and served with no hand-written handler, on Fastify.
fixtureEndToEnd({
  name: "blog",
  openapi: "fixtures/blog/openapi.yaml",
  prisma: "fixtures/blog/schema.prisma",
  port: 41_051,
  basePath: "/api",
  minTests: 585,
  // No 409 case for Article.slug: the create derives it (the client cannot send a duplicate).
  minConformanceCases: 74,
  probes: [{ path: "test/probe.test.ts", content: blogRuntimeProbe }],
});
