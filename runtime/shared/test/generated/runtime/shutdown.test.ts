import { createServer, request, Agent, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { closeServer, drainServer } from "../../../src/generated/runtime/shutdown.js";

// src/generated/runtime/shutdown.ts: a server stops accepting, answers what is under way, and is closed at the
// timeout when that takes too long.

const agent = new Agent({ keepAlive: true });
let server: Server | undefined;

afterEach(() => {
  server?.closeAllConnections();
  agent.destroy();
});

/** A server answering `ok` after `delay` ms, listening on a free port; `arrived` resolves once a request reached it. */
async function slowServer(delay: number): Promise<{ server: Server; port: number; arrived: Promise<void> }> {
  let arrive = () => {};
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const started = createServer((_request, response) => {
    arrive();
    setTimeout(() => response.end("ok"), delay);
  });
  started.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => started.listen(0, "127.0.0.1", resolve));
  server = started;
  return { server: started, port: (started.address() as AddressInfo).port, arrived };
}

/** A keep-alive GET: its status and body, or the error that ended it. */
function get(port: number): Promise<{ status?: number; body?: string; error?: string }> {
  return new Promise((resolve) => {
    const sent = request({ host: "127.0.0.1", port, agent }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      response.on("error", (error) => resolve({ error: error.message }));
    });
    sent.on("error", (error) => resolve({ error: error.message }));
    sent.end();
  });
}

describe("drainServer", () => {
  it("answers the request under way, closes its keep-alive connection, and refuses new connections", async () => {
    const { server, port, arrived } = await slowServer(300);
    const started = performance.now();
    const inFlight = get(port);
    // Under way: the server has it (a fixed pause was not always enough on a loaded machine).
    await arrived;
    const drained = drainServer({ server, close: () => closeServer(server), timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await get(port)).error).toMatch(/ECONNREFUSED/);
    expect(await inFlight).toEqual({ status: 200, body: "ok" });
    expect(await drained).toBe("drained");
    // Not kept until the keep-alive timeout (60 s): closed once idle.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("closes the connections left when the timeout passes", async () => {
    const { server, port, arrived } = await slowServer(10_000);
    const started = performance.now();
    const inFlight = get(port);
    await arrived;
    expect(await drainServer({ server, close: () => closeServer(server), timeout: 200 })).toBe("forced");
    expect((await inFlight).error).toBeDefined();
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
