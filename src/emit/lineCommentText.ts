import { loneSurrogate } from "./loneSurrogate.js";

const unsafe = new RegExp(`\\0|${loneSurrogate.source}`, "g");

/**
 * Text for a comment that must stay on one line: after `//`, or inside a one-line `/** ... *\/`. Every JavaScript
 * line terminator (CRLF, CR, LF, U+2028, U+2029) becomes a space (a line break would end a `//` comment and let the
 * rest run as code), `*\/` cannot end a block comment, and NUL and lone surrogates become U+FFFD.
 */
export function lineCommentText(text: string): string {
  return text
    .replace(/\r\n|[\n\r\u2028\u2029]/g, " ")
    .replace(/\*\//g, "*\\/")
    .replace(unsafe, "\ufffd");
}
