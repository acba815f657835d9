import { stableStringify } from "../util/stableStringify.js";
import type { Manifest, ManifestEntry } from "./Manifest.js";

/** `"path": {...}` of one `files` entry, as `stableStringify` prints it (4 spaces deep). */
function entryText({ path, entry }: { path: string; entry: ManifestEntry }): string {
  return `    ${JSON.stringify(path)}: ${stableStringify({ value: entry }).replaceAll("\n", "\n    ")}`;
}

/**
 * The previous call's entries and their texts, by path: an entry with the same fields is printed the same. `watch`
 * serializes a manifest of thousands of entries on every run where a few changed. Entries are compared field by field
 * (planning builds new ones each run); an entry is never changed once its manifest was serialized.
 */
let previousTexts = new Map<string, { entry: ManifestEntry; text: string }>();

/** Whether two records of strings have the same values under the same keys (no allocation: a loop per record). */
function sameStrings(a: Record<string, string>, b: Record<string, string>): boolean {
  let count = 0;
  for (const key in a) {
    if (typeof a[key] !== "string" || a[key] !== b[key]) return false;
    count++;
  }
  for (const key in b) if (--count < 0 || typeof b[key] !== "string") return false;
  return count === 0;
}

const entryFields = new Set(["ownership", "hash", "declarations"]);

/** Whether an entry has no fields but those of `ManifestEntry` (which are all the text depends on). */
function plainEntry(entry: ManifestEntry): boolean {
  for (const key in entry) if (!entryFields.has(key)) return false;
  return true;
}

/**
 * Whether two entries print the same. The text sorts keys and leaves out undefined values, so equal field values
 * give equal texts; an entry with any other field is never taken as the same.
 */
function sameEntry(a: ManifestEntry, b: ManifestEntry): boolean {
  if (a === b) return true;
  if (a.ownership !== b.ownership || a.hash !== b.hash || !plainEntry(a) || !plainEntry(b)) return false;
  if (a.declarations === undefined || b.declarations === undefined) return a.declarations === b.declarations;
  return sameStrings(a.declarations, b.declarations);
}

/**
 * The manifest as committed: keys sorted at every level, two-space indent, trailing newline. Exactly the text of
 * `stableStringify`, put together entry by entry (an unchanged entry is not printed again).
 */
export function serializeManifest(manifest: Manifest): string {
  const { files, ...rest } = manifest;
  const paths = Object.keys(files).sort();
  if (Object.keys(rest).sort().join("\0") !== "generator\0manifestVersion")
    return `${stableStringify({ value: manifest })}\n`;
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
