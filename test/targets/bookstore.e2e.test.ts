import { fixtureEndToEnd } from "./helpers/fixtureEndToEnd.js";

fixtureEndToEnd({
  name: "bookstore",
  openapi: "fixtures/bookstore/openapi.yaml",
  prisma: "fixtures/bookstore/schema.prisma",
  port: 39_871,
  basePath: "/api/v1",
  minTests: 35,
});
