import { loneSurrogate } from "./loneSurrogate.js";

const unsafe = new RegExp(`\\0|${loneSurrogate.source}`, "g");

/**
 * `///` doc comment lines for a Prisma schema, indented by `indent`: one line per line of `text` (trimmed, empty
 * lines dropped), every line break a new `///` line, so the text of a spec can never become schema syntax; other
 * control characters become spaces, NUL and lone surrogates U+FFFD.
 */
export function prismaDocComment({ text, indent }: { text: string; indent: string }): string[] {
  return text
    .replace(unsafe, "\ufffd")
    // eslint-disable-next-line no-control-regex
    .split(/\r\n|[\n\r\u2028\u2029\u0085\u000b\u000c]/)
    // eslint-disable-next-line no-control-regex
    .map((line) => line.replace(/[\u0000-\u001f\u007f]/g, " ").trim())
    .filter((line) => line.length > 0)
    .map((line) => `${indent}/// ${line}`);
}
