import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { mustApi, operationWithId, readSpecText } from "./helpers.js";

// x-vx-filter on query parameters: the IR node, VX314 for malformed values, and the extensions schema agreeing.

function spec(filter: string): string {
  return `openapi: 3.1.0
info: { title: t, version: "1" }
paths:
  /articles:
    get:
      operationId: listArticles
      parameters:
        - name: topic
          in: query
          schema: { type: string }
          x-vx-filter: ${filter}
      responses:
        "200": { description: ok, content: { application/json: { schema: { type: array, items: { type: object } } } } }
`;
}

const good: [string, unknown][] = [
  ["{ relation: tags, field: name }", { relation: "tags", field: "name" }],
  ["{ relation: tags }", { relation: "tags" }],
  ["{ field: price, op: gte }", { field: "price", op: "gte" }],
  ["{ field: title }", { field: "title" }],
];
const bad: [string, unknown, string][] = [
  ["name", "name", "must be an object of relation, field and op"],
  ["{}", {}, "needs a relation or a field"],
  ["{ field: price, op: between }", { field: "price", op: "between" }, 'op must be one of equals, gte, lte, gt, lt (not "between")'],
  ["{ relation: tags, column: name }", { relation: "tags", column: "name" }, "has an unknown member 'column' (allowed: relation, field, op)"],
  ['{ relation: "" }', { relation: "" }, "relation must name a relation field of the listed model"],
];

describe("x-vx-filter", () => {
  it.each(good)("reads %s into the parameter's filterHint", async (text, value) => {
    const result = await readSpecText({ text: spec(text) });
    expect(result.diagnostics.filter((d) => d.code === "VX314")).toEqual([]);
    const param = operationWithId(mustApi(result), "listArticles").parameters[0];
    expect(param?.filterHint).toEqual({ kind: "filterHint", ...(value as object), source: { kind: "openapi", file: expect.any(String) as string, pointer: "/paths/~1articles/get/parameters/0/x-vx-filter" } });
  });

  it.each(bad)("VX314 for %s, and no hint", async (text, _value, message) => {
    const result = await readSpecText({ text: spec(text) });
    expect(result.diagnostics.filter((d) => d.code === "VX314").map((d) => `${d.message} @ ${d.location?.pointer ?? ""}`)).toEqual([`x-vx-filter ${message} @ /paths/~1articles/get/parameters/0/x-vx-filter`]);
    expect(operationWithId(mustApi(result), "listArticles").parameters[0]?.filterHint).toBeUndefined();
  });

  it("is documented by schemas/vx.extensions.schema.json: it accepts what the reader reads and rejects what it refuses", async () => {
    const { default: Ajv2020 } = await import("ajv/dist/2020.js");
    const extensions = JSON.parse(readFileSync("schemas/vx.extensions.schema.json", "utf8")) as { $id: string };
    const ajv = new Ajv2020.default({ strict: false });
    ajv.addSchema(extensions);
    const parameter = ajv.getSchema(`${extensions.$id}#/$defs/parameter`);
    for (const [, value] of good) expect(parameter?.({ "x-vx-filter": value }), JSON.stringify(value)).toBe(true);
    for (const [, value] of bad) expect(parameter?.({ "x-vx-filter": value }), JSON.stringify(value)).toBe(false);
  });
});
