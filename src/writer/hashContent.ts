import { createHash } from "node:crypto";

/** Content hash recorded in the manifest: `sha256-` + hex of the UTF-8 bytes. */
export function hashContent(content: string): string {
  return `sha256-${createHash("sha256").update(content, "utf8").digest("hex")}`;
}
