import type { FastifyRequest, preParsingHookHandler } from "fastify";
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

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers["content-length"];
  return request.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

/** The media types an operation documents: of its request body (415 otherwise), of its responses (406 otherwise). */
export interface MediaTypes {
  consumes?: readonly string[];
  produces?: readonly string[];
}

function unsupported({ request, consumes }: { request: FastifyRequest; consumes: readonly string[] }): boolean {
  const contentType = request.headers["content-type"];
  if (contentType === undefined && !hasBody(request)) return false;
  const type = essence(contentType ?? "");
  return !consumes.some((range) => covers({ range: essence(range), type }));
}

function unacceptable({ request, produces }: { request: FastifyRequest; produces: readonly string[] }): boolean {
  const accept = request.headers.accept;
  if (accept === undefined || accept.trim() === "") return false;
  const ranges = acceptedRanges(accept);
  return !produces.some((type) => ranges.some((range) => covers({ range, type: essence(type) })));
}

/**
 * The hook of a generated route documenting media types, checking them before the body is read: a body whose
 * Content-Type the operation does not document answers 415 UNSUPPORTED_MEDIA_TYPE, an `Accept` header no documented
 * response media type satisfies answers 406 NOT_ACCEPTABLE. Runs after the security hooks.
 */
export function negotiation({ consumes, produces }: MediaTypes): preParsingHookHandler {
  return (request, _reply, payload, done) => {
    if (consumes !== undefined && unsupported({ request, consumes })) {
      return done(new ApiError({ code: "UNSUPPORTED_MEDIA_TYPE", message: "the request body's media type is not accepted" }));
    }
    if (produces !== undefined && unacceptable({ request, produces })) {
      return done(new ApiError({ code: "NOT_ACCEPTABLE", message: "no acceptable media type for the response" }));
    }
    done(null, payload);
  };
}
