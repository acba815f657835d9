import type { Request, RequestHandler } from "express";
import type { Tracing } from "../runtime/tracing.js";

/**
 * The template of the route that matched `req` under its mount path (`/api/v1/books/:bookId`), recorded when the
 * router sets `req.route`: by the time the answer is sent, an error handler outside the router may have restored
 * `req.baseUrl`.
 */
function routeRecorder(req: Request): () => string | undefined {
  let route: unknown;
  let matched: string | undefined;
  Object.defineProperty(req, "route", {
    configurable: true,
    enumerable: true,
    get: () => route,
    set: (value: unknown) => {
      route = value;
      const path: unknown = (value as { path?: unknown } | undefined)?.path;
      matched = typeof path === "string" ? `${req.baseUrl}${path}` : undefined;
    },
  });
  return () => matched;
}

/**
 * The first middleware: a server span per request (`tracing.startRequest`), the rest of the chain run with it active
 * (the handler's Prisma spans are its children), ended with the route's template and the status once the answer is
 * sent.
 */
export function traceRequests(tracing: Tracing): RequestHandler {
  return (req, res, next) => {
    const span = tracing.startRequest({ method: req.method, url: req.originalUrl, headers: req.headers });
    const route = routeRecorder(req);
    res.once("finish", () => span.end({ route: route(), status: res.statusCode }));
    span.run(() => next());
  };
}
