import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../../src/ir/types.js";
import { mustApi, operationWithId, readSpecText } from "./helpers.js";

// x-vx-envelope on operations, request bodies and success responses: the IR, and VX310 for malformed values.

function spec({ operation, body = "", response = "" }: { operation: string; body?: string; response?: string }): string {
  return `openapi: 3.1.0
info: { title: t, version: "1" }
paths:
  /articles:
    post:
      operationId: createArticle
${operation}
      requestBody:
        required: true
${body}
        content: { application/json: { schema: { type: object } } }
      responses:
        "201":
          description: ok
${response}
          content: { application/json: { schema: { type: object } } }
`;
}

function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.filter((d) => d.code === "VX310").map((d) => `${d.code} ${d.location?.pointer ?? ""}`);
}

describe("x-vx-envelope", () => {
  it.each<[string, { operation: string; body?: string; response?: string }, unknown]>([
    ["a name wraps both bodies", { operation: "      x-vx-envelope: article" }, { request: { kind: "wrap", property: "article" }, response: { kind: "wrap", property: "article" } }],
    ["false keeps both flat", { operation: "      x-vx-envelope: false" }, { request: { kind: "flat" }, response: { kind: "flat" } }],
    ["a page object is the response's", { operation: "      x-vx-envelope: { items: articles, total: [meta, total] }" }, { response: { kind: "page", items: "articles", total: ["meta", "total"] } }],
    ["a column list with a total name", { operation: "      x-vx-envelope: { items: tags, column: name, total: count }" }, { response: { kind: "page", items: "tags", column: "name", total: ["count"] } }],
    ["each side apart", { operation: "      x-vx-envelope: { request: false, response: data }" }, { request: { kind: "flat" }, response: { kind: "wrap", property: "data" } }],
    [
      "the request body's and the response's own win over the operation's",
      { operation: "      x-vx-envelope: article", body: "        x-vx-envelope: post", response: "          x-vx-envelope: { items: rows }" },
      { request: { kind: "wrap", property: "post" }, response: { kind: "page", items: "rows" } },
    ],
  ])("%s", async (_what, parts, expected) => {
    const result = await readSpecText({ text: spec(parts) });
    expect(codes(result.diagnostics)).toEqual([]);
    expect(operationWithId(mustApi(result), "createArticle").envelopeHint).toMatchObject({ kind: "envelopeHint", ...(expected as object) });
  });

  it("is absent when written nowhere", async () => {
    const result = await readSpecText({ text: spec({ operation: "" }) });
    expect(operationWithId(mustApi(result), "createArticle").envelopeHint).toBeUndefined();
  });

  it.each<[string, { operation: string; body?: string; response?: string }, string]>([
    ["a number", { operation: "      x-vx-envelope: 3" }, "/paths/~1articles/post/x-vx-envelope"],
    ["an unknown page member", { operation: "      x-vx-envelope: { items: rows, count: n }" }, "/paths/~1articles/post/x-vx-envelope"],
    ["a page with neither items nor column", { operation: "      x-vx-envelope: { total: n }" }, "/paths/~1articles/post/x-vx-envelope"],
    ["a page for a request body", { operation: "      x-vx-envelope: { request: { items: rows } }" }, "/paths/~1articles/post/x-vx-envelope/request"],
    ["an empty name in total", { operation: "", response: '          x-vx-envelope: { items: rows, total: [meta, ""] }' }, "/paths/~1articles/post/responses/201/x-vx-envelope"],
  ])("VX310 for %s", async (_what, parts, pointer) => {
    const result = await readSpecText({ text: spec(parts) });
    expect(codes(result.diagnostics)).toEqual([`VX310 ${pointer}`]);
  });
});

describe("schemas/vx.extensions.schema.json documents x-vx-envelope", () => {
  it("accepts what the reader reads and rejects what it refuses", async () => {
    const { default: Ajv2020 } = await import("ajv/dist/2020.js");
    const extensions = JSON.parse(readFileSync("schemas/vx.extensions.schema.json", "utf8")) as { $id: string };
    const ajv = new Ajv2020.default({ strict: false });
    ajv.addSchema(extensions);
    const operation = ajv.getSchema(`${extensions.$id}#/$defs/operation`);
    for (const good of ["article", false, { items: "articles", total: "articlesCount" }, { items: "tags", column: "name" }, { column: "name" }, { request: false, response: { items: "data", total: ["meta", "total"] } }])
      expect(operation?.({ "x-vx-envelope": good }), JSON.stringify(good)).toBe(true);
    for (const bad of [3, true, "", { total: "n" }, { items: "rows", count: "n" }, { request: 1 }, {}])
      expect(operation?.({ "x-vx-envelope": bad }), JSON.stringify(bad)).toBe(false);
  });
});
