import { describe, expect, it } from "vitest";
import { countedRelation } from "../../src/binding/countedRelation.js";
import { detectDrift } from "../../src/binding/detectDrift.js";
import type { ObjectProperty, SchemaNode } from "../../src/ir/types.js";
import { apiModel, integerSchema, namedSchema, numberSchema, objectSchema, operation, property, refSchema, requestBody, response, stringSchema } from "../../src/ir/factories/api.js";
import { dbModel, model, relationField, scalarField } from "../../src/ir/factories/db.js";

// An article with comments, the users who favourited it, one author (to-one) and a stored `viewCount` column.
const article = model({
  name: "Article",
  fields: [
    scalarField({ name: "id", type: "Int", isId: true }),
    scalarField({ name: "viewCount", type: "Int" }),
    scalarField({ name: "authorId", type: "Int" }),
    relationField({ name: "author", type: "User", fromFields: ["authorId"], toFields: ["id"] }),
    relationField({ name: "comments", type: "Comment", isList: true }),
    relationField({ name: "favoritedBy", type: "User", isList: true, relationName: "Favorites" }),
  ],
});
const schemas = new Map();

function counted(name: string, schema: SchemaNode = integerSchema()): string | undefined {
  const result = countedRelation({ model: article, property: property({ name, schema }), schemas });
  if (result === undefined) return undefined;
  return result.ok ? `${result.relation.name} (${result.via})` : `problem: ${result.problem}`;
}

describe("countedRelation", () => {
  it.each([
    ["commentsCount", "comments (name)"],
    ["comments_count", "comments (name)"],
    ["commentCount", "comments (name)"],
    ["CommentsCount", "comments (name)"],
    ["numberOfComments", "comments (name)"],
    ["favoritedByCount", "favoritedBy (name)"],
  ])("recognises %s as a count of a to-many relation", (name, expected) => {
    expect(counted(name)).toBe(expected);
    expect(counted(name, numberSchema())).toBe(expected);
  });

  it.each([
    ["fooCount", "no relation of that name"],
    ["favoritesCount", "favoritedBy is not named favorites: not guessed"],
    ["authorCount", "author is a to-one relation"],
    ["viewCount", "a stored column wins"],
    ["comments", "no count suffix"],
    ["count", "no relation before the suffix"],
  ])("refuses %s (%s)", (name) => {
    expect(counted(name)).toBeUndefined();
  });

  it("a count is a number: a string commentsCount is not one", () => {
    expect(counted("commentsCount", stringSchema())).toBeUndefined();
  });

  it("is not guessed when two to-many relations match", () => {
    const twice = model({ name: "Team", fields: [relationField({ name: "members", type: "User", isList: true }), relationField({ name: "member", type: "Guest", isList: true })] });
    expect(countedRelation({ model: twice, property: property({ name: "memberCount", schema: integerSchema() }), schemas })).toBeUndefined();
  });

  it("x-vx-computed names the relation, whatever the property is called", () => {
    expect(counted("favoritesCount", integerSchema({ computed: { count: "favoritedBy" } }))).toBe("favoritedBy (extension)");
    expect(counted("likes", integerSchema({ computed: { count: "favoritedBy" } }))).toBe("favoritedBy (extension)");
  });

  it("x-vx-computed naming no to-many relation, or on a non-number, is a problem to report", () => {
    expect(counted("favoritesCount", integerSchema({ computed: { count: "favorites" } }))).toBe(
      "problem: x-vx-computed of 'favoritesCount' counts 'favorites', which is not a to-many relation of model Article (its to-many relations are comments, favoritedBy)",
    );
    expect(counted("authorCount", integerSchema({ computed: { count: "author" } }))).toMatch(/^problem: .*'author', which is not a to-many relation/);
    expect(counted("commentsCount", stringSchema({ computed: { count: "comments" } }))).toMatch(/^problem: 'commentsCount' counts Article.comments \(x-vx-computed\) but is not an integer or number property$/);
  });
});

describe("detectDrift and computed counts", () => {
  function driftOf({ response: responseProps, request: requestProps = [] }: { response: ObjectProperty[]; request?: ObjectProperty[] }) {
    const api = apiModel({
      schemas: [
        namedSchema({ name: "Article", schema: objectSchema({ properties: responseProps }) }),
        namedSchema({ name: "ArticleInput", schema: objectSchema({ properties: requestProps }) }),
      ],
      operations: [
        operation({
          path: "/articles/{id}",
          method: "put",
          binding: { kind: "bound", model: "Article", action: "replace", via: "heuristic", reason: "test", key: { parameter: "id", field: "id" } },
          requestBody: requestBody({ schema: refSchema({ name: "ArticleInput" }) }),
          responses: [response({ schema: refSchema({ name: "Article" }) })],
        }),
      ],
    });
    return detectDrift({ api, db: dbModel({ models: [article] }) }).map((d) => `${d.severity} ${d.code} ${d.location?.pointer ?? ""}`);
  }

  it("a recognised count has no column and needs none: no VX307, in a response or a request body", () => {
    const count = property({ name: "commentsCount", required: true, schema: integerSchema({ readOnly: true }) });
    expect(driftOf({ response: [count], request: [count] })).toEqual([]);
  });

  it("a `fooCount` counting nothing stays a property with no column (VX307), nothing invented", () => {
    expect(driftOf({ response: [property({ name: "fooCount", schema: integerSchema({ source: { kind: "openapi", file: "api.yaml", pointer: "/foo" } }) })] })).toEqual(["warning VX307 /foo"]);
  });

  it("an x-vx-computed naming no to-many relation is an error at the property (VX316)", () => {
    const source = { kind: "openapi" as const, file: "api.yaml", pointer: "/components/schemas/Article/properties/favoritesCount" };
    expect(driftOf({ response: [property({ name: "favoritesCount", schema: integerSchema({ computed: { count: "favorites" }, source }) })] })).toEqual([`error VX316 ${source.pointer}`]);
  });
});
