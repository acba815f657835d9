import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ObjectSchema } from "../../../src/ir/types.js";
import { mustApi, readSpecText, schemaNamed } from "./helpers.js";

// x-vx-computed on schema properties: the IR (`computed`), through a $ref with siblings too, and VX317 for other shapes.

function spec(computed: string): string {
  return `openapi: 3.1.0
info: { title: t, version: "1" }
paths: {}
components:
  schemas:
    Count: { type: integer, minimum: 0 }
    Article:
      type: object
      properties:
        favoritesCount: { type: integer, readOnly: true, x-vx-computed: ${computed} }
        likes: { $ref: "#/components/schemas/Count", x-vx-computed: { count: likedBy } }
`;
}

describe("x-vx-computed", () => {
  it("is read into the property's schema, and kept on a $ref beside it", async () => {
    const result = await readSpecText({ text: spec("{ count: favoritedBy }") });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const article = schemaNamed(mustApi(result), "Article").schema as ObjectSchema;
    const [favorites, likes] = article.properties;
    expect(favorites?.schema).toMatchObject({ kind: "integer", readOnly: true, computed: { count: "favoritedBy" } });
    expect(likes?.schema).toMatchObject({ computed: { count: "likedBy" } });
  });

  it.each(["favoritedBy", "{}", "{ count: 3 }", '{ count: "" }', "{ count: a, also: b }", "[a]"])("VX317 at the extension for %s", async (value) => {
    const result = await readSpecText({ text: spec(value) });
    const reported = result.diagnostics.filter((d) => d.code === "VX317").map((d) => `${d.severity} ${d.location?.pointer ?? ""}`);
    expect(reported).toEqual(["error /components/schemas/Article/properties/favoritesCount/x-vx-computed"]);
    const article = schemaNamed(mustApi(result), "Article").schema as ObjectSchema;
    expect(article.properties[0]?.schema.computed).toBeUndefined();
  });
});

describe("schemas/vx.extensions.schema.json documents x-vx-computed", () => {
  it("accepts what the reader reads and rejects what it refuses", async () => {
    const { default: Ajv2020 } = await import("ajv/dist/2020.js");
    const extensions = JSON.parse(readFileSync("schemas/vx.extensions.schema.json", "utf8")) as { $id: string };
    const ajv = new Ajv2020.default({ strict: false });
    ajv.addSchema(extensions);
    const schema = ajv.getSchema(`${extensions.$id}#/$defs/schema`);
    expect(schema?.({ "x-vx-computed": { count: "comments" } })).toBe(true);
    for (const bad of ["comments", {}, { count: 3 }, { count: "" }, { count: "a", also: "b" }, ["a"]]) expect(schema?.({ "x-vx-computed": bad }), JSON.stringify(bad)).toBe(false);
  });
});
