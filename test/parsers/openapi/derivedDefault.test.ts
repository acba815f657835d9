import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ObjectSchema } from "../../../src/ir/types.js";
import { mustApi, readSpecText, schemaNamed } from "./helpers.js";

// x-vx-default on schema properties: the IR (`derivedDefault`), through a $ref with siblings too, and VX318 for other shapes.

function spec(derived: string): string {
  return `openapi: 3.1.0
info: { title: t, version: "1" }
paths: {}
components:
  schemas:
    Slug: { type: string, pattern: "^[a-z0-9-]+$" }
    NewArticle:
      type: object
      required: [title]
      properties:
        title: { type: string }
        slug: { type: string, x-vx-default: ${derived} }
        handle: { $ref: "#/components/schemas/Slug", x-vx-default: { slugFrom: title } }
`;
}

describe("x-vx-default", () => {
  it("is read into the property's schema, and kept on a $ref beside it", async () => {
    const result = await readSpecText({ text: spec("{ slugFrom: title }") });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const article = schemaNamed(mustApi(result), "NewArticle").schema as ObjectSchema;
    const [, slug, handle] = article.properties;
    expect(slug?.schema).toMatchObject({ kind: "string", derivedDefault: { slugFrom: "title" } });
    expect(handle?.schema).toMatchObject({ derivedDefault: { slugFrom: "title" } });
  });

  it("reads `caller`: the caller's id", async () => {
    const result = await readSpecText({ text: spec("caller") });
    const article = schemaNamed(mustApi(result), "NewArticle").schema as ObjectSchema;
    expect(article.properties[1]?.schema.derivedDefault).toEqual({ caller: true });
    expect(result.diagnostics.filter((d) => d.code === "VX318")).toEqual([]);
  });

  it.each(["title", "callers", "{ caller: true }", "{}", "{ slugFrom: 3 }", '{ slugFrom: "" }', "{ slugFrom: a, also: b }", "[a]"])("VX318 at the extension for %s", async (value) => {
    const result = await readSpecText({ text: spec(value) });
    const reported = result.diagnostics.filter((d) => d.code === "VX318").map((d) => `${d.severity} ${d.location?.pointer ?? ""}`);
    expect(reported).toEqual(["error /components/schemas/NewArticle/properties/slug/x-vx-default"]);
    const article = schemaNamed(mustApi(result), "NewArticle").schema as ObjectSchema;
    expect(article.properties[1]?.schema.derivedDefault).toBeUndefined();
  });
});

describe("schemas/vx.extensions.schema.json documents x-vx-default", () => {
  it("accepts what the reader reads and rejects what it refuses", async () => {
    const { default: Ajv2020 } = await import("ajv/dist/2020.js");
    const extensions = JSON.parse(readFileSync("schemas/vx.extensions.schema.json", "utf8")) as { $id: string };
    const ajv = new Ajv2020.default({ strict: false });
    ajv.addSchema(extensions);
    const schema = ajv.getSchema(`${extensions.$id}#/$defs/schema`);
    expect(schema?.({ "x-vx-default": { slugFrom: "title" } })).toBe(true);
    for (const bad of ["title", {}, { slugFrom: 3 }, { slugFrom: "" }, { slugFrom: "a", also: "b" }, ["a"]]) expect(schema?.({ "x-vx-default": bad }), JSON.stringify(bad)).toBe(false);
  });
});
