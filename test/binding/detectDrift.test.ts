import { describe, expect, it } from "vitest";
import { detectDrift } from "../../src/binding/detectDrift.js";
import type { ObjectProperty } from "../../src/ir/types.js";
import { apiModel, arraySchema, enumSchema, integerSchema, namedSchema, objectSchema, operation, property, refSchema, response, stringSchema } from "../../src/ir/factories/api.js";
import { dbEnum, dbModel, enumField, model, relationField, scalarField } from "../../src/ir/factories/db.js";

const db = dbModel({
  enums: [dbEnum({ name: "Status", values: ["DRAFT", "PUBLISHED"] })],
  models: [
    model({
      name: "Post",
      fields: [
        scalarField({ name: "id", type: "Int", isId: true }),
        enumField({ name: "status", type: "Status" }),
        scalarField({ name: "ownerId", type: "Int" }),
        relationField({ name: "owner", type: "User", fromFields: ["ownerId"], toFields: ["id"] }),
        relationField({ name: "tags", type: "Tag", isList: true }),
      ],
    }),
  ],
});

function driftOf(properties: ObjectProperty[]) {
  const api = apiModel({
    schemas: [namedSchema({ name: "Post", schema: objectSchema({ properties }) })],
    operations: [
      operation({
        path: "/posts/{id}",
        binding: { kind: "bound", model: "Post", action: "get", via: "heuristic", reason: "test", key: { parameter: "id", field: "id" } },
        responses: [response({ schema: refSchema({ name: "Post" }) })],
      }),
    ],
  });
  return detectDrift({ api, db }).map((d) => `${d.severity} ${d.code}`);
}

describe("detectDrift", () => {
  it("enum values that differ only in case are converted by the mapper: info, not a warning", () => {
    expect(driftOf([property({ name: "status", schema: enumSchema({ values: ["draft", "published"] }) })])).toEqual(["info VX305"]);
    expect(driftOf([property({ name: "status", schema: enumSchema({ values: ["draft", "archived"] }) })])).toEqual(["warning VX305"]);
  });

  it("relations exchanged as ids (`tagIds`, `ownerId`) have a column", () => {
    expect(driftOf([property({ name: "tagIds", schema: arraySchema({ items: integerSchema() }) }), property({ name: "ownerId", schema: integerSchema() })])).toEqual([]);
    expect(driftOf([property({ name: "tagId", schema: integerSchema() })])).toEqual(["warning VX307"]);
  });

  it("a string for an Int column is a type drift", () => {
    expect(driftOf([property({ name: "ownerId", schema: stringSchema() })])).toEqual(["warning VX302"]);
  });
});
