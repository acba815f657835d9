import { describe, expect, it } from "vitest";
import { readOpenApi } from "../../../src/parsers/openapi/readOpenApi.js";
import { mustApi } from "./helpers.js";

const file = "fixtures/openapi/v3.1/api.yaml";

describe("OpenAPI 3.1 (fixtures/openapi/v3.1/api.yaml)", () => {
  it("reads webhooks as operations named after the webhook, mutualTLS schemes", async () => {
    const result = await readOpenApi({ file });
    const api = mustApi(result);
    expect(api.specVersion).toBe("3.1.0");
    expect(api.webhooks.map((w) => [w.name, w.operations.map((o) => [o.method, o.path, o.operationId, o.operationIdSynthesized])])).toEqual([
      ["newItem", [["post", "newItem", "postNewItem", true]]],
    ]);
    expect(api.webhooks[0]?.source.pointer).toBe("/webhooks/newItem");
    expect(api.securitySchemes.map((s) => s.kind)).toEqual(["mutualTLS"]);
    expect(result.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("normalises 3.1 schemas faithfully (type arrays, const, prefixItems, if/then/else, examples, $ref siblings)", async () => {
    const api = mustApi(await readOpenApi({ file }));
    const item = api.schemas.find((s) => s.name === "Item");
    expect(item?.jsonSchema).toEqual({
      type: "object",
      properties: {
        name: { type: ["string", "null"] },
        kind: { const: "item" },
        point: { type: "array", prefixItems: [{ type: "number" }, { type: "number" }], items: false },
        size: { type: ["integer", "string"] },
        shipping: { if: { properties: { country: { const: "US" } } }, then: { required: ["zip"] }, else: { not: { required: ["zip"] } } },
        tags: { type: "array", examples: [["a", "b"]], items: { type: "string" } },
        owner: { $ref: "#/$defs/Owner", description: "the owner, described at the reference" },
        nothing: { type: "null" },
      },
    });
    const schema = item?.schema;
    if (schema?.kind !== "object") throw new Error("Item is an object");
    const kinds = Object.fromEntries(schema.properties.map((p) => [p.name, [p.schema.kind, p.schema.nullable]]));
    expect(kinds).toEqual({
      name: ["string", true],
      kind: ["const", false],
      point: ["array", false],
      size: ["union", false],
      shipping: ["unknown", false],
      tags: ["array", false],
      owner: ["ref", false],
      nothing: ["null", true],
    });
    expect(schema.properties.find((p) => p.name === "tags")?.schema.examples).toEqual([["a", "b"]]);
    expect(api.schemas.find((s) => s.name === "Owner")?.jsonSchema).toEqual({
      type: "object",
      properties: { email: { type: "string", format: "email" }, age: { type: "integer", exclusiveMaximum: 150 } },
    });
  });
});
