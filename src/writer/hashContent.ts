import { createHash } from "node:crypto";

/** Content hash recorded in the manifest: `sha256-` + hex of the UTF-8 bytes. */
export function hashContent(content: string): string {
  return `sha256-${createHash("sha256").update(content, "utf8").digest("hex")}`;
}

/** `hashContent` of a text already encoded (`Buffer.from(text, "utf8")`): the same hash without encoding twice. */
export function hashBytes(bytes: Uint8Array): string {
  return `sha256-${createHash("sha256").update(bytes).digest("hex")}`;
}
