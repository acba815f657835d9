import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/loadConfig.js";
import { findConfigFile } from "../../src/config/findConfigFile.js";

async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "vx-config-"));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

const where = (d: { code: string; location?: { line?: number; column?: number } }) => `${d.code} ${d.location?.line}:${d.location?.column}`;

describe("loadConfig", () => {
  it("reads a valid JSON config with several jobs", async () => {
    const dir = await dirWith({
      "vx.config.json": JSON.stringify({ out: "gen", jobs: [{ name: "public", openapi: "public.yaml" }, { name: "admin", openapi: "admin.yaml", out: "admin-gen" }] }, null, 2),
    });
    const result = await loadConfig({ file: join(dir, "vx.config.json") });
    expect(result.diagnostics).toEqual([]);
    expect(result.config?.jobs?.map((j) => j.name)).toEqual(["public", "admin"]);
  });

  it("reports JSON syntax errors with line and column", async () => {
    const dir = await dirWith({ "vx.config.json": '{\n  "openapi": "api.yaml",\n  "out": gen\n}\n' });
    const result = await loadConfig({ file: join(dir, "vx.config.json") });
    expect(result.config).toBeUndefined();
    expect(result.diagnostics.map(where)).toEqual(["VX020 3:10"]);
    expect(result.diagnostics[0]?.message).toMatch(/^invalid JSON: Unexpected token/);
    const trailing = await dirWith({ "vx.config.json": '{\n  "out": "x",\n}' });
    expect((await loadConfig({ file: join(trailing, "vx.config.json") })).diagnostics.map(where)).toEqual(["VX020 3:1"]);
  });

  it("reports schema errors at the offending key, with a suggestion for typos", async () => {
    const text = ['{', '  "jobs": [', '    { "name": "a", "openapi": "a.yaml", "out": "a" },', '    { "name": "b", "openapi": "b.yaml", "outt": "b" }', '  ],', '  "allowRemoteRefs": "yes"', '}', ''].join("\n");
    const dir = await dirWith({ "vx.config.json": text });
    const result = await loadConfig({ file: join(dir, "vx.config.json") });
    expect(result.diagnostics.map(where).sort()).toEqual(["VX021 4:41", "VX021 6:3"]);
    const typo = result.diagnostics.find((d) => d.message.includes("outt"));
    expect(typo?.help).toMatch(/did you mean "out"/);
  });

  it("accepts derive.decimal as string or number, and nothing else", async () => {
    const good = await dirWith({ "vx.config.json": JSON.stringify({ prisma: "schema.prisma", out: "gen", derive: { decimal: "number" } }) });
    const read = await loadConfig({ file: join(good, "vx.config.json") });
    expect(read.diagnostics).toEqual([]);
    expect(read.config?.derive).toEqual({ decimal: "number" });
    const bad = await dirWith({ "vx.config.json": '{\n  "prisma": "schema.prisma",\n  "derive": { "decimal": "float" }\n}\n' });
    expect((await loadConfig({ file: join(bad, "vx.config.json") })).diagnostics.map((d) => d.code)).toEqual(["VX021"]);
  });

  it("accepts every derive setting (models, basePath, pagination) and refuses a base path without its slash or an unknown paging", async () => {
    const derive = { include: ["Book", "Author"], exclude: ["Log"], basePath: "/api/v1", pagination: "cursor", decimal: "string" };
    const good = await dirWith({ "vx.config.json": JSON.stringify({ prisma: "schema.prisma", out: "gen", jobs: [{ name: "a", derive }] }) });
    const read = await loadConfig({ file: join(good, "vx.config.json") });
    expect(read.diagnostics).toEqual([]);
    expect(read.config?.jobs?.[0]?.derive).toEqual(derive);
    const bad = await dirWith({ "vx.config.json": JSON.stringify({ prisma: "schema.prisma", derive: { basePath: "api", pagination: "pages", include: "Book" } }) });
    expect((await loadConfig({ file: join(bad, "vx.config.json") })).diagnostics.map((d) => d.code)).toEqual(["VX021", "VX021", "VX021"]);
  });

  it("checks options.auth: IP ranges and a cycle in the role hierarchy are VX025 at their key", async () => {
    const text = [
      "{",
      '  "openapi": "api.yaml",',
      '  "out": "gen",',
      '  "options": { "auth": { "roleHierarchy": { "admin": ["staff"], "staff": ["member"] }, "ipAllow": ["10.0.0.0/8", "::1"] } },',
      '  "jobs": [',
      '    { "name": "a", "options": { "auth": {',
      '      "roleHierarchy": { "a": ["b"], "b": ["a"] },',
      '      "ipAllow": ["10.0.0.0/8", "10.0.0.0/33", "localhost"] } } }',
      "  ]",
      "}",
      "",
    ].join("\n");
    const dir = await dirWith({ "vx.config.json": text });
    const result = await loadConfig({ file: join(dir, "vx.config.json") });
    expect(result.config).toBeUndefined();
    expect(result.diagnostics.map((d) => [where(d), d.message])).toEqual([
      ["VX025 8:33", 'auth.ipAllow: "10.0.0.0/33" is not an IPv4 or IPv6 address or CIDR range'],
      ["VX025 8:48", 'auth.ipAllow: "localhost" is not an IPv4 or IPv6 address or CIDR range'],
      ["VX025 7:26", 'auth.roleHierarchy has a cycle: "a" -> "b" -> "a"'],
    ]);
    expect(result.diagnostics.every((d) => d.severity === "error" && d.help !== undefined)).toBe(true);
    const empty = await dirWith({ "vx.config.json": '{ "openapi": "a.yaml", "out": "gen", "options": { "auth": { "ipAllow": [] } } }' });
    expect((await loadConfig({ file: join(empty, "vx.config.json") })).diagnostics.map((d) => [d.code, d.message])).toEqual([["VX025", "auth.ipAllow: an empty list would deny every client"]]);
    const valid = await dirWith({ "vx.config.json": text.replace('"a": ["b"], "b": ["a"]', '"a": ["b"]').replace(', "10.0.0.0/33", "localhost"', "") });
    expect((await loadConfig({ file: join(valid, "vx.config.json") })).diagnostics).toEqual([]);
  });

  it("rejects duplicate job names, pointing at both", async () => {
    const dir = await dirWith({ "vx.config.json": '{ "jobs": [\n { "name": "a" },\n { "name": "a" }\n] }' });
    const result = await loadConfig({ file: join(dir, "vx.config.json") });
    expect(result.diagnostics.map(where)).toEqual(["VX021 3:4"]);
    expect(result.diagnostics[0]?.related?.[0]?.location.line).toBe(2);
  });

  it('reads the "vx" key of package.json and places errors in package.json', async () => {
    const dir = await dirWith({ "package.json": '{\n  "name": "app",\n  "vx": {\n    "openapi": "api.yaml",\n    "out": 3\n  }\n}\n' });
    const found = await findConfigFile({ dir });
    expect(found?.kind).toBe("package.json");
    const result = await loadConfig({ file: found?.file ?? "" });
    expect(result.diagnostics.map(where)).toEqual(["VX021 5:5"]);
    expect(result.diagnostics[0]?.message).toContain('"vx.out"');
  });

  it("loads vx.config.ts (type imports, satisfies) and places schema errors in the TypeScript source", async () => {
    const good = [
      'import type { VxConfig } from "vx-gen";',
      "// comments are fine",
      "const config = {",
      '  openapi: "api.yaml",',
      '  out: "server",',
      '  options: { basePath: "/v1" },',
      "} satisfies VxConfig;",
      "export default config;",
      "",
    ].join("\n");
    const dir = await dirWith({ "vx.config.ts": good, "bad.config.ts": good.replace('basePath: "/v1"', 'basePath: "/v1", colour: "red"') });
    expect((await findConfigFile({ dir }))?.kind).toBe("ts");
    const result = await loadConfig({ file: join(dir, "vx.config.ts") });
    expect(result.diagnostics).toEqual([]);
    expect(result.config).toEqual({ openapi: "api.yaml", out: "server", options: { basePath: "/v1" } });
    const bad = await loadConfig({ file: join(dir, "bad.config.ts") });
    expect(bad.diagnostics.map(where)).toEqual(["VX021 6:31"]);
  });

  it("reports a TypeScript syntax error and a config that throws", async () => {
    const dir = await dirWith({ "a.config.ts": "export default {\n  out: 'x',,\n};\n", "b.config.ts": "throw new Error('boom');\nexport default {};\n" });
    expect((await loadConfig({ file: join(dir, "a.config.ts") })).diagnostics.map(where)).toEqual(["VX020 2:12"]);
    const thrown = await loadConfig({ file: join(dir, "b.config.ts") });
    expect(thrown.diagnostics.map((d) => d.code)).toEqual(["VX022"]);
    expect(thrown.diagnostics[0]?.message).toContain("boom");
  });

  it("reports a missing config file as unreadable input", async () => {
    const result = await loadConfig({ file: "/nonexistent/vx.config.json" });
    expect(result.diagnostics.map((d) => d.code)).toEqual(["VX001"]);
  });
});
