import type { ErrorRequestHandler, Response } from "express";
import { ApiError, errorBody, type ErrorBody, type ErrorCode } from "../runtime/errors.js";
import type { Logger } from "../runtime/context.js";

/** An answer in the error format, decided without looking at what the request sent. */
export interface ErrorAnswer {
  status: number;
  code: ErrorCode;
  message: string;
}

const payloadTooLarge: ErrorAnswer = { status: 413, code: "PAYLOAD_TOO_LARGE", message: "the request body is larger than the server accepts" };
const unsupportedMediaType: ErrorAnswer = { status: 415, code: "UNSUPPORTED_MEDIA_TYPE", message: "the request body's media type is not accepted" };

/**
 * The errors of Express's body parsers (`type`) answered with a message of ours: theirs may quote the request.
 * The router's own (a path parameter that is not validly percent-encoded) has status 400 and no type.
 */
const parserAnswers: Record<string, ErrorAnswer> = {
  "entity.too.large": payloadTooLarge,
  "request.size.invalid": { status: 400, code: "VALIDATION_ERROR", message: "the request body does not match its Content-Length" },
  "request.aborted": { status: 400, code: "VALIDATION_ERROR", message: "the request body was not received completely" },
  "encoding.unsupported": unsupportedMediaType,
  "charset.unsupported": unsupportedMediaType,
};

/** Any other client error, by status: the code and a message that names no part of the request. */
const answersByStatus: Record<number, ErrorAnswer> = {
  401: { status: 401, code: "UNAUTHORIZED", message: "missing or invalid credentials" },
  403: { status: 403, code: "FORBIDDEN", message: "not allowed" },
  404: { status: 404, code: "NOT_FOUND", message: "not found" },
  405: { status: 405, code: "METHOD_NOT_ALLOWED", message: "the method is not allowed on this path" },
  406: { status: 406, code: "NOT_ACCEPTABLE", message: "no acceptable media type for the response" },
  408: { status: 408, code: "REQUEST_TIMEOUT", message: "the request was not received in time" },
  409: { status: 409, code: "CONFLICT", message: "conflict" },
  413: payloadTooLarge,
  414: { status: 414, code: "URI_TOO_LONG", message: "a path parameter is longer than the server accepts" },
  415: unsupportedMediaType,
  431: { status: 431, code: "REQUEST_HEADER_FIELDS_TOO_LARGE", message: "the request headers are larger than the server accepts" },
};

/** The answer to an error Express or its parsers raised for a request (by type, else status; 400 otherwise). */
export function frameworkAnswer(error: { type?: unknown; status?: unknown }): ErrorAnswer {
  const byType = typeof error.type === "string" && Object.hasOwn(parserAnswers, error.type) ? parserAnswers[error.type] : undefined;
  if (byType) return byType;
  const status = typeof error.status === "number" ? error.status : 400;
  return answersByStatus[status] ?? { status: 400, code: "VALIDATION_ERROR", message: "the request is not valid" };
}

/** Sends the one error format (never projected: error bodies are ours). */
export function sendError({ res, status, body }: { res: Response; status: number; body: ErrorBody }): void {
  res.status(status).type("application/json; charset=utf-8").send(JSON.stringify(body));
}

/** The `status` of an error Express's parsers and router raise (`http-errors`), when it has one. */
function clientStatus(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("status" in error)) return undefined;
  return typeof error.status === "number" && error.status >= 400 && error.status < 500 ? error.status : undefined;
}

/**
 * The error-handling middleware, registered last: every failure answers
 * `{"error":{"code","message","details","timestamp"}}`. API errors as thrown (validation included, with one detail per
 * problem), the 4xx of Express and its parsers by type and status (with our message, never one quoting the
 * request), anything else as 500 INTERNAL_ERROR with a generic message (the error itself is logged, never sent).
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    // Express 5 hands an error after the answer has started to its default handler, which closes the connection.
    if (res.headersSent) return next(error);
    if (error instanceof ApiError) {
      if (error.status >= 500 && error.code !== "NOT_IMPLEMENTED") logger.error(`${error.code}: ${error.message}`);
      return sendError({ res, status: error.status, body: errorBody({ code: error.code, message: error.message, details: error.details }) });
    }
    if (clientStatus(error) !== undefined) {
      const answer = frameworkAnswer(error as { type?: unknown; status?: unknown });
      return sendError({ res, status: answer.status, body: errorBody({ code: answer.code, message: answer.message }) });
    }
    logger.error(`unhandled error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return sendError({ res, status: 500, body: errorBody({ code: "INTERNAL_ERROR", message: "internal error" }) });
  };
}
