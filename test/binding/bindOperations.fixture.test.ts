import { beforeAll, describe, expect, it } from "vitest";
import { buildIr, type BuildIrResult } from "../../src/pipeline/buildIr.js";
import type { Binding, Diagnostic } from "../../src/ir/types.js";

const openapi = "fixtures/binding/library.yaml";
const prisma = "fixtures/binding/library.prisma";

describe("binding the library fixture (OpenAPI 3.0 + Prisma with 1-n, m-n, a view)", () => {
  let result: BuildIrResult;
  const binding = (operationId: string): Binding => {
    const op = result.ir.api?.operations.find((o) => o.operationId === operationId);
    if (!op) throw new Error(`no operation ${operationId}`);
    return op.binding;
  };
  const codes = (code: string): Diagnostic[] => result.ir.diagnostics.filter((d) => d.code === code);

  beforeAll(async () => {
    result = await buildIr({ openapi, prisma });
  });

  it("reads both sources without reader errors", () => {
    expect(result.ir.api?.operations).toHaveLength(16);
    expect(result.ir.db?.models.map((m) => m.name)).toEqual(["Author", "Book", "Tag"]);
    expect(result.ir.diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toEqual(["VX300"]);
  });

  it.each([
    ["listAuthors", { model: "Author", action: "list", via: "heuristic" }],
    ["createAuthor", { model: "Author", action: "create" }],
    ["getAuthor", { model: "Author", action: "get", key: { parameter: "slug", field: "slug" } }],
    ["deleteAuthor", { model: "Author", action: "delete", key: { parameter: "slug", field: "slug" } }],
    ["getBook", { model: "Book", action: "get", key: { parameter: "bookId", field: "id" } }],
    ["replaceBook", { model: "Book", action: "replace" }],
    ["updateBook", { model: "Book", action: "update" }],
    ["publishBook", { model: "Book", action: "custom", key: { parameter: "bookId", field: "id" } }],
    ["listBestsellers", { model: "Book", action: "list", via: "extension" }],
    ["listBookStats", { model: "BookStats", action: "list" }],
    ["createBookStat", { model: "BookStats", action: "custom" }],
  ])("%s is bound as %o", (operationId, expected) => {
    expect(binding(operationId)).toMatchObject({ kind: "bound", ...expected });
  });

  it("binds nested routes to the child model with the parent's relation", () => {
    for (const operationId of ["listAuthorBooks", "createAuthorBook"]) {
      expect(binding(operationId)).toMatchObject({
        kind: "bound",
        model: "Book",
        parent: { model: "Author", parameter: "authorId", field: "id", relationField: "author" },
      });
    }
    expect(binding("listAuthorBooks")).toMatchObject({ action: "list" });
    expect(binding("createAuthorBook")).toMatchObject({ action: "create" });
  });

  it.each([
    ["getStats", /no model matches/],
    ["getTagByName", /'name' matches no id or unique field/],
    ["listArchive", /unknown model 'Volume'/],
  ])("leaves %s unbound and says why", (operationId, reason) => {
    const b = binding(operationId);
    expect(b.kind).toBe("unbound");
    expect(b.reason).toMatch(reason);
  });

  it("reports an unknown x-vx-model as an error at the extension's line", () => {
    const [d] = codes("VX300");
    expect(d?.location).toMatchObject({ file: openapi, line: 90 });
  });

  it("reports each kind of drift once, naming the spec place and the Prisma field", () => {
    const summary = result.ir.diagnostics
      .filter((d) => /^VX30[2-9]$/.test(d.code))
      .map((d) => `${d.code} ${d.location?.line} -> ${d.related?.[0]?.location.line}`);
    expect(summary).toEqual([
      "VX306 21 -> 21", // NewAuthor cannot supply Author.name
      "VX306 43 -> 32", // BookInput cannot supply Book.pages (authorId comes from the parent path)
      "VX309 71 -> 41", // {name} is no key of Tag
      "VX303 118 -> 22", // Author.bio nullable in the database, not in the API
      "VX305 132 -> 31", // genre: POETRY vs HISTORY
      "VX302 133 -> 32", // pages: string vs Int
      "VX304 135 -> 34", // publishedAt: no date-time format
      "VX307 137 -> 27", // rating has no column
      "VX308 142 -> 28", // BookInput.id is autoincrement but not readOnly
    ]);
    const enumDrift = codes("VX305")[0];
    expect(enumDrift?.message).toContain("only in the API: POETRY");
    expect(enumDrift?.message).toContain("only in enum Genre: HISTORY");
    expect(enumDrift?.related?.[0]?.location.file).toBe(prisma);
  });

  it("binds the same way whatever order the operations come in", async () => {
    const { bindOperations } = await import("../../src/binding/bindOperations.js");
    const api = result.ir.api;
    const db = result.ir.db;
    if (!api || !db) throw new Error("fixture did not read");
    const reversed = bindOperations({ api: { ...api, operations: [...api.operations].reverse() }, db });
    const byId = (ops: typeof api.operations) => Object.fromEntries(ops.map((op) => [op.operationId, op.binding]));
    expect(byId(reversed.api.operations)).toEqual(byId(api.operations));
  });
});
