import { join } from "node:path";
import { format } from "prettier";
import { describe, expect, it } from "vitest";
import { generateFixture } from "./helpers/generateFixture.js";

const options = { parser: "typescript", printWidth: 120, semi: true, singleQuote: false, trailingComma: "all" as const };

const specs = ["fixtures/bookstore/openapi.yaml", "fixtures/openapi/v3.0/petstore.yaml", "fixtures/petstore-v2/swagger.yaml"];

describe("the route table of each tag (and Fastify's routes.ts)", () => {
  // Security requirements (bookstore), cookie and header parameters (the 3.0 petstore), a Swagger 2.0 document.
  it.each(specs.flatMap((spec) => ["fastify", "express"].map((target) => [target, spec])))(
    "is laid out exactly as prettier would: %s, %s",
    async (target, spec) => {
      const { files } = await generateFixture({ openapi: join(process.cwd(), spec), target });
      const tables = new RegExp(`^src/generated/${target}/routes${target === "fastify" ? "(\\.ts|/)" : "/"}`);
      const routes = files.filter((f) => tables.test(f.path));
      expect(routes.length).toBeGreaterThan(1);
      for (const file of routes) {
        expect(file.content, file.path).toMatch(/export const \w+: readonly RouteDefinition\[\] = \[/);
        expect(await format(file.content, options), file.path).toBe(file.content);
      }
    },
  );

  it.each(["fastify", "express"])("%s: imports each operation's validators by name and states what is known at generation time as data", async (target) => {
    const { files } = await generateFixture({ openapi: join(process.cwd(), "fixtures/bookstore/openapi.yaml"), prisma: join(process.cwd(), "fixtures/bookstore/schema.prisma"), target });
    const books = files.find((f) => f.path === `src/generated/${target}/routes/books.ts`)?.content ?? "";
    expect(books).toContain('import type { RouteDefinition } from "../routeTable.js";');
    expect(books).toContain('url: "/books/:bookId",');
    expect(books).toContain('import getBookParameters from "../../validation/get-book.parameters.js";');
    expect(books).toContain("validators: { ...getBookParameters, ...createBookBody },");
    expect(books).toContain('{ name: "bookId", in: "path", style: "simple", explode: false, required: true, schema: { type: "integer" } },');
    // No lookup by operationId at run time, no empty members.
    expect(books).not.toMatch(/operations\[|pathKeys: \[\]|: \{\},/);
  });
});
