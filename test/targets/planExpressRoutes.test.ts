import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planExpressRoutes } from "../../generators/express/planExpressRoutes.js";
import { buildIr } from "../../src/pipeline/buildIr.js";

async function plan(spec: string) {
  const { ir } = await buildIr({ openapi: join(process.cwd(), spec) });
  const api = ir.api;
  if (!api) throw new Error(`${spec} has no API`);
  return planExpressRoutes({ operations: api.operations, tables: [{ name: "booksRoutes", file: "books" }] });
}

describe("planExpressRoutes: the Express routes index as data", () => {
  it("keeps the route tables in order and lists each documented path once with its methods, as Allow lists them", async () => {
    const { tables, operationPaths } = await plan("fixtures/bookstore/openapi.yaml");
    expect(tables).toEqual([{ name: "booksRoutes", file: "books" }]);
    expect(operationPaths).toContainEqual({ path: '"/books/{bookId}"', methods: '["DELETE","GET","PATCH","PUT"]' });
    const paths = operationPaths.map((p) => p.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect([...paths].sort()).toEqual(paths);
  });

  it("covers every path of a Swagger 2.0 document", async () => {
    const { operationPaths } = await plan("fixtures/petstore-v2/swagger.yaml");
    expect(operationPaths.length).toBeGreaterThan(0);
    expect(operationPaths.every((p) => /^\[("[A-Z]+",?)+\]$/.test(p.methods))).toBe(true);
  });
});
