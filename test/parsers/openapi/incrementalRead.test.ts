/**
 * Differential test of the loader's reuse between runs (`readSpecFile` memo, `spliceJson`, memoised `$ref` sites,
 * incremental structural validation): a seeded series of small edits to real corpus specs (written as JSON, as watch
 * sees them after an editor saves), each read once incrementally (same path as the previous run) and once fresh (a
 * path never read before), comparing the parsed value with JSON.parse and the whole result (IR and diagnostics).
 */
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearOpenApiMemo, readOpenApi, type ReadOpenApiResult } from "../../../src/parsers/openapi/readOpenApi.js";
import { readSpecFile, specFileReuse } from "../../../src/parsers/openapi/readSpecFile.js";
import { parseYamlValue } from "../../../src/parsers/openapi/parseYamlValue.js";
import { structureMode } from "../../../src/parsers/openapi/validateStructureIncrementally.js";
import { sharedInputPresent } from "../../helpers/sharedInput.js";

type Json = Record<string, unknown>;
const corpus = path.resolve("../shared/corpus/openapi");
const github = path.resolve("node_modules/@octokit/openapi/generated/api.github.com.json");
const methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}


/** One random edit of the kinds a user makes, including ones that break the document (structure, `$ref`s). */
function edit({ spec, random, round, only }: { spec: Json; random: () => number; round: number; only?: number }): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const swagger = spec.swagger !== undefined;
  const paths = spec.paths as Record<string, Json>;
  const schemas = ((swagger ? spec.definitions : (spec.components as Json | undefined)?.schemas) ?? {}) as Record<string, Json>;
  const operations: [string, string][] = [];
  for (const [p, item] of Object.entries(paths)) for (const m of Object.keys(item)) if (methods.includes(m)) operations.push([p, m]);
  const [opPath, opMethod] = pick(operations);
  const op = (paths[opPath] as Json)[opMethod] as Json;
  const schemaNames = Object.keys(schemas);
  const schemaName = schemaNames.length > 0 ? pick(schemaNames) : undefined;
  const refPrefix = swagger ? "#/definitions/" : "#/components/schemas/";
  const kind = only ?? Math.floor(random() * 16);
  switch (kind) {
    case 0:
      op.description = `edited ${round} {"}`;
      return `description of ${opMethod} ${opPath}`;
    case 1:
      op.parameters = [...((op.parameters as unknown[]) ?? []), swagger ? { name: `q${round}`, in: "query", type: "string" } : { name: `q${round}`, in: "query", schema: { type: "string" } }];
      return "parameter added";
    case 2:
      if (Array.isArray(op.parameters) && op.parameters.length > 0) op.parameters = op.parameters.slice(0, -1);
      return "parameter removed";
    case 3:
      delete (paths[opPath] as Json)[opMethod];
      return "operation removed";
    case 4:
      paths[`/vx-new-${round}`] = { get: { operationId: `vxNew${round}`, responses: { "200": { description: "ok" } } } };
      return "path added";
    case 5: {
      const renamed: Record<string, Json> = {};
      for (const [p, item] of Object.entries(paths)) renamed[p === opPath ? `${p}-r${round}` : p] = item;
      spec.paths = renamed;
      return "path renamed";
    }
    case 6:
      if (schemaName) schemas[schemaName] = { ...schemas[schemaName], properties: { ...((schemas[schemaName] as Json).properties as Json), [`p${round}`]: { type: pick(["string", "integer", "boolean"]) } } };
      return "schema property added";
    case 7:
      if (schemaName && schemaNames.length > 1) delete schemas[schemaName];
      return "schema removed (dangling $refs)";
    case 8:
      schemas[`VxNew${round}`] = { type: "object", properties: { id: { type: "string" } } };
      return "schema added";
    case 9:
      op.responses = { ...(op.responses as Json), "299": { description: "x", ...(swagger ? { schema: { $ref: `${refPrefix}Nope${round}` } } : { content: { "application/json": { schema: { $ref: `${refPrefix}Nope${round}` } } } }) } };
      return "dangling $ref added";
    case 10:
      op.parameters = [...((op.parameters as unknown[]) ?? []), { name: "bad", in: "nowhere" }];
      return "structural error: unknown `in`";
    case 11:
      if (schemaName) schemas[schemaName] = { ...schemas[schemaName], required: "x" };
      return "structural error: `required` not an array";
    case 12:
      op.responses = { ...(op.responses as Json), "298": {} };
      return "structural error: response without description";
    case 13: {
      const renamed: Record<string, Json> = {};
      for (const [p, item] of Object.entries(paths)) renamed[p === opPath ? `bad-key-${round}` : p] = item;
      spec.paths = renamed;
      return "structural error: path key without a slash";
    }
    case 14:
      (spec.info as Json).title = `title ${round}`;
      return "info edited (outside the members)";
    default:
      op.summary = `summary ${round}`;
      return "summary edited";
  }
}

/** The result with the folder of the file replaced (fresh reads use another folder), as comparable JSON. */
function comparable(result: ReadOpenApiResult, dir: string): string {
  return JSON.stringify({ api: result.api, diagnostics: result.diagnostics }).split(dir).join("<dir>");
}

let workDir: string;
beforeAll(async () => {
  clearOpenApiMemo();
  workDir = await mkdtemp(path.join(tmpdir(), "vx-incremental-"));
});
afterAll(async () => {
  clearOpenApiMemo();
  await rm(workDir, { recursive: true, force: true });
});

async function loadSpec(file: string): Promise<Json> {
  const text = await readFile(file, "utf8");
  if (file.endsWith(".json")) return JSON.parse(text) as Json;
  const parsed = parseYamlValue({ text });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value as Json;
}

async function runSeries({ source, name, rounds, seed, kinds }: { source: string; name: string; rounds: number; seed: number; kinds?: number[] }): Promise<void> {
  const spec = await loadSpec(source);
  const dir = path.join(workDir, name, "live");
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, "api.json");
  await writeFile(file, JSON.stringify(spec, null, 2));
  await readOpenApi({ file });
  const random = seeded(seed);
  const counts = { spliced: 0, incrementalStructure: 0, structuralErrors: 0, danglingRefs: 0 };
  for (let round = 0; round < rounds; round++) {
    const before = (await readSpecFile({ path: file, key: file, display: file, label: "OpenAPI" })) as { ok: true; spec: { value: Json } };
    const what = edit({ spec, random, round, ...(kinds ? { only: kinds[round % kinds.length] as number } : {}) });
    let text = JSON.stringify(spec, null, 2);
    if (random() < 0.15) text = text.replace('": "', '":    "');
    await writeFile(`${file}.tmp`, text);
    await rename(`${file}.tmp`, file);

    const incremental = await readOpenApi({ file });
    if (specFileReuse(file) === "spliced") counts.spliced++;
    if (structureMode(file) === "incremental") counts.incrementalStructure++;
    const now = (await readSpecFile({ path: file, key: file, display: file, label: "OpenAPI" })) as { ok: true; spec: { value: Json } };
    const expected = JSON.parse(text) as Json;
    expect(now.spec.value, `${name} round ${round}: ${what}`).toEqual(expected);
    expect(JSON.stringify(now.spec.value)).toBe(JSON.stringify(expected));
    if (what.startsWith("description of") && specFileReuse(file) === "spliced") {
      // Every other path item is the previous object.
      const oldPaths = before.spec.value.paths as Json;
      const newPaths = now.spec.value.paths as Json;
      const same = Object.keys(newPaths).filter((p) => newPaths[p] === oldPaths[p]).length;
      expect(same).toBe(Object.keys(newPaths).length - 1);
    }

    const freshDir = path.join(workDir, name, `fresh-${round}`);
    await mkdir(freshDir, { recursive: true });
    const freshFile = path.join(freshDir, "api.json");
    await writeFile(freshFile, text);
    const fresh = await readOpenApi({ file: freshFile });
    clearOpenApiMemo({ files: [freshFile] });
    await rm(freshDir, { recursive: true, force: true });
    expect(comparable(incremental, dir), `${name} round ${round}: ${what}`).toBe(comparable(fresh, freshDir));
    if (incremental.diagnostics.some((d) => d.code === "VX103")) counts.structuralErrors++;
    if (incremental.diagnostics.some((d) => d.code === "VX104")) counts.danglingRefs++;
  }
  // The series must exercise what it is about.
  expect(counts.spliced).toBeGreaterThan(rounds / 2);
  expect(counts.incrementalStructure).toBeGreaterThan(rounds / 3);
  expect(counts.structuralErrors).toBeGreaterThan(0);
  expect(counts.danglingRefs).toBeGreaterThan(0);
}

const specs = [
  { name: "discord", source: path.join(corpus, "discord", "openapi.json"), rounds: 16 },
  { name: "box", source: path.join(corpus, "box", "openapi.json"), rounds: 16 },
  { name: "museum", source: path.join(corpus, "redocly-museum", "openapi.yaml"), rounds: 40 },
  { name: "petstore-expanded", source: path.join(corpus, "oai-petstore-expanded", "petstore-expanded.yaml"), rounds: 40 },
  { name: "trello", source: path.join(corpus, "apisguru-trello", "swagger.yaml"), rounds: 20 },
  // 13 MB: a few chosen edits (an operation, a structural error, a dangling $ref, a schema).
  { name: "github", source: github, rounds: 4, kinds: [0, 10, 9, 6] },
];

describe("incremental reads give what fresh reads give", () => {
  for (const [index, { name, source, rounds, kinds }] of specs.entries()) {
    it.skipIf(!sharedInputPresent({ path: source, what: `incremental read series on ${name}` }))(`${name}: ${rounds} random edits`, async () => {
      await runSeries({ source, name, rounds, seed: 1000 + index, ...(kinds ? { kinds } : {}) });
    }, 300_000);
  }
});

describe("the loader's memo", () => {
  const petstore = path.join(corpus, "oai-petstore-separate-v2");

  it("gives the very same parsed file when the bytes did not change", async () => {
    const dir = await mkdtemp(path.join(workDir, "same-"));
    const file = path.join(dir, "api.json");
    await writeFile(file, JSON.stringify({ openapi: "3.0.3", info: { title: "t", version: "1" }, paths: {} }, null, 2));
    await readOpenApi({ file });
    const first = await readSpecFile({ path: file, key: file, display: file, label: "OpenAPI" });
    await writeFile(file, JSON.stringify({ openapi: "3.0.3", info: { title: "t", version: "1" }, paths: {} }, null, 2));
    await readOpenApi({ file });
    expect(specFileReuse(file)).toBe("same");
    const second = await readSpecFile({ path: file, key: file, display: file, label: "OpenAPI" });
    expect(first.ok && second.ok && second.spec === first.spec).toBe(true);
    clearOpenApiMemo({ files: [file] });
    const third = await readSpecFile({ path: file, key: file, display: file, label: "OpenAPI" });
    expect(specFileReuse(file)).toBe("parsed");
    expect(first.ok && third.ok && third.spec !== first.spec && JSON.stringify(third.spec.value) === JSON.stringify(first.spec.value)).toBe(true);
  });

  it("reports a syntax error like a fresh read, and splices the fix against the last good version", async () => {
    const dir = await mkdtemp(path.join(workDir, "syntax-"));
    const file = path.join(dir, "api.json");
    const spec = { openapi: "3.0.3", info: { title: "t", version: "1" }, paths: { "/a": { get: { responses: { "200": { description: "ok" } } } }, "/b": { get: { responses: { "200": { description: "ok" } } } } } };
    const good = JSON.stringify(spec, null, 2);
    await writeFile(file, good);
    const before = await readOpenApi({ file });
    const broken = good.replace('"/b": {', '"/b": {{');
    await writeFile(file, broken);
    const failed = await readOpenApi({ file });
    expect(failed.diagnostics.map((d) => d.code)).toEqual(["VX100"]);
    const freshDir = await mkdtemp(path.join(workDir, "syntax-fresh-"));
    await writeFile(path.join(freshDir, "api.json"), broken);
    expect(comparable(failed, dir)).toBe(comparable(await readOpenApi({ file: path.join(freshDir, "api.json") }), freshDir));
    spec.paths["/b"].get.responses["200"].description = "fixed";
    await writeFile(file, JSON.stringify(spec, null, 2));
    const fixed = await readOpenApi({ file });
    expect(specFileReuse(file)).toBe("spliced");
    expect(fixed.diagnostics).toEqual(before.diagnostics);
    expect(fixed.api?.operations.length).toBe(2);
  });

  it.skipIf(!sharedInputPresent({ path: petstore, what: "incremental read of a multi-file corpus spec" }))("re-parses only the edited file of a multi-file spec, and reads like a fresh read", async () => {
    const live = path.join(workDir, "separate-live");
    await cp(petstore, live, { recursive: true });
    const root = path.join(live, "spec", "swagger.yaml");
    await readOpenApi({ file: root });
    const pet = path.join(live, "spec", "Pet.yaml");
    const error = path.join(live, "common", "Error.yaml");
    const petText = await readFile(pet, "utf8");
    const steps: { label: string; apply: () => Promise<void> }[] = [
      { label: "Pet.yaml edited", apply: () => writeFile(pet, `${petText}\n  description: edited\n`) },
      { label: "Error.yaml removed", apply: () => rm(error) },
      { label: "Error.yaml back", apply: () => writeFile(error, "type: object\nrequired: [code, message]\nproperties:\n  code:\n    type: integer\n  message:\n    type: string\n") },
      { label: "Pet.yaml broken", apply: () => writeFile(pet, "type: [object\n") },
      { label: "Pet.yaml fixed", apply: () => writeFile(pet, petText) },
    ];
    for (const [i, step] of steps.entries()) {
      await step.apply();
      const incremental = await readOpenApi({ file: root });
      if (step.label === "Pet.yaml edited") {
        expect(specFileReuse(root)).toBe("same");
        expect(specFileReuse(pet)).toBe("parsed");
        expect(specFileReuse(path.join(live, "spec", "parameters.yaml"))).toBe("same");
      }
      const freshDir = path.join(workDir, `separate-fresh-${i}`);
      await cp(live, freshDir, { recursive: true });
      const fresh = await readOpenApi({ file: path.join(freshDir, "spec", "swagger.yaml") });
      expect(comparable(incremental, live), step.label).toBe(comparable(fresh, freshDir));
    }
  });
});
