import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { derivePrisma } from "../../src/derive/derivePrisma.js";
import { readOpenApi } from "../../src/parsers/openapi/readOpenApi.js";

/**
 * The Prisma schema derived from the bookstore's OpenAPI document (`vx-gen derive prisma`), committed as a golden file
 * so every change to what `derive prisma` writes is a readable diff; the `--derive-db` end-to-end test generates from
 * it. After an intended change: `npx vitest run test/golden -u`.
 */
describe("golden files: the bookstore's derived Prisma schema", () => {
  it("matches test/golden/derive/bookstore.schema.prisma", async () => {
    const file = "fixtures/bookstore/openapi.yaml";
    const { api, sources } = await readOpenApi({ file, allowRemoteRefs: false, locateInfo: false });
    if (!api) throw new Error("the bookstore's document did not read");
    const derived = derivePrisma({ api, sources, provider: "sqlite", file });
    await expect(derived.text).toMatchFileSnapshot(join(import.meta.dirname, "derive", "bookstore.schema.prisma"));
    expect({ models: derived.models, enums: derived.enums, relations: derived.relations }).toEqual({ models: 4, enums: 2, relations: 2 });
  });
});
