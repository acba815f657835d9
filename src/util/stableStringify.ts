import { sortKeysDeep } from "./sortKeysDeep.js";

/**
 * JSON with object keys in sorted order at every level (arrays keep their order), so the same value always prints
 * the same text whatever order its keys were built in. `undefined` properties are left out, as JSON.stringify does.
 */
export function stableStringify({ value, indent = 2 }: { value: unknown; indent?: number }): string {
  return JSON.stringify(sortKeysDeep(value), null, indent);
}
