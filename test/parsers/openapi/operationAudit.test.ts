import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fastifyPath } from "../../../generators/fastify/fastifyPath.js";
import { buildValidationSchemas } from "../../../generators/shared/buildValidationSchemas.js";
import { operationView } from "../../../generators/shared/operationView.js";
import { planRouteRow } from "../../../generators/shared/planRouteRow.js";
import { buildIr } from "../../../src/pipeline/buildIr.js";
import { mustApi, operationWithId, readSpecText } from "./helpers.js";

// x-vx-audit on operations: the IR flag, VX160 for a value that is not a boolean, and the route row it gives.

function spec(value: string): string {
  return `openapi: 3.0.3
info: { title: t, version: "1" }
paths:
  /things/{id}/approve:
    post:
      operationId: approveThing
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      x-vx-audit: ${value}
      responses: { "204": { description: done } }
`;
}

describe("x-vx-audit", () => {
  it("reads true as the operation's audit flag, false as none, without a diagnostic", async () => {
    for (const [value, expected] of [["true", true], ["false", undefined]] as const) {
      const result = await readSpecText({ text: spec(value) });
      expect(result.diagnostics.filter((d) => d.code === "VX160")).toEqual([]);
      expect(operationWithId(mustApi(result), "approveThing").audit).toBe(expected);
    }
  });

  it("reports VX160 at the extension for a value that is not a boolean, and audits nothing", async () => {
    for (const value of ['"yes"', "1", "{ on: true }"]) {
      const result = await readSpecText({ text: spec(value) });
      const found = result.diagnostics.filter((d) => d.code === "VX160");
      expect(found.map((d) => [d.severity, d.location?.pointer])).toEqual([["error", "/paths/~1things~1{id}~1approve/post/x-vx-audit"]]);
      expect(found[0]?.message).toContain("x-vx-audit of POST /things/{id}/approve must be true or false");
      if (result.api) expect(operationWithId(result.api, "approveThing").audit).toBeUndefined();
    }
  });

  it("gives the route row of a custom action its model, and none to a bound write (its service audits it)", async () => {
    const { ir, names } = await buildIr({
      openapi: join(process.cwd(), "fixtures/bookstore/openapi.yaml"),
      prisma: join(process.cwd(), "fixtures/bookstore/schema.prisma"),
    });
    const api = ir.api;
    if (!api) throw new Error("the bookstore has no API");
    const views = api.operations.map((op) => operationView({ op, names }));
    const schemas = buildValidationSchemas({ api, views, forcedReadOnly: new Set() });
    const row = (operationId: string, audit?: true) => {
      const view = views.find((v) => v.op.operationId === operationId);
      if (view === undefined) throw new Error(`no ${operationId}`);
      const op = audit === undefined ? view.op : { ...view.op, audit };
      return planRouteRow({ view: { ...view, op }, schemeNames: new Set(), apiKeys: new Map(), validators: [], schemas: schemas.operations[operationId], routePath: fastifyPath });
    };
    // publishBook has x-vx-audit: true in the bookstore; getStats has not.
    expect(row("publishBook").audit).toEqual({ model: "Book" });
    expect(row("getStats").audit).toBeUndefined();
    expect(row("getStats", true).audit).toEqual({ model: "" });
    expect(row("createAuthor", true).audit).toBeUndefined();
    expect(row("getAuthor", true).audit).toEqual({ model: "Author" });
  });
});

describe("schemas/vx.extensions.schema.json documents x-vx-audit and x-vx-pii: hash", () => {
  it("accepts what the reader reads and rejects what it refuses", async () => {
    const { default: Ajv2020 } = await import("ajv/dist/2020.js");
    const extensions = JSON.parse(readFileSync("schemas/vx.extensions.schema.json", "utf8")) as { $id: string };
    const ajv = new Ajv2020.default({ strict: false });
    ajv.addSchema(extensions);
    const operation = ajv.getSchema(`${extensions.$id}#/$defs/operation`);
    for (const good of [true, false]) expect(operation?.({ "x-vx-audit": good })).toBe(true);
    for (const bad of ["yes", 1, {}]) expect(operation?.({ "x-vx-audit": bad }), JSON.stringify(bad)).toBe(false);
    const schema = ajv.getSchema(`${extensions.$id}#/$defs/schema`);
    for (const good of [true, false, "hash"]) expect(schema?.({ "x-vx-pii": good }), JSON.stringify(good)).toBe(true);
    for (const bad of ["mask", 1]) expect(schema?.({ "x-vx-pii": bad }), JSON.stringify(bad)).toBe(false);
  });
});
