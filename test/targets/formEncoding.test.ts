import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildValidationSchemas } from "../../generators/shared/buildValidationSchemas.js";
import { operationView } from "../../generators/shared/operationView.js";
import { buildIr } from "../../src/pipeline/buildIr.js";
import { coerceFormBody, parseFormBody, type FormValueShape } from "../../runtime/shared/src/generated/runtime/formBody.js";

// Issue 12: a form body's `encoding` says how its arrays are written (`style`, `explode`): `tags=a,b` is one value
// joined by commas, `ids=1|2` by pipes; without an encoding (or `explode: true`) the key repeats (`tags=a&tags=b`).
const spec = `openapi: 3.1.0
info: { title: forms, version: "1" }
paths:
  /things:
    post:
      operationId: createThing
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                tags: { type: array, items: { type: string } }
                ids: { type: array, items: { type: integer } }
                words: { type: array, items: { type: string } }
                repeated: { type: array, items: { type: string } }
                name: { type: string }
            encoding:
              tags: { style: form, explode: false }
              ids: { style: pipeDelimited }
              words: { style: spaceDelimited, explode: false }
              repeated: { style: form, explode: true }
              name: { style: form, explode: false }
      responses: { "204": { description: created } }
`;

describe("form bodies' encoding (style, explode)", () => {
  it("reads each array as the encoding joins it, typed by the schema", async () => {
    const dir = await mkdtemp(join(tmpdir(), "vx-form-encoding-"));
    const file = join(dir, "openapi.yaml");
    await writeFile(file, spec);
    const { ir, names } = await buildIr({ openapi: file });
    const op = ir.api?.operations.find((o) => o.operationId === "createThing");
    if (!ir.api || !op) throw new Error("no createThing");
    expect(op.requestBody?.content[0]?.encoding).toEqual([
      { property: "ids", style: "pipeDelimited" },
      { property: "name", style: "form", explode: false },
      { property: "repeated", style: "form", explode: true },
      { property: "tags", style: "form", explode: false },
      { property: "words", style: "spaceDelimited", explode: false },
    ]);
    const schemas = buildValidationSchemas({ api: ir.api, views: [operationView({ op, names })], forcedReadOnly: new Set() });
    const shape = schemas.operations["createThing"]?.formBody as FormValueShape;
    expect(shape.properties?.["tags"]?.delimiter).toBe(",");
    expect(shape.properties?.["ids"]?.delimiter).toBe("|");
    expect(shape.properties?.["words"]?.delimiter).toBe(" ");
    expect(shape.properties?.["repeated"]?.delimiter).toBeUndefined();
    expect(shape.properties?.["name"]?.delimiter).toBeUndefined();
    const body = parseFormBody({ text: "tags=a,b&ids=1|2&words=x+y&repeated=r,s&repeated=t&name=a,b", maxDepth: 5 });
    expect(coerceFormBody({ value: body, shape })).toEqual({ tags: ["a", "b"], ids: [1, 2], words: ["x", "y"], repeated: ["r,s", "t"], name: "a,b" });
  });
});
