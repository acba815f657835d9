import type { AddressInfo } from "node:net";
import express from "express";
import { describe, expect, it } from "vitest";
import { traceRequests } from "../../../src/generated/express/tracing.js";
import type { Tracing } from "../../../src/generated/runtime/tracing.js";

// src/generated/express/tracing.ts: a span per request, the chain run inside it, ended with the route template under
// its mount path (an error handler outside the router too) and the status.

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

describe("traceRequests", () => {
  it("ends each request's span with the matched route under its mount path and the status", async () => {
    const { tracing, events } = recordingTracing();
    const app = express();
    app.use(traceRequests(tracing));
    const router = express.Router();
    router.get("/books/:bookId", (req, res, next) => {
      if (req.params.bookId === "0") next(new Error("missing"));
      else res.json({});
    });
    app.use("/api", router);
    app.use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(404).json({});
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const path of ["/api/books/7?token=x", "/api/books/0", "/nowhere"])
      await (await fetch(`${url}${path}`)).text();
    await new Promise((resolve) => server.close(resolve));
    expect(events).toEqual([
      "start GET /api/books/7?token=x",
      "end /api/books/:bookId 200",
      "start GET /api/books/0",
      "end /api/books/:bookId 404",
      "start GET /nowhere",
      "end - 404",
    ]);
  });
});
