import type { Limits } from "./limits.js";

/** The time limits of a Node HTTP server, in milliseconds (0: no limit), as the limits set them. */
export interface ServerTimeouts {
  /** The whole request (line, headers, body): `408` after it. */
  requestTimeout: number;
  /** The request line and headers; never more than `requestTimeout` (Node refuses that). */
  headersTimeout: number;
  /** How often Node looks for requests past those two: often enough for them to hold within a quarter of it. */
  connectionsCheckingInterval: number;
  /** A connection silent this long while a request is under way is closed (`server.setTimeout`). */
  connectionTimeout: number;
  /** An idle keep-alive connection is closed after this long without a next request. */
  keepAliveTimeout: number;
}

/** The Node server timeouts enforcing `limits` (HEADERS_TIMEOUT capped by REQUEST_TIMEOUT when that is set). */
export function serverTimeouts(limits: Limits): ServerTimeouts {
  const { requestTimeout, connectionTimeout, keepAliveTimeout } = limits;
  const headersTimeout = requestTimeout === 0 ? limits.headersTimeout : Math.min(limits.headersTimeout, requestTimeout);
  // headersTimeout is the shorter of the two (or the only one).
  const connectionsCheckingInterval = Math.min(30_000, Math.max(100, Math.floor(headersTimeout / 4)));
  return { requestTimeout, headersTimeout, connectionsCheckingInterval, connectionTimeout, keepAliveTimeout };
}
