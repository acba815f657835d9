import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { derivedDocument } from "../../src/derive/derivedDocument.js";
import { readPrisma } from "../../src/parsers/prisma/readPrisma.js";

/**
 * The OpenAPI document derived from the bookstore's Prisma schema (`vx-gen derive openapi`), committed as a golden file
 * so every change to what `derive` writes is a readable diff. After an intended change: `npx vitest run test/golden -u`.
 */
describe("golden files: the bookstore's derived OpenAPI document", () => {
  it("matches test/golden/derive/bookstore.openapi.yaml", async () => {
    const { db } = await readPrisma({ path: "fixtures/bookstore/schema.prisma" });
    if (!db) throw new Error("the bookstore's schema did not read");
    const derived = derivedDocument({ db });
    await expect(derived.text).toMatchFileSnapshot(join(import.meta.dirname, "derive", "bookstore.openapi.yaml"));
    expect({ models: derived.models, operations: derived.operations }).toEqual({ models: 4, operations: 25 });
  });
});
