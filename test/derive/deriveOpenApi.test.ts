import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { deriveOpenApi } from "../../src/derive/deriveOpenApi.js";
import { derivedDocument } from "../../src/derive/derivedDocument.js";
import { isSecretFieldName } from "../../src/derive/isSecretFieldName.js";
import { vxDirectives } from "../../src/derive/vxDirectives.js";
import { yamlDocument } from "../../src/emit/yamlDocument.js";
import type { DbModel } from "../../src/ir/types.js";
import { readPrisma } from "../../src/parsers/prisma/readPrisma.js";
import { buildIr } from "../../src/pipeline/buildIr.js";
import { loadTarget } from "../../src/targets/targetRegistry.js";

async function dbOf(body: string, provider = "postgresql"): Promise<DbModel> {
  const dir = await mkdtemp(join(tmpdir(), "vx-derive-"));
  const file = join(dir, "schema.prisma");
  await writeFile(file, `datasource db {\n  provider = "${provider}"\n}\n\n${body}\n`);
  const { db, diagnostics } = await readPrisma({ path: file });
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  if (!db) throw new Error("no db");
  return db;
}

type Doc = ReturnType<typeof deriveOpenApi>["document"];
const at = (doc: Doc, ...keys: string[]): unknown =>
  keys.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], doc);

const everyType = `
enum Role {
  USER
  ADMIN
}

/// A thing with every column type.
model Thing {
  id        Int      @id @default(autoincrement())
  uid       String   @unique @default(uuid())
  name      String   @db.VarChar(80)
  code      String   @db.Char(2)
  count     BigInt
  price     Decimal
  /// @vx.pii
  ratio     Float
  active    Boolean
  meta      Json?
  blob      Bytes?
  day       DateTime @db.Date
  at        DateTime @default(now())
  changed   DateTime @updatedAt
  role      Role     @default(USER)
  roles     Role[]
  labels    String[]
  /// @vx.readOnly
  /// Counted by a trigger.
  views     Int      @default(0)
  /// @vx.hidden
  internal  String?
  password  String
  ownerId   Int
  owner     Owner    @relation(fields: [ownerId], references: [id])

  @@index([name])
}

model Owner {
  id     Int     @id @default(autoincrement())
  things Thing[]
}
`;

describe("deriveOpenApi", () => {
  it("maps every column type, marks database-filled columns readOnly and secrets writeOnly, hides @vx.hidden", async () => {
    const { document, diagnostics } = deriveOpenApi({ db: await dbOf(everyType) });
    const props = at(document, "components", "schemas", "Thing", "properties") as Record<
      string,
      Record<string, unknown>
    >;
    expect(Object.keys(props)).toEqual([
      "id",
      "uid",
      "name",
      "code",
      "count",
      "price",
      "ratio",
      "active",
      "meta",
      "blob",
      "day",
      "at",
      "changed",
      "role",
      "roles",
      "labels",
      "views",
      "password",
      "ownerId",
    ]);
    expect(props.id).toEqual({ type: "integer", format: "int32", readOnly: true });
    expect(props.uid).toEqual({ type: "string", format: "uuid", readOnly: true });
    expect(props.name).toEqual({ type: "string", maxLength: 80 });
    // fixed length: PostgreSQL would answer a shorter value blank-padded
    expect(props.code).toEqual({ type: "string", minLength: 2, maxLength: 2 });
    expect(props.count).toMatchObject({ type: "string", pattern: "^-?[0-9]+$" });
    expect(props.price).toMatchObject({ type: "string", pattern: "^-?[0-9]+(\\.[0-9]+)?$" });
    // `/// @vx.pii`: personal data, masked in logs and audit records by the generated server.
    expect(props.ratio).toEqual({ type: "number", format: "double", "x-vx-pii": true });
    expect(props.active).toEqual({ type: "boolean" });
    expect(props.meta).toEqual({ type: ["object", "array", "string", "number", "boolean", "null"] });
    expect(props.blob).toEqual({ type: ["string", "null"], format: "byte", contentEncoding: "base64" });
    expect(props.day).toEqual({ type: "string", format: "date" });
    expect(props.at).toEqual({ type: "string", format: "date-time", readOnly: true });
    expect(props.changed).toEqual({ type: "string", format: "date-time", readOnly: true });
    expect(props.role).toEqual({ $ref: "#/components/schemas/Role" });
    expect(props.roles).toEqual({ type: "array", items: { $ref: "#/components/schemas/Role" } });
    expect(props.labels).toEqual({ type: "array", items: { type: "string" } });
    expect(props.views).toEqual({
      type: "integer",
      format: "int32",
      description: "Counted by a trigger.",
      readOnly: true,
    });
    expect(props.password).toEqual({ type: "string", writeOnly: true });
    expect(at(document, "components", "schemas", "Role")).toEqual({ type: "string", enum: ["USER", "ADMIN"] });
    expect(at(document, "components", "schemas", "Thing", "description")).toBe("A thing with every column type.");
    // The response never requires the secret; the create body needs what has no default.
    expect(at(document, "components", "schemas", "Thing", "required")).not.toContain("password");
    expect(at(document, "components", "schemas", "ThingCreate", "required")).toEqual([
      "name",
      "code",
      "count",
      "price",
      "ratio",
      "active",
      "day",
      "password",
      "ownerId",
    ]);
    expect(Object.keys(at(document, "components", "schemas", "ThingCreate", "properties") as object)).not.toContain(
      "views",
    );
    expect(at(document, "components", "schemas", "ThingPatch", "minProperties")).toBe(1);
    expect(diagnostics.filter((d) => d.code === "VX601").map((d) => d.message)).toEqual([
      "Thing.password is named like a secret: the derived API accepts it but never answers it (writeOnly)",
    ]);
    expect(diagnostics.find((d) => d.code === "VX600")?.message).toMatch(/^derived 11 operations over 2 models/);
  });

  it("derives list (paging, filters on unique and indexed columns, a sort whitelist), create, get, replace, update, delete", async () => {
    const { document, models } = deriveOpenApi({ db: await dbOf(everyType) });
    expect(Object.keys(at(document, "paths") as object)).toEqual([
      "/owners",
      "/owners/{ownerId}",
      "/owners/{ownerId}/things",
      "/things",
      "/things/{thingId}",
    ]);
    // The nested list: the owner's things, the foreign key fixed by the path (no ownerId filter).
    const nested = at(document, "paths", "/owners/{ownerId}/things", "get") as {
      operationId: string;
      parameters: { name?: string }[];
    };
    expect(nested.operationId).toBe("listOwnerThings");
    expect(nested.parameters.map((p) => p.name).filter(Boolean)).toEqual(["id", "uid", "name", "sort"]);
    expect(Object.keys(at(document, "paths", "/things") as object)).toEqual(["get", "post"]);
    expect(Object.keys(at(document, "paths", "/things/{thingId}") as object)).toEqual([
      "parameters",
      "get",
      "put",
      "patch",
      "delete",
    ]);
    const list = at(document, "paths", "/things", "get") as {
      operationId: string;
      parameters: { name?: string; $ref?: string; schema?: unknown }[];
      "x-vx-model": string;
    };
    expect(list.operationId).toBe("listThings");
    expect(list["x-vx-model"]).toBe("Thing");
    expect(list.parameters.map((p) => p.name ?? p.$ref)).toEqual([
      "#/components/parameters/Limit",
      "#/components/parameters/Offset",
      "id",
      "uid",
      "name",
      "sort",
    ]);
    expect(list.parameters.at(-1)?.schema).toEqual({
      type: "string",
      enum: ["id", "-id", "uid", "-uid", "name", "-name"],
    });
    expect(Object.keys(at(document, "paths", "/things/{thingId}", "delete", "responses") as object)).toEqual([
      "204",
      "400",
      "404",
      "409",
    ]);
    expect(models).toEqual([
      { model: "Owner", kind: "model", actions: ["list", "create", "get", "delete"] },
      { model: "Thing", kind: "model", actions: ["list", "create", "get", "replace", "update", "delete"] },
    ]);
  });

  it("gives a list the ends of a range on indexed number and date columns (not the id nor a foreign key), which the generated list honours", async () => {
    const schema = `
model Venue {
  id     Int     @id @default(autoincrement())
  events Event[]
}

model Event {
  id       Int      @id @default(autoincrement())
  title    String
  startsAt DateTime
  seats    Int
  venueId  Int
  venue    Venue    @relation(fields: [venueId], references: [id])

  @@index([startsAt])
  @@index([seats])
  @@index([venueId])
}
`;
    const db = await dbOf(schema, "sqlite");
    const { document } = deriveOpenApi({ db });
    const list = at(document, "paths", "/events", "get") as { parameters: { name?: string; schema?: unknown }[] };
    const names = list.parameters.map((p) => p.name).filter(Boolean);
    expect(names).toEqual(["id", "startsAt", "seats", "venueId", "startsAtFrom", "startsAtTo", "seatsFrom", "seatsTo", "sort"]);
    expect(list.parameters.find((p) => p.name === "startsAtFrom")?.schema).toEqual({ type: "string", format: "date-time" });

    const dir = await mkdtemp(join(tmpdir(), "vx-derive-range-"));
    await writeFile(join(dir, "schema.prisma"), `datasource db {\n  provider = "sqlite"\n}\n${schema}`);
    await writeFile(join(dir, "openapi.yaml"), derivedDocument({ db }).text);
    const { ir, names: nameTable, sources } = await buildIr({ openapi: join(dir, "openapi.yaml"), prisma: join(dir, "schema.prisma") });
    expect(ir.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const target = await loadTarget("fastify");
    if (!target) throw new Error("no fastify target");
    const output = await target.render({ ir, names: nameTable, options: {}, document: sources[0] });
    expect(output.diagnostics.filter((d) => d.code === "VX511").map((d) => d.message)).toEqual([]);
    const handlers = (output.files.find((f) => f.path === "src/generated/handlers/event.handlers.ts")?.content ?? "").replace(/\s+/g, " ").replace(/,\s*([}\])])/g, " $1");
    // The equality filter and both ends of the range on one member, none overwriting another.
    const sent = (name: string, member: string) => `...(request.query.${name} === undefined ? {} : { ${member} })`;
    expect(handlers).toContain(
      `startsAt: { ${sent("startsAt", "equals: new Date(request.query.startsAt)")}, ${sent("startsAtFrom", "gte: new Date(request.query.startsAtFrom)")}, ${sent("startsAtTo", "lte: new Date(request.query.startsAtTo)")} }`,
    );
    expect(handlers).toContain(`seats: { ${sent("seats", "equals: request.query.seats")}, ${sent("seatsFrom", "gte: request.query.seatsFrom")}, ${sent("seatsTo", "lte: request.query.seatsTo")} }`);
  });

  it("lists the ids of an implicit many-to-many relation (tagIds), answered and set, never the relation itself", async () => {
    const { document } = deriveOpenApi({
      db: await dbOf(
        "model Post {\n  id Int @id\n  categories Category[]\n}\nmodel Category {\n  id String @id\n  posts Post[]\n}",
      ),
    });
    const ids = {
      type: "array",
      description: "The ids of the linked Category records.",
      items: { type: "string" },
      uniqueItems: true,
    };
    expect(at(document, "components", "schemas", "Post", "properties")).toEqual({
      id: { type: "integer", format: "int32" },
      categoryIds: ids,
    });
    expect(at(document, "components", "schemas", "Post", "required")).toEqual(["id", "categoryIds"]);
    expect(at(document, "components", "schemas", "PostPatch", "properties", "categoryIds")).toEqual(ids);
    expect(at(document, "components", "schemas", "Category", "properties", "postIds")).toMatchObject({
      items: { type: "integer", format: "int32" },
    });
  });

  it("takes a collection path from @vx.path, and the operations still bind to the model", async () => {
    const prisma = "model Item {\n  id Int @id\n  name String\n}\n/// @vx.path ../x\nmodel Other {\n  id Int @id\n}";
    const db = await dbOf(`/// @vx.path shelf-items\n${prisma}`);
    const derived = deriveOpenApi({ db });
    expect(Object.keys(at(derived.document, "paths") as object)).toEqual([
      "/others",
      "/others/{otherId}",
      "/shelf-items",
      "/shelf-items/{itemId}",
    ]);
    expect(derived.diagnostics.filter((d) => d.code === "VX603").map((d) => d.message)).toEqual([
      "@vx.path on Other needs one path segment (letters, digits, - and _), not '../x'; it is ignored",
    ]);
    const file = join(await mkdtemp(join(tmpdir(), "vx-derive-")), "api.yaml");
    await writeFile(file, yamlDocument(derived.document));
    const { ir } = await buildIr({ openapi: file, prisma: db.file });
    expect(ir.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(
      ir.api?.operations
        .map((op) => (op.binding.kind === "bound" ? `${op.binding.model} ${op.binding.action}` : op.binding.reason))
        .sort(),
    ).toEqual([
      "Item create",
      "Item delete",
      "Item get",
      "Item list",
      "Item replace",
      "Item update",
      "Other create",
      "Other delete",
      "Other get",
      "Other list",
    ]);
  });

  it("filters an enum column by a list of values", async () => {
    const { document } = deriveOpenApi({
      db: await dbOf("enum S {\n  A\n  B\n}\nmodel M {\n  id Int @id\n  s S\n  @@index([s])\n}"),
    });
    const parameters = at(document, "paths", "/ms", "get", "parameters") as { name?: string }[];
    expect(parameters.find((p) => p.name === "s")).toMatchObject({
      style: "form",
      explode: false,
      schema: { type: "array", items: { $ref: "#/components/schemas/S" } },
    });
  });

  it("hides a @vx.hidden model, leaves views out unless asked, and gives a model without a key it shows only its collection", async () => {
    const db = await dbOf(
      `generator client {\n  provider = "prisma-client"\n  previewFeatures = ["views"]\n}\n/// @vx.hidden\nmodel Secret {\n  id Int @id\n}\nmodel Pair {\n  a Int\n  /// @vx.hidden\n  b Int\n  @@id([a, b])\n}\nview Report {\n  id Int @unique\n  total Int\n}`,
    );
    const plain = deriveOpenApi({ db });
    expect(Object.keys(at(plain.document, "paths") as object)).toEqual(["/pairs"]);
    expect(plain.diagnostics.map((d) => d.code).sort()).toEqual(["VX600", "VX602", "VX606"]);
    const withViews = deriveOpenApi({ db, views: true });
    expect(Object.keys(at(withViews.document, "paths") as object)).toEqual([
      "/pairs",
      "/reports",
      "/reports/{reportId}",
    ]);
    expect(Object.keys(at(withViews.document, "paths", "/reports/{reportId}") as object)).toEqual([
      "parameters",
      "get",
    ]);
    expect(at(withViews.document, "components", "schemas", "Report", "properties", "total")).toEqual({
      type: "integer",
      format: "int32",
      readOnly: true,
    });
  });

  it("serves a model whose key is compound (@@id, else the first @@unique) by one path segment per column, in the key's order", async () => {
    const db = await dbOf(
      `enum Role {\n  MEMBER\n  ADMIN\n}\nmodel Membership {\n  role Role\n  groupId Int\n  userId Int\n  @@id([userId, groupId])\n}\nmodel Figure {\n  region String\n  day DateTime @db.Date\n  value Int\n  @@unique([region, day])\n}\nmodel Tagged {\n  id Int @id\n  a Int\n  b Int\n  @@unique([a, b])\n}`,
    );
    const { document, models, diagnostics } = deriveOpenApi({ db });
    expect(Object.keys(at(document, "paths") as object)).toEqual(["/figures", "/figures/{region}/{day}", "/memberships", "/memberships/{userId}/{groupId}", "/taggeds", "/taggeds/{taggedId}"]);
    const item = at(document, "paths", "/memberships/{userId}/{groupId}") as Record<string, { operationId?: string; summary?: string }>;
    expect(Object.keys(item)).toEqual(["parameters", "get", "put", "patch", "delete"]);
    expect(item.get?.summary).toBe("Get one Membership by userId and groupId");
    expect(at(document, "paths", "/memberships/{userId}/{groupId}", "parameters")).toEqual([
      { name: "userId", in: "path", required: true, schema: { type: "integer", format: "int32" } },
      { name: "groupId", in: "path", required: true, schema: { type: "integer", format: "int32" } },
    ]);
    expect(at(document, "paths", "/figures/{region}/{day}", "parameters")).toEqual([
      { name: "region", in: "path", required: true, schema: { type: "string" } },
      { name: "day", in: "path", required: true, schema: { type: "string", format: "date" } },
    ]);
    expect(models.find((m) => m.model === "Membership")?.actions).toEqual(["list", "create", "get", "replace", "update", "delete"]);
    expect(diagnostics.map((d) => d.code)).not.toContain("VX602");

    // Read back and bound: every item operation selects its record by the compound key, in the key's order.
    const membership = await dbOf(`enum Role {\n  MEMBER\n  ADMIN\n}\nmodel Membership {\n  role Role\n  groupId Int\n  userId Int\n  @@id([userId, groupId])\n}`);
    const openapi = join(await mkdtemp(join(tmpdir(), "vx-derive-compound-")), "api.yaml");
    await writeFile(openapi, yamlDocument(deriveOpenApi({ db: membership }).document));
    const { ir } = await buildIr({ openapi, prisma: membership.file });
    const bound = (ir.api?.operations ?? []).filter((op) => op.path === "/memberships/{userId}/{groupId}").map((op) => op.binding);
    expect(bound).toHaveLength(4);
    for (const binding of bound) expect(binding).toMatchObject({ kind: "bound", compoundKey: [{ parameter: "userId", field: "userId" }, { parameter: "groupId", field: "groupId" }] });
  });

  it("derives a Decimal as a string of digits by default, and as a JSON number with decimal: number (columns, filters, keys)", async () => {
    const db = await dbOf("model Price {\n  id Int @id\n  amount Decimal @unique\n  tax Decimal?\n}");
    const exact = deriveOpenApi({ db });
    expect(at(exact.document, "components", "schemas", "Price", "properties", "amount")).toMatchObject({ type: "string", pattern: "^-?[0-9]+(\\.[0-9]+)?$" });
    const numbers = deriveOpenApi({ db, options: { decimal: "number" } });
    expect(at(numbers.document, "components", "schemas", "Price", "properties", "amount")).toMatchObject({ type: "number" });
    expect(at(numbers.document, "components", "schemas", "Price", "properties", "tax")).toMatchObject({ type: ["number", "null"] });
    expect(at(numbers.document, "components", "schemas", "PriceCreate", "properties", "amount")).toMatchObject({ type: "number" });
    const parameters = at(numbers.document, "paths", "/prices", "get", "parameters") as { name?: string; schema?: unknown }[];
    for (const name of ["amount", "amountFrom", "amountTo"]) expect(parameters.find((p) => p.name === name)?.schema, name).toMatchObject({ type: "number" });
  });

  it("leaves out the models derive.exclude names, derives only those derive.include names, and reports a name that is no model (VX607)", async () => {
    const db = await dbOf("model Author {\n  id Int @id\n  books Book[]\n}\nmodel Book {\n  id Int @id\n  authorId Int\n  author Author @relation(fields: [authorId], references: [id])\n}\nmodel Log {\n  id Int @id\n}");
    const excluded = deriveOpenApi({ db, options: { exclude: ["Log", "Lgo"] } });
    expect(Object.keys(at(excluded.document, "paths") as object)).toEqual(["/authors", "/authors/{authorId}", "/authors/{authorId}/books", "/books", "/books/{bookId}"]);
    expect(at(excluded.document, "components", "schemas", "Log")).toBeUndefined();
    expect(excluded.diagnostics.filter((d) => d.code === "VX607").map((d) => d.message)).toEqual(["derive.exclude names 'Lgo', which is no model or view of the Prisma schema; it is ignored"]);
    const included = deriveOpenApi({ db, options: { include: ["Book"] } });
    // The author's foreign key stays a column of Book; with no Author in the API there is no nested list.
    expect(Object.keys(at(included.document, "paths") as object)).toEqual(["/books", "/books/{bookId}"]);
    expect(at(included.document, "components", "schemas", "Book", "properties", "authorId")).toEqual({ type: "integer", format: "int32" });
    expect(included.models.map((m) => m.model)).toEqual(["Book"]);
    expect(included.diagnostics.map((d) => d.code)).not.toContain("VX607");
  });

  it("puts derive.basePath in the document's servers (absent: no servers, the routes at the root)", async () => {
    const db = await dbOf("model Book {\n  id Int @id\n}");
    expect(at(deriveOpenApi({ db, options: { basePath: "/api/v1" } }).document, "servers")).toEqual([{ url: "/api/v1", description: "The base path of every route (the config's derive.basePath)." }]);
    expect(at(deriveOpenApi({ db }).document, "servers")).toBeUndefined();
  });

  it("pages by cursor with derive.pagination: cursor (the id; nested lists too), by offset for a model without a single id (VX608)", async () => {
    const db = await dbOf("model Author {\n  id String @id @default(uuid())\n  books Book[]\n}\nmodel Book {\n  id Int @id @default(autoincrement())\n  authorId String\n  author Author @relation(fields: [authorId], references: [id])\n  @@index([authorId])\n}\nmodel Pair {\n  a Int\n  b Int\n  @@id([a, b])\n}");
    const { document, diagnostics } = deriveOpenApi({ db, options: { pagination: "cursor" } });
    const names = (path: string) => (at(document, "paths", path, "get", "parameters") as { name?: string; $ref?: string }[]).map((p) => p.name ?? p.$ref);
    expect(names("/books")).toEqual(["#/components/parameters/Limit", "cursor", "id", "authorId", "sort"]);
    expect(names("/authors/{authorId}/books")).toEqual(["#/components/parameters/Limit", "cursor", "id", "sort"]);
    expect(names("/pairs")).toEqual(["#/components/parameters/Limit", "#/components/parameters/Offset", "a", "sort"]);
    expect((at(document, "paths", "/authors", "get", "parameters") as { name?: string; schema?: unknown }[]).find((p) => p.name === "cursor")?.schema).toEqual({ type: "string", format: "uuid" });
    expect(at(document, "components", "schemas", "BookPage")).toMatchObject({ required: ["items", "nextCursor"], properties: { nextCursor: { type: ["integer", "null"], format: "int32" } } });
    expect(at(document, "components", "schemas", "PairPage", "required")).toEqual(["items", "total", "limit", "offset"]);
    expect(diagnostics.filter((d) => d.code === "VX608").map((d) => d.message)).toEqual(["Pair has no single-field id the API shows (Int, BigInt or String): its lists page by limit and offset"]);

    // Read back with the schema, every list binds, and the cursor lists are planned with their cursor.
    const openapi = join(await mkdtemp(join(tmpdir(), "vx-derive-cursor-")), "api.yaml");
    await writeFile(openapi, yamlDocument(document));
    const { ir } = await buildIr({ openapi, prisma: db.file });
    const lists = (ir.api?.operations ?? []).filter((op) => op.method === "get" && !op.path.endsWith("}"));
    expect(lists.map((op) => [op.path, op.binding.kind === "bound" ? op.binding.action : op.binding.kind])).toEqual(expect.arrayContaining([["/books", "list"], ["/authors/{authorId}/books", "list"], ["/pairs", "list"]]));
  });

  it("never lets an update or a replace change the key: a client-chosen id or a compound key's columns are in the create only", async () => {
    const db = await dbOf("model Country {\n  code String @id\n  name String\n}\nmodel Member {\n  userId Int\n  groupId Int\n  note String?\n  @@id([userId, groupId])\n}\nmodel Book {\n  id Int @id @default(autoincrement())\n  title String\n}");
    const { document } = deriveOpenApi({ db });
    const schema = (name: string) => at(document, "components", "schemas", name) as { properties?: Record<string, unknown>; required?: string[] } | undefined;
    const body = (path: string, method: string) => at(document, "paths", path, method, "requestBody", "content", "application/json", "schema");
    expect(Object.keys(schema("CountryCreate")?.properties ?? {})).toEqual(["code", "name"]);
    expect(Object.keys(schema("CountryPatch")?.properties ?? {})).toEqual(["name"]);
    expect(schema("CountryReplace")).toMatchObject({ additionalProperties: false, required: ["name"], properties: { name: { type: "string" } } });
    expect(Object.keys(schema("CountryReplace")?.properties ?? {})).toEqual(["name"]);
    expect(body("/countries/{code}", "put")).toEqual({ $ref: "#/components/schemas/CountryReplace" });
    expect(Object.keys(schema("MemberPatch")?.properties ?? {})).toEqual(["note"]);
    expect(body("/members/{userId}/{groupId}", "put")).toEqual({ $ref: "#/components/schemas/MemberReplace" });
    // A key the database fills is in no body at all: the replace sends the create's body.
    expect(body("/books/{bookId}", "put")).toEqual({ $ref: "#/components/schemas/BookCreate" });
    expect(schema("BookReplace")).toBeUndefined();
  });

  it("gives names that do not collide with models and enums (a model named Error, or BookCreate)", async () => {
    const db = await dbOf(
      "model ErrorBody {\n  id Int @id\n}\nmodel Book {\n  id Int @id\n  t String\n}\nmodel BookCreate {\n  id Int @id\n}",
    );
    const { document } = deriveOpenApi({ db });
    const names = Object.keys(at(document, "components", "schemas") as object);
    expect(names).toEqual([...names].sort());
    expect(names).toContain("ErrorBody2");
    expect(names).toContain("BookCreate2");
    expect(at(document, "paths", "/books", "post", "requestBody", "content", "application/json", "schema")).toEqual({
      $ref: "#/components/schemas/BookCreate2",
    });
  });

  it("is deterministic, and its YAML reads back as the same value even with hostile doc comments", async () => {
    const hostile = 'x: "y"\\n- z # }{ ]] \\u2028 \\\\ `rm -rf` ${process.exit()} */ </script>';
    const db = await dbOf(`/// ${hostile}\nmodel M {\n  id Int @id\n  /// ${hostile}\n  f String\n}`);
    const first = deriveOpenApi({ db });
    expect(yamlDocument(deriveOpenApi({ db }).document)).toBe(yamlDocument(first.document));
    expect(parse(yamlDocument(first.document))).toEqual(first.document);
    expect(at(first.document, "components", "schemas", "M", "properties", "f", "description")).toBe(hostile);
  });
});

describe("isSecretFieldName", () => {
  it.each([
    ["password", true],
    ["passwordHash", true],
    ["refresh_token", true],
    ["clientSecret", true],
    ["apiKey", true],
    ["privateKey", true],
    ["tokenHash", true],
    ["token_type", false],
    ["accessTokenExpiresAt", false],
    ["apiKeyId", false],
    ["hash", false],
    ["keyboard", false],
  ])("%s -> %s", (name, secret) => expect(isSecretFieldName(name)).toBe(secret));
});

describe("vxDirectives", () => {
  it("reads @vx.hidden, @vx.readOnly and @vx.pii, reports unknown ones and keeps the rest as the description", () => {
    expect(vxDirectives("@vx.hidden")).toEqual({ hidden: true, readOnly: false, pii: false, unknown: [] });
    expect(vxDirectives("Home address. @vx.pii")).toEqual({ hidden: false, readOnly: false, pii: true, unknown: [], description: "Home address." });
    expect(vxDirectives("Price in cents.\n@vx.readOnly @vx.hiden")).toEqual({
      hidden: false,
      readOnly: true,
      pii: false,
      unknown: ["hiden"],
      description: "Price in cents.",
    });
    expect(vxDirectives(undefined)).toEqual({ hidden: false, readOnly: false, pii: false, unknown: [] });
    expect(vxDirectives("Shelf items.\n@vx.path shelf-items")).toEqual({
      hidden: false,
      readOnly: false,
      pii: false,
      unknown: [],
      path: "shelf-items",
      description: "Shelf items.",
    });
    expect(vxDirectives("@vx.path ../up")).toEqual({
      hidden: false,
      readOnly: false,
      pii: false,
      unknown: [],
      path: { invalid: "../up" },
    });
  });
});
