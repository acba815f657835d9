import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validatorCacheStats } from "../../generators/shared/renderValidators.js";
import type { RenderedFile } from "../../src/pipeline/RenderedFile.js";
import { generateFixture } from "./helpers/generateFixture.js";

const openapi = "fixtures/bookstore/openapi.yaml";
const prisma = "fixtures/bookstore/schema.prisma";

describe("the Fastify target's request validators are compiled at generation time", () => {
  let files: RenderedFile[];
  const dir = mkdtempSync(join(tmpdir(), "vx-precompiled-"));
  beforeAll(async () => {
    files = (await generateFixture({ openapi, prisma })).files;
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const source = (path: string) => files.find((f) => f.path === path)?.content ?? "";

  it("generates no run-time compilation: no Ajv instance, no compile, no validator compiler for the app", () => {
    for (const file of files.filter((f) => f.path.startsWith("src/") && f.path.endsWith(".ts"))) {
      expect(file.content, file.path).not.toMatch(
        // Patterns are compiled by re2js when a unit loads (`RE2JS.compile`, microseconds each); schemas never are.
        /new Ajv|\bajv\.compile|(?<!RE2JS)\.compile\(|addFormats|setValidatorCompiler|from "ajv/,
      );
    }
    const routes = source("src/generated/fastify/routes/tags.ts");
    // The route table imports each operation's validators by name (no lookup by operationId at run time).
    expect(routes).toContain('import createTagBody from "../../validation/create-tag.body.js";');
    expect(routes).toMatch(/operationId: "createTag",[^}]*?validators: createTagBody,/);
    const operationSchemas = files.filter((f) => f.path.startsWith("src/generated/validation/operations/"));
    expect(operationSchemas.map((f) => f.path)).toContain("src/generated/validation/operations/tags.json");
    for (const file of operationSchemas) expect(file.content, file.path).not.toContain('"body"');
  });

  it("writes one module per operation's parameters and body, untyped Ajv code behind a typed index", () => {
    const units = files.filter((f) => /^src\/generated\/validation\/[^/]+\.(parameters|body)\.ts$/.test(f.path));
    expect(units.map((f) => f.path)).toContain("src/generated/validation/create-tag.body.ts");
    expect(units.map((f) => f.path)).toContain("src/generated/validation/list-books.parameters.ts");
    for (const unit of units) {
      expect(unit.content.split("\n")[1], unit.path).toMatch(/^\/\/ @ts-nocheck/);
      expect(unit.content, unit.path).toContain('import { vxWrap } from "./runtime.js";');
    }
    const index = source("src/generated/validation/index.ts");
    expect(index).not.toContain("@ts-nocheck");
    expect(index).toContain('import { tagsValidators } from "./operations/tags.js";');
    expect(index).toMatch(/operationValidators[^]*\.\.\.tagsValidators,/);
    const tags = source("src/generated/validation/operations/tags.ts");
    expect(tags).not.toContain("@ts-nocheck");
    expect(tags).toMatch(/"?createTag"?: \{ \.\.\.createTagBody \}/);
    expect(source("src/generated/validation/runtime.ts")).toContain("export { vxWrapTyped as vxWrap };");
    // Laid out one statement per line and indented (not one long line), without prettier.
    const body = source("src/generated/validation/create-tag.body.ts");
    expect(body).toMatch(/\n {2}let vErrors = null;\n/);
    expect(Math.max(...body.split("\n").map((l) => l.length))).toBeLessThan(400);
  });

  it("lists ajv (helpers) and ajv-formats (formats) as dependencies because the emitted code loads them", () => {
    const pkg = JSON.parse(source("package.json")) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toEqual(expect.arrayContaining(["ajv", "ajv-formats"]));
    const units = files
      .filter((f) => f.path.startsWith("src/generated/validation/"))
      .map((f) => f.content)
      .join("\n");
    expect(units).toContain('vxRequire("ajv/dist/runtime/ucs2length")');
    expect(units).toContain('vxRequire("ajv-formats/dist/formats")');
  });

  it("recompiles only the units that reach a changed schema", async () => {
    const changedSpec = join(dir, "openapi.yaml");
    const text = readFileSync(openapi, "utf8");
    const tagName = "name: { type: string, minLength: 1, maxLength: 40 }";
    expect(text.split(tagName).length).toBe(2);
    writeFileSync(changedSpec, text.replace(tagName, tagName.replace("40", "41")));
    const before = validatorCacheStats();
    const again = (await generateFixture({ openapi, prisma })).files;
    const unchanged = validatorCacheStats();
    // Not from memory: compiled now, or by an earlier run (the disk cache).
    const produced = (stats: typeof before) => stats.compiled + stats.diskHits;
    expect(produced(unchanged)).toBe(produced(before));
    const changed = (await generateFixture({ openapi: changedSpec, prisma })).files;
    const after = validatorCacheStats();
    const differing = changed.filter(
      (f) =>
        f.path.startsWith("src/generated/validation/") &&
        f.path.endsWith(".ts") &&
        f.content !== again.find((g) => g.path === f.path)?.content,
    );
    expect(differing.map((f) => f.path)).toEqual(["src/generated/validation/create-tag.body.ts"]);
    expect(produced(after) - produced(unchanged)).toBe(1);
  }, 120_000);
});
