import { STATUS_CODES, type Server } from "node:http";
import type { Socket } from "node:net";
import type { Express } from "express";
import { errorBody, type ErrorCode } from "../runtime/errors.js";
import type { Limits } from "../runtime/limits.js";
import { createNodeServer } from "../runtime/nodeServer.js";
import type { TlsFiles } from "../runtime/tlsFiles.js";

interface ClientErrorAnswer {
  status: number;
  code: ErrorCode;
  message: string;
}

/** Errors Node's HTTP parser raises before Express sees a request, by code (anything else: 400). */
const clientErrorAnswers: Record<string, ClientErrorAnswer> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: "REQUEST_HEADER_FIELDS_TOO_LARGE",
    message: "the request headers are larger than the server accepts",
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: "REQUEST_TIMEOUT", message: "the request was not received in time" },
};

const malformed: ClientErrorAnswer = {
  status: 400,
  code: "VALIDATION_ERROR",
  message: "the request is not valid HTTP",
};

/**
 * Node's `clientError`: a request too malformed, too large or too slow to reach Express (headers over MAX_HEADER_SIZE,
 * REQUEST_TIMEOUT passed) still gets the error format, then the connection is closed. Nothing of the request is logged
 * (the error carries its raw bytes, credentials included).
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const answer = (error.code === undefined ? undefined : clientErrorAnswers[error.code]) ?? malformed;
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

/**
 * The app in a Node server (HTTPS with `tls`, from TLS_CERT_FILE and TLS_KEY_FILE) enforcing the header size and the
 * time limits (request, headers, silent connection, idle keep-alive; `app.listen` cannot pass them: Node takes
 * `maxHeaderSize` only when the server is created), answering what Node refuses in the error format. Not listening
 * yet: call `listen(port, host)` on it.
 */
export function createHttpServer({ app, limits, tls }: { app: Express; limits: Limits; tls?: TlsFiles }): Server {
  const server = createNodeServer({ limits, tls, handler: app });
  server.on("clientError", answerClientError);
  return server;
}
