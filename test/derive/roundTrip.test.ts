import { mkdtemp, readdir, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { derivedDocument } from "../../src/derive/derivedDocument.js";
import { readPrisma } from "../../src/parsers/prisma/readPrisma.js";
import { buildIr } from "../../src/pipeline/buildIr.js";
import { loadTarget } from "../../src/targets/targetRegistry.js";
import { sharedInputPresent } from "../helpers/sharedInput.js";

const corpus = fileURLToPath(new URL("../../../shared/corpus/prisma", import.meta.url));
const present = sharedInputPresent({ path: corpus, what: "derive round-trip over the Prisma corpus" });
const corpusSchemas = present ? (await readdir(corpus)).sort() : [];
const inputs = [{ name: "bookstore", path: "fixtures/bookstore/schema.prisma" }, ...corpusSchemas.map((name) => ({ name, path: join(corpus, name) }))];

const counts: string[] = [];
afterAll(() => {
  if (counts.length > 0) console.log(`derive openapi round trip (schema: models, derived operations, bound operations, handlers generated):\n${counts.join("\n")}`);
});

/**
 * Derive, then generate: the document derived from each Prisma schema, read back with the Prisma schema by the real
 * pipeline, binds every operation to its model as a CRUD action, with no drift between the two and no error; rendered
 * (Fastify), every operation gets a generated handler (none a 501 scaffold, VX511). MongoDB schemas are read and bound
 * but not rendered: generated projects have no database layer for MongoDB (VX510/VX514).
 */
describe("derive openapi, then read both sources: every operation binds", () => {
  it.each(inputs)("$name", async ({ name, path }) => {
    expect((await stat(path)).isFile() || (await stat(path)).isDirectory()).toBe(true);
    const prisma = await readPrisma({ path });
    if (!prisma.db) throw new Error(`${name}: the schema did not read`);
    const derived = derivedDocument({ db: prisma.db });
    const file = join(await mkdtemp(join(tmpdir(), "vx-derive-rt-")), "openapi.derived.yaml");
    await writeFile(file, derived.text);

    const { ir, names, sources } = await buildIr({ openapi: file, prisma: path });
    expect(ir.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    // No drift (VX302-VX309), no unbound operation (VX301), no unresolved model (VX300).
    expect(ir.diagnostics.filter((d) => /^VX30\d$/.test(d.code)).map((d) => `${d.code} ${d.message}`)).toEqual([]);
    const operations = ir.api?.operations ?? [];
    expect(operations.length).toBe(derived.operations);
    const notCrud = operations.filter((op) => op.binding.kind !== "bound" || op.binding.action === "custom");
    expect(notCrud.map((op) => `${op.operationId}: ${op.binding.reason}`)).toEqual([]);
    const bound = operations.length - notCrud.length;

    let handlers = "not rendered (MongoDB)";
    if (ir.db?.provider !== "mongodb") {
      const target = await loadTarget("fastify");
      if (!target) throw new Error("no fastify target");
      const output = await target.render({ ir, names, options: {}, document: sources[0] });
      expect(output.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(output.diagnostics.filter((d) => d.code === "VX511").map((d) => d.message)).toEqual([]);
      expect(output.files.filter((f) => f.path.startsWith("src/handlers/"))).toEqual([]);
      handlers = `${bound} generated handlers`;
    }
    counts.push(`${name}: ${derived.models} models, ${derived.operations} operations, ${bound} bound, ${handlers}`);
  }, 300_000);
});
