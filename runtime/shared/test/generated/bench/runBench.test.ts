import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benchSettingsFromEnv } from "../../../src/generated/bench/benchSettings.js";
import { runBench } from "../../../src/generated/bench/runBench.js";

// src/generated/bench/runBench.ts: a real load (autocannon, one second) on a small server given as BENCH_URL.

const document = {
  openapi: "3.1.0",
  paths: {
    "/items": { get: { operationId: "listItems" } },
    "/items/{itemId}": { get: { operationId: "getItem" } },
    "/items/{itemId}/slow": { delete: { operationId: "deleteItem" } },
  },
};

let server: Server;
let url: string;
const seen = new Set<string>();

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.add(`${request.method} ${request.url}`);
    const body = request.url === "/v1/items" ? { items: [{ id: 7 }] } : { id: 7 };
    response.writeHead(request.url === "/v1/items/7" ? 200 : request.url === "/v1/items" ? 200 : 404, {
      "content-type": "application/json",
    });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("runBench", () => {
  it("loads each GET on BENCH_URL, the id looked up in its collection, and reports its latency", async () => {
    const settings = benchSettingsFromEnv({ BENCH_URL: url, BENCH_DURATION: "1", BENCH_CONNECTIONS: "2" });
    const lines: string[] = [];
    const { report, overBudget } = await runBench({
      settings,
      basePath: "/v1",
      document,
      log: (line) => lines.push(line),
    });
    expect(overBudget).toBe(false);
    expect(lines).toEqual(["listItems: GET /v1/items for 1 s", "getItem: GET /v1/items/7 for 1 s"]);
    expect(seen.has("GET /v1/items/7")).toBe(true);
    expect([...seen].some((request) => request.startsWith("DELETE"))).toBe(false);
    expect(report).toMatch(/^listItems\s+GET\s+\d+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+-\s+\/v1\/items$/m);
    expect(report).toMatch(/^getItem\s+GET\s+\d+/m);
    expect(report).toContain("skipped deleteItem (DELETE /v1/items/{itemId}/slow): a write (BENCH_WRITES=on loads it)");
    expect(report).toContain("every p95 within the 500 ms budget (2 operations)");
  }, 20_000);
});
