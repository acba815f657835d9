import { describe, expect, it } from "vitest";
import { jsonSchemaVariant } from "../../generators/shared/jsonSchemaVariant.js";

describe("jsonSchemaVariant", () => {
  const book = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    additionalProperties: false,
    required: ["id", "title", "secret", "updatedAt"],
    properties: {
      id: { type: "integer", readOnly: true },
      title: { type: "string", enum: ["readOnly"] },
      secret: { type: "string", writeOnly: true },
      updatedAt: { type: "string" },
      author: { $ref: "#/$defs/Author" },
      nested: { type: "object", required: ["a"], properties: { a: { type: "string", readOnly: true } } },
    },
  };

  it("removes readOnly properties (and their required entries) from requests, everywhere", () => {
    expect(jsonSchemaVariant({ schema: book, variant: "request" })).toEqual({
      type: "object",
      additionalProperties: false,
      required: ["title", "secret", "updatedAt"],
      properties: {
        title: { type: "string", enum: ["readOnly"] },
        secret: { type: "string", writeOnly: true },
        updatedAt: { type: "string" },
        author: { $ref: "#/$defs/Author" },
        nested: { type: "object", required: [], properties: {} },
      },
    });
  });

  it("removes writeOnly properties from responses and rewrites refs", () => {
    const response = jsonSchemaVariant({ schema: book, variant: "response", rewriteRef: (ref) => `doc.json${ref}` }) as Record<string, unknown>;
    expect(response.required).toEqual(["id", "title", "updatedAt"]);
    expect(Object.keys(response.properties as object)).toEqual(["id", "title", "updatedAt", "author", "nested"]);
    expect((response.properties as Record<string, unknown>).author).toEqual({ $ref: "doc.json#/$defs/Author" });
  });

  it("applies database-filled properties only at the named schema's root", () => {
    const request = jsonSchemaVariant({ schema: book, variant: "request", forcedReadOnly: new Set(["Book/updatedAt", "Book/a"]), schemaName: "Book" }) as Record<string, unknown>;
    expect(request.required).toEqual(["title", "secret"]);
    expect(Object.keys(request.properties as object)).not.toContain("updatedAt");
  });
});
