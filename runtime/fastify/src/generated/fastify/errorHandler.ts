import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import {
  ApiError,
  answerForStatus,
  errorBody,
  payloadTooLarge,
  unsupportedMediaType,
  uriTooLong,
  type ErrorAnswer,
  type ErrorBody,
  type ErrorDetail,
} from "../runtime/errors.js";
import { requestScrubber } from "../runtime/requestScrubber.js";

/**
 * Fastify's own errors, by code, answered with a message of ours: theirs may quote the request URL or body (a JSON
 * syntax error quotes the text around the fault).
 */
const frameworkAnswers: Record<string, ErrorAnswer> = {
  FST_ERR_BAD_URL: { status: 400, code: "VALIDATION_ERROR", message: "the request URL is not validly percent-encoded" },
  FST_ERR_INVALID_URL: { status: 400, code: "VALIDATION_ERROR", message: "the request URL is not valid" },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: "VALIDATION_ERROR",
    message: "the request body does not match its Content-Length",
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: "VALIDATION_ERROR", message: "the JSON body is empty" },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: "VALIDATION_ERROR", message: "the body is not valid JSON" },
  FST_ERR_ROUTE_MISSING_CONTENT_TYPE: {
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
    message: "the request body has no Content-Type",
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: unsupportedMediaType,
  FST_ERR_CTP_BODY_TOO_LARGE: payloadTooLarge,
  FST_ERR_MAX_PARAM_LENGTH: uriTooLong,
};

/** The answer to an error Fastify raised for a request (by its code, else its status; 400 VALIDATION_ERROR otherwise). */
export function frameworkAnswer(error: { code?: string; statusCode?: number }): ErrorAnswer {
  const byCode = error.code === undefined ? undefined : frameworkAnswers[error.code];
  if (byCode) return byCode;
  const status = error.statusCode ?? 400;
  return answerForStatus(status);
}

/** An issue of a precompiled validator (src/generated/validation): `field` like `items[2].price`, `""` for the whole part. */
interface ValidationIssue {
  field: string;
  message: string;
}

/** An issue of Fastify's own Ajv (only for routes you add with a `schema`; generated routes use precompiled validators). */
interface AjvIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

const contextNames: Record<string, string> = { body: "body", querystring: "query", params: "path", headers: "header" };

/** `{ instancePath: "/items/0/name" }` -> `items[0].name`; required/additionalProperties name the property itself. */
function ajvDetail(issue: AjvIssue): ErrorDetail {
  let field = "";
  const append = (token: string) =>
    (field += /^\d+$/.test(token) ? `[${token}]` : `${field === "" ? "" : "."}${token}`);
  for (const part of issue.instancePath.split("/").slice(1)) append(part.replace(/~1/g, "/").replace(/~0/g, "~"));
  let message = issue.message ?? "is invalid";
  if (issue.keyword === "required" && typeof issue.params.missingProperty === "string") {
    append(issue.params.missingProperty);
    message = "is required";
  } else if (issue.keyword === "additionalProperties" && typeof issue.params.additionalProperty === "string") {
    append(issue.params.additionalProperty);
    message = "is not allowed";
  }
  return { field, message };
}

/**
 * One detail per issue: `{ field: "items[2].price", message }`; an issue about the whole request part names the part
 * (`body`, `query`, `path`, `header`, `cookie`).
 */
export function validationDetails({
  issues,
  context,
}: {
  issues: readonly (ValidationIssue | AjvIssue)[];
  context: string | undefined;
}): ErrorDetail[] {
  return issues.map((issue) => {
    const detail = "instancePath" in issue ? ajvDetail(issue) : { field: issue.field, message: issue.message };
    return {
      field: detail.field === "" ? (contextNames[context ?? "body"] ?? context ?? "body") : detail.field,
      message: detail.message,
    };
  });
}

/** Sends the one error format, bypassing the route's response serializer (error bodies are never trimmed). */
export function sendError({
  reply,
  status,
  body,
}: {
  reply: FastifyReply;
  status: number;
  body: ErrorBody;
}): FastifyReply {
  return reply
    .status(status)
    .type("application/json; charset=utf-8")
    .serializer((payload) => JSON.stringify(payload))
    .send(body);
}

/**
 * Logs `error` with the request's secrets scrubbed from it: the values its secret headers, query parameters and body
 * fields carry, wherever the error quotes them (a message or stack built from the body, a property holding it).
 */
function logError({ request, error, message }: { request: FastifyRequest; error: Error; message: string }): void {
  const scrubber = requestScrubber({ headers: request.headers, url: request.url, body: request.body });
  request.log.error({ err: scrubber.value(error) }, scrubber.text(message));
}

/**
 * Every failure answers `{"error":{"code","message","details","timestamp"}}`: API errors as thrown, schema
 * validation as 400 VALIDATION_ERROR with one detail per problem, the framework's own 4xx by code and status (with our
 * message, never one quoting the request), anything else as
 * 500 INTERNAL_ERROR with a generic message (the error itself is logged, never sent).
 */
export function errorHandler(
  error: FastifyError | ApiError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof ApiError) {
    if (error.status >= 500 && error.code !== "NOT_IMPLEMENTED") logError({ request, error, message: error.message });
    for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
    // A security event: who was refused what, and why (the verifiers' messages name no secret).
    if (error.reasons.length > 0)
      request.log.info(
        { event: "security.denied", status: error.status, route: request.routeOptions.url, reasons: error.reasons },
        "request denied",
      );
    return sendError({
      reply,
      status: error.status,
      body: errorBody({ code: error.code, message: error.message, details: error.details }),
    });
  }
  const fastifyError = error as FastifyError;
  if (Array.isArray(fastifyError.validation)) {
    const details = validationDetails({
      issues: fastifyError.validation as AjvIssue[],
      context: fastifyError.validationContext,
    });
    const where = contextNames[fastifyError.validationContext ?? "body"] ?? "request";
    return sendError({
      reply,
      status: 400,
      body: errorBody({ code: "VALIDATION_ERROR", message: `invalid ${where}`, details }),
    });
  }
  const status = typeof fastifyError.statusCode === "number" ? fastifyError.statusCode : 500;
  if (status >= 400 && status < 500) {
    const answer = frameworkAnswer(fastifyError);
    return sendError({ reply, status: answer.status, body: errorBody({ code: answer.code, message: answer.message }) });
  }
  logError({ request, error, message: "unhandled error" });
  return sendError({ reply, status: 500, body: errorBody({ code: "INTERNAL_ERROR", message: "internal error" }) });
}
