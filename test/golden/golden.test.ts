import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { generateFixture } from "../targets/helpers/generateFixture.js";

/**
 * Golden files: the generated projects of the project's own fixtures, committed under test/golden/<target>/<fixture>/,
 * so that every generator change shows up in review as a readable diff of generated code.
 * After an intended change: `npx vitest run test/golden -u`, then read the diff before committing it.
 */
const fixtures = [
  { name: "bookstore", openapi: "fixtures/bookstore/openapi.yaml", prisma: "fixtures/bookstore/schema.prisma" },
  { name: "petstore-v2", openapi: "fixtures/petstore-v2/swagger.yaml", prisma: "fixtures/petstore-v2/schema.prisma" },
  { name: "blog", openapi: "fixtures/blog/openapi.yaml", prisma: "fixtures/blog/schema.prisma" },
];
const targets = ["express", "fastify"];
const here = import.meta.dirname;

function filesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const cases = targets.flatMap((target) => fixtures.map((fixture) => ({ target, ...fixture })));

describe.each(cases)("golden files: $target $name", ({ target, name, openapi, prisma }) => {
  const folder = join(here, target, name);

  it("every generated file matches its golden copy", async () => {
    const output = await generateFixture({ openapi, prisma, target });
    for (const file of output.files) {
      await expect(file.content, file.path).toMatchFileSnapshot(join(folder, file.path));
    }
    // A golden file the generator no longer writes is stale: a removed output file is a change a reviewer must see.
    const written = new Set(output.files.map((f) => f.path));
    const stale = filesUnder(folder)
      .map((path) => relative(folder, path).split("\\").join("/"))
      .filter((path) => !written.has(path));
    expect(stale, `golden files no longer generated (delete them): ${stale.join(", ")}`).toEqual([]);
  }, 120_000);
});
