import { kebabCase } from "./caseConversion.js";

/**
 * Names Windows gives to devices whatever the case and extension (`con.ts`, `CON.repository.ts`, `com1.test.ts`):
 * CON, PRN, AUX, NUL, COM0-9 and LPT0-9 (with the superscript digits Windows also reserves).
 */
const deviceNames = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** Whether a file named `<stem>` or `<stem>.<anything>` would be a Windows device. */
export function isDeviceName(stem: string): boolean {
  return deviceNames.test(stem.split(".")[0] ?? "");
}

/**
 * The kebab-case file stem of a name from the spec or the Prisma schema (operationId, tag, model, security scheme):
 * only letters, digits and `-` (so no `/`, `..` or drive letter can make a path leave its folder), `fallback` when
 * nothing is left, and `<stem>-<fallback>` when the stem is a Windows device name (`con` -> `con-tag`).
 * Every file path derived from a spec or schema name is built from one of these stems.
 */
export function fileStem({ name, fallback }: { name: string; fallback: string }): string {
  const stem = kebabCase(name) || fallback;
  return isDeviceName(stem) ? `${stem}-${fallback}` : stem;
}
