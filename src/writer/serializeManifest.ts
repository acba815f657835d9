import type { Manifest, ManifestEntry } from "./Manifest.js";

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) sorted[key] = sortKeys(item);
    }
    return sorted;
  }
  return value;
}

/** `"path": {...}` of one `files` entry, as `JSON.stringify(sortKeys(manifest), null, 2)` prints it (4 spaces deep). */
function entryText({ path, entry }: { path: string; entry: ManifestEntry }): string {
  return `    ${JSON.stringify(path)}: ${JSON.stringify(sortKeys(entry), null, 2).replaceAll("\n", "\n    ")}`;
}

/**
 * The previous call's entries and their texts, by path: an entry with the same fields is printed the same. `watch`
 * serializes a manifest of thousands of entries on every run where a few changed. Entries are compared field by field
 * (planning builds new ones each run); an entry is never changed once its manifest was serialized.
 */
let previousTexts = new Map<string, { entry: ManifestEntry; text: string }>();

/** Whether two flat records of strings have the same keys in the same order and the same values. */
function sameRecord(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (let i = 0; i < keysA.length; i++) {
    const key = keysA[i] as string;
    if (key !== keysB[i] || typeof a[key] === "object" || a[key] !== b[key]) return false;
  }
  return true;
}

/** Whether two entries print the same: same keys in the same order, same strings, same declarations. */
function sameEntry(a: ManifestEntry, b: ManifestEntry): boolean {
  if (a === b) return true;
  const { declarations: da, ...restA } = a;
  const { declarations: db, ...restB } = b;
  if (!sameRecord(restA, restB)) return false;
  if (da === undefined || db === undefined) return da === db && ("declarations" in a) === ("declarations" in b);
  return sameRecord(da, db);
}

/**
 * The manifest as committed: keys sorted at every level, two-space indent, trailing newline. Exactly the text of
 * `JSON.stringify(sortKeys(manifest), null, 2)`, put together entry by entry (an unchanged entry is not printed again).
 */
export function serializeManifest(manifest: Manifest): string {
  const { files, ...rest } = manifest;
  const paths = Object.keys(files).sort();
  if (Object.keys(rest).sort().join("\0") !== "generator\0manifestVersion") return `${JSON.stringify(sortKeys(manifest), null, 2)}\n`;
  const texts = new Map<string, { entry: ManifestEntry; text: string }>();
  const members = paths.map((path) => {
    const entry = files[path] as ManifestEntry;
    const known = previousTexts.get(path);
    const text = known && sameEntry(known.entry, entry) ? known.text : entryText({ path, entry });
    texts.set(path, { entry, text });
    return text;
  });
  previousTexts = texts;
  const filesText = members.length === 0 ? "{}" : `{\n${members.join(",\n")}\n  }`;
  return `{\n  "files": ${filesText},\n  "generator": ${JSON.stringify(manifest.generator)},\n  "manifestVersion": ${JSON.stringify(manifest.manifestVersion)}\n}\n`;
}
