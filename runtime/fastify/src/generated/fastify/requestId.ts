import type { FastifyReply, FastifyRequest, FastifyServerOptions } from "fastify";
import { requestIdHeader, requestIdOf } from "../runtime/requestId.js";

/**
 * Fastify's options making `request.id` (the `reqId` of every log line of the request) the sane `x-request-id` the
 * request was sent with, else a random UUID. Fastify's own `requestIdHeader` is off: it would take any value.
 */
export const requestIdOptions: Pick<FastifyServerOptions, "genReqId" | "requestIdHeader"> = {
  requestIdHeader: false,
  genReqId: (request) => requestIdOf(request.headers[requestIdHeader]),
};

/** An `onRequest` hook: every answer, errors included, carries the request's id in `x-request-id`. */
export async function echoRequestId(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.header(requestIdHeader, request.id);
}
