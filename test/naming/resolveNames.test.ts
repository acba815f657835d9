import { describe, expect, it } from "vitest";
import { resolveNames } from "../../src/naming/resolveNames.js";
import { apiModel, namedSchema, objectSchema, operation, stringSchema } from "../../src/ir/factories/api.js";
import { dbEnum, dbModel, model } from "../../src/ir/factories/db.js";

const schemasNamed = (...names: string[]) => names.map((name) => namedSchema({ name, schema: objectSchema() }));

describe("resolveNames", () => {
  it.each([
    ["Pet", "Pet"],
    ["pet_item", "PetItem"],
    ["v1.Order-Line", "V1OrderLine"],
    ["200-response", "_200Response"],
    ["Error", "ErrorSchema"],
    ["Date", "DateSchema"],
  ])("schema %j is typed %s", (name, type) => {
    const { names } = resolveNames({ api: apiModel({ schemas: schemasNamed(name) }), db: null });
    expect(names.schemaType(name)).toBe(type);
  });

  it("settles collisions after case conversion by sorted original name, whatever the input order", () => {
    const forward = resolveNames({ api: apiModel({ schemas: schemasNamed("PetItem", "pet_item", "pet-item") }), db: null });
    const backward = resolveNames({ api: apiModel({ schemas: schemasNamed("pet-item", "pet_item", "PetItem") }), db: null });
    for (const { names } of [forward, backward]) {
      expect(["PetItem", "pet-item", "pet_item"].map((n) => names.schemaType(n))).toEqual(["PetItem", "PetItem2", "PetItem3"]);
    }
    expect(forward.diagnostics.map((d) => d.code)).toEqual(["VX400", "VX401", "VX401"]); // `pet-item` is no identifier
    expect(forward.diagnostics).toEqual(backward.diagnostics);
  });

  it("never hands out a suffixed name another schema already has", () => {
    const { names } = resolveNames({ api: apiModel({ schemas: schemasNamed("Pet2", "Pet", "pet") }), db: null });
    expect([names.schemaType("Pet"), names.schemaType("Pet2"), names.schemaType("pet")]).toEqual(["Pet", "Pet2", "Pet3"]);
  });

  it("names operations: handler, type prefix and file, avoiding reserved words and schema-type clashes", () => {
    const api = apiModel({
      schemas: [namedSchema({ name: "ListPetsResponse", schema: stringSchema() })],
      operations: [
        operation({ operationId: "listPets", path: "/pets" }),
        operation({ operationId: "delete", method: "delete", path: "/x" }),
        operation({ operationId: "get-pet.by_id", path: "/pets/{id}" }),
      ],
    });
    const { names, diagnostics } = resolveNames({ api, db: null });
    expect(names.operation("listPets")).toEqual({ handler: "listPets", type: "ListPetsOperation", file: "list-pets" });
    expect(names.operation("delete")).toEqual({ handler: "deleteOp", type: "Delete", file: "delete" });
    expect(names.operation("get-pet.by_id")).toEqual({ handler: "getPetById", type: "GetPetById", file: "get-pet-by-id" });
    expect(diagnostics.map((d) => d.code)).toEqual(["VX400"]);
  });

  it("names models after Prisma Client's delegates, with plurals and kebab-case files", () => {
    const db = dbModel({ models: [model({ name: "BookAuthor" }), model({ name: "Category" }), model({ name: "person" })], enums: [dbEnum({ name: "order_status", values: ["A"] })] });
    const { names } = resolveNames({ api: null, db });
    expect(names.model("BookAuthor")).toEqual({ type: "BookAuthor", variable: "bookAuthor", plural: "bookAuthors", file: "book-author" });
    expect(names.model("Category").plural).toBe("categories");
    expect(names.model("person")).toEqual({ type: "Person", variable: "person", plural: "people", file: "person" });
    expect(names.enumType("order_status")).toBe("OrderStatus");
  });

  it("throws for a name that was never resolved (a generator bug, not user input)", () => {
    const { names } = resolveNames({ api: apiModel(), db: null });
    expect(() => names.schemaType("Nope")).toThrow(/no schema named 'Nope'/);
  });
});
