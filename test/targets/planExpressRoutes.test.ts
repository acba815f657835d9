import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planExpressRoutes } from "../../generators/express/planExpressRoutes.js";
import { operationView } from "../../generators/shared/operationView.js";
import { buildIr } from "../../src/pipeline/buildIr.js";

async function plan(spec: string) {
  const { ir, names } = await buildIr({ openapi: join(process.cwd(), spec) });
  const api = ir.api;
  if (!api) throw new Error(`${spec} has no API`);
  const views = api.operations.map((op) => operationView({ op, names }));
  return planExpressRoutes({ views, schemeNames: new Set(api.securitySchemes.map((s) => s.name)), dir: "routes" });
}

describe("planExpressRoutes: the Express routes as data", () => {
  it("plans a Router per tag with one route per operation, its security and whether it reads a body", async () => {
    const { routers, imports, operationPaths } = await plan("fixtures/bookstore/openapi.yaml");
    expect(imports.map((i) => i.name)).toEqual(["authorsRouter", "booksRouter", "membersRouter", "statsRouter", "tagsRouter"]);
    const members = routers.find((r) => r.name === "membersRouter");
    expect(members?.path).toBe("routes/members.ts");
    expect(members?.routes.map((r) => [r.method, r.url, r.operationId, r.hasBody])).toEqual([
      ["get", '"/members"', '"listMembers"', false],
      ["post", '"/members"', '"createMember"', true],
      ["get", '"/members/:memberId"', '"getMember"', false],
    ]);
    expect(members?.routes[0]?.security).toBe('[[{"scheme":"bearerAuth","scopes":[]}]]');
    expect(members?.routes.every((r) => !r.unknownScheme && r.pathKeys === undefined)).toBe(true);
    expect(operationPaths).toContainEqual({ path: '"/books/{bookId}"', methods: '["DELETE","GET","PATCH","PUT"]' });
  });

  it("covers every operation of a Swagger 2.0 document exactly once", async () => {
    const { routers, operationPaths } = await plan("fixtures/petstore-v2/swagger.yaml");
    const operationIds = routers.flatMap((r) => r.routes.map((route) => route.operationId));
    expect(new Set(operationIds).size).toBe(operationIds.length);
    expect(operationIds.length).toBeGreaterThan(0);
    expect(operationPaths.length).toBeGreaterThan(0);
  });
});
