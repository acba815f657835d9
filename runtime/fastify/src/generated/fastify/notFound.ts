import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from "fastify";
import { errorBody } from "../runtime/errors.js";
import { sendError } from "./errorHandler.js";

/** The methods a route may answer to, as the `Allow` header lists them. */
const methods: readonly HTTPMethods[] = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"];

/**
 * The methods with a route at this (concrete, percent-encoded) path. A catch-all route (`OPTIONS *` of CORS
 * preflights) is no route of the path: no spec path is one.
 */
function allowedMethods({ app, path }: { app: FastifyInstance; path: string }): HTTPMethods[] {
  return methods.filter((method) => {
    // findRoute answers null for no route, although its type does not say so.
    const route = app.findRoute({ method, url: path }) as { params: Record<string, unknown> } | null;
    return route !== null && !Object.hasOwn(route.params, "*");
  });
}

/**
 * What a request no route matches answers: 405 METHOD_NOT_ALLOWED with `Allow` when the path has routes for other
 * methods, else 404 NOT_FOUND. Neither message quotes the request.
 */
export function notFoundHandler(app: FastifyInstance): (request: FastifyRequest, reply: FastifyReply) => FastifyReply {
  return (request, reply) => {
    const allowed = allowedMethods({ app, path: request.url.split("?")[0] ?? "" });
    if (allowed.length > 0) {
      reply.header("allow", allowed.join(", "));
      return sendError({
        reply,
        status: 405,
        body: errorBody({ code: "METHOD_NOT_ALLOWED", message: "the method is not allowed on this path" }),
      });
    }
    return sendError({
      reply,
      status: 404,
      body: errorBody({ code: "NOT_FOUND", message: "no operation at this path" }),
    });
  };
}
