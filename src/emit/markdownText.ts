import { loneSurrogate } from "./loneSurrogate.js";

const unsafe = new RegExp(`\\0|${loneSurrogate.source}`, "g");

/**
 * Inline Markdown (CommonMark/GFM) that shows exactly `text`: on one line (every line terminator becomes a space, so
 * no heading, list, fence or HTML block can start), with each ASCII punctuation character Markdown gives a meaning
 * (emphasis, code, links, HTML and entities, tables, headings) backslash-escaped, which CommonMark allows for any
 * ASCII punctuation. NUL and lone surrogates become U+FFFD.
 */
export function markdownText(text: string): string {
  return text
    .replace(/\r\n|[\n\r\u2028\u2029\u0085]/g, " ")
    .replace(unsafe, "\ufffd")
    .replace(/[\\`*_{}[\]()#+\-!|<>~&]/g, (char) => `\\${char}`);
}
