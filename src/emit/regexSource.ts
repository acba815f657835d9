import { unicodeEscape } from "./unicodeEscape.js";

const lineTerminators: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\u2028": "\\u2028", "\u2029": "\\u2029" };

/** Whether the code unit at `i` is a surrogate without its other half. */
function isLoneSurrogate({ text, i }: { text: string; i: number }): boolean {
  const unit = text.charCodeAt(i);
  if (unit >= 0xd800 && unit <= 0xdbff) return !(text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff);
  if (unit >= 0xdc00 && unit <= 0xdfff) return !(text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff);
  return false;
}

/** A character a literal cannot hold raw, as an escape (the same character to the pattern); undefined for any other. */
function escapedForm({ text, i }: { text: string; i: number }): string | undefined {
  const char = text.charAt(i);
  const terminator = lineTerminators[char];
  if (terminator !== undefined) return terminator;
  // `\x00`, not `\0`: `\0` followed by a digit is an octal escape (an error under `u`).
  if (char === "\0") return "\\x00";
  if (isLoneSurrogate({ text, i })) return unicodeEscape(char);
  return undefined;
}

/**
 * The source of a regular expression literal (between the slashes) matching what `new RegExp(pattern)` matches:
 * an unescaped `/` is escaped (it would end the literal), line terminators and NUL become escapes (a literal cannot
 * hold them raw), lone surrogates become `\uXXXX`, a trailing lone backslash matches a backslash, and an empty
 * pattern is `(?:)` and a leading `*` is `\*` (`//` and `/*` would start a comment; such a pattern is invalid anyway).
 * Every other escape sequence is kept as written.
 */
export function regexSource(pattern: string): string {
  if (pattern === "") return "(?:)";
  let out = pattern.startsWith("*") ? "\\" : "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === "\\") {
      i++;
      if (i >= pattern.length) out += "\\\\";
      else out += escapedForm({ text: pattern, i }) ?? `\\${pattern.charAt(i)}`;
    } else if (char === "/") out += "\\/";
    else out += escapedForm({ text: pattern, i }) ?? char;
  }
  return out;
}
