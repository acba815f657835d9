import type { IncomingHttpHeaders } from "node:http";
import { ApiError } from "./errors.js";

/** The media types an operation documents: of its request body (415 otherwise), of its responses (406 otherwise). */
export interface MediaTypes {
  consumes?: readonly string[] | undefined;
  produces?: readonly string[] | undefined;
}

/** `Application/JSON; charset=utf-8` -> `application/json`. */
function essence(mediaType: string): string {
  return (mediaType.split(";")[0] ?? "").trim().toLowerCase();
}

/** Whether a media range (`*\/*`, `text/*`, `application/json`) covers a media type. */
function covers({ range, type }: { range: string; type: string }): boolean {
  const [rangeType = "", rangeSubtype = ""] = range.split("/");
  const [typeType = "", typeSubtype = ""] = type.split("/");
  return (rangeType === "*" || rangeType === typeType) && (rangeSubtype === "*" || rangeSubtype === typeSubtype);
}

/** The media ranges of an `Accept` header the client takes (`q=0` excluded). */
function acceptedRanges(accept: string): string[] {
  return accept
    .split(",")
    .filter((part) => !/;\s*q\s*=\s*0(?:\.0*)?\s*(?:;|$)/i.test(part))
    .map(essence)
    .filter((range) => range !== "");
}

function hasBody(headers: IncomingHttpHeaders): boolean {
  const length = headers["content-length"];
  return headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

function unsupported({ headers, bodyTypes }: { headers: IncomingHttpHeaders; bodyTypes: readonly string[] }): boolean {
  const contentType = headers["content-type"];
  if (contentType === undefined && !hasBody(headers)) return false;
  const type = essence(contentType ?? "");
  return !bodyTypes.some((range) => covers({ range, type }));
}

function unacceptable({
  headers,
  responseTypes,
}: {
  headers: IncomingHttpHeaders;
  responseTypes: readonly string[];
}): boolean {
  const accept = headers.accept;
  if (accept === undefined || accept.trim() === "") return false;
  const ranges = acceptedRanges(accept);
  return !responseTypes.some((type) => ranges.some((range) => covers({ range, type })));
}

/**
 * An operation's media-type check, run on the request headers before the body is read: a body whose Content-Type the
 * operation does not document is 415 UNSUPPORTED_MEDIA_TYPE, an `Accept` header no documented response media type
 * satisfies is 406 NOT_ACCEPTABLE (the ApiError returned), else undefined.
 */
export function mediaTypeCheck({
  consumes,
  produces,
}: MediaTypes): (headers: IncomingHttpHeaders) => ApiError | undefined {
  const bodyTypes = consumes?.map(essence);
  const responseTypes = produces?.map(essence);
  return (headers) => {
    if (bodyTypes !== undefined && unsupported({ headers, bodyTypes })) {
      return new ApiError({ code: "UNSUPPORTED_MEDIA_TYPE", message: "the request body's media type is not accepted" });
    }
    if (responseTypes !== undefined && unacceptable({ headers, responseTypes })) {
      return new ApiError({ code: "NOT_ACCEPTABLE", message: "no acceptable media type for the response" });
    }
    return undefined;
  };
}
