import { format } from "prettier";
import { describe, expect, it } from "vitest";
import { formatChunked, splitTopLevel } from "../../generators/shared/finishFiles.js";

const options = { printWidth: 120, semi: true, singleQuote: false, trailingComma: "all" as const, parser: "typescript" };

/** A big unformatted module like the generators print: many statements, odd spacing, comments, long literals. */
function bigModule(): string {
  const parts = ['import { describe, it } from "vitest";', 'import type {   A,B } from "./types.js";'];
  for (let i = 0; i < 150; i++) {
    parts.push(`/** Operation ${i}. */
describe(${JSON.stringify(`op${i} (GET /things/${i})`)}, () => {
  // Its handler is yours.
    const example = { method: "GET", url: \`/things/${i}\` + "?" + "a=1&b=2", body: { name: "thing-${i}", tags: ["a", "b", "c"], nested: { deep: { deeper: [1, 2, 3], text: "${"x".repeat(i % 90)}" } } } };
  it.todo(\`write op${i}, then test it with \${JSON.stringify(example)}\`);
});`);
  }
  return parts.join("\n\n") + "\n";
}

describe("formatting big modules piece by piece", () => {
  it("gives exactly prettier's whole-file result", async () => {
    const text = bigModule();
    const pieces = splitTopLevel(text);
    expect(pieces.length).toBe(152);
    // Every piece parses alone, so this is the piecewise path, not the whole-file fallback.
    for (const piece of pieces) await format(piece, options);
    expect(await formatChunked({ text, options })).toBe(await format(text, options));
  }, 60_000);

  it("falls back to the whole file when a piece does not parse alone (a blank line inside a template literal or comment)", async () => {
    const tricky = `${bigModule()}\nexport const last = {a:1,\n\nb:2};\n\nconst template = \`first\n\nsecond line at column 0\`;\n\n/* a comment\n\nwith a blank line */\nexport const z = 1;\n`;
    expect(await formatChunked({ text: tricky, options })).toBe(await format(tricky, options));
  }, 60_000);
});
