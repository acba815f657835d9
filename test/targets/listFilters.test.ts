import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateFixture } from "./helpers/generateFixture.js";

// A bound list turns each query parameter into paging, sorting or a filter on a column. A parameter it cannot turn
// into any of them (a relation, a column it cannot compare, no column at all) must not be silently dropped: the
// caller who asked `?author=jake` would get every row. Such a list gets a handler for the user to write (VX511).

const dir = mkdtempSync(join(tmpdir(), "vx-filters-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function spec(param: string): string {
  return `openapi: 3.1.0
info: { title: things, version: "1" }
paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - { name: limit, in: query, schema: { type: integer, default: 20 } }
        - { name: name, in: query, schema: { type: string } }${param}
      responses:
        "200":
          description: the things
          content:
            application/json:
              schema: { type: array, items: { $ref: "#/components/schemas/Thing" } }
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

model Person {
  id     Int     @id @default(autoincrement())
  handle String  @unique
  things Thing[]
}

model Thing {
  id       Int    @id @default(autoincrement())
  name     String
  meta     Json?
  authorId Int
  author   Person @relation(fields: [authorId], references: [id])
}
`;

async function generateList(param: string): Promise<{ handlers: string | undefined; warnings: string[] }> {
  const openapi = join(dir, "openapi.yaml");
  writeFileSync(openapi, spec(param));
  writeFileSync(join(dir, "schema.prisma"), prisma);
  const { files, diagnostics } = await generateFixture({ openapi, prisma: join(dir, "schema.prisma") });
  return {
    handlers: files.find((f) => f.path === "src/generated/handlers/thing.handlers.ts")?.content,
    warnings: diagnostics.filter((d) => d.code === "VX511").map((d) => d.message),
  };
}

describe("a bound list's query parameters", () => {
  it("filter by the columns they name", async () => {
    const { handlers, warnings } = await generateList("\n        - { name: authorId, in: query, schema: { type: integer } }");
    expect(warnings).toEqual([]);
    expect(handlers).toMatch(/name: request\.query\.name/);
    expect(handlers).toMatch(/authorId: request\.query\.authorId/);
  });

  it.each([
    ["a relation", "author", "names Thing.author, which is not a column the generated list filters by"],
    ["a JSON column", "meta", "names Thing.meta, which is not a column the generated list filters by"],
    ["no column", "q", "names no column of Thing, so the generated list could not filter by it"],
  ])("are never dropped: one naming %s leaves the list to you (VX511)", async (_what, name, reason) => {
    const { handlers, warnings } = await generateList(`\n        - { name: ${name}, in: query, schema: { type: string } }`);
    expect(handlers ?? "").not.toContain("listThings");
    expect(warnings).toEqual([`listThings is bound to Thing (list) but gets a handler for you to write: the query parameter '${name}' ${reason}`]);
  });
});
