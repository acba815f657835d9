import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidServerSettingsError } from "../../../src/generated/runtime/serverSettings.js";
import {
  finishedRequest,
  pathOf,
  startTracing,
  tracingSettingsFromEnv,
} from "../../../src/generated/runtime/tracing.js";

// src/generated/runtime/tracing.ts: settings, span names and attributes, and spans reaching an OTLP/HTTP receiver.

describe("tracingSettingsFromEnv", () => {
  it("is off without OTEL_EXPORTER_OTLP_ENDPOINT", () => {
    expect(tracingSettingsFromEnv({})).toBeUndefined();
    expect(tracingSettingsFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: " " })).toBeUndefined();
  });

  it("reads the endpoint and the service name", () => {
    expect(
      tracingSettingsFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/", OTEL_SERVICE_NAME: "books" }),
    ).toEqual({ endpoint: "http://collector:4318", serviceName: "books" });
    expect(tracingSettingsFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "https://c.example" })?.serviceName).toBe("api");
  });

  it("stops start-up on an endpoint that is not an http(s) URL, naming the variable", () => {
    for (const endpoint of ["collector:4318", "grpc://collector:4317"])
      expect(() => tracingSettingsFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint })).toThrow(
        new InvalidServerSettingsError(
          `invalid server settings in the environment:\n  OTEL_EXPORTER_OTLP_ENDPOINT=${JSON.stringify(endpoint)}: expected the http:// or https:// URL of an OTLP/HTTP collector`,
        ),
      );
  });
});

describe("request spans", () => {
  it("name a span after its method and route, mark 5xx as errors, keep the query out of the path", () => {
    expect(finishedRequest({ method: "GET", route: "/books/:bookId", status: 200 })).toEqual({
      name: "GET /books/:bookId",
      attributes: { "http.response.status_code": 200, "http.route": "/books/:bookId" },
      error: false,
    });
    expect(finishedRequest({ method: "POST", route: undefined, status: 503 })).toMatchObject({
      name: "POST",
      error: true,
    });
    expect(pathOf("/books?api_key=secret#x")).toBe("/books");
  });
});

describe("startTracing", () => {
  let receiver: Server;
  let endpoint: string;
  const bodies: string[] = [];
  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        bodies.push(`${request.url ?? ""} ${body}`);
        response.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => receiver.close(resolve)));

  it("sends a server span per request, continuing the caller's trace, to <endpoint>/v1/traces", async () => {
    const instrumented: string[] = [];
    const tracing = await startTracing({
      settings: { endpoint, serviceName: "bookstore-test" },
      instrument: [async () => void instrumented.push("prisma")],
    });
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const span = tracing.startRequest({
      method: "GET",
      url: "/books/7?token=secret",
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(span.run(() => "ran")).toBe("ran");
    span.end({ route: "/books/:bookId", status: 200 });
    await tracing.shutdown();
    expect(instrumented).toEqual(["prisma"]);
    const sent = bodies.join("\n");
    expect(sent).toMatch(/^\/v1\/traces /);
    expect(sent).toContain('"name":"GET /books/:bookId"');
    expect(sent).toContain(traceId);
    expect(sent).toContain("bookstore-test");
    expect(sent).toContain('"key":"http.route"');
    expect(sent).not.toContain("secret");
  });
});
