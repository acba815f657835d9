import { createHash } from "node:crypto";

/** Content hash recorded in the manifest: `sha256-` + hex of the UTF-8 bytes. */
export function hashContent(content: string): string {
  return `sha256-${createHash("sha256").update(content, "utf8").digest("hex")}`;
}

/**
 * Hashes of large byte buffers already hashed, by buffer. In a `watch` run the spec's bytes are hashed by the watcher
 * (did the file change?), as the spec copy's manifest hash (the copy is those very bytes) and in the check cache's
 * input fingerprint: 13 MB hashed once instead of three times. Sound because buffers of file content are never
 * mutated once read or encoded (a rule of the whole pipeline, like the IR's).
 */
const knownHashes = new WeakMap<Uint8Array, string>();
const REMEMBERED_FROM = 64 * 1024;

/** `hashContent` of a text already encoded (`Buffer.from(text, "utf8")`): the same hash without encoding twice. */
export function hashBytes(bytes: Uint8Array): string {
  const known = knownHashes.get(bytes);
  if (known !== undefined) return known;
  const hash = `sha256-${createHash("sha256").update(bytes).digest("hex")}`;
  if (bytes.length >= REMEMBERED_FROM) knownHashes.set(bytes, hash);
  return hash;
}
