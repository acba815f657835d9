import { loneSurrogate } from "./loneSurrogate.js";

const unsafe = new RegExp(`\\0|${loneSurrogate.source}`, "g");

/**
 * A Prisma schema string literal (`"..."`, as in `@default("...")` or `@map("...")`): backslash and double quote
 * escaped, line breaks and other control characters as `\n`-style or `\uXXXX` escapes, so a spec's text can neither
 * end the literal nor the line; NUL and lone surrogates become U+FFFD.
 */
export function prismaString(text: string): string {
  const body = text
    .replace(unsafe, "\ufffd")
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `"${body}"`;
}
