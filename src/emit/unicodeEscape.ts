/** `\uXXXX` for one UTF-16 code unit (lower-case hex, as `JSON.stringify` writes lone surrogates). */
export function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
}
