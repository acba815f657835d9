import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { derivePrisma } from "../../src/derive/derivePrisma.js";
import { derivedProviders } from "../../src/derive/PrismaSchemaPlan.js";
import { readOpenApi } from "../../src/parsers/openapi/readOpenApi.js";
import { readPrisma } from "../../src/parsers/prisma/readPrisma.js";
import { hostileSpec } from "./hostileSpec.js";

/** The schema text outside comments and string literals: where a spec string must never land. */
const codeOnly = (text: string) =>
  text
    .split("\n")
    .filter((line) => !/^\s*\/\//.test(line))
    .map((line) => line.replace(/"(?:\\.|[^"\\])*"/g, '""'))
    .join("\n");

/**
 * The hostile document (a payload in every string slot, hostile names) alone: its derived Prisma schema is accepted by
 * Prisma's parser for every provider, no payload reaches the schema outside a `///` comment or an escaped string
 * literal, and a default read back by Prisma is the very string the document gave.
 */
describe("a hostile OpenAPI document alone: the derived Prisma schema is safe", () => {
  it.each([1, 2, 3, 5, 8])("seed %i", async (seed) => {
    const input = hostileSpec(seed);
    const dir = await mkdtemp(join(tmpdir(), "vx-hostile-derive-db-"));
    const file = join(dir, "api.json");
    await writeFile(file, JSON.stringify(input.openapi));
    const read = await readOpenApi({ file, allowRemoteRefs: false, locateInfo: false });
    if (!read.api) throw new Error("the hostile document did not read");
    for (const provider of derivedProviders) {
      const derived = derivePrisma({ api: read.api, sources: read.sources, provider, file });
      expect(derived.models).toBeGreaterThan(0);
      expect(codeOnly(derived.text)).not.toMatch(/getBuiltinModule|writeFileSync|<\/script>|javascript:/);
      const back = await readPrisma({ path: join(dir, "schema.prisma"), text: derived.text });
      expect(back.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
      const item = back.db?.models.find((m) => m.name === "Item");
      const name = item?.fields.find((f) => f.name === "name");
      const wanted = ((input.openapi.components as { schemas: { Item: { properties: { name: { default: string } } } } }).schemas.Item.properties.name.default).replace(/\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
      expect(name && "default" in name ? name.default : undefined).toEqual({ kind: "literal", value: wanted });
    }
  }, 60_000);
});
