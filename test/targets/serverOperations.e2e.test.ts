import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProject, prepareProject, type GeneratedProject } from "./helpers/generatedProject.js";
import { startServer, type RunningServer } from "./helpers/startServer.js";

/**
 * Server operations of the generated bookstore, started from outside as `node dist/server.js` with settings in the
 * environment, on every target: transport timeouts, trusted proxies, graceful shutdown.
 */

const targets = [
  { target: "fastify", offset: 0 },
  { target: "express", offset: 10 },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw connection to `url`: what it received so far, and when the server closed it. */
interface RawConnection {
  socket: Socket;
  received: () => string;
  closed: Promise<number>;
}

async function rawConnection(url: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port) });
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  let received = "";
  socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
  socket.on("error", () => undefined);
  const closed = new Promise<number>((resolve) => socket.on("close", () => resolve(performance.now())));
  return { socket, received: () => received, closed };
}

/** The head of a POST of a JSON body of `length` bytes to `path`. */
function postHead({ path, length, id }: { path: string; length: number; id: string }): string {
  return [
    `POST ${path} HTTP/1.1`,
    "Host: 127.0.0.1",
    "Content-Type: application/json",
    `Content-Length: ${length}`,
    `x-request-id: ${id}`,
    "",
    "",
  ].join("\r\n");
}

describe.each(targets)("bookstore server operations ($target)", ({ target, offset }) => {
  let project: GeneratedProject;
  let env: Record<string, string>;
  const servers: RunningServer[] = [];
  const port = 47_000 + (process.pid % 1000) * 20 + offset;
  let next = 0;
  /** A server of the built bookstore with `settings` in its environment (stopped after the suite unless stopped). */
  const serve = async (settings: Record<string, string> = {}) => {
    const server = await startServer({ dir: project.dir, port: port + next++, env: { ...env, ...settings } });
    servers.push(server);
    return server;
  };
  let server: RunningServer;

  beforeAll(async () => {
    project = await prepareProject({
      name: `bookstore-operations-${target}`,
      openapi: "fixtures/bookstore/openapi.yaml",
      prisma: "fixtures/bookstore/schema.prisma",
      target,
    });
    env = await buildProject({ dir: project.dir, databaseFile: "operations.db" });
    server = await serve({ LOG_LEVEL: "info" });
  }, 300_000);

  afterAll(async () => {
    const codes: (number | null)[] = [];
    for (const running of servers) codes.push(await running.stop());
    expect(codes, servers.map((s) => s.output()).join("\n")).toEqual(servers.map(() => 0));
  });

  it("cuts off a body sent one byte at a time when REQUEST_TIMEOUT passes, answering 408", async () => {
    const slow = await serve({ REQUEST_TIMEOUT: "1000" });
    const connection = await rawConnection(slow.url);
    const started = performance.now();
    connection.socket.write(postHead({ path: "/api/v1/authors", length: 1000, id: "slow-body" }));
    const dripping = setInterval(() => connection.socket.writable && connection.socket.write("{"), 100);
    const closedAt = await Promise.race([connection.closed, sleep(8000).then(() => Number.NaN)]);
    clearInterval(dripping);
    connection.socket.destroy();
    // Closed by the server after the second it allowed (checked every 250 ms), long before 1000 bytes at 10 a second.
    expect(closedAt - started).toBeGreaterThanOrEqual(900);
    expect(closedAt - started).toBeLessThan(5000);
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(connection.received()).toContain('"code":"REQUEST_TIMEOUT"');
  });

  it("logs the connection's address by default, X-Forwarded-For's only from a proxy TRUST_PROXY names", async () => {
    const forwarded = { "x-forwarded-for": "203.0.113.9" };
    await fetch(`${server.url}/api/v1/books`, { headers: { ...forwarded, "x-request-id": "trust-off" } });
    const trusting = await serve({ LOG_LEVEL: "info", TRUST_PROXY: "127.0.0.1/32,::1" });
    await fetch(`${trusting.url}/api/v1/books`, { headers: { ...forwarded, "x-request-id": "trust-on" } });
    const lineOf = async (running: RunningServer, id: string) => {
      for (let wait = 0; wait < 50 && !running.output().includes(id); wait++) await sleep(20);
      return (
        running
          .output()
          .split("\n")
          .find((line) => line.includes(id)) ?? ""
      );
    };
    const untrusted = await lineOf(server, "trust-off");
    expect(untrusted).toMatch(/127\.0\.0\.1/);
    expect(untrusted).not.toContain("203.0.113.9");
    expect(await lineOf(trusting, "trust-on")).toContain("203.0.113.9");
    const oneHop = await serve({ LOG_LEVEL: "info", TRUST_PROXY: "1" });
    await fetch(`${oneHop.url}/api/v1/books`, { headers: { ...forwarded, "x-request-id": "trust-hop" } });
    expect(await lineOf(oneHop, "trust-hop")).toContain("203.0.113.9");
    await expect(serve({ TRUST_PROXY: "proxy.internal" })).rejects.toThrow(
      /TRUST_PROXY: "proxy\.internal" is not an address/,
    );
  });

  it("on SIGTERM stops accepting, answers the request under way, disconnects and exits 0", async () => {
    const stopping = await serve();
    servers.splice(servers.indexOf(stopping), 1);
    const body = JSON.stringify({ name: "Drained Author", email: "drained@example.com" });
    const connection = await rawConnection(stopping.url);
    connection.socket.write(postHead({ path: "/api/v1/authors", length: Buffer.byteLength(body), id: "drained" }));
    connection.socket.write(body.slice(0, 10));
    await sleep(200);
    const exited = stopping.stop();
    await sleep(500);
    // No longer accepting: a new connection is refused.
    await expect(fetch(`${stopping.url}/healthz`)).rejects.toThrow();
    connection.socket.write(body.slice(10));
    await connection.closed;
    expect(connection.received()).toMatch(/^HTTP\/1\.1 201 /);
    expect(connection.received()).toContain('"name":"Drained Author"');
    expect(await exited, stopping.output()).toBe(0);
  });

  it("closes a request still under way when SHUTDOWN_TIMEOUT passes, and exits 0", async () => {
    const stopping = await serve({ SHUTDOWN_TIMEOUT: "500", LOG_LEVEL: "warn" });
    servers.splice(servers.indexOf(stopping), 1);
    const connection = await rawConnection(stopping.url);
    connection.socket.write(postHead({ path: "/api/v1/authors", length: 100, id: "cut-off" }));
    connection.socket.write("{");
    await sleep(200);
    const started = performance.now();
    const code = await stopping.stop();
    expect(code, stopping.output()).toBe(0);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(connection.received()).toBe("");
    expect(stopping.output()).toContain("SHUTDOWN_TIMEOUT (500 ms)");
  });
});
