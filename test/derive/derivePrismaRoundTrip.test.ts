import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import internals from "@prisma/internals";
import { afterAll, describe, expect, it } from "vitest";
import { derivePrisma } from "../../src/derive/derivePrisma.js";
import { findResources } from "../../src/derive/findResources.js";
import { derivedProviders } from "../../src/derive/PrismaSchemaPlan.js";
import { readOpenApi } from "../../src/parsers/openapi/readOpenApi.js";
import { buildIr } from "../../src/pipeline/buildIr.js";
import { openapiCorpusRoots } from "../helpers/openapiCorpusRoots.js";
import { sharedInputPresent } from "../helpers/sharedInput.js";

const corpusDir = join(import.meta.dirname, "..", "..", "..", "shared", "corpus");
const present = sharedInputPresent({ path: join(corpusDir, "SOURCES.md"), what: "derive prisma round trip over the OpenAPI corpus" });
const corpus = present ? openapiCorpusRoots({ corpusDir }) : [];

const counts: string[] = [];
afterAll(() => {
  if (counts.length > 0) console.log(`derive prisma (document: models, enums, relations per provider; getDMMF):\n${counts.join("\n")}`);
});

/**
 * Every corpus document's derived Prisma schema, for each provider, is accepted by Prisma itself: `getDMMF` of the
 * pinned @prisma/internals (the same WASM `prisma generate` validates with) parses it and lists the derived models.
 */
describe("derive prisma over the OpenAPI corpus: Prisma's getDMMF accepts every schema", () => {
  it.each(corpus)("$name", async ({ name, file }) => {
    const read = await readOpenApi({ file, allowRemoteRefs: false, locateInfo: false });
    if (!read.api) throw new Error(`${name}: the document did not read`);
    const api = read.api;
    const line: string[] = [];
    for (const provider of derivedProviders) {
      const derived = derivePrisma({ api, sources: read.sources, provider, file });
      const dmmf = await internals.getDMMF({ datamodel: derived.text });
      expect(dmmf.datamodel.models.map((m) => m.name)).toEqual(derived.plan.models.map((m) => m.name));
      expect(dmmf.datamodel.enums.length).toBe(derived.enums);
      line.push(`${provider} ${derived.models}/${derived.enums}/${derived.relations}`);
    }
    counts.push(`${name}: ${line.join(", ")}, getDMMF ok`);
  }, 300_000);
});

/**
 * The project's fixtures, their documents alone: the derived schema read back by the real pipeline with the document
 * binds every CRUD-shaped operation (those `findResources` serves a resource with) as a CRUD action, with no error.
 * The bookstore, clinic and petstore-v2 have no drift at all; the others' warnings are counted (VX303: a property that
 * is not required and not nullable where the column is optional, which the generated mapper omits when null).
 */
const fixtures = [
  { name: "bookstore", file: "fixtures/bookstore/openapi.yaml", crud: 19, noDrift: true },
  { name: "clinic", file: "fixtures/clinic/openapi.yaml", crud: 8, noDrift: true },
  { name: "petstore-v2", file: "fixtures/petstore-v2/swagger.yaml", crud: 5, noDrift: true },
  { name: "secured", file: "fixtures/secured/openapi.yaml", crud: 14, noDrift: false },
  { name: "openapi v2.0", file: "fixtures/openapi/v2.0/petstore.yaml", crud: 2, noDrift: false },
  { name: "openapi v3.0", file: "fixtures/openapi/v3.0/petstore.yaml", crud: 4, noDrift: false },
  { name: "openapi v3.1", file: "fixtures/openapi/v3.1/api.yaml", crud: 1, noDrift: false },
];

describe("derive prisma over the fixtures: every CRUD-shaped operation binds", () => {
  it.each(fixtures)("$name", async ({ name, file, crud, noDrift }) => {
    const read = await readOpenApi({ file, allowRemoteRefs: false, locateInfo: false });
    if (!read.api) throw new Error(`${name}: the document did not read`);
    const derived = derivePrisma({ api: read.api, sources: read.sources, provider: "sqlite", file });
    const schema = join(await mkdtemp(join(tmpdir(), "vx-derive-db-rt-")), "schema.prisma");
    await writeFile(schema, derived.text);
    const { ir } = await buildIr({ openapi: file, prisma: schema });
    expect(ir.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`)).toEqual([]);
    const shaped = new Set(findResources(read.api).flatMap((r) => r.operations));
    const operations = (ir.api?.operations ?? []).filter((op) => shaped.has(`${op.method.toUpperCase()} ${op.path}`));
    expect(operations.filter((op) => op.binding.kind !== "bound" || op.binding.action === "custom").map((op) => `${op.method} ${op.path}: ${op.binding.reason}`)).toEqual([]);
    expect(operations.length).toBe(crud);
    const drift = ir.diagnostics.filter((d) => /^VX30[2-9]$/.test(d.code));
    if (noDrift) expect(drift.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    counts.push(`${name} (fixture): ${derived.models} models, ${operations.length} CRUD-shaped operations bound, ${drift.length} drift warnings (${[...new Set(drift.map((d) => d.code))].join(", ") || "none"})`);
  }, 120_000);
});
