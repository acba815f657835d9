import { unicodeEscape } from "./unicodeEscape.js";

/**
 * A TypeScript string literal (double quotes) whose value is exactly `text`: quotes, backslashes, control characters
 * (NUL, CR, LF...) and lone surrogates are escaped by `JSON.stringify`; U+2028 and U+2029, legal in string literals
 * since ES2019 but line breaks to older tools and editors, are escaped too. Never contains a raw line terminator.
 */
export function tsString(text: string): string {
  return JSON.stringify(text).replace(/[\u2028\u2029]/g, unicodeEscape);
}
