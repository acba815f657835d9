import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ejs from "ejs";
import { describe, expect, it } from "vitest";
import { templatesDir, toolkitRoot } from "../../generators/shared/toolkitRoot.js";

// runtime/stubs/ stands for the generated modules the runtime files import (tsconfig's rootDirs and vitest resolve
// them there). Each must be what vx-gen generates: a re-export of a golden project's module, or a copy checked here.
// The generated projects' own `tsc --strict` (the fixture end-to-end tests) compiles the runtime files against the
// real modules.

const stubs = join(toolkitRoot(), "runtime", "stubs", "src", "generated");
const golden = join(toolkitRoot(), "test", "golden", "fastify");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
}

/** The declarations of a module's text: comment-only lines and blank lines left out. */
function declarations(text: string): string {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("//"))
    .join("\n");
}

describe("runtime/stubs", () => {
  const files = filesUnder(stubs).map((file) => relative(stubs, file).split("\\").join("/"));

  it("stands only for modules every generated project has, at the same path", () => {
    expect(files.length).toBeGreaterThan(0);
    for (const fixture of readdirSync(golden)) {
      for (const file of files.filter((f) => !f.startsWith("prisma/"))) expect(existsSync(join(golden, fixture, "src", "generated", file)), `${fixture}: ${file}`).toBe(true);
    }
  });

  it("re-exports the bookstore fixture's generated module where that module imports no other generated one", () => {
    const reexports = files.filter((file) => /^export \* from "[./]+test\/golden\//m.test(readFileSync(join(stubs, file), "utf8")));
    expect(reexports.sort()).toEqual(["db/createAdapter.ts", "runtime/limits.ts", "runtime/secrets.ts", "security/types.ts", "validation/index.ts"]);
    for (const file of reexports) {
      const target = /from "([^"]+)"/.exec(readFileSync(join(stubs, file), "utf8"))?.[1] ?? "";
      expect(join(stubs, file, "..", target.replace(/\.js$/, ".ts")), file).toBe(join(golden, "bookstore", "src", "generated", file));
    }
  });

  it("the context is the template's, for a project without a database", () => {
    const rendered = ejs.render(readFileSync(join(templatesDir("shared"), "runtime", "context.ts.ejs"), "utf8"), { hasDb: false, accounts: false });
    expect(declarations(readFileSync(join(stubs, "runtime", "context.ts"), "utf8"))).toBe(declarations(rendered));
  });
});
