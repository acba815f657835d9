/**
 * A copy of a JSON-like value with the keys of every object in sorted order (arrays keep their order; `undefined`
 * members are left out, as JSON.stringify does), so the same value always prints the same text whatever order its
 * keys were written or built in. Values without objects inside are returned as they are.
 */
export function sortKeysDeep<T>(value: T): T {
  if (Array.isArray(value)) return (value.some((item) => typeof item === "object" && item !== null) ? value.map(sortKeysDeep) : value) as T;
  if (value === null || typeof value !== "object") return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const child = (value as Record<string, unknown>)[key];
    if (child !== undefined) sorted[key] = sortKeysDeep(child);
  }
  return sorted as T;
}
