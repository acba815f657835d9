import { describe, expect, it } from "vitest";
import { readOpenApi } from "../../../src/parsers/openapi/readOpenApi.js";
import { formatDiagnostics } from "../../../src/diagnostics/formatDiagnostics.js";
import { mustApi, operationWithId } from "./helpers.js";

const root = "fixtures/openapi/multi/openapi.yaml";

describe("multi-file specs (fixtures/openapi/multi)", () => {
  it("lists every file read, root first", async () => {
    const api = mustApi(await readOpenApi({ file: root }));
    expect(api.files).toEqual([
      root,
      "fixtures/openapi/multi/paths/getTree.yaml",
      "fixtures/openapi/multi/paths/parameters.yaml",
      "fixtures/openapi/multi/paths/trees.yaml",
      "fixtures/openapi/multi/schemas/Pet.yaml",
      "fixtures/openapi/multi/schemas/Tree.yaml",
      "fixtures/openapi/multi/schemas/leaf.yaml",
    ]);
  });

  it("gives every node the file it really came from", async () => {
    const api = mustApi(await readOpenApi({ file: root }));
    const list = operationWithId(api, "listTrees");
    expect(list.source).toEqual({ kind: "openapi", file: "fixtures/openapi/multi/paths/trees.yaml", pointer: "/get" });
    const get = operationWithId(api, "getTree");
    expect(get.source).toEqual({ kind: "openapi", file: "fixtures/openapi/multi/paths/getTree.yaml", pointer: "" });
    expect(get.parameters[0]?.source).toEqual({ kind: "openapi", file: "fixtures/openapi/multi/paths/parameters.yaml", pointer: "/treeId" });
    const leaf = get.responses[0]?.content[0]?.schema;
    expect(leaf?.source).toEqual({ kind: "openapi", file: "fixtures/openapi/multi/schemas/leaf.yaml", pointer: "/Leaf" });
    expect(leaf?.kind === "object" && leaf.properties[0]?.schema.source.pointer).toBe("/Leaf/properties/color");
  });

  it("a component that is a $ref to a file claims that file: direct refs to it read as the component", async () => {
    const api = mustApi(await readOpenApi({ file: root }));
    const pet = api.schemas.find((s) => s.name === "Pet");
    expect(pet?.source).toEqual({ kind: "openapi", file: "fixtures/openapi/multi/schemas/Pet.yaml", pointer: "" });
    const plant = operationWithId(api, "plantTree");
    expect(plant.requestBody?.content[0]?.schema).toMatchObject({ kind: "ref", name: "Pet" });
    expect(plant.requestBody?.content[0]?.jsonSchema).toEqual({ $ref: "#/$defs/Pet" });
  });

  it("hoists a circular schema outside components as a named schema (named after its file), and refs point to it", async () => {
    const api = mustApi(await readOpenApi({ file: root }));
    const tree = api.schemas.find((s) => s.name === "Tree");
    expect(tree?.source).toEqual({ kind: "openapi", file: "fixtures/openapi/multi/schemas/Tree.yaml", pointer: "" });
    expect(tree?.jsonSchema).toEqual({ type: "object", properties: { height: { type: "number" }, children: { type: "array", items: { $ref: "#/$defs/Tree" } } } });
    const list = operationWithId(api, "listTrees");
    expect(list.responses[0]?.content[0]?.jsonSchema).toEqual({ type: "array", items: { $ref: "#/$defs/Tree" } });
    expect(api.schemas.map((s) => s.name)).toEqual(["Pet", "Tree"]);
  });

  it("inlines a $ref to a non-component location (#/paths/...) with its real source", async () => {
    const api = mustApi(await readOpenApi({ file: root }));
    const add = operationWithId(api, "addLeaf");
    expect(add.requestBody?.content[0]?.jsonSchema).toEqual({ type: "object", properties: { count: { type: "integer" } } });
    expect(add.requestBody?.content[0]?.schema?.source.pointer).toBe("/paths/~1leaves/get/responses/200/content/application~1json/schema");
  });

  it("says that operations given as $refs are not allowed, once, at the first one, and still reads them", async () => {
    const result = await readOpenApi({ file: root });
    expect(formatDiagnostics(result.diagnostics)).toBe(
      `${root}:9:5 warning VX121 1 operation is written as a $ref; OpenAPI 3.0 allows no Reference Object in place of an Operation Object (vx-gen reads past it: each $ref is followed to its operation)\n` +
        "  help: reference the whole path item instead, or bundle the spec",
    );
    expect(mustApi(result).operations).toHaveLength(5);
  });

  it("locates pointers in referenced files", async () => {
    const result = await readOpenApi({ file: root });
    expect(result.locate({ file: "fixtures/openapi/multi/schemas/Tree.yaml", pointer: "/properties/children/items" })).toEqual({
      file: "fixtures/openapi/multi/schemas/Tree.yaml",
      line: 7,
      column: 5,
      pointer: "/properties/children/items",
    });
  });
});
