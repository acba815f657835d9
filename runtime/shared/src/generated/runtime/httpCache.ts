import { createHash } from "node:crypto";

/** A strong entity tag of an answer's bytes: the SHA-256 of the serialized body, quoted (`"<base64url>"`). */
export function strongEtag(payload: string | Uint8Array): string {
  return `"${createHash("sha256").update(payload).digest("base64url")}"`;
}

/** `tag` without its weakness indicator (`W/"x"` -> `"x"`). */
function opaque(tag: string): string {
  return tag.startsWith("W/") ? tag.slice(2) : tag;
}

/**
 * Whether `If-None-Match` (`header`) matches `etag`, by the weak comparison RFC 9110 13.1.2 prescribes for it: `*`, or
 * one of its comma-separated tags with the same opaque value. Then a GET is answered 304 without a body.
 */
export function ifNoneMatchHits({ header, etag }: { header: string | undefined; etag: string }): boolean {
  if (header === undefined) return false;
  const wanted = opaque(etag);
  return header.split(",").some((entry) => {
    const tag = entry.trim();
    return tag === "*" || opaque(tag) === wanted;
  });
}
