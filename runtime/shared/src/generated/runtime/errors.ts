/** The error codes of the API, with the HTTP status each one answers. */
export const errorStatus = {
  VALIDATION_ERROR: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
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

  constructor({ code, message, details = [], cause }: { code: ErrorCode; message: string; details?: ErrorDetail[]; cause?: unknown }) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "ApiError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export function errorBody({ code, message, details = [] }: { code: ErrorCode; message: string; details?: ErrorDetail[] }): ErrorBody {
  return { error: { code, message, details, timestamp: new Date().toISOString() } };
}

export function notFound(message: string): ApiError {
  return new ApiError({ code: "NOT_FOUND", message });
}

/** What an unwritten handler answers: 501 NOT_IMPLEMENTED. */
export function notImplemented(operationId: string): ApiError {
  return new ApiError({ code: "NOT_IMPLEMENTED", message: `${operationId} is not implemented yet` });
}
