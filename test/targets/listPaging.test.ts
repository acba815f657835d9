import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateFixture } from "./helpers/generateFixture.js";

// A page object whose `page` the list can fill only when it knows the page size: a `page` parameter without a
// limit parameter is no paging at all (the handler must not print a `page` it never declared).

const dir = mkdtempSync(join(tmpdir(), "vx-paging-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function spec({ limit }: { limit: boolean }): string {
  const limitParam = limit ? `\n        - { name: limit, in: query, schema: { type: integer, default: 20 } }` : "";
  return `openapi: 3.1.0
info: { title: things, version: "1" }
paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - { name: page, in: query, schema: { type: integer, minimum: 1 } }${limitParam}
      responses:
        "200":
          description: a page
          content:
            application/json:
              schema:
                type: object
                required: [items]
                properties:
                  items: { type: array, items: { $ref: "#/components/schemas/Thing" } }
                  page: { type: integer }
components:
  schemas:
    Thing:
      type: object
      required: [id, name]
      properties:
        id: { type: integer }
        name: { type: string }
`;
}

const prisma = `datasource db {
  provider = "sqlite"
}

model Thing {
  id   Int    @id @default(autoincrement())
  name String
}
`;

async function listHandler({ limit }: { limit: boolean }): Promise<string> {
  const openapi = join(dir, `openapi-${limit ? "limit" : "page"}.yaml`);
  writeFileSync(openapi, spec({ limit }));
  writeFileSync(join(dir, "schema.prisma"), prisma);
  const { files } = await generateFixture({ openapi, prisma: join(dir, "schema.prisma") });
  const handlers = files.find((f) => f.path === "src/generated/handlers/thing.handlers.ts")?.content;
  expect(handlers, "the list is bound").toBeDefined();
  return handlers ?? "";
}

describe("a page object's page number", () => {
  it("is filled from the page parameter when a limit gives the page size", async () => {
    const code = await listHandler({ limit: true });
    expect(code).toContain("const page = request.query.page ?? 1;");
    expect(code).toContain("page: page");
  });

  it("is left out, never printed undeclared, when there is no limit parameter", async () => {
    const code = await listHandler({ limit: false });
    expect(code).not.toMatch(/\bpage\b(?!:)/);
    expect(code).toContain("items: records.map(");
  });
});
