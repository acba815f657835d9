import { tsString } from "./tsString.js";

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property key in a type (interface or type literal member): bare when it is an ASCII identifier, else a string literal. */
export function typeKey(name: string): string {
  return identifier.test(name) ? name : tsString(name);
}
