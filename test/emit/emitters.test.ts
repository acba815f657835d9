import ts from "typescript";
import { parse as parseYaml } from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import { jsDocText } from "../../src/emit/jsDocText.js";
import { lineCommentText } from "../../src/emit/lineCommentText.js";
import { markdownText } from "../../src/emit/markdownText.js";
import { objectKey } from "../../src/emit/objectKey.js";
import { propertyAccess } from "../../src/emit/propertyAccess.js";
import { regexSource } from "../../src/emit/regexSource.js";
import { templateText } from "../../src/emit/templateText.js";
import { tsJson } from "../../src/emit/tsJson.js";
import { tsString } from "../../src/emit/tsString.js";
import { typeKey } from "../../src/emit/typeKey.js";
import { yamlScalar } from "../../src/emit/yamlScalar.js";

/** Code that sets the canary if it ever runs. */
const fire = "globalThis.__vxCanary = 1";

/** Every character that can end or change a context, alone and inside payloads that run code when they escape. */
const dangerous: [string, string][] = [
  ["double quote", '"'],
  ["single quote", "'"],
  ["backslash", "\\"],
  ["trailing backslash", "abc\\"],
  ["backtick", "`"],
  ["backslash before backtick", "\\`"],
  ["dollar brace", "${"],
  ["template expression", `\${${fire}}`],
  ["escaped template expression", `\\\${${fire}}`],
  ["backtick breakout", `\`;${fire};\``],
  ["quote breakout", `";${fire};"`],
  ["comment end", "*/"],
  ["comment breakout", `*/ ${fire}; /*`],
  ["CR", "a\rb"],
  ["LF", "a\nb"],
  ["CRLF", "a\r\nb"],
  ["LF breakout", `x\n${fire}\n//`],
  ["U+2028", "a\u2028b"],
  ["U+2029", "a\u2029b"],
  ["U+2028 breakout", `x\u2028${fire}\u2028//`],
  ["NEL", "a\u0085b"],
  ["NUL", "a\0b"],
  ["NUL before digit", "\u00001"],
  ["lone high surrogate", "a\ud800b"],
  ["lone low surrogate", "a\udc00b"],
  ["low before high", "\udc00\ud800"],
  ["surrogate pair", "a\ud83d\ude00b"],
  ["script end", "</script><script>alert(1)</script>"],
  ["slash", "a/b"],
  ["markdown", "# h\n- [x](javascript:alert(1)) *em* _u_ `c` | t | <b>&amp;"],
  ["yaml indicators", "- a: b # c\n? d\n&e *f !g |h >i %j @k"],
  ["proto", "__proto__"],
  ["empty", ""],
];

const isLone = (text: string): boolean => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
/** The text a UTF-8 file keeps of `text` (lone surrogates become U+FFFD). */
const utf8 = (text: string): string => Buffer.from(text, "utf8").toString("utf8");
const canary = (): unknown => (globalThis as { __vxCanary?: unknown }).__vxCanary;
const run = (code: string): unknown => new Function(`"use strict"; return (${code});`)();
const runStatements = (code: string): unknown => new Function(`"use strict"; ${code}`)();

afterEach(() => {
  expect(canary(), "the canary fired").toBeUndefined();
});

describe("escaping functions, over every dangerous character", () => {
  it.each(dangerous)("tsString: %s", (_what, text) => {
    const literal = tsString(text);
    expect(literal).not.toMatch(/[\n\r\u2028\u2029\0]/);
    expect(isLone(literal)).toBe(false);
    expect(utf8(literal)).toBe(literal);
    expect(run(literal)).toBe(text);
  });

  it.each(dangerous)("templateText: %s", (_what, text) => {
    const body = templateText(text);
    expect(body).not.toMatch(/[\n\r\u2028\u2029\0]/);
    expect(isLone(body)).toBe(false);
    expect(run(`\`${body}\``)).toBe(text);
    expect(run(`\`a\${"x"}${body}\${"y"}b\``)).toBe(`ax${text}yb`);
  });

  it.each(dangerous)("jsDocText: %s", (_what, text) => {
    const lines = jsDocText(text).split("\n");
    const block = `/**\n${lines.map((line) => ` * ${line}`).join("\n")}\n */\nreturn 1;`;
    expect(block.slice(3, -13)).not.toContain("*/");
    expect(block).not.toMatch(/[\r\u2028\u2029\0]/);
    expect(isLone(block)).toBe(false);
    expect(runStatements(block)).toBe(1);
  });

  it.each(dangerous)("lineCommentText: %s", (_what, text) => {
    const line = lineCommentText(text);
    expect(line).not.toMatch(/[\n\r\u2028\u2029\0]/);
    expect(isLone(line)).toBe(false);
    expect(runStatements(`// ${line}\nreturn 1;`)).toBe(1);
    expect(runStatements(`/** ${line} */ return 2;`)).toBe(2);
  });

  it.each(dangerous)("tsJson: %s (as a value and as a key)", (_what, text) => {
    const value = { [text]: [text, 1, null, true, { nested: text }] };
    const source = tsJson(value);
    expect(source).not.toMatch(/[\n\r\u2028\u2029\0]/);
    const back = run(source) as Record<string, unknown>;
    expect(Object.hasOwn(back, text)).toBe(true);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(back[text]).toEqual(value[text]);
    if (text !== "__proto__") expect(source).toBe(JSON.stringify(value).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`));
  });

  it.each(dangerous)("objectKey and propertyAccess: %s", (_what, text) => {
    const object = run(`{ ${objectKey(text)}: 1, after: 2 }`) as Record<string, unknown>;
    expect(Object.hasOwn(object, text)).toBe(true);
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
    expect(Object.keys(object)).toEqual(text === "after" ? ["after"] : [text, "after"]);
    expect(new Function("o", `"use strict"; return ${propertyAccess({ object: "o", name: text })};`)(object)).toBe(1);
  });

  it.each(dangerous)("typeKey: %s", (_what, text) => {
    const source = ts.createSourceFile("t.ts", `interface T { ${typeKey(text)}: 1; after: 2 }`, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const diagnostics = (source as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics;
    expect(diagnostics).toEqual([]);
    const declaration = source.statements[0] as ts.InterfaceDeclaration;
    const names = declaration.members.map((member) => (member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : undefined));
    expect(names).toEqual([text, "after"]);
  });

  it.each(dangerous)("yamlScalar: %s", (_what, text) => {
    const scalar = yamlScalar(text);
    expect(scalar).not.toMatch(/[\n\r\u2028\u2029\0\u0085]/);
    expect(isLone(scalar)).toBe(false);
    expect(parseYaml(`key: ${scalar}\nafter: 2\n`)).toEqual({ key: isLone(text) ? text.replace(/[\ud800-\udfff]/g, (c, i: number) => (isLone(text.slice(Math.max(0, i - 1), i + 2)) && isLone(c) ? "\ufffd" : c)) : text, after: 2 });
  });

  it.each(dangerous)("markdownText: %s", (_what, text) => {
    const inline = markdownText(text);
    expect(inline).not.toMatch(/[\n\r\u2028\u2029\0\u0085]/);
    expect(isLone(inline)).toBe(false);
    // Every character Markdown could read as syntax is escaped; taking the escapes away gives the text back.
    expect(inline).not.toMatch(/(^|[^\\])(\\\\)*[`*_[\]<>|#&]/);
    expect(inline.replace(/\\([!-/:-@[-`{-~])/g, "$1")).toBe(utf8(text).replace(/\r\n|[\n\r\u2028\u2029\u0085]/g, " ").replace(/\0/g, "\ufffd"));
  });

  it.each([
    ["^[a-z]+$", ["abc", "ABC", ""]],
    ["a/b", ["a/b", "ab"]],
    ["[/]", ["/", "x"]],
    ["\\/", ["/"]],
    ["a\nb", ["a\nb", "ab"]],
    ["a\\\nb", ["a\nb", "ab"]],
    ["\u2028|\u2029", ["\u2028", "\u2029", "x"]],
    ["\0", ["\0", "0"]],
    ["\u00001", ["\u00001", "1"]],
    ["x\\", ["x\\", "x"]],
    ["", ["", "a"]],
    ["\ud800", ["\ud800", "\ud83d\ude00"]],
    ["\ud83d\ude00", ["\ud83d\ude00", "x"]],
    ["`\\$\\{x\\}", ["`${x}", "${x}"]],
    ["a*/", ["aa/", "/", "a"]],
    ["*/", ["*/"]],
  ] as [string, string[]][])("regexSource(%j) matches what new RegExp matches", (pattern, samples) => {
    // The reference: a trailing lone backslash matches a backslash; a leading `*` (invalid) is taken literally.
    const meant = pattern.startsWith("*") ? `\\${pattern}` : pattern.endsWith("\\") && !pattern.endsWith("\\\\") ? `${pattern}\\` : pattern;
    const flags = ((): string => {
      try {
        new RegExp(meant, "u");
        return "u";
      } catch {
        return "";
      }
    })();
    const literal = `/${regexSource(pattern)}/${flags}`;
    expect(literal).not.toMatch(/[\n\r\u2028\u2029\0]/);
    expect(isLone(literal)).toBe(false);
    const fromLiteral = run(literal) as RegExp;
    const reference = new RegExp(meant, flags);
    for (const sample of samples) expect(fromLiteral.test(sample), JSON.stringify(sample)).toBe(reference.test(sample));
    expect(runStatements(`const r = ${literal}; // ${lineCommentText(pattern)}\nreturn 1;`)).toBe(1);
  });
});
