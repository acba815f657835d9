import { describe, expect, it } from "vitest";
import { bindOperations } from "../../src/binding/bindOperations.js";
import type { Binding, Diagnostic, Operation, SecurityScheme } from "../../src/ir/types.js";
import { apiModel, arraySchema, integerSchema, openApiSource, operation, response } from "../../src/ir/factories/api.js";
import { dbModel, model, relationField, scalarField } from "../../src/ir/factories/db.js";
import { mustApi, readSpecText } from "../parsers/openapi/helpers.js";

const db = dbModel({
  models: [
    model({
      name: "Document",
      fields: [
        scalarField({ name: "id", type: "Int", isId: true }),
        scalarField({ name: "title" }),
        scalarField({ name: "ownerId" }),
        scalarField({ name: "ownerNumber", type: "Int" }),
        scalarField({ name: "tags", isList: true }),
        scalarField({ name: "folderId", type: "Int" }),
        relationField({ name: "folder", type: "Folder", fromFields: ["folderId"], toFields: ["id"] }),
      ],
    }),
    model({ name: "Folder", fields: [scalarField({ name: "id", type: "Int", isId: true })] }),
  ],
});

const jwt = [{ schemes: [{ name: "bearer", scopes: [] }] }];
const list = [response({ schema: arraySchema({ items: integerSchema() }) })];
const hint = (field: string) => ({ field, source: openApiSource({ pointer: "/paths/~1documents/x-vx-owner" }) });

const schemes: SecurityScheme[] = [
  { kind: "http", name: "bearer", scheme: "bearer", source: openApiSource({ pointer: "/components/securitySchemes/bearer" }) },
  { kind: "apiKey", name: "key", paramName: "x-key", in: "header", source: openApiSource({ pointer: "/components/securitySchemes/key" }) },
];

function bind(ops: Operation[]): { bindings: Binding[]; diagnostics: Diagnostic[] } {
  const { api, diagnostics } = bindOperations({ api: apiModel({ operations: ops, securitySchemes: schemes }), db });
  return { bindings: api.operations.map((o) => o.binding), diagnostics };
}

describe("x-vx-owner on bound operations", () => {
  it("adds the owner field to the binding of every CRUD action, nested ones too", () => {
    const { bindings, diagnostics } = bind([
      operation({ path: "/documents", responses: list, security: jwt, ownerHint: hint("ownerId") }),
      operation({ method: "delete", path: "/documents/{id}", security: jwt, ownerHint: hint("ownerId") }),
      operation({ path: "/folders/{folderId}/documents", responses: list, security: jwt, ownerHint: hint("ownerId") }),
    ]);
    expect(diagnostics).toEqual([]);
    expect(bindings).toMatchObject([
      { kind: "bound", action: "list", owner: { field: "ownerId" } },
      { kind: "bound", action: "delete", owner: { field: "ownerId" } },
      { kind: "bound", action: "list", parent: { model: "Folder" }, owner: { field: "ownerId" } },
    ]);
  });

  it("leaves operations without it unscoped", () => {
    const { bindings } = bind([operation({ path: "/documents", responses: list, security: jwt })]);
    expect(bindings[0]).not.toHaveProperty("owner");
  });

  it.each<[string, Operation, string, RegExp]>([
    ["an unknown field", operation({ path: "/documents", responses: list, security: jwt, ownerHint: hint("author") }), "VX126", /'author'.*has no such field/],
    ["an Int column", operation({ path: "/documents", responses: list, security: jwt, ownerHint: hint("ownerNumber") }), "VX126", /has it as Int/],
    ["a String list", operation({ path: "/documents", responses: list, security: jwt, ownerHint: hint("tags") }), "VX126", /has it as String\[\]/],
    ["a relation", operation({ path: "/documents", responses: list, security: jwt, ownerHint: hint("folder") }), "VX126", /as a relation field/],
    ["no security", operation({ path: "/documents", responses: list, ownerHint: hint("ownerId") }), "VX127", /has no security requirement/],
    ["an anonymous alternative", operation({ path: "/documents", responses: list, security: [...jwt, { schemes: [] }], ownerHint: hint("ownerId") }), "VX127", /anonymous alternative/],
    ["an unbound operation", operation({ path: "/health", security: jwt, ownerHint: hint("ownerId") }), "VX128", /does not serve/],
    ["a custom action", operation({ method: "post", path: "/documents/{id}/publish", security: jwt, ownerHint: hint("ownerId") }), "VX128", /does not serve/],
  ])("is an error with its location on %s, and the binding has no owner", (_what, op, code, message) => {
    const { bindings, diagnostics } = bind([op]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code, severity: "error", location: { pointer: "/paths/~1documents/x-vx-owner" } });
    expect(diagnostics[0]?.message).toMatch(message);
    expect(bindings[0]).not.toHaveProperty("owner");
  });

  it("is an error when one model's operations name two owner columns", () => {
    const { diagnostics } = bind([
      operation({ path: "/documents", responses: list, security: jwt, ownerHint: hint("ownerId") }),
      operation({ method: "delete", path: "/documents/{id}", security: jwt, ownerHint: hint("title") }),
    ]);
    expect(diagnostics.map((d) => d.code)).toEqual(["VX129"]);
  });

  it("warns when no scheme of the operation gives a subject by default (every call would be 403)", () => {
    const keyOnly = [{ schemes: [{ name: "key", scopes: [] }] }];
    const { bindings, diagnostics } = bind([operation({ path: "/documents", responses: list, security: keyOnly, ownerHint: hint("ownerId") })]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "VX130", severity: "warning", location: { pointer: "/paths/~1documents/x-vx-owner" } });
    expect(bindings[0]).toMatchObject({ owner: { field: "ownerId" } });
    const either = [...keyOnly, ...jwt];
    expect(bind([operation({ path: "/documents", responses: list, security: either, ownerHint: hint("ownerId") })]).diagnostics).toEqual([]);
  });

  it("does not warn for API keys kept in the VxApiKey table, which name their owner", () => {
    const keyOnly = [{ schemes: [{ name: "key", scopes: [] }] }];
    const op = operation({ path: "/documents", responses: list, security: keyOnly, ownerHint: hint("ownerId") });
    const { diagnostics } = bindOperations({ api: apiModel({ operations: [op], securitySchemes: schemes }), db, apiKeySubjects: true });
    expect(diagnostics).toEqual([]);
  });

  it("is an error without a Prisma schema (nothing to scope)", () => {
    const { diagnostics } = bindOperations({ api: apiModel({ operations: [operation({ path: "/documents", security: jwt, ownerHint: hint("ownerId") })] }), db: null });
    expect(diagnostics.map((d) => d.code)).toEqual(["VX128"]);
  });
});

describe("reading x-vx-owner", () => {
  const spec = (extra: string) => `openapi: 3.1.0
info: { title: t, version: "1" }
paths:
  /documents:
${extra}
    get:
      responses: { "200": { description: ok } }
    post:
      x-vx-owner: authorId
      responses: { "201": { description: ok } }
`;

  it("takes the operation's own, else the path item's, with its place", async () => {
    const result = await readSpecText({ text: spec("    x-vx-owner: ownerId") });
    const [get, post] = mustApi(result).operations;
    expect(get?.ownerHint).toMatchObject({ field: "ownerId", source: { pointer: "/paths/~1documents/x-vx-owner" } });
    expect(post?.ownerHint).toMatchObject({ field: "authorId", source: { pointer: "/paths/~1documents/post/x-vx-owner" } });
  });

  it("reads it from a Swagger 2.0 document too", async () => {
    const text = `swagger: "2.0"
info: { title: t, version: "1" }
paths:
  /documents/{id}:
    x-vx-owner: ownerId
    get:
      parameters: [{ name: id, in: path, required: true, type: integer }]
      responses: { "200": { description: ok } }
`;
    const [get] = mustApi(await readSpecText({ text })).operations;
    expect(get?.ownerHint).toMatchObject({ field: "ownerId", source: { pointer: "/paths/~1documents~1{id}/x-vx-owner" } });
  });

  it.each([["a number", "    x-vx-owner: 42"], ["a list", "    x-vx-owner: [ownerId]"], ["hostile text", '    x-vx-owner: "__proto__\\"; drop"'], ["an empty string", '    x-vx-owner: ""']])(
    "reports %s as VX125 at its place",
    async (_what, extra) => {
      const result = await readSpecText({ text: spec(extra) });
      const codes = result.diagnostics.filter((d) => d.code === "VX125");
      expect(codes).toHaveLength(1);
      expect(codes[0]?.location?.pointer).toBe("/paths/~1documents/x-vx-owner");
      expect(mustApi(result).operations[0]?.ownerHint).toBeUndefined();
    },
  );
});
