import { format } from "prettier";
import { describe, expect, it } from "vitest";
import { prettierString } from "../../src/emit/prettierString.js";

describe("prettierString", () => {
  const texts = [
    "plain",
    'say "hi"',
    "it's",
    `both ' and "" and \\" escaped`,
    `"quoted" 'once'`,
    "line\nbreak\ttab \\ backslash \u2028 \u0001",
    "",
    `'`,
    `"`,
    "`${x}`",
  ];
  it.each(texts)("quotes %j as prettier does, and evaluates back to the text", async (text) => {
    const literal = prettierString(text);
    const source = `x = ${literal};\n`;
    expect(await format(source, { parser: "typescript" })).toBe(source);
    expect(new Function(`return ${literal};`)()).toBe(text);
  });
});
