import { randomUUID } from "node:crypto";

/** The header a request id arrives in (from a proxy or the client) and every answer carries. */
export const requestIdHeader = "x-request-id";

/** A request id taken as sent: up to 128 letters, digits and `._:-` (nothing a log line or a header could misread). */
const saneRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id of a request: the `x-request-id` it was sent with when that is one sane token, else a new random UUID (a
 * repeated header, an empty one or one with other characters is replaced, never echoed).
 */
export function requestIdOf(sent: string | readonly string[] | undefined): string {
  return typeof sent === "string" && saneRequestId.test(sent) ? sent : randomUUID();
}
