import { unicodeEscape } from "./unicodeEscape.js";

const special = /[\\`\r\n\u2028\u2029\0]|\$\{|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escapeOne(match: string): string {
  if (match === "\\") return "\\\\";
  if (match === "`") return "\\`";
  if (match === "${") return "\\${";
  if (match === "\n") return "\\n";
  if (match === "\r") return "\\r";
  return unicodeEscape(match);
}

/**
 * Text for the inside of a template literal (between the backticks, outside `${...}`) whose cooked value is exactly
 * `text`: backslash, backtick and `${` cannot end the literal or start an expression; CR (which a template would
 * turn into LF), LF, U+2028/U+2029, NUL and lone surrogates are escaped, so the literal stays on one line.
 */
export function templateText(text: string): string {
  return text.replace(special, escapeOne);
}
