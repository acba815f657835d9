import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { readPrisma } from "../../src/parsers/prisma/readPrisma.js";
import type { PrismaSource } from "../../src/ir/types.js";
import { sharedInputPresent } from "../helpers/sharedInput.js";

const corpus = fileURLToPath(new URL("../../../shared/corpus/prisma", import.meta.url));
const present = sharedInputPresent({ path: corpus, what: "Prisma corpus tests" });

const schemas = present
  ? readdirSync(corpus)
      .filter((name) => statSync(join(corpus, name)).isDirectory())
      .sort()
  : [];

function prismaTexts(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith(".prisma"))
    .map((name) => readFileSync(join(dir, name), "utf8"));
}

/** Block count by a plain regex over the raw text: line-start keyword, so `//` comment lines never match. */
function countBlocks(texts: string[], keyword: string): number {
  const pattern = new RegExp(`^${keyword}\\s+\\w+\\s*\\{`, "gm");
  return texts.reduce((sum, text) => sum + (text.match(pattern)?.length ?? 0), 0);
}

const timings: string[] = [];
afterAll(() => {
  if (timings.length > 0)
    console.log(`Prisma corpus (name, ms, models/views/enums/relations, warnings):\n${timings.join("\n")}`);
});

describe.skipIf(!present)("Prisma corpus", () => {
  it.each(schemas)("%s", async (name) => {
    const dir = join(corpus, name);
    const started = performance.now();
    const { db, diagnostics } = await readPrisma({ path: dir });
    const ms = performance.now() - started;

    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(db).not.toBeNull();
    if (!db) return;
    const texts = prismaTexts(dir);
    expect(db.models).toHaveLength(countBlocks(texts, "model"));
    expect(db.views).toHaveLength(countBlocks(texts, "view"));
    expect(db.enums).toHaveLength(countBlocks(texts, "enum"));
    expect(db.compositeTypes).toHaveLength(countBlocks(texts, "type"));

    // Every source points at the declared name: the keyword line for blocks, the name itself for fields.
    const lines = new Map(db.files.map((file) => [file, readFileSync(file, "utf8").split(/\r?\n/)]));
    const lineAt = (source: PrismaSource) => lines.get(source.file)?.[source.line - 1] ?? "";
    for (const block of [...db.models, ...db.views, ...db.enums]) {
      expect(lineAt(block.source)).toMatch(new RegExp(`^\\s*(model|view|enum)\\s+${block.name}\\b`));
      for (const field of "fields" in block ? block.fields : []) {
        expect(lineAt(field.source).slice(field.source.column - 1)).toMatch(new RegExp(`^${field.name}\\b`));
      }
    }
    // Every relation end names a field that exists on its model.
    const models = new Map([...db.models, ...db.views].map((m) => [m.name, m]));
    for (const relation of db.relations) {
      for (const end of [relation.from, relation.to]) {
        expect(models.get(end.model)?.fields.some((f) => f.name === end.field)).toBe(true);
      }
    }

    const warnings = diagnostics.map((d) => d.code).join(",");
    timings.push(
      `${name.padEnd(28)} ${ms.toFixed(0).padStart(5)} ms  ${db.models.length}/${db.views.length}/${db.enums.length}/${db.relations.length}  ${warnings}`,
    );
  });
});
