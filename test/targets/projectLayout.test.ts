import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { importLiteral, importPath, projectLayout, relativeDir } from "../../generators/shared/projectLayout.js";

const golden = join(import.meta.dirname, "..", "golden", "fastify");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
}

describe("projectLayout", () => {
  it("imports a generated module by a relative ESM specifier", () => {
    expect(importPath({ from: projectLayout.repository("book"), to: projectLayout.prismaClient })).toBe("../prisma/client.js");
    expect(importPath({ from: projectLayout.serviceIndex, to: projectLayout.serviceScaffold("book-author") })).toBe("../../services/book-author.service.js");
    expect(importPath({ from: projectLayout.serviceIndex, to: projectLayout.serviceDeps })).toBe("./ServiceDeps.js");
    expect(importPath({ from: `${projectLayout.operationTypesDir}/pets.ts`, to: projectLayout.runtime("context") })).toBe("../../runtime/context.js");
    expect(importPath({ from: projectLayout.factories, to: projectLayout.prismaClient })).toBe("../../../src/generated/prisma/client.js");
    expect(importLiteral({ from: projectLayout.handlerScaffold("get-pet"), to: projectLayout.operationTypes })).toBe('"../generated/types/operations.js"');
    expect(relativeDir({ from: projectLayout.prismaSchema, to: projectLayout.prismaClientDir })).toBe("../src/generated/prisma");
  });

  it("gives each role its own path", () => {
    const paths = Object.values(projectLayout).map((role) => (typeof role === "string" ? role : role("request")));
    expect(new Set(paths).size).toBe(paths.length);
  });

  // Every relative import of the generated projects names a file they hold (or Prisma Client, which `prisma generate` writes).
  for (const fixture of readdirSync(golden)) {
    it(`resolves every relative import of the ${fixture} golden project`, () => {
      const root = join(golden, fixture);
      const unresolved: string[] = [];
      let imports = 0;
      for (const file of filesUnder(root).filter((f) => f.endsWith(".ts"))) {
        for (const [, specifier] of readFileSync(file, "utf8").matchAll(/\bfrom "(\.{1,2}\/[^"]+)"/g)) {
          if (specifier === undefined) continue;
          imports++;
          const target = relative(root, join(dirname(file), specifier)).replace(/\.js$/, ".ts");
          if (target === projectLayout.prismaClient) continue;
          if (!existsSync(join(root, target)) && !existsSync(join(root, target.replace(/\.ts$/, "")))) unresolved.push(`${relative(root, file)}: ${specifier}`);
        }
      }
      expect(imports).toBeGreaterThan(50);
      expect(unresolved).toEqual([]);
    });
  }
});
