import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { formatOptions } from "../../generators/shared/finishFiles.js";

const root = join(import.meta.dirname, "..", "..", "runtime");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

describe("runtime/", () => {
  it("every file is in the generated files' prettier layout (runtimeFile copies them without formatting)", async () => {
    const unformatted: string[] = [];
    for (const file of files(root)) {
      const text = readFileSync(file, "utf8");
      if (!(await prettier.check(text, { ...formatOptions, parser: "typescript" }))) unformatted.push(relative(root, file));
    }
    expect(unformatted, "run: npx prettier --write runtime").toEqual([]);
  });
});
