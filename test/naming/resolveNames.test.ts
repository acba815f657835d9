import { describe, expect, it } from "vitest";
import { resolveNames } from "../../src/naming/resolveNames.js";
import { apiModel, namedSchema, objectSchema, operation, stringSchema } from "../../src/ir/factories/api.js";
import { dbEnum, dbModel, model } from "../../src/ir/factories/db.js";
import type { SecurityScheme } from "../../src/ir/types.js";

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
    const group = { tag: undefined, file: "default", type: "Default" };
    expect(names.operation("listPets")).toEqual({ handler: "listPets", type: "ListPetsOperation", file: "list-pets", group });
    expect(names.operation("delete")).toEqual({ handler: "deleteOp", type: "Delete", file: "delete", group });
    expect(names.operation("get-pet.by_id")).toEqual({ handler: "getPetById", type: "GetPetById", file: "get-pet-by-id", group });
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

  it("groups operations by first tag, without tags in `default`, one object per group", () => {
    const api = apiModel({
      operations: [
        operation({ operationId: "listPets", path: "/pets", tags: ["pets", "store"] }),
        operation({ operationId: "getPet", path: "/pets/{id}", tags: ["pets"] }),
        operation({ operationId: "getOrder", path: "/store/order", tags: ["Store Orders"] }),
        operation({ operationId: "ping", path: "/ping" }),
      ],
    });
    const { names, diagnostics } = resolveNames({ api, db: null });
    expect(names.operation("listPets").group).toEqual({ tag: "pets", file: "pets", type: "Pets" });
    expect(names.operation("getPet").group).toBe(names.operation("listPets").group);
    expect(names.operation("getOrder").group).toEqual({ tag: "Store Orders", file: "store-orders", type: "StoreOrders" });
    expect(names.operation("ping").group).toEqual({ tag: undefined, file: "default", type: "Default" });
    expect(diagnostics).toEqual([]);
  });

  it("gives tags that differ only in case or punctuation their own files, by sorted tag whatever the order (VX401)", () => {
    const ops = [
      operation({ operationId: "a", path: "/a", tags: ["pets"] }),
      operation({ operationId: "b", path: "/b", tags: ["Pets"] }),
      operation({ operationId: "c", path: "/c", tags: ["PETS!"] }),
      operation({ operationId: "d", path: "/d", tags: ["default"] }),
      operation({ operationId: "e", path: "/e" }),
      operation({ operationId: "f", path: "/f", tags: ["aux"] }),
    ];
    const forward = resolveNames({ api: apiModel({ operations: ops }), db: null });
    const backward = resolveNames({ api: apiModel({ operations: [...ops].reverse() }), db: null });
    for (const { names } of [forward, backward]) {
      expect(["a", "b", "c", "d", "e", "f"].map((id) => names.operation(id).group.file)).toEqual(["pets3", "pets2", "pets", "default2", "default", "aux-tag"]);
      expect(["a", "b", "c", "d", "e", "f"].map((id) => names.operation(id).group.type)).toEqual(["Pets3", "Pets2", "Pets", "Default2", "Default", "AuxTag"]);
    }
    expect(forward.diagnostics.map((d) => [d.code, d.location?.pointer])).toEqual([
      ["VX401", "/paths/~1b/get/tags/0"],
      ["VX401", "/paths/~1d/get/tags/0"],
      ["VX401", "/paths/~1a/get/tags/0"],
    ]);
    expect(forward.diagnostics[0]?.message).toBe("tag 'Pets' and 'PETS!' both become 'pets'; 'Pets' is named 'pets2'");
    expect(forward.diagnostics).toEqual(backward.diagnostics);
  });

  it("answers a changed first tag with a new table (names are remembered between runs by what they depend on)", () => {
    const before = resolveNames({ api: apiModel({ operations: [operation({ operationId: "a", tags: ["x"] })] }), db: null });
    const after = resolveNames({ api: apiModel({ operations: [operation({ operationId: "a", tags: ["y", "x"] })] }), db: null });
    expect(before.names.operation("a").group.file).toBe("x");
    expect(after.names.operation("a").group.file).toBe("y");
  });

  it("throws for a name that was never resolved (a generator bug, not user input)", () => {
    const { names } = resolveNames({ api: apiModel(), db: null });
    expect(() => names.schemaType("Nope")).toThrow(/no schema named 'Nope'/);
  });
});

describe("file stems from spec and schema names", () => {
  const device = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;
  const scheme = (name: string): SecurityScheme => ({ kind: "apiKey", name, paramName: "x-key", in: "header", source: { kind: "openapi", file: "api.yaml", pointer: `/components/securitySchemes/${name}` } });

  it("never are Windows device names (operations, tags, models, security schemes), in any case, with or without extension", () => {
    const deviceNames = ["con", "NUL", "Aux", "prn", "com1", "LPT9", "con.txt", "nul.tar.gz"];
    const api = apiModel({
      operations: deviceNames.map((name, i) => operation({ operationId: name, path: `/p${i}`, tags: [name] })),
      securitySchemes: deviceNames.map(scheme),
    });
    const db = dbModel({ models: ["Con", "Nul", "Aux", "Com1"].map((name) => model({ name })) });
    const { names } = resolveNames({ api, db });
    const stems = [
      ...deviceNames.flatMap((name) => [names.operation(name).file, names.operation(name).group.file, names.securityScheme(name).file]),
      ...["Con", "Nul", "Aux", "Com1"].map((name) => names.model(name).file),
    ];
    expect(stems.filter((stem) => device.test(stem) || device.test(`${stem}.ts`))).toEqual([]);
    expect(names.operation("con").file).toBe("con-operation");
    expect(names.securityScheme("con").file).toBe("con-scheme");
    expect(names.model("Con").file).toBe("con-model");
    expect(new Set(deviceNames.map((name) => names.securityScheme(name).file)).size).toBe(deviceNames.length);
  });

  it("keep path traversal out and give security schemes unique verifiers", () => {
    const api = apiModel({ operations: [operation({ operationId: "../../x", path: "/a" })], securitySchemes: ["../../etc", "__proto__", "constructor", "api_key", "apiKey"].map(scheme) });
    const { names } = resolveNames({ api, db: null });
    expect(names.operation("../../x").file).toBe("x");
    expect(names.securityScheme("../../etc").file).toBe("etc");
    expect(names.securityScheme("__proto__")).toEqual({ verifier: "verifyProto", file: "proto" });
    expect(names.securityScheme("constructor").verifier).toBe("verifyConstructor");
    expect([names.securityScheme("apiKey").verifier, names.securityScheme("api_key").verifier]).toEqual(["verifyApiKey", "verifyApiKey2"]);
  });
});
