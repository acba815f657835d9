import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { clearRenderMemo } from "../../generators/shared/pieceMemo.js";
import { parseYamlValue } from "../../src/parsers/openapi/parseYamlValue.js";
import { clearOpenApiMemo } from "../../src/parsers/openapi/readOpenApi.js";
import { clearReaderMemo } from "../../src/parsers/openapi/readerMemo.js";
import { clearRegistrationMemo } from "../../src/parsers/openapi/readNamedSchemas.js";
import { reorderSpecKeys, toJsonText, toYamlText } from "../helpers/reorderSpecKeys.js";
import { seededRandom } from "../helpers/seededRandom.js";
import { generateFixture } from "./helpers/generateFixture.js";
import { sharedInputPresent } from "../helpers/sharedInput.js";

/**
 * Determinism: a spec whose objects list their members in another order (every object but a schema's `properties`,
 * whose order is the author's field order; arrays keep theirs) generates byte-identical files, the verbatim spec copy
 * aside. Each spec is rewritten with its members in the parsed order (the reference) and in seeded random orders, as
 * JSON and as YAML; every reordered copy is generated twice, with the memos warm from the previous copy (as `watch`
 * sees a save that moved members around) and cold (as a fresh process), and must render the reference's files.
 */

const root = process.cwd();
const corpus = join(root, "..", "shared", "corpus", "openapi");
const seeds = [1, 2];

interface Case {
  name: string;
  /** Folder whose spec files are rewritten (relative `$ref`s keep working), and the root file inside it. */
  dir: string;
  rootFile: string;
  prisma?: string;
  /** Whether to write the files as JSON too (single-file specs only: relative `$ref`s name `.yaml` files). */
  json: boolean;
  /** Whether to write them as YAML (default true). */
  yaml?: boolean;
  /** Reorderings tried (default `seeds`). */
  seeds?: number[];
}

const fixtureCases: Case[] = [
  { name: "bookstore", dir: join(root, "fixtures/bookstore"), rootFile: "openapi.yaml", prisma: join(root, "fixtures/bookstore/schema.prisma"), json: true },
  { name: "petstore-v2", dir: join(root, "fixtures/petstore-v2"), rootFile: "swagger.yaml", prisma: join(root, "fixtures/petstore-v2/schema.prisma"), json: true },
  { name: "openapi/v2.0", dir: join(root, "fixtures/openapi/v2.0"), rootFile: "petstore.yaml", json: true },
  { name: "openapi/v3.0", dir: join(root, "fixtures/openapi/v3.0"), rootFile: "petstore.yaml", json: true },
  { name: "openapi/v3.1", dir: join(root, "fixtures/openapi/v3.1"), rootFile: "api.yaml", json: true },
  { name: "openapi/multi", dir: join(root, "fixtures/openapi/multi"), rootFile: "openapi.yaml", json: false },
  // Maps the fixtures have few of: security requirements and flows, headers, media types, discriminator mappings,
  // callbacks, server variables, pattern properties, object defaults and examples, names that collide.
  { name: "order-sensitive constructs", dir: join(root, "test/targets/reordered"), rootFile: "orderSensitive.yaml", json: true },
];

const corpusCases: Case[] = [
  { name: "oai-petstore", dir: join(corpus, "oai-petstore"), rootFile: "petstore.yaml", json: true },
  { name: "oai-petstore-expanded", dir: join(corpus, "oai-petstore-expanded"), rootFile: "petstore-expanded.yaml", json: true },
  { name: "oai-petstore-separate-v2", dir: join(corpus, "oai-petstore-separate-v2"), rootFile: "spec/swagger.yaml", json: false },
  { name: "oai-uspto", dir: join(corpus, "oai-uspto"), rootFile: "uspto.yaml", json: true },
  { name: "oai-link-example", dir: join(corpus, "oai-link-example"), rootFile: "link-example.yaml", json: true },
  { name: "redocly-museum", dir: join(corpus, "redocly-museum"), rootFile: "openapi.yaml", json: true },
  { name: "apisguru-trello", dir: join(corpus, "apisguru-trello"), rootFile: "swagger.yaml", json: true },
  { name: "docker-engine", dir: join(corpus, "docker-engine"), rootFile: "swagger.yaml", json: false, seeds: [3] },
  // 4 MB: one reordering, as JSON (the copy `watch` splices member by member), ~10 s a render.
  { name: "stripe", dir: join(corpus, "stripe"), rootFile: "spec3.yaml", json: true, yaml: false, seeds: [3] },
];


const work = await mkdtemp(join(tmpdir(), "vx-reordered-"));
afterAll(() => rm(work, { recursive: true, force: true }));

function clearMemos(): void {
  clearOpenApiMemo();
  clearReaderMemo();
  clearRegistrationMemo();
  clearRenderMemo();
}

async function specFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(ya?ml|json)$/.test(entry.name)) out.push(relative(dir, join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

function renamed({ file, format }: { file: string; format: "json" | "yaml" }): string {
  return format === "json" ? file.replace(/\.ya?ml$/, ".json") : file.replace(/\.json$/, ".yaml");
}

/** Writes every spec file of `spec` under `into`, members reordered by `seed` (parsed order without one). */
async function writeSpec({ spec, into, seed, format }: { spec: Case; into: string; seed: number | undefined; format: "json" | "yaml" }): Promise<string> {
  const next = seed === undefined ? undefined : seededRandom(seed);
  for (const file of await specFiles(spec.dir)) {
    const parsed = parseYamlValue({ text: await readFile(join(spec.dir, file), "utf8") });
    if (!parsed.ok) throw new Error(`${file}: ${parsed.message}`);
    const ordered = reorderSpecKeys({ value: parsed.value, ...(next ? { next } : {}) });
    const target = join(into, renamed({ file, format }));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, format === "json" ? toJsonText(ordered) : toYamlText(ordered));
  }
  return join(into, renamed({ file: spec.rootFile, format }));
}

/**
 * The spec copy (a JSON spec's bytes, a YAML spec's parsed value printed as JSON: its members in the spec's order) and
 * the module serving it (the same document as a string literal).
 */
const specCopies = new Set(["src/generated/openapi.json"]);

/** The generated files (the spec copies left out), by path. */
async function render({ spec, rootFile }: { spec: Case; rootFile: string }): Promise<Map<string, string>> {
  const output = await generateFixture({ openapi: rootFile, ...(spec.prisma ? { prisma: spec.prisma } : {}) });
  return new Map(output.files.filter((f) => !specCopies.has(f.path)).map((f) => [f.path, f.content]));
}

function differences({ expected, actual }: { expected: Map<string, string>; actual: Map<string, string> }): string[] {
  const paths = [...new Set([...expected.keys(), ...actual.keys()])].sort();
  const out: string[] = [];
  for (const path of paths) {
    const a = expected.get(path);
    const b = actual.get(path);
    if (a === b) continue;
    if (a === undefined || b === undefined) {
      out.push(`${path}: ${a === undefined ? "only in the reordered spec's output" : "missing from the reordered spec's output"}`);
      continue;
    }
    const la = a.split("\n");
    const lb = b.split("\n");
    const line = la.findIndex((l, i) => l !== lb[i]);
    out.push(`${path}:${line + 1}\n  - ${la[line] ?? ""}\n  + ${lb[line] ?? ""}`);
  }
  // The first few are enough to see what leaked (a schema keyword order shows in hundreds of validator files).
  return out.length > 8 ? [...out.slice(0, 8), `... and ${out.length - 8} more files`] : out;
}

async function checkSpec(spec: Case): Promise<void> {
  const formats = [...(spec.yaml === false ? [] : (["yaml"] as const)), ...(spec.json ? (["json"] as const) : [])];
  for (const format of formats) {
    const folder = join(work, `${spec.name.replace(/\W/g, "_")}-${format}`);
    const into = join(folder, "spec");
    clearMemos();
    const rootFile = await writeSpec({ spec, into, seed: undefined, format });
    const expected = await render({ spec, rootFile });
    for (const seed of spec.seeds ?? seeds) {
      await writeSpec({ spec, into, seed, format });
      const warm = await render({ spec, rootFile });
      expect(differences({ expected, actual: warm }), `${spec.name} as ${format}, seed ${seed}, warm memos`).toEqual([]);
      clearMemos();
      const cold = await render({ spec, rootFile });
      expect(differences({ expected, actual: cold }), `${spec.name} as ${format}, seed ${seed}, cold memos`).toEqual([]);
    }
  }
}

describe("reordered spec members give byte-identical output", () => {
  for (const spec of fixtureCases) {
    it(`fixture ${spec.name}`, () => checkSpec(spec));
  }
  const present = sharedInputPresent({ path: corpus, what: "reordered-spec corpus cases" });
  for (const spec of corpusCases) {
    it.skipIf(!present)(`corpus ${spec.name}`, () => checkSpec(spec), 300_000);
  }
});
