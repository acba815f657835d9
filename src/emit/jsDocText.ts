import { loneSurrogate } from "./loneSurrogate.js";

const unsafe = new RegExp(`\\0|${loneSurrogate.source}`, "g");

/**
 * Text for a JSDoc block (`/** ... *\/`), lines separated by `\n`: every JavaScript line terminator (CRLF, CR, LF,
 * U+2028, U+2029) becomes `\n` (the caller prefixes each line with ` * `), `*\/` cannot end the comment early, and NUL
 * and lone surrogates (U+FFFD in a UTF-8 file anyway) become U+FFFD.
 */
export function jsDocText(text: string): string {
  return text
    .replace(/\r\n|[\r\u2028\u2029]/g, "\n")
    .replace(/\*\//g, "*\\/")
    .replace(unsafe, "\ufffd");
}
