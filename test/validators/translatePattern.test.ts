import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { RE2JS } from "re2js";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { translatePattern } from "../../src/validators/translatePattern.js";

/** Patterns as real specs write them (the corpus in ../shared/corpus/openapi, and forms other engines accept). */
const accepted: [from: string, pattern: string, ecma: string][] = [
  // ECMA-262 with `u` already: kept as written.
  ["discord", "^(0|[1-9][0-9]*)$", "^(0|[1-9][0-9]*)$"],
  ["discord", "^#(([0-9a-fA-F]{2}){3}|([0-9a-fA-F]){3})$", "^#(([0-9a-fA-F]{2}){3}|([0-9a-fA-F]){3})$"],
  ["docker-engine", "^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$", "^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$"],
  ["digitalocean", "^[a-zA-Z0-9\\-\\.]+$", "^[a-zA-Z0-9\\-\\.]+$"],
  ["digitalocean", "^$|^((25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\\.){3}(25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)$", "^$|^((25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\\.){3}(25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)$"],
  ["digitalocean", "^[A-Za-z0-9()\\[\\]'\"][-A-Za-z0-9_. \\/()\\[\\]]{0,40}[A-Za-z0-9()\\[\\]'\"]$", "^[A-Za-z0-9()\\[\\]'\"][-A-Za-z0-9_. \\/()\\[\\]]{0,40}[A-Za-z0-9()\\[\\]'\"]$"],
  ["digitalocean", "^$|[0-9a-f]{8}\\b-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-\\b[0-9a-f]{12}", "^$|[0-9a-f]{8}\\b-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-\\b[0-9a-f]{12}"],
  ["digitalocean", "^[KEg\\$lshzxeA]*$", "^[KEg\\$lshzxeA]*$"],
  ["redocly-museum", "^([01]\\d|2[0-3]):?([0-5]\\d)$", "^([01]\\d|2[0-3]):?([0-5]\\d)$"],
  ["stripe", "^/v1/tax/calculations/[^/]+/line_items", "^/v1/tax/calculations/[^/]+/line_items"],
  ["box", ".^", ".^"],
  ["box", "(\\{user_question\\}[\\s\\S]*?\\{content\\}|\\{content\\}[\\s\\S]*?\\{user_question\\})", "(\\{user_question\\}[\\s\\S]*?\\{content\\}|\\{content\\}[\\s\\S]*?\\{user_question\\})"],
  ["box", "^[1-9]\\d*$", "^[1-9]\\d*$"],
  ["ecma", "^\\p{Lu}\\p{Letter}*$", "^\\p{Lu}\\p{Letter}*$"],
  ["ecma", "^\\u{1F600}|\\uD83D\\uDE01$", "^\\u{1F600}|\\uD83D\\uDE01$"],
  ["ecma", "^(a+)+$", "^(a+)+$"],
  // ECMA-262 without `u` (what `new RegExp(p)` accepts): translated.
  ["digitalocean", "^[a-zA-Z0-9_\\-\\:]+$", "^[a-zA-Z0-9_\\-:]+$"],
  ["issue 11", "^[\\w-.]+$", "^[\\w\\-.]+$"],
  ["annex B", "^[.-\\d]$", "^[.\\-\\d]$"],
  ["annex B", "^\\d{3}\\-\\d{4}$", "^\\d{3}-\\d{4}$"],
  ["annex B", "^\\_\\ \\@\\#$", "^_ @#$"],
  ["annex B", "^{id}$", "^\\{id\\}$"],
  ["annex B", "^a]$", "^a\\]$"],
  // PCRE.
  ["pcre", "\\A[a-z]+\\z", "^[a-z]+$"],
  ["pcre", "^[a-z]+\\Z", "^[a-z]+\\n?$"],
  ["pcre", "^[a-z]+\\Z|^[0-9]+\\Z", "^[a-z]+\\n?$|^[0-9]+\\n?$"],
  ["pcre", "^[[:alpha:]][[:alnum:]_]*$", "^[a-zA-Z][a-zA-Z0-9_]*$"],
  ["pcre", "^[[:upper:][:digit:]]{2}$", "^[A-Z0-9]{2}$"],
  ["pcre", "^[[:xdigit:]]+$", "^[0-9A-Fa-f]+$"],
  ["pcre", "^(?P<year>\\d{4})$", "^(?<year>\\d{4})$"],
  ["pcre", "^\\Qa.b*c\\E$", "^a\\.b\\*c$"],
];

/** Refused: not a pattern, a meaning that depends on the engine, or not runnable in linear time. */
const refused: [what: string, pattern: string, problem: "invalid" | "not-linear", message: RegExp][] = [
  ["PCRE horizontal space (ECMA: the letter h)", "^\\h+$", "invalid", /`\\h`: its meaning differs/],
  ["PCRE escape character", "\\e", "invalid", /`\\e`/],
  ["an octal escape or a backreference", "^a\\12$", "invalid", /octal escape/],
  ["`\\Z` before more pattern", "^(a\\Z)$", "invalid", /\\Z/],
  ["inline flags", "(?i)^abc$", "invalid", /inline flag/],
  ["an atomic group", "^(?>a+)b$", "invalid", /inline flag, atomic group/],
  ["a possessive quantifier", "^a++b$", "invalid", /possessive/],
  ["PCRE `{,n}`", "^a{,3}$", "invalid", /\{,n\}/],
  ["a negated POSIX class", "[[:^alpha:]]", "invalid", /negated POSIX/],
  ["an unknown POSIX class", "[[:letters:]]", "invalid", /unknown POSIX/],
  ["unbalanced parentheses", "^(ab$", "invalid", /unterminated group/],
  ["a range out of order", "[z-a]", "invalid", /out of order/],
  ["nothing to repeat", "*a", "invalid", /nothing to repeat/],
  ["an unknown property", "\\p{NoSuchProperty}", "invalid", /Invalid property name/],
  ["a lookahead (password rules)", "^(?=.*[A-Z])(?=.*\\d).{8,}$", "not-linear", /lookahead/],
  ["a negative lookbehind", "(?<!x)y", "not-linear", /lookbehind/],
  ["a backreference", "^(['\"]).*\\1$", "not-linear", /backreference/],
  ["a named backreference", "^(?<q>a)\\k<q>$", "not-linear", /backreference/],
  ["a repeat count above RE2's 1000", "^a{1001}$", "not-linear", /above 1000/],
];

/** Strings that tell engines apart: line terminators, Unicode spaces, astral characters, word edges. */
const probes = ["", "a", "ab", "abc", "A", "Z", "_", "-", ".", ":", "/", "{id}", "\n", "a\n", "abc\n", "\r", "\u2028", "\u3000", "\u00a0", "\ufeff", " ", "\t", "😀", "😁", "é", "1", "123", "0", "ab-1.c", "10.0.0.1", "do:droplet:1", "{user_question} x {content}", "2024", "a.b*c", "12:34"];

describe("translatePattern: spec patterns as ECMA-262 (`u`) and as RE2 with the same meaning", () => {
  it.each(accepted)("%s: %s", (_from, pattern, ecma) => {
    const result = translatePattern(pattern);
    expect(result).toMatchObject({ ok: true, pattern: ecma });
    if (!result.ok) return;
    expect(result.changes.length > 0).toBe(ecma !== pattern);
    // The ECMA form compiles with `u` (what Ajv uses), and RE2 gives the same answer as it on every probe.
    const native = new RegExp(result.pattern, "u");
    const re2 = RE2JS.compile(result.re2);
    for (const probe of probes) expect(re2.test(probe), `${JSON.stringify(probe)} against ${result.re2}`).toBe(native.test(probe));
  });

  it.each(refused)("refuses %s", (_what, pattern, problem, message) => {
    const result = translatePattern(pattern);
    expect(result).toMatchObject({ ok: false, problem });
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it("keeps ECMA-262's `.` and `\\s` (RE2's differ): no line terminators for `.`, Unicode spaces for `\\s`", () => {
    const dot = translatePattern("^.$");
    const space = translatePattern("^\\s$");
    if (!dot.ok || !space.ok) throw new Error("not translated");
    expect(RE2JS.compile(dot.re2).test("\u2028")).toBe(false);
    expect(RE2JS.compile(dot.re2).test("😀")).toBe(true);
    expect(RE2JS.compile(space.re2).test("\u3000")).toBe(true);
    expect(RE2JS.compile("^\\s$").test("\u3000")).toBe(false);
  });
});

const corpusDir = path.resolve("../shared/corpus/openapi");

/** Every `pattern` value and `patternProperties` key in the corpus documents (distinct). */
function corpusPatterns(): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, parentKey: string) => {
    if (Array.isArray(value)) for (const item of value) walk(item, "");
    else if (typeof value === "object" && value !== null) {
      for (const [key, member] of Object.entries(value)) {
        if (key === "pattern" && typeof member === "string" && parentKey !== "properties") found.add(member);
        if (key === "patternProperties" && typeof member === "object" && member !== null) for (const p of Object.keys(member)) found.add(p);
        walk(member, key);
      }
    }
  };
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full) : /\.(ya?ml|json)$/.test(name) ? [full] : [];
    });
  for (const file of files(corpusDir)) {
    const text = readFileSync(file, "utf8");
    if (!text.includes("pattern")) continue;
    walk(file.endsWith(".json") ? JSON.parse(text) : parseYaml(text, { maxAliasCount: -1, uniqueKeys: false }), "");
  }
  return [...found].sort();
}

describe.skipIf(!existsSync(corpusDir))("every pattern of the corpus", () => {
  it("compiles (94 distinct; 93 compiled with the `u` flag as written) and runs on RE2", () => {
    const patterns = corpusPatterns();
    const native = patterns.filter((p) => {
      try {
        new RegExp(p, "u");
        return true;
      } catch {
        return false;
      }
    });
    const translated = patterns.filter((p) => translatePattern(p).ok);
    expect({ distinct: patterns.length, native: native.length, translated: translated.length }).toEqual({ distinct: 94, native: 93, translated: 94 });
  });
});
