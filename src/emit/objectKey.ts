import { tsString } from "./tsString.js";

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A property key in an object literal (an expression): bare when it is an ASCII identifier, a string literal
 * otherwise, and `["__proto__"]` for `__proto__` (written bare or quoted, it would set the object's prototype instead
 * of defining a property).
 */
export function objectKey(name: string): string {
  if (name === "__proto__") return `[${tsString(name)}]`;
  return identifier.test(name) ? name : tsString(name);
}
