import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildIr } from "../../src/pipeline/buildIr.js";
import { generateFixture } from "./helpers/generateFixture.js";

// A bound list turns each query parameter into paging, sorting, a filter on a column (equality or one end of a range)
// or on a relation (a unique field of the related record). A parameter it cannot turn into any of them (a column it
// cannot compare, no column at all, a related record it cannot pick a field of) must not be silently dropped: the
// caller who asked `?q=jake` would get every row. Such a list gets a handler for the user to write (VX511).

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
  id         Int     @id @default(autoincrement())
  handle     String  @unique
  things     Thing[] @relation("authored")
  favourites Thing[] @relation("favourites")
}

model Label {
  id     Int     @id @default(autoincrement())
  name   String  @unique
  things Thing[]
}

model Badge {
  id     Int     @id @default(autoincrement())
  serial String  @unique
  sku    String  @unique
  things Thing[]
}

model Thing {
  id          Int      @id @default(autoincrement())
  name        String
  meta        Json?
  price       Float
  createdAt   DateTime @default(now())
  authorId    Int
  author      Person   @relation("authored", fields: [authorId], references: [id])
  favoritedBy Person[] @relation("favourites")
  labels      Label[]
  badgeId     Int?
  badge       Badge?   @relation(fields: [badgeId], references: [id])
}
`;

function writeSpec(param: string): { openapi: string; prisma: string } {
  const openapi = join(dir, "openapi.yaml");
  writeFileSync(openapi, spec(param));
  writeFileSync(join(dir, "schema.prisma"), prisma);
  return { openapi, prisma: join(dir, "schema.prisma") };
}

/** The generated handlers module on one line (prettier's line breaks and trailing commas taken out). */
function oneLine(code: string | undefined): string {
  return (code ?? "").replace(/\s+/g, " ").replace(/,\s*([}\])])/g, " $1").replace(/\(\s+/g, "(").replace(/\s+\)/g, ")");
}

/** VX314 errors of reading the spec (the extension's problems stop the run before anything is generated). */
async function filterErrors(param: string): Promise<string[]> {
  const { ir } = await buildIr(writeSpec(param));
  return ir.diagnostics.filter((d) => d.code === "VX314").map((d) => `${d.severity} ${d.message} @ ${d.location?.pointer ?? ""}`);
}

async function generateList(param: string): Promise<{ handlers: string | undefined; warnings: string[] }> {
  const { files, diagnostics } = await generateFixture(writeSpec(param));
  return {
    handlers: oneLine(files.find((f) => f.path === "src/generated/handlers/thing.handlers.ts")?.content),
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
    ["a JSON column", "meta", "names Thing.meta, which is not a column the generated list filters by"],
    ["no column", "q", "names no column or relation of Thing, so the generated list could not filter by it"],
    ["a relation whose record has two unique strings", "badge", "names Thing.badge but could compare any of Badge.serial, Badge.sku; say which with x-vx-filter: { field: <name> }"],
  ])("are never dropped: one naming %s leaves the list to you (VX511)", async (_what, name, reason) => {
    const { handlers, warnings } = await generateList(`\n        - { name: ${name}, in: query, schema: { type: string } }`);
    expect(handlers ?? "").not.toContain("listThings");
    expect(warnings).toEqual([`listThings is bound to Thing (list) but gets a handler for you to write: the query parameter '${name}' ${reason}`]);
  });
});

describe("a bound list's relation filters", () => {
  it("compare a to-one relation's unique field (Thing.author -> Person.handle)", async () => {
    const { handlers, warnings } = await generateList("\n        - { name: author, in: query, schema: { type: string } }");
    expect(warnings).toEqual([]);
    expect(handlers).toContain("...(request.query.author === undefined ? {} : { author: { handle: request.query.author } })");
  });

  it("compare the id when the value is an integer", async () => {
    const { handlers, warnings } = await generateList("\n        - { name: author, in: query, schema: { type: integer } }");
    expect(warnings).toEqual([]);
    expect(handlers).toContain("{ author: { id: request.query.author } }");
  });

  it("ask for some related record of a to-many relation, a singular name matching the plural (label -> labels)", async () => {
    const { handlers, warnings } = await generateList("\n        - { name: label, in: query, schema: { type: string } }");
    expect(warnings).toEqual([]);
    expect(handlers).toContain("...(request.query.label === undefined ? {} : { labels: { some: { name: request.query.label } } })");
  });

  it("find a relation by an unambiguous prefix (favorited -> favoritedBy)", async () => {
    const { handlers, warnings } = await generateList("\n        - { name: favorited, in: query, schema: { type: string } }");
    expect(warnings).toEqual([]);
    expect(handlers).toContain("{ favoritedBy: { some: { handle: request.query.favorited } } }");
  });

  it("follow x-vx-filter: the relation and field it names", async () => {
    const { handlers, warnings } = await generateList("\n        - { name: kind, in: query, x-vx-filter: { relation: badge, field: sku }, schema: { type: string } }");
    expect(warnings).toEqual([]);
    expect(handlers).toContain("...(request.query.kind === undefined ? {} : { badge: { sku: request.query.kind } })");
  });

  it("report an x-vx-filter naming what the model lacks (VX314, an error at the extension)", async () => {
    const errors = await filterErrors("\n        - { name: kind, in: query, x-vx-filter: { relation: badges, field: sku }, schema: { type: string } }");
    expect(errors).toEqual(["error x-vx-filter of query parameter 'kind': relation 'badges' is not a relation of Thing (GET /things) @ /paths/~1things/get/parameters/2/x-vx-filter"]);
    const field = await filterErrors("\n        - { name: kind, in: query, x-vx-filter: { relation: badge, field: colour }, schema: { type: string } }");
    expect(field).toEqual(["error x-vx-filter of query parameter 'kind': field 'colour' is not a column of Badge (GET /things) @ /paths/~1things/get/parameters/2/x-vx-filter"]);
  });

  it("report a malformed x-vx-filter (VX314)", async () => {
    const errors = await filterErrors("\n        - { name: kind, in: query, x-vx-filter: { field: price, op: between }, schema: { type: number } }");
    expect(errors).toEqual(['error x-vx-filter op must be one of equals, gte, lte, gt, lt (not "between") @ /paths/~1things/get/parameters/2/x-vx-filter']);
  });
});

describe("a bound list's range filters", () => {
  it("join the ends of one column in one member, each sent or not (minPrice, price_max, x-vx-filter)", async () => {
    const params = [
      "\n        - { name: minPrice, in: query, schema: { type: number } }",
      "\n        - { name: price_max, in: query, schema: { type: number } }",
      "\n        - { name: cheaperThan, in: query, x-vx-filter: { field: price, op: lt }, schema: { type: number } }",
    ].join("");
    const { handlers, warnings } = await generateList(params);
    expect(warnings).toEqual([]);
    expect(handlers).toContain(
      "...(request.query.minPrice === undefined && request.query.price_max === undefined && request.query.cheaperThan === undefined ? {} : { price: { ...(request.query.minPrice === undefined ? {} : { gte: request.query.minPrice }), ...(request.query.price_max === undefined ? {} : { lte: request.query.price_max }), ...(request.query.cheaperThan === undefined ? {} : { lt: request.query.cheaperThan }) } })",
    );
  });

  it("match <field>After / <field>Before to a DateTime <field>At, converting the value to a Date", async () => {
    const params = "\n        - { name: createdAfter, in: query, schema: { type: string, format: date-time } }\n        - { name: createdBefore, in: query, schema: { type: string, format: date-time } }";
    const { handlers, warnings } = await generateList(params);
    expect(warnings).toEqual([]);
    expect(handlers).toContain("{ createdAt: { ...(request.query.createdAfter === undefined ? {} : { gt: new Date(request.query.createdAfter) }), ...(request.query.createdBefore === undefined ? {} : { lt: new Date(request.query.createdBefore) }) } }");
  });

  it("join an equality filter and a range on the same column instead of overwriting one with the other", async () => {
    const params = "\n        - { name: price, in: query, schema: { type: number } }\n        - { name: priceFrom, in: query, schema: { type: number } }";
    const { handlers, warnings } = await generateList(params);
    expect(warnings).toEqual([]);
    expect(handlers).toContain("{ price: { ...(request.query.price === undefined ? {} : { equals: request.query.price }), ...(request.query.priceFrom === undefined ? {} : { gte: request.query.priceFrom }) } }");
  });

  it.each([
    ["an equality", "\n        - { name: price, in: query, schema: { type: number } }\n        - { name: cost, in: query, x-vx-filter: { field: price }, schema: { type: number } }", "cost", "compares Thing.price with equals"],
    ["an end of a range", "\n        - { name: minPrice, in: query, schema: { type: number } }\n        - { name: priceFrom, in: query, schema: { type: number } }", "priceFrom", "compares Thing.price with gte"],
    ["a relation", "\n        - { name: author, in: query, schema: { type: string } }\n        - { name: writer, in: query, x-vx-filter: { relation: author }, schema: { type: string } }", "writer", "filters by Thing.author"],
  ])("refuse %s made twice (the second would overwrite the first)", async (_what, params, name, reason) => {
    const { warnings } = await generateList(params);
    expect(warnings).toEqual([`listThings is bound to Thing (list) but gets a handler for you to write: the query parameter '${name}' ${reason} again (another parameter does)`]);
  });

  it("refuse a range on a column that has no order of numbers or dates", async () => {
    const { warnings } = await generateList("\n        - { name: nameFrom, in: query, schema: { type: string } }");
    expect(warnings).toEqual(["listThings is bound to Thing (list) but gets a handler for you to write: the query parameter 'nameFrom' names no column or relation of Thing, so the generated list could not filter by it"]);
  });
});
