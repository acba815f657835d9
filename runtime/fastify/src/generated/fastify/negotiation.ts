import type { FastifyRequest, preParsingAsyncHookHandler } from "fastify";
import { ApiError } from "../runtime/errors.js";
import type { ValidationSchemas } from "./validation.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The operation a generated route serves (its media types are looked up by it). */
    operationId?: string;
  }
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

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers["content-length"];
  return request.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

/**
 * The hook of every generated route checking media types before the body is read: a body whose Content-Type the
 * operation does not document answers 415 UNSUPPORTED_MEDIA_TYPE, an `Accept` header no documented response media
 * type satisfies answers 406 NOT_ACCEPTABLE. Runs after the security hooks.
 */
export function negotiation(schemas: ValidationSchemas): preParsingAsyncHookHandler {
  return async (request, _reply, payload) => {
    const operationId = request.routeOptions.config.operationId;
    const operation = operationId === undefined ? undefined : schemas.operations[operationId];
    if (operation === undefined) return payload;
    const contentType = request.headers["content-type"];
    if (operation.consumes !== undefined && (contentType !== undefined || hasBody(request))) {
      const type = essence(contentType ?? "");
      if (!operation.consumes.some((range) => covers({ range: essence(range), type }))) {
        throw new ApiError({ code: "UNSUPPORTED_MEDIA_TYPE", message: "the request body's media type is not accepted" });
      }
    }
    const accept = request.headers.accept;
    if (operation.produces !== undefined && accept !== undefined && accept.trim() !== "") {
      const ranges = acceptedRanges(accept);
      if (!operation.produces.some((type) => ranges.some((range) => covers({ range, type: essence(type) })))) {
        throw new ApiError({ code: "NOT_ACCEPTABLE", message: "no acceptable media type for the response" });
      }
    }
    return payload;
  };
}
