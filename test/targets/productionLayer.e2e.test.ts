import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProject, prepareProject, type GeneratedProject } from "./helpers/generatedProject.js";
import { startServer, type RunningServer } from "./helpers/startServer.js";

/**
 * The production layer of the generated bookstore, started from outside as `node dist/server.js` with settings in the
 * environment, on every target: health and readiness probes, request ids, security headers, CORS, rate limits and
 * compression.
 */

const targets = [
  { target: "fastify", offset: 0 },
  { target: "express", offset: 10 },
];

describe.each(targets)("bookstore production layer ($target)", ({ target, offset }) => {
  let project: GeneratedProject;
  let env: Record<string, string>;
  const servers: RunningServer[] = [];
  const port = 45_000 + (process.pid % 1000) * 20 + offset;
  let next = 0;
  /** A server of the built bookstore with `settings` in its environment (stopped after the suite). */
  const serve = async (settings: Record<string, string> = {}) => {
    const server = await startServer({ dir: project.dir, port: port + next++, env: { ...env, ...settings } });
    servers.push(server);
    return server;
  };
  let server: RunningServer;

  beforeAll(async () => {
    project = await prepareProject({ name: `bookstore-production-${target}`, openapi: "fixtures/bookstore/openapi.yaml", prisma: "fixtures/bookstore/schema.prisma", target });
    env = await buildProject({ dir: project.dir, databaseFile: "production.db" });
    server = await serve({ LOG_LEVEL: "info" });
  }, 300_000);

  afterAll(async () => {
    const codes = await Promise.all(servers.map((s) => s.stop()));
    expect(codes).toEqual(servers.map(() => 0));
  });

  it("answers /healthz and /readyz at the root, outside the OpenAPI document, without a request log line", async () => {
    const live = await fetch(`${server.url}/healthz`);
    expect([live.status, await live.json()]).toEqual([200, { status: "ok" }]);
    const ready = await fetch(`${server.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: "ready" }]);
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths).filter((path) => /healthz|readyz/.test(path))).toEqual([]);
    // A request that is logged, then the log is read: no line names the probes.
    await fetch(`${server.url}/api/v1/books`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.output()).toMatch(/\/api\/v1\/books/);
    expect(server.output()).not.toMatch(/healthz|readyz/);
  });

  it("answers /readyz 503 naming the database when the database cannot be reached, /healthz still 200", async () => {
    const down = await serve({ DATABASE_URL: "file:./no-such-directory/bookstore.db" });
    const ready = await fetch(`${down.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([503, { status: "unavailable", failing: ["database"] }]);
    expect((await fetch(`${down.url}/healthz`)).status).toBe(200);
  });

  it("echoes a sane x-request-id, replaces another with a UUID, and logs the request with its id", async () => {
    const echoed = await fetch(`${server.url}/api/v1/books`, { headers: { "x-request-id": "trace-42.a:b_c" } });
    expect(echoed.headers.get("x-request-id")).toBe("trace-42.a:b_c");
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const made = await fetch(`${server.url}/api/v1/books`);
    expect(made.headers.get("x-request-id")).toMatch(uuid);
    const unsafe = await fetch(`${server.url}/api/v1/books`, { headers: { "x-request-id": "a b<script>" } });
    expect(unsafe.headers.get("x-request-id")).toMatch(uuid);
    const tooLong = await fetch(`${server.url}/api/v1/books`, { headers: { "x-request-id": "x".repeat(129) } });
    expect(tooLong.headers.get("x-request-id")).toMatch(uuid);
    // Errors carry it too.
    const missing = await fetch(`${server.url}/api/v1/no-such-path`, { headers: { "x-request-id": "trace-404" } });
    expect([missing.status, missing.headers.get("x-request-id")]).toEqual([404, "trace-404"]);
    for (let wait = 0; wait < 50 && !server.output().includes("trace-42.a:b_c"); wait++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.output()).toContain("trace-42.a:b_c");
    expect(server.output()).not.toContain("<script>");
  });
});
