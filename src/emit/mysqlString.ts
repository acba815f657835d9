import { loneSurrogate } from "./loneSurrogate.js";

const escapes: Readonly<Record<string, string>> = { "\0": "\\0", "\\": "\\\\", "'": "''", "\n": "\\n", "\r": "\\r" };

/**
 * A MySQL/MariaDB string literal (`'...'`, as in `DEFAULT '...'` or `ENUM('A', 'B')`): quote doubled, backslash,
 * NUL and line breaks escaped, so a schema's text can neither end the literal nor the line (a generated script
 * is split into statements at line ends). Lone surrogates become U+FFFD.
 */
export function mysqlString(text: string): string {
  const body = text
    .replace(new RegExp(loneSurrogate.source, "g"), "\ufffd")
    .replace(/[\0\\'\n\r]/g, (c) => escapes[c] ?? c);
  return `'${body}'`;
}
