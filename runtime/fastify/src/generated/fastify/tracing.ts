import type { FastifyInstance, FastifyRequest } from "fastify";
import type { RequestSpan, Tracing } from "../runtime/tracing.js";

/**
 * A server span per request (`tracing.startRequest`), the rest of the request handled with it active (the handler's
 * Prisma spans are its children), ended with the route's template and the status once the answer is sent.
 */
export function registerTracing({ app, tracing }: { app: FastifyInstance; tracing: Tracing }): void {
  const spans = new WeakMap<FastifyRequest, RequestSpan>();
  app.addHook("onRequest", (request, _reply, done) => {
    const span = tracing.startRequest({ method: request.method, url: request.url, headers: request.headers });
    spans.set(request, span);
    span.run(() => done());
  });
  app.addHook("onResponse", async (request, reply) => {
    spans.get(request)?.end({ route: request.routeOptions.url, status: reply.statusCode });
  });
}
