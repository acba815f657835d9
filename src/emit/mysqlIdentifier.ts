import { loneSurrogate } from "./loneSurrogate.js";

const unsafe = new RegExp(`\\0|${loneSurrogate.source}`, "g");

/**
 * A MySQL/MariaDB quoted identifier (`` `name` ``, a table, column, index or constraint name): backticks doubled, so a
 * schema's name can never end the identifier; NUL (not allowed in identifiers) and lone surrogates become U+FFFD.
 */
export function mysqlIdentifier(name: string): string {
  return `\`${name.replace(unsafe, "\ufffd").replace(/`/g, "``")}\``;
}
