import type { Request, RequestHandler } from "express";
import { ApiError } from "../runtime/errors.js";

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

function hasBody(req: Request): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

/**
 * The middleware of an operation checking media types before its body is read: a body whose Content-Type the
 * operation does not document answers 415 UNSUPPORTED_MEDIA_TYPE, an `Accept` header no documented response media
 * type satisfies answers 406 NOT_ACCEPTABLE. Runs after the security check.
 */
export function negotiation({ consumes, produces }: { consumes: readonly string[] | undefined; produces: readonly string[] | undefined }): RequestHandler {
  const bodyTypes = consumes?.map(essence);
  const responseTypes = produces?.map(essence);
  return (req, _res, next) => {
    const contentType = req.headers["content-type"];
    if (bodyTypes !== undefined && (contentType !== undefined || hasBody(req))) {
      const type = essence(contentType ?? "");
      if (!bodyTypes.some((range) => covers({ range, type }))) {
        throw new ApiError({ code: "UNSUPPORTED_MEDIA_TYPE", message: "the request body's media type is not accepted" });
      }
    }
    const accept = req.headers.accept;
    if (responseTypes !== undefined && accept !== undefined && accept.trim() !== "") {
      const ranges = acceptedRanges(accept);
      if (!responseTypes.some((type) => ranges.some((range) => covers({ range, type })))) {
        throw new ApiError({ code: "NOT_ACCEPTABLE", message: "no acceptable media type for the response" });
      }
    }
    next();
  };
}
