import { describe, expect, it } from "vitest";
import { bindOperations } from "../../src/binding/bindOperations.js";
import type { Binding, Operation } from "../../src/ir/types.js";
import { apiModel, arraySchema, integerSchema, namedSchema, objectSchema, operation, parameter, property, refSchema, requestBody, response, stringSchema } from "../../src/ir/factories/api.js";
import { dbModel, model, relationField, scalarField, view } from "../../src/ir/factories/db.js";

const db = dbModel({
  models: [
    model({ name: "BookAuthor", fields: [scalarField({ name: "id", type: "Int", isId: true })] }),
    model({ name: "Pet", fields: [scalarField({ name: "uuid", isId: true }), scalarField({ name: "name" })] }),
    model({ name: "User", dbName: "accounts", fields: [scalarField({ name: "id", isId: true }), scalarField({ name: "email", isUnique: true })] }),
    model({
      name: "Order",
      fields: [scalarField({ name: "id", type: "Int", isId: true }), scalarField({ name: "userId" }), relationField({ name: "user", type: "User", fromFields: ["userId"], toFields: ["id"] })],
    }),
    model({ name: "Ledger", fields: [scalarField({ name: "a" }), scalarField({ name: "b" })], primaryKey: { fields: ["a", "b"] } }),
  ],
  views: [view({ name: "Revenue", fields: [scalarField({ name: "month", isUnique: true })] })],
});

const schemas = [
  namedSchema({ name: "Pet", schema: objectSchema({ properties: [property({ name: "name", schema: stringSchema() })] }) }),
  namedSchema({ name: "NewPet", schema: objectSchema({ properties: [property({ name: "name", schema: stringSchema() })] }) }),
  namedSchema({ name: "CreateUserInput", schema: objectSchema() }),
  namedSchema({ name: "PetStats", schema: objectSchema({ properties: [property({ name: "count", schema: integerSchema() })] }) }),
];

const json = (name: string) => refSchema({ name });
function bind(op: Operation): Binding {
  const { api } = bindOperations({ api: apiModel({ schemas, operations: [op] }), db });
  const [bound] = api.operations;
  if (!bound) throw new Error("no operation");
  return bound.binding;
}

describe("bindOperations heuristics", () => {
  it.each<[string, Operation, Partial<Extract<Binding, { kind: "bound" }>>]>([
    ["kebab-case plural segment", operation({ path: "/book-authors", responses: [response({ schema: arraySchema({ items: integerSchema() }) })] }), { model: "BookAuthor", action: "list" }],
    ["snake_case plural segment", operation({ method: "delete", path: "/book_authors/{id}" }), { model: "BookAuthor", action: "delete", key: { parameter: "id", field: "id" } }],
    ["table name (@@map) as segment", operation({ method: "get", path: "/accounts/{email}", parameters: [parameter({ name: "email", in: "path" })] }), { model: "User", action: "get", key: { parameter: "email", field: "email" } }],
    ["{petId} means the only key, whatever it is called", operation({ method: "patch", path: "/pets/{petId}" }), { model: "Pet", action: "update", key: { parameter: "petId", field: "uuid" } }],
    ["request schema with an affix (NewPet) when the path names nothing", operation({ method: "post", path: "/adopt", requestBody: requestBody({ schema: json("NewPet") }) }), { model: "Pet", action: "custom" }],
    ["CreateUserInput -> User", operation({ method: "post", path: "/signup", requestBody: requestBody({ schema: json("CreateUserInput") }) }), { model: "User", action: "custom" }],
    ["a list that answers one object is custom", operation({ path: "/pets", responses: [response({ schema: json("PetStats") })] }), { model: "Pet", action: "custom" }],
    ["a get that answers another model's schema is custom", operation({ path: "/users/{id}", responses: [response({ schema: json("Pet") })] }), { model: "User", action: "custom" }],
    ["writes to a view are custom", operation({ method: "post", path: "/revenues" }), { model: "Revenue", action: "custom" }],
    ["reads from a view", operation({ method: "get", path: "/revenues/{month}" }), { model: "Revenue", action: "get", key: { parameter: "month", field: "month" } }],
    ["nested route with a relation", operation({ method: "post", path: "/users/{userId}/orders" }), { model: "Order", action: "create", parent: { model: "User", parameter: "userId", field: "id", relationField: "user" } }],
    ["nested route without a relation is custom", operation({ method: "get", path: "/pets/{petId}/orders", responses: [response({ schema: arraySchema({ items: integerSchema() }) })] }), { model: "Order", action: "custom" }],
    ["a compound key by one parameter per column, in any order", operation({ method: "put", path: "/ledgers/{b}/{a}" }), { model: "Ledger", action: "replace", compoundKey: [{ parameter: "a", field: "a" }, { parameter: "b", field: "b" }] }],
    ["a segment after a compound key is a sub-resource", operation({ method: "post", path: "/ledgers/{a}/{b}/close" }), { model: "Ledger", action: "custom", compoundKey: [{ parameter: "a", field: "a" }, { parameter: "b", field: "b" }] }],
    ["x-vx-model wins over the path", operation({ method: "get", path: "/pets", modelHint: "User", responses: [response({ schema: arraySchema({ items: integerSchema() }) })] }), { model: "User", action: "list", via: "extension" }],
  ])("%s", (_what, op, expected) => {
    expect(bind(op)).toMatchObject({ kind: "bound", ...expected });
  });

  it.each<[string, Operation, RegExp]>([
    ["a composite key cannot be addressed by one path parameter", operation({ path: "/ledgers/{id}" }), /'id' matches no id or unique field/],
    ["part of a composite key does not select a record", operation({ path: "/ledgers/{a}/{c}" }), /'a' matches no id or unique field/],
    ["nothing matches", operation({ path: "/health" }), /no model matches the path/],
    ["an unknown x-vx-model", operation({ path: "/pets", modelHint: "Cat" }), /unknown model 'Cat'/],
  ])("unbound: %s", (_what, op, reason) => {
    const binding = bind(op);
    expect(binding.kind).toBe("unbound");
    expect(binding.reason).toMatch(reason);
  });

  it("without a Prisma schema every operation is unbound, with the reason", () => {
    const { api, diagnostics } = bindOperations({ api: apiModel({ operations: [operation({ path: "/pets" })] }), db: null });
    expect(api.operations[0]?.binding).toEqual({ kind: "unbound", reason: "no Prisma schema given" });
    expect(diagnostics).toEqual([]);
  });
});
