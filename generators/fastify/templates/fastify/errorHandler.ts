import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { ApiError, errorBody, type ErrorBody, type ErrorCode, type ErrorDetail } from "../runtime/errors.js";

const codeByStatus: Record<number, ErrorCode> = { 400: "VALIDATION_ERROR", 401: "UNAUTHORIZED", 403: "FORBIDDEN", 404: "NOT_FOUND", 409: "CONFLICT" };

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
  const append = (token: string) => (field += /^\d+$/.test(token) ? `[${token}]` : `${field === "" ? "" : "."}${token}`);
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
export function validationDetails({ issues, context }: { issues: readonly (ValidationIssue | AjvIssue)[]; context: string | undefined }): ErrorDetail[] {
  return issues.map((issue) => {
    const detail = "instancePath" in issue ? ajvDetail(issue) : { field: issue.field, message: issue.message };
    return { field: detail.field === "" ? (contextNames[context ?? "body"] ?? context ?? "body") : detail.field, message: detail.message };
  });
}

/** Sends the one error format, bypassing the route's response serializer (error bodies are never trimmed). */
export function sendError({ reply, status, body }: { reply: FastifyReply; status: number; body: ErrorBody }): FastifyReply {
  return reply
    .status(status)
    .type("application/json; charset=utf-8")
    .serializer((payload) => JSON.stringify(payload))
    .send(body);
}

/**
 * Every failure answers `{"error":{"code","message","details","timestamp"}}`: API errors as thrown, schema
 * validation as 400 VALIDATION_ERROR with one detail per problem, the framework's own 4xx by status, anything else as
 * 500 INTERNAL_ERROR with a generic message (the error itself is logged, never sent).
 */
export function errorHandler(error: FastifyError | ApiError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof ApiError) {
    if (error.status >= 500 && error.code !== "NOT_IMPLEMENTED") request.log.error({ err: error }, error.message);
    return sendError({ reply, status: error.status, body: errorBody({ code: error.code, message: error.message, details: error.details }) });
  }
  const fastifyError = error as FastifyError;
  if (Array.isArray(fastifyError.validation)) {
    const details = validationDetails({ issues: fastifyError.validation as AjvIssue[], context: fastifyError.validationContext });
    const where = contextNames[fastifyError.validationContext ?? "body"] ?? "request";
    return sendError({ reply, status: 400, body: errorBody({ code: "VALIDATION_ERROR", message: `invalid ${where}`, details }) });
  }
  const status = typeof fastifyError.statusCode === "number" ? fastifyError.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = codeByStatus[status] ?? "VALIDATION_ERROR";
    return sendError({ reply, status, body: errorBody({ code, message: fastifyError.message }) });
  }
  request.log.error({ err: error }, "unhandled error");
  return sendError({ reply, status: 500, body: errorBody({ code: "INTERNAL_ERROR", message: "internal error" }) });
}
