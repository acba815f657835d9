import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { registerTracing } from "../../../src/generated/fastify/tracing.js";
import type { Tracing } from "../../../src/generated/runtime/tracing.js";

// src/generated/fastify/tracing.ts: a span per request, ended with the route template and the status.

/** A Tracing recording what the glue tells it. */
function recordingTracing() {
  const events: string[] = [];
  const tracing: Tracing = {
    startRequest: ({ method, url }) => {
      events.push(`start ${method} ${url}`);
      return { run: (next) => next(), end: ({ route, status }) => void events.push(`end ${route ?? "-"} ${status}`) };
    },
    shutdown: async () => undefined,
  };
  return { tracing, events };
}

describe("registerTracing", () => {
  it("starts a span per request and ends it with the route template and the status", async () => {
    const { tracing, events } = recordingTracing();
    const app = Fastify();
    registerTracing({ app, tracing });
    app.get<{ Params: { bookId: string } }>("/books/:bookId", async (request, reply) =>
      reply.code(request.params.bookId === "0" ? 404 : 200).send({}),
    );
    await app.inject({ method: "GET", url: "/books/7?token=x" });
    await app.inject({ method: "GET", url: "/books/0" });
    await app.inject({ method: "GET", url: "/nowhere" });
    await app.close();
    expect(events).toEqual([
      "start GET /books/7?token=x",
      "end /books/:bookId 200",
      "start GET /books/0",
      "end /books/:bookId 404",
      "start GET /nowhere",
      "end - 404",
    ]);
  });
});
