import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, startBenchServer } from "../../../src/generated/bench/benchServer.js";

// src/generated/bench/benchServer.ts: the server the bench starts itself, on a free port, stopped after the load.

const dir = mkdtempSync(join(tmpdir(), "bench-server-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for dist/server.js: answers /openapi.json on PORT and HOST, says BENCH_MARK. */
const server = join(dir, "server.mjs");
writeFileSync(
  server,
  `import { createServer } from "node:http";
const server = createServer((request, response) => response.end(JSON.stringify({ url: request.url, mark: process.env.BENCH_MARK })));
server.listen(Number(process.env.PORT), process.env.HOST);
process.on("SIGTERM", () => server.close(() => process.exit(0)));
`,
);

describe("startBenchServer", () => {
  it("starts the entry on a free loopback port with the given environment, and stops it", async () => {
    const started = await startBenchServer({ env: { BENCH_MARK: "marked" }, entry: server });
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${started.url}/openapi.json`)).json()).toEqual({ url: "/openapi.json", mark: "marked" });
    await started.stop();
    await expect(fetch(`${started.url}/openapi.json`)).rejects.toThrow();
  });

  it("says what the server printed when it stops before answering", async () => {
    const failing = join(dir, "failing.mjs");
    writeFileSync(failing, 'console.error("JWT_SECRET: missing"); process.exit(1);\n');
    await expect(startBenchServer({ env: {}, entry: failing })).rejects.toThrow(
      /did not start[\s\S]*JWT_SECRET: missing/,
    );
  });

  it("finds a free port", async () => {
    expect(await freePort()).toBeGreaterThan(0);
  });
});
