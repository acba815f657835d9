import { describe, expect, it } from "vitest";
import type { ObjectSchema } from "../../../src/ir/types.js";
import { mustApi, readSpecText, schemaNamed } from "./helpers.js";

// x-vx-model on a schema node itself, inline ones included (`modelHint`): what makes an object property the record of a
// to-one relation when its name does not say which (README, binding rule 8).

const spec = `openapi: 3.1.0
info: { title: t, version: "1" }
paths: {}
components:
  schemas:
    Person: { type: object, x-vx-model: User, properties: { id: { type: integer } } }
    Post:
      type: object
      properties:
        writer: { type: object, x-vx-model: Author, properties: { id: { type: integer } } }
        editor: { $ref: "#/components/schemas/Person" }
        note: { type: object, x-vx-model: 3, properties: { id: { type: integer } } }
`;

describe("x-vx-model on schemas", () => {
  it("is read on inline objects and named schemas alike; a value that is not a string is not a hint", async () => {
    const result = await readSpecText({ text: spec });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const api = mustApi(result);
    const [writer, editor, note] = (schemaNamed(api, "Post").schema as ObjectSchema).properties;
    expect(writer?.schema).toMatchObject({ kind: "object", modelHint: "Author" });
    expect(editor?.schema).toMatchObject({ kind: "ref", name: "Person" });
    expect(editor?.schema.modelHint).toBeUndefined();
    expect(schemaNamed(api, "Person").schema.modelHint).toBe("User");
    expect(schemaNamed(api, "Person").modelHint).toBe("User");
    expect(note?.schema.modelHint).toBeUndefined();
  });
});
