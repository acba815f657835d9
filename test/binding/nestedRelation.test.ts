import { describe, expect, it } from "vitest";
import { nestedRelation } from "../../src/binding/nestedRelation.js";
import { detectDrift } from "../../src/binding/detectDrift.js";
import { describeNested } from "../../src/binding/describeNested.js";
import type { Model, NamedSchema, ObjectProperty, SchemaNode } from "../../src/ir/types.js";
import { apiModel, arraySchema, integerSchema, namedSchema, nullSchema, objectSchema, operation, property, refSchema, requestBody, response, stringSchema, unionSchema } from "../../src/ir/factories/api.js";
import { dbModel, model, relationField, scalarField } from "../../src/ir/factories/db.js";

// A book with a required author, an optional editor and reviewer (both users), tags (to-many) and a `title` column.
const author = model({ name: "Author", fields: [scalarField({ name: "id", type: "Int", isId: true }), scalarField({ name: "name", type: "String" })] });
const user = model({ name: "User", fields: [scalarField({ name: "id", type: "Int", isId: true }), scalarField({ name: "email", type: "String" })] });
const tag = model({ name: "Tag", fields: [scalarField({ name: "id", type: "Int", isId: true })] });
const book = model({
  name: "Book",
  fields: [
    scalarField({ name: "id", type: "Int", isId: true, default: { kind: "autoincrement" } }),
    scalarField({ name: "title", type: "String" }),
    scalarField({ name: "authorId", type: "Int" }),
    relationField({ name: "author", type: "Author", fromFields: ["authorId"], toFields: ["id"] }),
    scalarField({ name: "editorId", type: "Int", isRequired: false }),
    relationField({ name: "editor", type: "User", isRequired: false, relationName: "Editor", fromFields: ["editorId"], toFields: ["id"] }),
    scalarField({ name: "reviewerId", type: "Int", isRequired: false }),
    relationField({ name: "reviewer", type: "User", isRequired: false, relationName: "Reviewer", fromFields: ["reviewerId"], toFields: ["id"] }),
    relationField({ name: "tags", type: "Tag", isList: true }),
  ],
});
const models = new Map<string, Model>([author, user, tag, book].map((m) => [m.name, m]));
const summary = objectSchema({ properties: [property({ name: "id", required: true, schema: integerSchema() }), property({ name: "name", schema: stringSchema() })] });
const schemas = new Map<string, NamedSchema>([
  ["AuthorSummary", namedSchema({ name: "AuthorSummary", schema: summary })],
  ["Author", namedSchema({ name: "Author", schema: summary })],
  ["User", namedSchema({ name: "User", schema: objectSchema({ properties: [property({ name: "id", schema: integerSchema() })] }) })],
  ["Writer", namedSchema({ name: "Writer", schema: summary, modelHint: "Author" })],
  ["Person", namedSchema({ name: "Person", schema: summary, modelHint: "User" })],
]);

function nested(name: string, schema: SchemaNode): string | undefined {
  const result = nestedRelation({ model: book, property: property({ name, schema }), models, schemas });
  if (result === undefined) return undefined;
  return result.ok ? `${result.relation.name} (${result.via}${result.nullable ? ", nullable" : ""})` : `${result.code}: ${result.problem}`;
}

describe("nestedRelation", () => {
  it("recognises an object named after a to-one relation, inline or by $ref, and a nullable one", () => {
    expect(nested("author", refSchema({ name: "AuthorSummary" }))).toBe("author (name)");
    expect(nested("author", summary)).toBe("author (name)");
    expect(nested("editor", unionSchema({ members: [refSchema({ name: "User" }), nullSchema()] }))).toBe("editor (name, nullable)");
    expect(nested("editor", objectSchema({ nullable: true, properties: summary.properties }))).toBe("editor (name, nullable)");
  });

  it("recognises an object by its schema when the relation is the only one to that model (x-vx-model or the schema's name)", () => {
    expect(nested("writtenBy", refSchema({ name: "Author" }))).toBe("author (schema)");
    expect(nested("writtenBy", refSchema({ name: "Writer" }))).toBe("author (schema)");
    expect(nested("writtenBy", objectSchema({ modelHint: "Author", properties: summary.properties }))).toBe("author (schema)");
  });

  it("is not a nested record: a column, a to-many relation, a non-object, an empty object, or no related model", () => {
    expect(nested("title", summary)).toBeUndefined();
    expect(nested("tags", arraySchema({ items: refSchema({ name: "Author" }) }))).toBeUndefined();
    expect(nested("author", integerSchema())).toBeUndefined();
    expect(nested("author", objectSchema())).toBeUndefined();
    expect(nested("publisher", refSchema({ name: "AuthorSummary" }))).toBeUndefined();
  });

  it("two to-one relations to the model and a name matching neither: VX324, not a guess", () => {
    expect(nested("owner", refSchema({ name: "User" }))).toBe(
      "VX324: property 'owner' is a User but model Book has several to-one relations to User (editor, reviewer) and the property's name matches none",
    );
    expect(nested("reviewer", refSchema({ name: "User" }))).toBe("reviewer (name)");
  });

  it("an x-vx-model the relation is not, or no relation to it: VX325", () => {
    expect(nested("author", refSchema({ name: "Person" }))).toBe("VX325: property 'author' stands for Book.author (a Author) but its schema says x-vx-model: User");
    const lone = model({ name: "Lone", fields: [scalarField({ name: "id", type: "Int", isId: true })] });
    expect(nestedRelation({ model: lone, property: property({ name: "writer", schema: refSchema({ name: "Writer" }) }), models, schemas })).toMatchObject({ ok: false, code: "VX325" });
  });
});

describe("detectDrift and inspect with nested records", () => {
  const at = (pointer: string) => ({ source: { kind: "openapi" as const, file: "api.yaml", pointer } });
  function bound({ responseProps, requestProps }: { responseProps: ObjectProperty[]; requestProps?: ObjectProperty[] }) {
    return apiModel({
      schemas: [
        ...schemas.values(),
        namedSchema({ name: "Book", schema: objectSchema({ properties: responseProps }) }),
        namedSchema({ name: "BookInput", schema: objectSchema({ properties: requestProps ?? [] }) }),
      ],
      operations: [
        operation({
          operationId: "createBook",
          path: "/books",
          method: "post",
          binding: { kind: "bound", model: "Book", action: "create", via: "heuristic", reason: "test" },
          ...(requestProps ? { requestBody: requestBody({ schema: refSchema({ name: "BookInput" }) }) } : {}),
          responses: [response({ status: "201", schema: refSchema({ name: "Book" }) })],
        }),
      ],
    });
  }
  const db = dbModel({ models: [...models.values()] });
  const driftOf = (input: Parameters<typeof bound>[0]) => detectDrift({ api: bound(input), db }).map((d) => `${d.code} ${d.location?.pointer ?? ""}: ${d.message}`);
  const title = property({ name: "title", required: true, schema: stringSchema() });

  it("checks the nested object's properties against the related model's columns (VX307 inside), no VX307 for the object", () => {
    const inner = objectSchema({ ...at("/Book/author"), properties: [property({ name: "id", required: true, schema: integerSchema() }), property({ name: "nickname", schema: stringSchema(at("/Book/author/nickname")) })] });
    expect(driftOf({ responseProps: [title, property({ name: "author", required: true, schema: inner })] })).toEqual(["VX307 /Book/author/nickname: property 'nickname' has no column in model Author"]);
  });

  it("a required, non-nullable object for an optional relation cannot be answered (VX303); nullable or optional is fine", () => {
    const editor = (schema: SchemaNode, required: boolean) => property({ name: "editor", required, schema });
    expect(driftOf({ responseProps: [editor(refSchema({ name: "User", ...at("/Book/editor") }), true)] })).toEqual([
      "VX303 /Book/editor: Book.editor is optional but the required property 'editor' is not nullable; a Book without one cannot be returned",
    ]);
    expect(driftOf({ responseProps: [editor(refSchema({ name: "User" }), false)] })).toEqual([]);
    expect(driftOf({ responseProps: [editor(unionSchema({ members: [refSchema({ name: "User" }), nullSchema()] }), true)] })).toEqual([]);
  });

  it("a request object connects by the referenced key: the key is not database-filled drift, a missing key is VX326, and it supplies the foreign key (no VX306)", () => {
    const byKey = property({ name: "author", required: true, schema: objectSchema({ properties: [property({ name: "id", required: true, schema: integerSchema() })] }) });
    expect(driftOf({ responseProps: [title], requestProps: [title, byKey] })).toEqual([]);
    // Recognised by its schema (x-vx-model Author), under another name: it still supplies Book.authorId.
    const writer = property({ name: "writer", required: true, schema: objectSchema({ modelHint: "Author", properties: [property({ name: "id", required: true, schema: integerSchema() })] }) });
    expect(driftOf({ responseProps: [title], requestProps: [title, writer] })).toEqual([]);
    const noKey = property({ name: "author", required: true, schema: objectSchema({ ...at("/BookInput/author"), properties: [property({ name: "name", schema: stringSchema() })] }) });
    expect(driftOf({ responseProps: [title], requestProps: [title, noKey] })).toEqual([
      "VX326 /BookInput/author: request property 'author' stands for Book.author but has no required, writable 'id' (the Author key the relation references) to connect by; it is not written",
    ]);
  });

  it("a key the client cannot send (readOnly, or optional) connects nothing (VX326)", () => {
    const key = (schema: SchemaNode, required: boolean) => property({ name: "author", required: true, schema: objectSchema({ ...at("/BookInput/author"), properties: [property({ name: "id", required, schema })] }) });
    for (const author of [key(integerSchema({ readOnly: true }), true), key(integerSchema(), false)]) {
      expect(driftOf({ responseProps: [title], requestProps: [title, author] }).map((d) => d.slice(0, 24))).toEqual(["VX326 /BookInput/author:"]);
    }
  });

  it("the ambiguous object is reported where it is (VX324)", () => {
    expect(driftOf({ responseProps: [title, property({ name: "owner", schema: refSchema({ name: "User", ...at("/Book/owner") }) })] })).toEqual([
      "VX324 /Book/owner: property 'owner' is a User but model Book has several to-one relations to User (editor, reviewer) and the property's name matches none",
    ]);
  });

  it("inspect names the relation, the related model and the columns the nested shape shows, and what it does not map", () => {
    const editor = objectSchema({ properties: [property({ name: "email", schema: stringSchema() }), property({ name: "country", schema: objectSchema({ properties: [property({ name: "code", schema: stringSchema() })] }) })] });
    const api = bound({ responseProps: [title, property({ name: "author", schema: refSchema({ name: "AuthorSummary" }) }), property({ name: "writer", schema: refSchema({ name: "Writer" }) }), property({ name: "editor", schema: editor })] });
    const op = api.operations[0];
    if (!op) throw new Error("no operation");
    expect(describeNested({ op, schemas: new Map(api.schemas.map((s) => [s.name, s])), db })).toEqual([
      "nested: author = Book.author (Author: id, name)",
      "nested: writer = Book.author (Author: id, name) (by schema)",
      "nested: editor = Book.editor (User: email; not mapped: country)",
    ]);
  });
});
