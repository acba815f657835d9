/**
 * JSON with object keys in sorted order at every level (arrays keep their order), so the same value always prints
 * the same text whatever order its keys were built in. `undefined` properties are left out, as JSON.stringify does.
 */
export function stableStringify({ value, indent = 2 }: { value: unknown; indent?: number }): string {
  return JSON.stringify(sortKeys(value), null, indent);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const child = (value as Record<string, unknown>)[key];
    if (child !== undefined) sorted[key] = sortKeys(child);
  }
  return sorted;
}
