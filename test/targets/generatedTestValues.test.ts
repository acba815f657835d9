import { describe, expect, it } from "vitest";
import { exampleValue } from "../../generators/shared/exampleValue.js";
import { invalidBodies } from "../../generators/shared/invalidCases.js";
import { modelSchemas } from "../../generators/shared/modelSchemas.js";
import { modelView, type ColumnField, type ModelView } from "../../generators/shared/modelView.js";
import { referenceOverrides } from "../../generators/shared/referenceOverrides.js";
import { unknownKey } from "../../generators/shared/unknownKey.js";
import { indexSchemas } from "../../src/binding/schemaLookup.js";
import type { JsonValue, Operation, SchemaNode } from "../../src/ir/types.js";
import { buildIr } from "../../src/pipeline/buildIr.js";
import { loadTarget } from "../../src/targets/targetRegistry.js";
import { loadProjectValidators } from "./helpers/loadProjectValidators.js";

/** Every fixture with a database: the generated tests of each must hold on its own server. */
const fixtures = [
  { name: "bookstore", openapi: "fixtures/bookstore/openapi.yaml", prisma: "fixtures/bookstore/schema.prisma" },
  { name: "petstore-v2", openapi: "fixtures/petstore-v2/swagger.yaml", prisma: "fixtures/petstore-v2/schema.prisma" },
  { name: "clinic", openapi: "fixtures/clinic/openapi.yaml", prisma: "fixtures/clinic/schema.prisma" },
  { name: "library", openapi: "fixtures/binding/library.yaml", prisma: "fixtures/binding/library.prisma" },
];

function isRecord(value: JsonValue | undefined): value is Record<string, JsonValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function generate({ openapi, prisma }: { openapi: string; prisma: string }) {
  const { ir, names } = await buildIr({ openapi, prisma });
  const plugin = await loadTarget("fastify");
  if (!plugin || !ir.api || !ir.db) throw new Error(`cannot generate ${openapi}`);
  const output = await plugin.render({ ir, names, options: {} });
  const views = new Map<string, ModelView>(ir.db.models.map((model) => [model.name, modelView({ model, names, db: ir.db as NonNullable<typeof ir.db> })]));
  return { api: ir.api, db: ir.db, files: output.files, views };
}

/** The model column a path parameter of a bound operation selects by (its key or its parent's), if any. */
function columnOf({ op, name, views }: { op: Operation; name: string; views: Map<string, ModelView> }): ColumnField | undefined {
  if (op.binding.kind !== "bound") return undefined;
  const { key, parent } = op.binding;
  if (key?.parameter === name) return views.get(op.binding.model)?.columns.find((c) => c.name === key.field);
  if (parent?.parameter === name) return views.get(parent.model)?.columns.find((c) => c.name === parent.field);
  return undefined;
}

describe.each(fixtures)("generated tests of $name", ({ name, openapi, prisma }) => {
  it("send an unknown key that the key parameter's own validator accepts (a 404, never a 400)", async () => {
    const { api, files, views } = await generate({ openapi, prisma });
    const validators = await loadProjectValidators({ name, files });
    const schemas = indexSchemas(api);
    let checked = 0;
    for (const op of api.operations.filter((o) => o.binding.kind === "bound")) {
      const pathParams = op.parameters.filter((p) => p.in === "path");
      if (pathParams.length === 0) continue;
      const params: Record<string, JsonValue> = {};
      for (const p of pathParams) params[p.name] = unknownKey({ node: p.schema, column: columnOf({ op, name: p.name, views }), schemas });
      const validate = validators[op.operationId]?.["params"];
      expect(validate, op.operationId).toBeDefined();
      expect(validate?.(params), `${op.operationId} ${JSON.stringify(params)}`).toEqual({ valid: true, errors: [] });
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  }, 60_000);

  it("send invalid bodies that the body validator rejects for the reason each test names", async () => {
    const { api, db, files, views } = await generate({ openapi, prisma });
    const validators = await loadProjectValidators({ name: `${name}-bodies`, files });
    const schemas = indexSchemas(api);
    const { forcedReadOnly } = modelSchemas({ api, db });
    let checked = 0;
    for (const op of api.operations) {
      if (op.binding.kind !== "bound" || op.binding.action !== "create" || op.binding.parent) continue;
      const node = op.requestBody?.content.find((c) => c.mediaType === "application/json")?.schema as SchemaNode | undefined;
      const model = views.get(op.binding.model);
      if (!node || !model) continue;
      const valid = exampleValue({ node, schemas, variant: "request", seed: 1, forcedReadOnly, optional: true });
      if (!isRecord(valid)) continue;
      for (const bad of invalidBodies({ node, valid, schemas, forcedReadOnly })) {
        // What the generated test sends: the invalid body with references replaced by (valid) keys of created records.
        const sent = { ...(bad.value as Record<string, JsonValue>) };
        for (const o of referenceOverrides({ value: sent, model, views, keep: bad.field })) sent[o.property] = valid[o.property] ?? null;
        const result = validators[op.operationId]?.["body"]?.(sent);
        expect(result?.valid, `${op.operationId}: ${bad.what}: ${JSON.stringify(sent)}`).toBe(false);
        expect(result?.errors.map((e) => ({ field: e.field, keyword: e.keyword })), `${op.operationId}: ${bad.what}`).toContainEqual({ field: bad.field, keyword: bad.keyword });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  }, 60_000);
});
