import { STATUS_CODES, type Server } from "node:http";
import type { Socket } from "node:net";
import type {
  ConnectionError,
  FastifyError,
  FastifyHttpOptions,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerFactory,
} from "fastify";
import { errorBody, type ErrorAnswer } from "../runtime/errors.js";
import type { Limits } from "../runtime/limits.js";
import { createNodeServer } from "../runtime/nodeServer.js";
import { serverTimeouts } from "../runtime/serverTimeouts.js";
import type { TlsFiles } from "../runtime/tlsFiles.js";
import { frameworkAnswer, sendError } from "./errorHandler.js";

/** Errors Node's HTTP parser raises before Fastify sees a request, by code (anything else: 400). */
const clientErrorAnswers: Record<string, ErrorAnswer> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: "REQUEST_HEADER_FIELDS_TOO_LARGE",
    message: "the request headers are larger than the server accepts",
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: "REQUEST_TIMEOUT", message: "the request was not received in time" },
};

const malformed: ErrorAnswer = { status: 400, code: "VALIDATION_ERROR", message: "the request is not valid HTTP" };

/**
 * Node's `clientError`: a request too malformed, too large or too slow to reach Fastify (headers over MAX_HEADER_SIZE,
 * REQUEST_TIMEOUT passed) still gets the error format, then the connection is closed. Only the error's code is logged
 * (the error carries the raw request bytes, credentials included).
 */
export function answerClientError(this: FastifyInstance, error: ConnectionError, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const answer = clientErrorAnswers[error.code] ?? malformed;
  this.log.debug({ code: error.code, status: answer.status }, "client error");
  if (socket.writable) {
    const body = JSON.stringify(errorBody({ code: answer.code, message: answer.message }));
    const head = [
      `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ""}`,
      "Content-Type: application/json; charset=utf-8",
      `Content-Length: ${Buffer.byteLength(body)}`,
      "Connection: close",
    ];
    socket.write(`${head.join("\r\n")}\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

/** Fastify's `frameworkErrors`: a URL that is not validly percent-encoded, a path parameter over MAX_PARAM_LENGTH. */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const answer = frameworkAnswer(error);
  void sendError({ reply, status: answer.status, body: errorBody({ code: answer.code, message: answer.message }) });
}

/** The server options the limits set (the router's `maxParamLength` among its options). */
export type LimitOptions = Required<
  Pick<
    FastifyHttpOptions<Server>,
    | "bodyLimit"
    | "requestTimeout"
    | "connectionTimeout"
    | "keepAliveTimeout"
    | "routerOptions"
    | "http"
    | "frameworkErrors"
    | "clientErrorHandler"
  >
>;

/** The Fastify (and Node HTTP server) options enforcing the limits, and the handlers answering their errors. */
export function limitOptions(limits: Limits): LimitOptions {
  const timeouts = serverTimeouts(limits);
  return {
    bodyLimit: limits.bodyLimit,
    requestTimeout: timeouts.requestTimeout,
    connectionTimeout: timeouts.connectionTimeout,
    keepAliveTimeout: timeouts.keepAliveTimeout,
    routerOptions: { maxParamLength: limits.maxParamLength },
    http: {
      maxHeaderSize: limits.maxHeaderSize,
      requestTimeout: timeouts.requestTimeout,
      headersTimeout: timeouts.headersTimeout,
      connectionsCheckingInterval: timeouts.connectionsCheckingInterval,
    },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  };
}

/**
 * Fastify's `serverFactory` for HTTPS (TLS_CERT_FILE, TLS_KEY_FILE): the server `createNodeServer` makes, with the
 * limits' options (Fastify's own `https` option would drop `http`'s header size and headers timeout).
 */
export function httpsServerFactory({ limits, tls }: { limits: Limits; tls: TlsFiles }): FastifyServerFactory<Server> {
  return (handler) => createNodeServer({ limits, tls, handler });
}
