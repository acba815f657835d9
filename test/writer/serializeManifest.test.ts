import { describe, expect, it } from "vitest";
import type { Manifest, ManifestEntry } from "../../src/writer/Manifest.js";
import { serializeManifest } from "../../src/writer/serializeManifest.js";
import { stableStringify } from "../../src/util/stableStringify.js";
import { seededRandom } from "../helpers/seededRandom.js";

/** The manifest's text by definition: keys sorted at every level, two-space indent, trailing newline. */
function reference(manifest: Manifest): string {
  return `${stableStringify({ value: manifest })}\n`;
}

function randomManifest(next: () => number): Manifest {
  const files: Record<string, ManifestEntry> = {};
  const count = Math.floor(next() * 12);
  for (let i = 0; i < count; i++) {
    const path = `${["src", "test", "src/handlers"][Math.floor(next() * 3)]}/f${Math.floor(next() * 8)}${next() < 0.1 ? "\"é" : ""}.ts`;
    const entry: ManifestEntry = { ownership: next() < 0.5 ? "generated" : "scaffold" };
    if (next() < 0.8) entry.hash = `sha256-${Math.floor(next() * 4)}`;
    if (next() < 0.3) {
      const declarations: Record<string, string> = {};
      for (let d = Math.floor(next() * 3); d > 0; d--) declarations[`z${Math.floor(next() * 3)}`] = `sha256-${Math.floor(next() * 3)}`;
      entry.declarations = declarations;
    }
    if (next() < 0.05) (entry as ManifestEntry & { extra?: unknown }).extra = { b: 1, a: [2, { d: 3, c: 4 }] };
    files[path] = entry;
  }
  return { manifestVersion: 1, generator: "vx-gen", files };
}

describe("serializeManifest", () => {
  it("prints an empty manifest like JSON.stringify with sorted keys", () => {
    const empty: Manifest = { manifestVersion: 1, generator: "vx-gen", files: {} };
    expect(serializeManifest(empty)).toBe(reference(empty));
    expect(serializeManifest(empty)).toBe('{\n  "files": {},\n  "generator": "vx-gen",\n  "manifestVersion": 1\n}\n');
  });

  it("gives the reference text over a series of manifests that share, change, drop and reorder entries", () => {
    // Each manifest is serialized right after the previous one, so the entry texts remembered from it are used
    // wherever an entry looks the same: a stale remembered text would show up as a difference.
    const next = seededRandom(7);
    let previous = randomManifest(next);
    for (let step = 0; step < 400; step++) {
      const manifest = next() < 0.5 ? randomManifest(next) : { ...previous, files: Object.fromEntries(Object.entries(previous.files).reverse().map(([p, e]) => [p, next() < 0.3 ? { ...e, hash: `sha256-${step}` } : e])) };
      expect(serializeManifest(manifest)).toBe(reference(manifest));
      previous = manifest;
    }
  });

  it("falls back to the reference printer for a manifest with unknown top-level fields", () => {
    const odd = { manifestVersion: 1, generator: "vx-gen", files: { "a.ts": { ownership: "generated", hash: "sha256-1" } }, zeta: [1] } as unknown as Manifest;
    expect(serializeManifest(odd)).toBe(reference(odd));
  });
});
