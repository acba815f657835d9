import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readOpenApi } from "../../../src/parsers/openapi/readOpenApi.js";
import { formatDiagnostics } from "../../../src/diagnostics/formatDiagnostics.js";
import { MAX_SCHEMA_DEPTH } from "../../../src/parsers/openapi/readSchema.js";
import { mustApi, writeSpecFiles } from "./helpers.js";

const bad = "fixtures/openapi/bad";

describe("bad input never throws and says what is wrong, where", () => {
  it("invalid YAML: VX100 with the line", async () => {
    const result = await readOpenApi({ file: `${bad}/invalid-yaml.yaml` });
    expect(result.api).toBeNull();
    expect(formatDiagnostics(result.diagnostics)).toBe(`${bad}/invalid-yaml.yaml:8:1 error VX100 invalid YAML: unexpected end of the stream within a flow collection`);
  });

  it("invalid JSON: VX100 with line and column", async () => {
    const dir = await writeSpecFiles({ "api.json": '{\n  "openapi": "3.0.0",\n  "info": {,}\n}\n' });
    const result = await readOpenApi({ file: path.join(dir, "api.json") });
    expect(result.api).toBeNull();
    expect(result.diagnostics[0]).toMatchObject({ code: "VX100", location: { line: 3, column: 12 } });
  });

  it("a YAML document that is not OpenAPI: VX101", async () => {
    const result = await readOpenApi({ file: `${bad}/not-openapi.yaml` });
    expect(result.api).toBeNull();
    expect(result.diagnostics.map((d) => d.code)).toEqual(["VX101"]);
  });

  it("a JSON array at the top: VX101", async () => {
    const dir = await writeSpecFiles({ "a.json": "[1, 2]" });
    const result = await readOpenApi({ file: path.join(dir, "a.json") });
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([["VX101", "not an OpenAPI or Swagger document: the top level is not an object"]]);
  });

  it("an unsupported version: VX102 at the version", async () => {
    const result = await readOpenApi({ file: `${bad}/unsupported-version.yaml` });
    expect(result.api).toBeNull();
    expect(result.diagnostics[0]).toMatchObject({ code: "VX102", location: { line: 1, column: 1, pointer: "/openapi" } });
    const swagger = await writeSpecFiles({ "s.yaml": "swagger: '1.2'\ninfo: {}\n" });
    expect((await readOpenApi({ file: path.join(swagger, "s.yaml") })).diagnostics.map((d) => d.code)).toEqual(["VX102"]);
  });

  it("unknown, remote and missing-file $refs: VX104, VX105, VX106 at the $ref's line; the rest is still read", async () => {
    const result = await readOpenApi({ file: `${bad}/refs.yaml` });
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => [d.code, d.location?.line, d.location?.column])).toEqual([
      ["VX104", 14, 17],
      ["VX105", 23, 17],
      ["VX106", 32, 17],
    ]);
    expect(errors[1]?.message).toBe('remote $ref "https://example.com/schemas/pet.json" refused');
    expect(errors[2]?.message).toContain("no-such-file.yaml");
    const api = mustApi(result);
    expect(api.operations).toHaveLength(3);
    expect(api.operations.map((o) => o.responses[0]?.content[0]?.schema?.kind)).toEqual(["unknown", "unknown", "unknown"]);
  });

  it("an invalid $ref value: VX116", async () => {
    const dir = await writeSpecFiles({
      "api.yaml": "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      $ref: '#components/schemas/B'\n",
    });
    const result = await readOpenApi({ file: path.join(dir, "api.yaml") });
    expect(result.diagnostics.map((d) => [d.code, d.location?.line])).toEqual([["VX116", 7]]);
  });

  describe("remote $refs when allowed", () => {
    let server: Server;
    let base = "";
    beforeAll(async () => {
      server = createServer((request, response) => {
        if (request.url === "/pet.json") {
          response.writeHead(200, { "content-type": "application/json" });
          response.end(JSON.stringify({ type: "object", properties: { name: { type: "string" } } }));
        } else {
          response.writeHead(404);
          response.end();
        }
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("are fetched with allowRemoteRefs, and a failing one is VX106", async () => {
      const dir = await writeSpecFiles({
        "api.yaml": `openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Pet:\n      $ref: '${base}/pet.json'\n    Gone:\n      $ref: '${base}/gone.json'\n`,
      });
      const file = path.join(dir, "api.yaml");
      const refused = await readOpenApi({ file });
      expect(refused.diagnostics.map((d) => d.code)).toEqual(["VX105", "VX105"]);
      const allowed = await readOpenApi({ file, allowRemoteRefs: true });
      expect(allowed.diagnostics.map((d) => [d.code, d.location?.line])).toEqual([["VX106", 9]]);
      const pet = mustApi(allowed).schemas.find((s) => s.name === "Pet");
      expect(pet?.jsonSchema).toEqual({ type: "object", properties: { name: { type: "string" } } });
      expect(pet?.source).toEqual({ kind: "openapi", file: `${base}/pet.json`, pointer: "" });
    });
  });

  it("a missing file: VX001", async () => {
    const result = await readOpenApi({ file: `${bad}/does-not-exist.yaml` });
    expect(result.api).toBeNull();
    expect(result.diagnostics.map((d) => [d.code, d.location?.file])).toEqual([["VX001", `${bad}/does-not-exist.yaml`]]);
  });

  it("a directory where a file is expected: VX002", async () => {
    const result = await readOpenApi({ file: bad });
    expect(result.diagnostics.map((d) => d.code)).toEqual(["VX002"]);
  });

  it("an empty file: VX004", async () => {
    const result = await readOpenApi({ file: `${bad}/empty.yaml` });
    expect(result.diagnostics.map((d) => d.code)).toEqual(["VX004"]);
  });

  it("a binary file: VX003", async () => {
    const dir = await writeSpecFiles({ "api.yaml": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]) });
    const result = await readOpenApi({ file: path.join(dir, "api.yaml") });
    expect(result.api).toBeNull();
    expect(result.diagnostics.map((d) => d.code)).toEqual(["VX003"]);
  });

  it("a referenced file that is binary or a directory: VX106 naming why", async () => {
    const dir = await writeSpecFiles({
      "api.yaml": "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      $ref: 'bin.dat'\n    B:\n      $ref: 'sub'\n",
      "bin.dat": Buffer.from([1, 2, 0, 3]),
      "sub/x.yaml": "a: 1\n",
    });
    const result = await readOpenApi({ file: path.join(dir, "api.yaml") });
    expect(result.diagnostics.map((d) => [d.code, d.location?.line])).toEqual([
      ["VX106", 7],
      ["VX106", 9],
    ]);
    expect(result.diagnostics[0]?.message).toContain("(VX003)");
    expect(result.diagnostics[1]?.message).toContain("(VX002)");
  });

  it("structural problems are VX103 at their place (one message per place, the alternatives merged), and the IR is still built", async () => {
    const result = await readOpenApi({ file: `${bad}/structure.yaml` });
    const structural = result.diagnostics.filter((d) => d.code === "VX103" || d.code === "VX121");
    expect(structural.map((d) => [d.location?.line, d.severity, d.message])).toEqual([
      [2, "warning", '/info: missing "version", required by the OpenAPI 3.0 schema (vx-gen reads past it: it only documents, the generated code does not depend on it)'],
      [6, "error", '/paths/~1a/get: missing required field "responses"'],
      [19, "error", '/paths/~1b/get/parameters/0: missing "schema" or "content" (one of them is required)'],
      [20, "error", '/paths/~1b/get/parameters/0/in: must be one of "path", "query", "header", "cookie"'],
    ]);
    expect(mustApi(result).operations.map((o) => o.operationId)).toEqual(["getA", "postA", "getB"]);
  });

  it("undeclared and unused path parameters: VX109 and VX110", async () => {
    const result = await readOpenApi({ file: `${bad}/path-params.yaml` });
    expect(result.diagnostics.filter((d) => d.severity !== "info").map((d) => [d.code, d.location?.line])).toEqual([
      ["VX109", 7],
      ["VX110", 14],
    ]);
  });

  it("a 2 MB+ JSON spec on one line reads fast, and diagnostics in it get line 1 and the right column", async () => {
    const schemas: Record<string, unknown> = {};
    for (let i = 0; i < 4000; i++) {
      schemas[`Model${i}`] = { type: "object", description: "x".repeat(400), properties: { id: { type: "integer" }, next: { $ref: `#/components/schemas/Model${(i + 1) % 4000}` } } };
    }
    schemas.Broken = { $ref: "#/components/schemas/Missing" };
    const text = JSON.stringify({ openapi: "3.0.0", info: { title: "big", version: "1" }, paths: {}, components: { schemas } });
    expect(text.length).toBeGreaterThan(2_000_000);
    const dir = await writeSpecFiles({ "big.json": text });
    const started = performance.now();
    const result = await readOpenApi({ file: path.join(dir, "big.json") });
    const elapsed = performance.now() - started;
    expect(mustApi(result).schemas).toHaveLength(4001);
    const d = result.diagnostics.find((x) => x.code === "VX104");
    expect(d?.location?.line).toBe(1);
    expect(d?.location?.column).toBe(text.indexOf('"$ref":"#/components/schemas/Missing"') + 1);
    expect(elapsed).toBeLessThan(15_000);
  });

  for (const format of ["json", "yaml"] as const) {
    it(`schemas nested 500 deep (${format}) stop at depth ${MAX_SCHEMA_DEPTH} with VX111 and keep going`, async () => {
      let schema: Record<string, unknown> = { type: "string" };
      for (let i = 0; i < 500; i++) schema = { type: "object", properties: { child: schema } };
      const doc = {
        openapi: "3.1.0",
        info: { title: "deep", version: "1" },
        paths: { "/x": { get: { responses: { "200": { description: "ok" } } } } },
        components: { schemas: { Deep: schema, Flat: { type: "boolean" } } },
      };
      const text = format === "json" ? JSON.stringify(doc, null, 1) : toFlowYaml(doc);
      const dir = await writeSpecFiles({ [`deep.${format}`]: text });
      const result = await readOpenApi({ file: path.join(dir, `deep.${format}`) });
      const api = mustApi(result);
      expect(api.operations).toHaveLength(1);
      expect(api.schemas.map((s) => s.name)).toEqual(["Deep", "Flat"]);
      const tooDeep = result.diagnostics.filter((x) => x.code === "VX111");
      expect(tooDeep).toHaveLength(1);
      expect(tooDeep[0]?.location?.line).toBeGreaterThan(1);
      expect(tooDeep[0]?.location?.pointer?.split("/properties/child").length).toBe(MAX_SCHEMA_DEPTH + 2);
    });
  }
});

describe("pathological nesting", () => {
  it("a JSON document nested 200,000 levels deep is read (schema cut at the limit), not a stack overflow", async () => {
    let inner = '{"type":"string"}';
    for (let i = 0; i < 100_000; i++) inner = `{"type":"object","properties":{"a":${inner}}}`;
    const dir = await writeSpecFiles({ "deep.json": `{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{"D":${inner}}}}` });
    const result = await readOpenApi({ file: path.join(dir, "deep.json") });
    expect(mustApi(result).schemas.map((s) => s.name)).toEqual(["D"]);
    expect(result.diagnostics.map((d) => d.code)).toContain("VX111");
  });

  it("YAML nested beyond the parser's limit is VX100, not a crash", async () => {
    let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    D:\n";
    let pad = "      ";
    for (let i = 0; i < 3000; i++) {
      text += `${pad}properties:\n${pad} a:\n`;
      pad += "  ";
    }
    const dir = await writeSpecFiles({ "deep.yaml": `${text}${pad}type: string\n` });
    const result = await readOpenApi({ file: path.join(dir, "deep.yaml") });
    expect(result.api).toBeNull();
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([["VX100", "invalid YAML: nesting too deep to parse (over 2000 levels or the stack limit)"]]);
  });
});

/** YAML in block style for the outer levels, nested mappings indented one space per level (valid YAML, like JSON). */
function toFlowYaml(value: unknown, indent = 0): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const pad = " ".repeat(indent);
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => (v !== null && typeof v === "object" ? `${pad}${JSON.stringify(k)}:\n${toFlowYaml(v, indent + 1)}` : `${pad}${JSON.stringify(k)}: ${JSON.stringify(v)}`))
    .join("\n");
}
