import { describe, expect, it } from "vitest";
import { bindOperations } from "../../src/binding/bindOperations.js";
import { detectDrift } from "../../src/binding/detectDrift.js";
import type { Binding, Diagnostic, EnvelopeHintValue, Operation, SchemaNode } from "../../src/ir/types.js";
import { apiModel, arraySchema, integerSchema, namedSchema, objectSchema, openApiSource, operation, parameter, property, refSchema, requestBody, response, stringSchema } from "../../src/ir/factories/api.js";
import { dbModel, model, scalarField } from "../../src/ir/factories/db.js";

// Envelopes: records wrapped in one property, pages of items and counts under any names, lists of one column's values.
const db = dbModel({
  models: [
    model({
      name: "Article",
      fields: [scalarField({ name: "id", type: "Int", isId: true, default: { kind: "autoincrement" } }), scalarField({ name: "slug", isUnique: true }), scalarField({ name: "title" }), scalarField({ name: "body" })],
    }),
    model({ name: "Tag", fields: [scalarField({ name: "id", type: "Int", isId: true }), scalarField({ name: "name", isUnique: true })] }),
  ],
});

const wrapper = (name: string, schema: SchemaNode): SchemaNode => objectSchema({ properties: [property({ name, schema, required: true })] });
const article = refSchema({ name: "Article" });
const schemas = [
  namedSchema({
    name: "Article",
    schema: objectSchema({ properties: [property({ name: "slug", schema: stringSchema() }), property({ name: "title", schema: stringSchema() }), property({ name: "body", schema: stringSchema() })] }),
  }),
  namedSchema({ name: "NewArticle", schema: objectSchema({ properties: [property({ name: "slug", schema: stringSchema(), required: true }), property({ name: "title", schema: stringSchema(), required: true }), property({ name: "body", schema: stringSchema(), required: true })] }) }),
  namedSchema({ name: "SingleArticleResponse", schema: wrapper("article", article) }),
  namedSchema({ name: "NewArticleRequest", schema: wrapper("article", refSchema({ name: "NewArticle" })) }),
];
const slug = parameter({ name: "slug", in: "path" });
const page = (props: { name: string; schema: SchemaNode }[]) => objectSchema({ properties: props.map((p) => property({ ...p, required: true })) });
const hint = (sides: { request?: EnvelopeHintValue; response?: EnvelopeHintValue }): Operation["envelopeHint"] => ({ kind: "envelopeHint", ...sides, source: openApiSource({ pointer: "/paths/x/get/x-vx-envelope" }) });

function bind(op: Operation): { binding: Binding; diagnostics: Diagnostic[] } {
  const { api, diagnostics } = bindOperations({ api: apiModel({ schemas, operations: [op] }), db });
  const [bound] = api.operations;
  if (!bound) throw new Error("no operation");
  return { binding: bound.binding, diagnostics: [...diagnostics, ...detectDrift({ api, db })] };
}

describe("bindOperations: envelopes", () => {
  it.each<[string, Operation, Partial<Extract<Binding, { kind: "bound" }>>, RegExp]>([
    [
      "a create wrapped in { article } both ways",
      operation({ method: "post", path: "/articles", requestBody: requestBody({ schema: refSchema({ name: "NewArticleRequest" }) }), responses: [response({ status: "201", schema: refSchema({ name: "SingleArticleResponse" }) })] }),
      { action: "create", requestEnvelope: { kind: "wrap", property: "article", via: "heuristic" }, responseEnvelope: { kind: "wrap", property: "article", via: "heuristic" } },
      /request envelope: article \(heuristic\); response envelope: article \(heuristic\)$/,
    ],
    [
      "a get wrapped in { data } beside an optional member",
      operation({ method: "get", path: "/articles/{slug}", parameters: [slug], responses: [response({ schema: objectSchema({ properties: [property({ name: "data", schema: article, required: true }), property({ name: "links", schema: objectSchema() })] }) })] }),
      { action: "get", responseEnvelope: { kind: "wrap", property: "data", via: "heuristic" } },
      /response envelope: data/,
    ],
    [
      "a page { articles, articlesCount }",
      operation({ path: "/articles", responses: [response({ schema: page([{ name: "articles", schema: arraySchema({ items: article }) }, { name: "articlesCount", schema: integerSchema() }]) })] }),
      { action: "list", responseEnvelope: { kind: "page", items: "articles", total: ["articlesCount"], via: "heuristic" } },
      /page: articles \+ count articlesCount \(heuristic\)/,
    ],
    [
      "a page { data, meta: { total } }",
      operation({ path: "/articles", responses: [response({ schema: page([{ name: "data", schema: arraySchema({ items: article }) }, { name: "meta", schema: page([{ name: "total", schema: integerSchema() }]) }]) })] }),
      { action: "list", responseEnvelope: { kind: "page", items: "data", total: ["meta", "total"], via: "heuristic" } },
      /page: data \+ count meta\.total/,
    ],
    [
      "a list of one column's values { tags: [string] } from the only unique non-key String column",
      operation({ path: "/tags", responses: [response({ schema: page([{ name: "tags", schema: arraySchema({ items: stringSchema() }) }]) })] }),
      { model: "Tag", action: "list", responseEnvelope: { kind: "columnList", items: "tags", field: "name", via: "heuristic" } },
      /column list: Tag\.name in tags \(heuristic\)/,
    ],
    [
      "x-vx-envelope names items and total where the guess sees two arrays",
      operation({
        path: "/articles",
        envelopeHint: hint({ response: { kind: "page", items: "rows", total: ["found"] } }),
        responses: [response({ schema: page([{ name: "rows", schema: arraySchema({ items: article }) }, { name: "related", schema: arraySchema({ items: stringSchema() }) }, { name: "found", schema: integerSchema() }]) })],
      }),
      { action: "list", responseEnvelope: { kind: "page", items: "rows", total: ["found"], via: "extension" } },
      /page: rows \+ count found \(extension\)/,
    ],
    [
      "x-vx-envelope: false keeps a one-object body flat",
      operation({ method: "get", path: "/articles/{slug}", parameters: [slug], envelopeHint: hint({ response: { kind: "flat" } }), responses: [response({ schema: refSchema({ name: "SingleArticleResponse" }) })] }),
      { action: "get" },
      /is get$/,
    ],
  ])("%s", (_what, op, expected, reason) => {
    const { binding, diagnostics } = bind(op);
    expect(binding).toMatchObject({ kind: "bound", model: "Article", ...expected });
    if (binding.kind === "bound") expect(binding.reason).toMatch(reason);
    if (op.envelopeHint?.response?.kind !== "flat") expect(diagnostics).toEqual([]);
  });

  it("keeps a flat record flat: a body whose properties are columns is the record", () => {
    const { binding } = bind(operation({ method: "get", path: "/articles/{slug}", parameters: [slug], responses: [response({ schema: article })] }));
    expect(binding).toMatchObject({ kind: "bound", action: "get" });
    expect(binding).not.toHaveProperty("responseEnvelope");
  });

  it("checks drift inside the envelope: a wrapped property with no column is reported, the wrapper is not", () => {
    const inner = objectSchema({ properties: [property({ name: "slug", schema: stringSchema() }), property({ name: "favoritesCount", schema: integerSchema() })] });
    const { diagnostics } = bind(operation({ method: "get", path: "/articles/{slug}", parameters: [slug], responses: [response({ schema: wrapper("article", inner) })] }));
    expect(diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(["VX307 property 'favoritesCount' has no column in model Article"]);
  });

  it("reports a create that cannot supply a required column inside the envelope (VX306), not the wrapper", () => {
    const inner = objectSchema({ properties: [property({ name: "slug", schema: stringSchema(), required: true }), property({ name: "title", schema: stringSchema(), required: true })] });
    const { diagnostics } = bind(operation({ method: "post", path: "/articles", requestBody: requestBody({ schema: wrapper("article", inner) }), responses: [response({ status: "201", schema: refSchema({ name: "SingleArticleResponse" }) })] }));
    expect(diagnostics.map((d) => d.code)).toEqual(["VX306"]);
    expect(diagnostics[0]?.message).toContain("Article.body is required");
  });

  it.each<[string, Operation, string, RegExp]>([
    ["VX311: items naming no array", operation({ path: "/articles", envelopeHint: hint({ response: { kind: "page", items: "nope" } }), responses: [response({ schema: page([{ name: "rows", schema: arraySchema({ items: article }) }]) })] }), "VX311", /items 'nope'/],
    ["VX312: a total that is not a number", operation({ path: "/articles", envelopeHint: hint({ response: { kind: "page", items: "rows", total: ["rows"] } }), responses: [response({ schema: page([{ name: "rows", schema: arraySchema({ items: article }) }]) })] }), "VX312", /total 'rows'/],
    ["VX313: a column the model does not have", operation({ path: "/tags", envelopeHint: hint({ response: { kind: "page", items: "tags", column: "label" } }), responses: [response({ schema: page([{ name: "tags", schema: arraySchema({ items: stringSchema() }) }]) })] }), "VX313", /column 'label' is not a column of model Tag/],
    ["VX311: a wrapper the body does not have", operation({ method: "get", path: "/articles/{slug}", parameters: [slug], envelopeHint: hint({ response: { kind: "wrap", property: "post" } }), responses: [response({ schema: refSchema({ name: "SingleArticleResponse" }) })] }), "VX311", /names 'post'/],
  ])("%s", (_what, op, code, message) => {
    const { diagnostics } = bind(op);
    const found = diagnostics.find((d) => d.code === code);
    expect(found?.message).toMatch(message);
    expect(found?.location).toMatchObject({ pointer: "/paths/x/get/x-vx-envelope" });
  });
});
