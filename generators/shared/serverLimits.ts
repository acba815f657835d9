import type { OperationView } from "./operationView.js";
import { defaultMaxParamLength } from "./pathParameterLimit.js";

/** One size or time limit of the generated server: its option, environment variable, default and accepted range. */
export interface LimitView {
  /** The property of `Limits` in the generated code. */
  key:
    | "bodyLimit"
    | "jsonMaxDepth"
    | "maxParamLength"
    | "maxHeaderSize"
    | "requestTimeout"
    | "headersTimeout"
    | "connectionTimeout"
    | "keepAliveTimeout"
    | "uploadFileSizeLimit"
    | "uploadMaxFiles"
    | "uploadMaxFields"
    | "uploadFieldSizeLimit";
  variable: string;
  defaultValue: number;
  min: number;
  max: number;
  /** What the value measures (a sentence fragment, for the doc comment and the README). */
  meaning: string;
  /** What a request beyond the limit answers. */
  answer: string;
}

/**
 * The limits the generated server enforces on every request, in the order the README lists them. The defaults are
 * Node's and Fastify's where those are sane (body 1 MiB, headers 16 KiB); a JSON body nests at most 128 levels;
 * requests must arrive within 30 s (Fastify has no timeout by default), their headers within 20 s; a connection silent
 * for 2 minutes (a stalled client, a handler that never answers) is closed; an idle keep-alive connection is kept 72 s,
 * longer than the 60 s idle timeout of common load balancers, so they never reuse a connection the server is closing;
 * path parameters may be as long as their schema allows (see `defaultMaxParamLength`). An API taking multipart bodies
 * has the upload limits too (`uploadLimits`).
 */
export function serverLimits(views: readonly OperationView[]): LimitView[] {
  return [...requestLimits(views), ...(views.some((v) => v.body?.isMultipart === true) ? uploadLimits : [])];
}

/**
 * What one `multipart/form-data` request may carry: its files are read into memory (`UploadedFile`), so a file is at
 * most 10 MiB, 10 of them, beside at most 100 text parts of 1 MiB each by default (busboy's own field size).
 */
const uploadLimits: readonly LimitView[] = [
  { key: "uploadFileSizeLimit", variable: "UPLOAD_FILE_SIZE_LIMIT", defaultValue: 10_485_760, min: 1, max: 2_147_483_647, meaning: "the largest file part of a multipart body, in bytes", answer: "413 PAYLOAD_TOO_LARGE naming the part" },
  { key: "uploadMaxFiles", variable: "UPLOAD_MAX_FILES", defaultValue: 10, min: 1, max: 10_000, meaning: "the most file parts of a multipart body", answer: "413 PAYLOAD_TOO_LARGE" },
  { key: "uploadMaxFields", variable: "UPLOAD_MAX_FIELDS", defaultValue: 100, min: 1, max: 10_000, meaning: "the most text parts of a multipart body", answer: "413 PAYLOAD_TOO_LARGE" },
  { key: "uploadFieldSizeLimit", variable: "UPLOAD_FIELD_SIZE_LIMIT", defaultValue: 1_048_576, min: 1, max: 2_147_483_647, meaning: "the largest text part of a multipart body, in bytes", answer: "413 PAYLOAD_TOO_LARGE naming the part" },
];

function requestLimits(views: readonly OperationView[]): LimitView[] {
  return [
    { key: "bodyLimit", variable: "BODY_LIMIT", defaultValue: 1_048_576, min: 1, max: 2_147_483_647, meaning: "the largest request body, in bytes", answer: "413 PAYLOAD_TOO_LARGE" },
    {
      key: "jsonMaxDepth",
      variable: "JSON_MAX_DEPTH",
      defaultValue: 128,
      min: 1,
      max: 1_000,
      meaning: "how deeply the arrays and objects of a JSON body may nest",
      answer: "400 VALIDATION_ERROR, before the body is parsed",
    },
    {
      key: "maxParamLength",
      variable: "MAX_PARAM_LENGTH",
      defaultValue: defaultMaxParamLength(views),
      min: 1,
      max: 65_535,
      meaning: "the longest path parameter, in characters as sent (percent-encoded)",
      answer: "414 URI_TOO_LONG",
    },
    {
      key: "maxHeaderSize",
      variable: "MAX_HEADER_SIZE",
      defaultValue: 16_384,
      min: 1_024,
      max: 1_048_576,
      meaning: "the request line and headers together, in bytes",
      answer: "431 REQUEST_HEADER_FIELDS_TOO_LARGE",
    },
    {
      key: "requestTimeout",
      variable: "REQUEST_TIMEOUT",
      defaultValue: 30_000,
      min: 0,
      max: 86_400_000,
      meaning: "the milliseconds a client has to send a whole request (0: no limit)",
      answer: "408 REQUEST_TIMEOUT",
    },
    {
      key: "headersTimeout",
      variable: "HEADERS_TIMEOUT",
      defaultValue: 20_000,
      min: 1,
      max: 86_400_000,
      meaning: "the milliseconds a client has to send the request line and headers (at most REQUEST_TIMEOUT)",
      answer: "408 REQUEST_TIMEOUT",
    },
    {
      key: "connectionTimeout",
      variable: "CONNECTION_TIMEOUT",
      defaultValue: 120_000,
      min: 0,
      max: 86_400_000,
      meaning: "the milliseconds a connection may stay silent while a request is under way (0: no limit)",
      answer: "the connection is closed",
    },
    {
      key: "keepAliveTimeout",
      variable: "KEEP_ALIVE_TIMEOUT",
      defaultValue: 72_000,
      min: 1,
      max: 86_400_000,
      meaning: "the milliseconds an idle keep-alive connection waits for its next request",
      answer: "the connection is closed",
    },
  ];
}
