import type { FastifyReply } from "fastify";

/** What every handler returns: a documented status, its body and headers. */
export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: object;
}

/** Sends a handler's result; the route's response schema serializes the body (only documented fields go out). */
export function sendResult({ reply, result }: { reply: FastifyReply; result: HandlerResult }): FastifyReply {
  reply.status(result.status);
  if (result.headers) {
    for (const [name, value] of Object.entries(result.headers)) if (value !== undefined) reply.header(name, String(value));
  }
  return result.body === undefined ? reply.send() : reply.send(result.body);
}
