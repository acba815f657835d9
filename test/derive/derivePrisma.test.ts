import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { derivePrisma, type DerivePrismaResult } from "../../src/derive/derivePrisma.js";
import type { DerivedProvider } from "../../src/derive/PrismaSchemaPlan.js";
import type { DbModel, Model, ScalarField } from "../../src/ir/types.js";
import { readOpenApi } from "../../src/parsers/openapi/readOpenApi.js";
import { readPrisma } from "../../src/parsers/prisma/readPrisma.js";

/** Derives the schema of a YAML document and reads it back with Prisma's own parser (an error fails the test). */
async function derive(yaml: string, provider: DerivedProvider = "postgresql"): Promise<{ result: DerivePrismaResult; db: DbModel }> {
  const dir = await mkdtemp(join(tmpdir(), "vx-derive-prisma-"));
  const file = join(dir, "api.yaml");
  await writeFile(file, yaml);
  const read = await readOpenApi({ file, allowRemoteRefs: false, locateInfo: false });
  if (!read.api) throw new Error(read.diagnostics.map((d) => d.message).join("; "));
  const result = derivePrisma({ api: read.api, sources: read.sources, provider, file });
  const back = await readPrisma({ path: join(dir, "schema.prisma"), text: result.text });
  expect(back.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  if (!back.db) throw new Error("no db");
  return { result, db: back.db };
}

const model = (db: DbModel, name: string): Model => {
  const found = db.models.find((m) => m.name === name);
  if (!found) throw new Error(`no model ${name} in ${db.models.map((m) => m.name).join(", ")}`);
  return found;
};
const field = (m: Model, name: string) => {
  const found = m.fields.find((f) => f.name === name);
  if (!found) throw new Error(`no field ${m.name}.${name}`);
  return found;
};
const scalar = (m: Model, name: string) => field(m, name) as ScalarField;

/** A CRUD collection `/plural` + `/plural/{param}` exchanging `schema`. */
const crud = ({ plural, schema, param, paramSchema = "{ type: integer }" }: { plural: string; schema: string; param: string; paramSchema?: string }) => `
  /${plural}:
    get:
      responses:
        "200": { description: ok, content: { application/json: { schema: { type: array, items: { $ref: "#/components/schemas/${schema}" } } } } }
    post:
      requestBody: { content: { application/json: { schema: { $ref: "#/components/schemas/${schema}" } } } }
      responses:
        "201": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/${schema}" } } } }
  /${plural}/{${param}}:
    parameters: [{ name: ${param}, in: path, required: true, schema: ${paramSchema} }]
    get:
      responses:
        "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/${schema}" } } } }
    delete:
      responses: { "204": { description: gone } }`;

const doc = ({ paths, schemas }: { paths: string; schemas: string }) => `openapi: 3.1.0\ninfo: { title: t, version: "1" }\npaths:${paths}\ncomponents:\n  schemas:\n${schemas}\n`;

const thing = `    Thing:
      type: object
      required: [id, name, at, day, ref, small, big, price, ratio, flag, state, createdAt, updatedAt, count]
      properties:
        id: { type: integer, readOnly: true }
        name: { type: string, format: email, maxLength: 120 }
        at: { type: string, format: date-time }
        day: { type: string, format: date }
        ref: { type: string, format: uuid }
        small: { type: integer, format: int32 }
        big: { type: integer, format: int64 }
        price: { type: number, multipleOf: 0.01 }
        ratio: { type: number }
        flag: { type: boolean, default: true }
        state: { type: string, enum: [new, in-progress, "2x"], default: in-progress }
        note: { type: [string, "null"] }
        label: { type: string, default: "say \\"hi\\"\\nthere" }
        meta: { type: object, additionalProperties: true }
        tags: { type: array, items: { type: string } }
        createdAt: { type: string, format: date-time, readOnly: true }
        updatedAt: { type: string, format: date-time, readOnly: true }
        count: { type: integer, readOnly: true }`;

describe("derivePrisma: columns", () => {
  it("maps types and formats, native types where the provider has them, required and nullable", async () => {
    const { db, result } = await derive(doc({ paths: crud({ plural: "things", schema: "Thing", param: "thingId" }), schemas: thing }));
    const t = model(db, "Thing");
    expect(scalar(t, "id")).toMatchObject({ type: "Int", isId: true, default: { kind: "autoincrement" } });
    expect(scalar(t, "name")).toMatchObject({ type: "String", isRequired: true, nativeType: { name: "VarChar", args: ["120"] } });
    expect(scalar(t, "at")).toMatchObject({ type: "DateTime" });
    expect(scalar(t, "day")).toMatchObject({ type: "DateTime", nativeType: { name: "Date" } });
    expect(scalar(t, "ref")).toMatchObject({ type: "String", nativeType: { name: "Uuid" } });
    expect(scalar(t, "small").type).toBe("Int");
    expect(scalar(t, "big").type).toBe("BigInt");
    expect(scalar(t, "price")).toMatchObject({ type: "Decimal", nativeType: { name: "Decimal", args: ["12", "2"] } });
    expect(scalar(t, "ratio").type).toBe("Float");
    expect(scalar(t, "flag")).toMatchObject({ type: "Boolean", default: { kind: "literal", value: true } });
    expect(scalar(t, "note")).toMatchObject({ type: "String", isRequired: false });
    expect(scalar(t, "meta")).toMatchObject({ type: "Json", isRequired: false });
    expect(scalar(t, "tags")).toMatchObject({ type: "String", isList: true });
    expect(scalar(t, "updatedAt").isUpdatedAt).toBe(true);
    expect(scalar(t, "createdAt").default).toMatchObject({ kind: "now" });
    expect(scalar(t, "count").default).toMatchObject({ kind: "literal", value: 0 });
    // Guesses are said where they are made.
    expect(result.text).toContain("/// vx-gen guessed: readOnly and required in the API: the database fills it (the time of creation)\n  createdAt");
    expect(result.text).toContain("/// vx-gen guessed: an object in the API, stored as Json\n  meta");
  });

  it("keeps the spec's strings inside Prisma string literals: quotes and line breaks escaped", async () => {
    const { db, result } = await derive(doc({ paths: crud({ plural: "things", schema: "Thing", param: "thingId" }), schemas: thing }));
    expect(result.text).toMatch(/\n {2}label +String\? +@default\("say \\"hi\\"\\nthere"\)\n/);
    expect(scalar(model(db, "Thing"), "label").default).toMatchObject({ kind: "literal", value: 'say "hi"\nthere' });
  });

  it("turns string enums into Prisma enums, renaming values that are not identifiers with @map", async () => {
    const { db } = await derive(doc({ paths: crud({ plural: "things", schema: "Thing", param: "thingId" }), schemas: thing }));
    expect(db.enums.map((e) => ({ name: e.name, values: e.values }))).toEqual([
      { name: "ThingState", values: [{ name: "new", dbName: "new" }, { name: "in_progress", dbName: "in-progress" }, { name: "V_2x", dbName: "2x" }] },
    ]);
    expect(field(model(db, "Thing"), "state")).toMatchObject({ kind: "enum", type: "ThingState", default: { kind: "literal", value: "in_progress" } });
  });

  it("uses no native types on SQLite, and keeps scalar lists as Json there (with a note)", async () => {
    const { db, result } = await derive(doc({ paths: crud({ plural: "things", schema: "Thing", param: "thingId" }), schemas: thing }), "sqlite");
    const t = model(db, "Thing");
    expect(t.fields.filter((f) => f.kind === "scalar" && f.nativeType !== undefined)).toEqual([]);
    expect(scalar(t, "tags")).toMatchObject({ type: "Json", isList: false });
    expect(result.text).toContain("a list of String, kept as Json (sqlite has no scalar lists)");
  });
});

const people = `    User:
      type: object
      required: [id, username]
      properties:
        id: { type: string, format: uuid, readOnly: true }
        username: { type: string }
        email: { type: string, x-vx-unique: true }
    Post:
      type: object
      required: [id, title, userId]
      properties:
        id: { type: integer, readOnly: true }
        title: { type: string }
        userId: { type: string, format: uuid }
        editor: { $ref: "#/components/schemas/User" }
        labelIds: { type: array, items: { type: integer } }
        topics: { type: array, items: { $ref: "#/components/schemas/Topic" } }
    Label:
      type: object
      properties:
        id: { type: integer }
        text: { type: string }
    Topic:
      type: object
      properties:
        name: { type: string }`;

const peoplePaths = crud({ plural: "users", schema: "User", param: "username", paramSchema: "{ type: string }" }) + crud({ plural: "posts", schema: "Post", param: "postId" }) + crud({ plural: "labels", schema: "Label", param: "id" });

describe("derivePrisma: keys and relations", () => {
  it("types ids from path parameters and makes non-id path keys and x-vx-unique unique", async () => {
    const { db } = await derive(doc({ paths: peoplePaths, schemas: people }));
    const user = model(db, "User");
    expect(scalar(user, "id")).toMatchObject({ type: "String", isId: true, default: { kind: "uuid" } });
    expect(scalar(user, "username").isUnique).toBe(true);
    expect(scalar(user, "email").isUnique).toBe(true);
    expect(scalar(model(db, "Post"), "id")).toMatchObject({ type: "Int", default: { kind: "autoincrement" } });
  });

  it("relates xxxId, nested $ref, id lists and lists of objects, with back-relations (named when two link the same models)", async () => {
    const { db, result } = await derive(doc({ paths: peoplePaths, schemas: people }));
    const post = model(db, "Post");
    expect(field(post, "user")).toMatchObject({ kind: "relation", type: "User", fromFields: ["userId"], toFields: ["id"], isRequired: true });
    expect(scalar(post, "userId").nativeType).toMatchObject({ name: "Uuid" });
    expect(field(post, "editor")).toMatchObject({ kind: "relation", type: "User", fromFields: ["editorId"], isRequired: false });
    expect(field(post, "labels")).toMatchObject({ kind: "relation", type: "Label", isList: true });
    expect(field(post, "topics")).toMatchObject({ kind: "relation", type: "Topic", isList: true });
    const user = model(db, "User");
    expect(user.fields.filter((f) => f.kind === "relation").map((f) => [f.name, f.type, f.isList])).toEqual([
      ["posts", "Post", true],
      ["posts2", "Post", true],
    ]);
    expect(field(model(db, "Label"), "posts")).toMatchObject({ kind: "relation", isList: true });
    // Topic is nested only, with no id in the API: a model with a surrogate key, saying so.
    expect(scalar(model(db, "Topic"), "id")).toMatchObject({ isId: true, default: { kind: "autoincrement" } });
    expect(result.text).toContain("/// vx-gen guessed: the API shows no id: a surrogate key the API does not expose");
    expect(result.relations).toBe(4);
    expect(db.relations.map((r) => r.type).sort()).toEqual(["1-n", "1-n", "m-n", "m-n"]);
  });

  it("gives the accounts' user model (x-vx-auth: user) a unique identifier and a password hash column", async () => {
    const { db } = await derive(doc({ paths: crud({ plural: "members", schema: "Member", param: "memberId" }), schemas: "    Member:\n      type: object\n      x-vx-auth: user\n      required: [id, email]\n      properties:\n        id: { type: integer, readOnly: true }\n        email: { type: string, format: email }" }));
    const member = model(db, "Member");
    expect(scalar(member, "email").isUnique).toBe(true);
    expect(scalar(member, "passwordHash")).toMatchObject({ type: "String", default: { kind: "literal", value: "" } });
  });
});

describe("derivePrisma: creates", () => {
  it("gives a required column a create body may leave out a default (enum: its first value), and says so", async () => {
    const schemas = `    Task:\n      type: object\n      required: [id, state, done, title]\n      properties:\n        id: { type: integer, readOnly: true }\n        state: { type: string, enum: [open, closed] }\n        done: { type: boolean }\n        title: { type: string }\n    NewTask:\n      type: object\n      required: [title]\n      properties:\n        state: { type: string, enum: [open, closed] }\n        done: { type: boolean }\n        title: { type: string }`;
    const paths = crud({ plural: "tasks", schema: "Task", param: "taskId" }).replace('requestBody: { content: { application/json: { schema: { $ref: "#/components/schemas/Task" } } } }', 'requestBody: { content: { application/json: { schema: { $ref: "#/components/schemas/NewTask" } } } }');
    const { db, result } = await derive(doc({ paths, schemas }));
    const task = model(db, "Task");
    expect(field(task, "state")).toMatchObject({ default: { kind: "literal", value: "open" } });
    expect(scalar(task, "done").default).toMatchObject({ kind: "literal", value: false });
    // A String is left required: no default would mean anything.
    expect(scalar(task, "title").default).toBeUndefined();
    expect(result.text).toContain("/// vx-gen guessed: NewTask creates without it: a default (open) so that such a create is stored");
  });
});

describe("derivePrisma: names and determinism", () => {
  it("names models through the naming resolver: affixes stripped when the path says so, clashes suffixed (VX401)", async () => {
    const schemas = `    BookResponse:\n      type: object\n      properties:\n        id: { type: integer }\n    book_response:\n      type: object\n      properties:\n        id: { type: integer }`;
    const paths = crud({ plural: "books", schema: "BookResponse", param: "bookId" }) + crud({ plural: "others", schema: "book_response", param: "id" });
    const { result } = await derive(doc({ paths, schemas }));
    expect(result.plan.models.map((m) => [m.schema, m.name])).toEqual([
      ["BookResponse", "Book"],
      ["book_response", "BookResponse"],
    ]);
  });

  it("writes the same schema whatever the order of paths and schemas", async () => {
    const paths = [crud({ plural: "posts", schema: "Post", param: "postId" }), crud({ plural: "labels", schema: "Label", param: "id" }), crud({ plural: "users", schema: "User", param: "username", paramSchema: "{ type: string }" })];
    const blocks = people.split(/\n(?= {4}\w+:\n)/);
    const first = await derive(doc({ paths: paths.join(""), schemas: blocks.join("\n") }));
    const second = await derive(doc({ paths: [...paths].reverse().join(""), schemas: [...blocks].reverse().join("\n") }));
    expect(second.result.text).toBe(first.result.text);
  });

  it("makes a model of a resource written inline, named after its collection (`/widgets` -> Widget)", async () => {
    const inline = "{ type: object, required: [id, size], properties: { id: { type: integer }, size: { type: number } } }";
    const paths = crud({ plural: "widgets", schema: "X", param: "widgetId" }).replace(/\{ \$ref: "#\/components\/schemas\/X" \}/g, inline);
    const { db } = await derive(`openapi: 3.1.0\ninfo: { title: t, version: "1" }\npaths:${paths}\n`);
    expect(db.models.map((m) => [m.name, m.fields.map((f) => f.name)])).toEqual([["Widget", ["id", "size"]]]);
    expect(scalar(model(db, "Widget"), "id")).toMatchObject({ isId: true, default: { kind: "autoincrement" } });
  });

  it("says when a document has no CRUD-shaped collection (VX622) and still writes a valid schema", async () => {
    const { result, db } = await derive("openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths:\n  /ping:\n    get:\n      responses: { '200': { description: ok } }\n");
    expect(db.models).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["VX622", "VX620"]);
  });
});
