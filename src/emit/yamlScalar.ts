import { loneSurrogate } from "./loneSurrogate.js";

const named: Record<string, string> = {
  "\\": "\\\\",
  '"': '\\"',
  "\0": "\\0",
  "\t": "\\t",
  "\n": "\\n",
  "\r": "\\r",
  "\u0085": "\\N",
  "\u2028": "\\L",
  "\u2029": "\\P",
  "\ufeff": "\\uFEFF",
};

const special = new RegExp(`[\\\\"\\x00-\\x1f\\x7f\\u0085\\u2028\\u2029\\ufeff]|${loneSurrogate.source}`, "g");

/**
 * A YAML double-quoted scalar whose value is exactly `text` (YAML 1.2): backslash and quote escaped, C0 controls,
 * DEL, NEL, U+2028/U+2029 and BOM as escapes, so the scalar is one line that no indicator (`#`, `:`, `-`, `&`, `*`,
 * `!`, `|`, `>`) can turn into structure. Lone surrogates, which YAML cannot carry, become `\uFFFD`.
 */
export function yamlScalar(text: string): string {
  const body = text.replace(special, (char) => {
    if (char.length === 1 && named[char] !== undefined) return named[char];
    if (/[\ud800-\udfff]/.test(char)) return "\\uFFFD";
    return `\\x${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;
  });
  return `"${body}"`;
}
