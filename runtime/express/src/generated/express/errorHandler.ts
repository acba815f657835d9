import type { ErrorRequestHandler, Response } from "express";
import {
  ApiError,
  answerForStatus,
  errorBody,
  payloadTooLarge,
  unsupportedMediaType,
  type ErrorAnswer,
  type ErrorBody,
} from "../runtime/errors.js";
import { requestScrubber } from "../runtime/requestScrubber.js";
import { redactUrl } from "../runtime/secrets.js";
import type { AppLogger } from "./logger.js";
import { requestIdOfResponse } from "./requestId.js";

/**
 * The errors of Express's body parsers (`type`) answered with a message of ours: theirs may quote the request.
 * The router's own (a path parameter that is not validly percent-encoded) has status 400 and no type.
 */
const parserAnswers: Record<string, ErrorAnswer> = {
  "entity.too.large": payloadTooLarge,
  "request.size.invalid": {
    status: 400,
    code: "VALIDATION_ERROR",
    message: "the request body does not match its Content-Length",
  },
  "request.aborted": { status: 400, code: "VALIDATION_ERROR", message: "the request body was not received completely" },
  "encoding.unsupported": unsupportedMediaType,
  "charset.unsupported": unsupportedMediaType,
};

/** The answer to an error Express or its parsers raised for a request (by type, else status; 400 otherwise). */
export function frameworkAnswer(error: { type?: unknown; status?: unknown }): ErrorAnswer {
  const byType =
    typeof error.type === "string" && Object.hasOwn(parserAnswers, error.type) ? parserAnswers[error.type] : undefined;
  if (byType) return byType;
  const status = typeof error.status === "number" ? error.status : 400;
  return answerForStatus(status);
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
export function errorHandler(logger: AppLogger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    // Express 5 hands an error after the answer has started to its default handler, which closes the connection.
    if (res.headersSent) return next(error);
    // What is logged about the request's failure never quotes the secrets it carried (a message built from the body).
    const logError = (message: string) => {
      const scrubber = requestScrubber({ headers: req.headers, url: req.originalUrl, body: req.body as unknown });
      logger.error({ reqId: requestIdOfResponse(res), err: scrubber.value(error) }, scrubber.text(message));
    };
    if (error instanceof ApiError) {
      if (error.status >= 500 && error.code !== "NOT_IMPLEMENTED") logError(error.message);
      for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
      // A security event: who was refused what, and why (the verifiers' messages name no secret).
      if (error.reasons.length > 0)
        logger.info(
          {
            reqId: requestIdOfResponse(res),
            event: "security.denied",
            status: error.status,
            method: req.method,
            url: redactUrl(req.originalUrl),
            reasons: error.reasons,
          },
          "request denied",
        );
      return sendError({
        res,
        status: error.status,
        body: errorBody({ code: error.code, message: error.message, details: error.details }),
      });
    }
    if (clientStatus(error) !== undefined) {
      const answer = frameworkAnswer(error as { type?: unknown; status?: unknown });
      return sendError({ res, status: answer.status, body: errorBody({ code: answer.code, message: answer.message }) });
    }
    logError("unhandled error");
    return sendError({ res, status: 500, body: errorBody({ code: "INTERNAL_ERROR", message: "internal error" }) });
  };
}
