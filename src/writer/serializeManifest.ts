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
 * The previous call's entry texts, by path: an entry whose fields are the same strings is printed the same. `watch`
 * serializes a manifest of thousands of entries on every run where a few changed.
 */
let previousTexts = new Map<string, { key: string; text: string }>();

/** The fields of an entry that its text depends on, as one string (keys, hashes and declared names never contain `\0`). */
function entryKey(entry: ManifestEntry): string {
  const declarations = entry.declarations ? Object.entries(entry.declarations).flat().join("\0") : "-";
  return `${Object.keys(entry).join(",")}\0${entry.ownership}\0${entry.hash ?? "-"}\0${entry.declarations ? "d" : "n"}\0${declarations}`;
}

/**
 * The manifest as committed: keys sorted at every level, two-space indent, trailing newline. Exactly the text of
 * `JSON.stringify(sortKeys(manifest), null, 2)`, put together entry by entry (an unchanged entry is not printed again).
 */
export function serializeManifest(manifest: Manifest): string {
  const { files, ...rest } = manifest;
  const paths = Object.keys(files).sort();
  if (Object.keys(rest).sort().join("\0") !== "generator\0manifestVersion") return `${JSON.stringify(sortKeys(manifest), null, 2)}\n`;
  const texts = new Map<string, { key: string; text: string }>();
  const members = paths.map((path) => {
    const entry = files[path] as ManifestEntry;
    const key = entryKey(entry);
    const known = previousTexts.get(path);
    const text = known?.key === key ? known.text : entryText({ path, entry });
    texts.set(path, { key, text });
    return text;
  });
  previousTexts = texts;
  const filesText = members.length === 0 ? "{}" : `{\n${members.join(",\n")}\n  }`;
  return `{\n  "files": ${filesText},\n  "generator": ${JSON.stringify(manifest.generator)},\n  "manifestVersion": ${JSON.stringify(manifest.manifestVersion)}\n}\n`;
}
