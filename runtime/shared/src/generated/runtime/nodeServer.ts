import { createServer, type RequestListener, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { Limits } from "./limits.js";
import { serverTimeouts } from "./serverTimeouts.js";
import type { TlsFiles } from "./tlsFiles.js";

/**
 * A Node server for `handler` enforcing the header size and the time limits (request, headers, silent connection,
 * idle keep-alive): HTTPS with `tls` (TLS_CERT_FILE, TLS_KEY_FILE), else HTTP. Not listening yet.
 */
export function createNodeServer({
  limits,
  tls,
  handler,
}: {
  limits: Limits;
  tls: TlsFiles | undefined;
  handler: RequestListener;
}): Server {
  const timeouts = serverTimeouts(limits);
  const options = {
    maxHeaderSize: limits.maxHeaderSize,
    requestTimeout: timeouts.requestTimeout,
    headersTimeout: timeouts.headersTimeout,
    connectionsCheckingInterval: timeouts.connectionsCheckingInterval,
  };
  const server: Server =
    tls === undefined ? createServer(options, handler) : createHttpsServer({ ...options, ...tls }, handler);
  server.setTimeout(timeouts.connectionTimeout);
  server.keepAliveTimeout = timeouts.keepAliveTimeout;
  return server;
}
