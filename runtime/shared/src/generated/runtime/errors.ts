/** The error codes of the API, with the HTTP status each one answers. */
export const errorStatus = {
  VALIDATION_ERROR: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  /** A credential from a cookie on an unsafe method without the matching CSRF token (src/generated/auth/csrf.ts). */
  CSRF_FAILED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  REQUEST_HEADER_FIELDS_TOO_LARGE: 431,
  INTERNAL_ERROR: 500,
  NOT_IMPLEMENTED: 501,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface ErrorDetail {
  field: string;
  message: string;
}

/** The one error format of every failure. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: ErrorDetail[]; timestamp: string };
}

/** An error a handler, service or repository throws to answer with one of the error codes. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  /** Headers the answer carries (e.g. `WWW-Authenticate` on a 401); their values hold no CR or LF. */
  readonly headers: Readonly<Record<string, string>>;
  /** Why the request was refused, for the log only, never sent (`bearerAuth: token expired`); no secret in them. */
  readonly reasons: readonly string[];

  constructor({
    code,
    message,
    details = [],
    headers = {},
    reasons = [],
    cause,
  }: {
    code: ErrorCode;
    message: string;
    details?: ErrorDetail[];
    headers?: Readonly<Record<string, string>>;
    reasons?: readonly string[];
    cause?: unknown;
  }) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "ApiError";
    this.code = code;
    this.details = details;
    this.headers = headers;
    this.reasons = reasons;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export function errorBody({
  code,
  message,
  details = [],
}: {
  code: ErrorCode;
  message: string;
  details?: ErrorDetail[];
}): ErrorBody {
  return { error: { code, message, details, timestamp: new Date().toISOString() } };
}

export function notFound(message: string): ApiError {
  return new ApiError({ code: "NOT_FOUND", message });
}

/** What an unwritten handler answers: 501 NOT_IMPLEMENTED. */
export function notImplemented(operationId: string): ApiError {
  return new ApiError({ code: "NOT_IMPLEMENTED", message: `${operationId} is not implemented yet` });
}

/** An answer in the error format to an error the framework or Node raised, decided without looking at what the request sent. */
export interface ErrorAnswer {
  status: number;
  code: ErrorCode;
  message: string;
}

export const payloadTooLarge: ErrorAnswer = {
  status: 413,
  code: "PAYLOAD_TOO_LARGE",
  message: "the request body is larger than the server accepts",
};
export const uriTooLong: ErrorAnswer = {
  status: 414,
  code: "URI_TOO_LONG",
  message: "a path parameter is longer than the server accepts",
};
export const unsupportedMediaType: ErrorAnswer = {
  status: 415,
  code: "UNSUPPORTED_MEDIA_TYPE",
  message: "the request body's media type is not accepted",
};

/** A client error of the framework by its status: the code and a message that names no part of the request. */
const answersByStatus: Readonly<Record<number, ErrorAnswer>> = {
  401: { status: 401, code: "UNAUTHORIZED", message: "missing or invalid credentials" },
  403: { status: 403, code: "FORBIDDEN", message: "not allowed" },
  404: { status: 404, code: "NOT_FOUND", message: "not found" },
  405: { status: 405, code: "METHOD_NOT_ALLOWED", message: "the method is not allowed on this path" },
  406: { status: 406, code: "NOT_ACCEPTABLE", message: "no acceptable media type for the response" },
  408: { status: 408, code: "REQUEST_TIMEOUT", message: "the request was not received in time" },
  409: { status: 409, code: "CONFLICT", message: "conflict" },
  413: payloadTooLarge,
  414: uriTooLong,
  415: unsupportedMediaType,
  431: {
    status: 431,
    code: "REQUEST_HEADER_FIELDS_TOO_LARGE",
    message: "the request headers are larger than the server accepts",
  },
};

/** The answer to a framework error of this status (400 VALIDATION_ERROR for any status without its own). */
export function answerForStatus(status: number): ErrorAnswer {
  return answersByStatus[status] ?? { status: 400, code: "VALIDATION_ERROR", message: "the request is not valid" };
}
