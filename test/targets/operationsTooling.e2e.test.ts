import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { request } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookstoreServers } from "./helpers/bookstoreServers.js";
import { runCommand } from "./helpers/runCommand.js";
import { startServer, testAuthEnv } from "./helpers/startServer.js";

/**
 * The generated bookstore's operational tooling, on every target, its built server started from outside: the
 * project's own load test (`npm run bench`'s module), OpenTelemetry traces sent to a fake OTLP/HTTP collector, HTTPS
 * from TLS_CERT_FILE and TLS_KEY_FILE (a self-signed certificate made by openssl for the test).
 */

/** A self-signed certificate for 127.0.0.1 (openssl, a day), its files in a fresh folder. */
function selfSignedCertificate(): { dir: string; cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), "bookstore-tls-"));
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert],
    { stdio: "ignore" },
  );
  return { dir, cert, key };
}

/** The preload listing every module a process loads (`VX_LOADED_MODULES`; see loadedModules/register.mjs). */
const loadedModulesPreload = fileURLToPath(new URL("./helpers/loadedModules/register.mjs", import.meta.url));

/** Settings making a started server list the modules it loads in a fresh file; `loaded` reads the list. */
function moduleListing(): { env: Record<string, string>; loaded: () => string[]; cleanUp: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "bookstore-modules-"));
  const file = join(dir, "loaded.txt");
  return {
    env: { NODE_OPTIONS: `--import ${loadedModulesPreload}`, VX_LOADED_MODULES: file },
    loaded: () => readFileSync(file, "utf8").split("\n").filter((line) => line !== ""),
    cleanUp: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The `@opentelemetry/*` packages among loaded modules' paths or URLs, by name, sorted. */
function openTelemetryPackages(loaded: readonly string[]): string[] {
  const names = loaded.map((path) => /[/\\]@opentelemetry[/\\]([^/\\]+)/.exec(path)?.[1]).filter((name) => name !== undefined);
  return [...new Set(names)].sort();
}

/** A GET over HTTPS trusting only `ca` (a server without that certificate fails the request): status and body. */
function httpsGet({ url, ca }: { url: string; ca: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { ca }, (answer) => {
      let body = "";
      answer.on("data", (chunk: Buffer) => (body += chunk.toString()));
      answer.on("end", () => resolve({ status: answer.statusCode ?? 0, body }));
    })
      .on("error", reject)
      .end();
  });
}

/** A fake OTLP/HTTP collector: what was posted to it, by path. */
interface Collector {
  url: string;
  received: () => string;
}

async function startCollector(): Promise<{ collector: Collector; server: Server }> {
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      bodies.push(`${request.method ?? ""} ${request.url ?? ""} ${body}`);
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { collector: { url, received: () => bodies.join("\n") }, server };
}

/** The spans of an OTLP/JSON export: name, kind, trace and parent ids, attributes by key. */
interface ExportedSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
}

function exportedSpans(received: string): ExportedSpan[] {
  const spans: ExportedSpan[] = [];
  for (const line of received.split("\n")) {
    const json = line.slice(line.indexOf("{"));
    if (!line.startsWith("POST /v1/traces ")) continue;
    const parsed = JSON.parse(json) as {
      resourceSpans: { scopeSpans: { spans: (Omit<ExportedSpan, "attributes"> & { attributes: { key: string; value: Record<string, unknown> }[] })[] }[] }[];
    };
    for (const resource of parsed.resourceSpans)
      for (const scope of resource.scopeSpans)
        for (const span of scope.spans)
          spans.push({ ...span, attributes: Object.fromEntries(span.attributes.map((a) => [a.key, Object.values(a.value)[0]])) });
  }
  return spans;
}

/**
 * A script making the target's app with rate-limit counters and the accounts' deny list in Redis, then closing it the
 * target's way: the process ends on its own only if nothing stays open.
 */
const openAndClose: Record<string, string> = {
  fastify: `import { buildServer } from "./dist/generated/fastify/app.js";
const app = await buildServer({ prisma, env, rateLimit });
await app.ready();
await app.close();`,
  express: `import { closeApp, createApp } from "./dist/generated/express/app.js";
const app = createApp({ prisma, env, rateLimit });
await closeApp(app);`,
};

const targets = [
  { target: "fastify", offset: 0 },
  { target: "express", offset: 10 },
];

describe.each(targets)("bookstore operations tooling ($target)", ({ target, offset }) => {
  const databaseFile = "tooling.db";
  const { project, serve, release } = bookstoreServers({ name: "bookstore-tooling", target, databaseFile, portBase: 5_000, offset });

  it("bench: loads the GETs on a server it starts itself, reports p50/p95/p99 per operation, skips writes and secured ones", async () => {
    const bench = await runCommand({
      command: process.execPath,
      args: ["dist/generated/bench/bench.js"],
      cwd: project().dir,
      env: {
        ...testAuthEnv,
        DATABASE_URL: `file:./${databaseFile}`,
        BENCH_DURATION: "1",
        BENCH_CONNECTIONS: "2",
        BENCH_OPERATIONS: "listAuthors,getAuthor,listBooks,listMembers,createAuthor",
      },
      timeoutMs: 60_000,
    });
    expect(bench.code, bench.stdout + bench.stderr).toBe(0);
    const lines = bench.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^operation\s+method\s+req\/s\s+p50 ms\s+p95 ms\s+p99 ms\s+non-2xx$/);
    // Every request answered (the warm-up took the cold start), listAuthors with 200s only, getAuthor 404s (no author yet).
    expect(lines[1]).toMatch(/^listAuthors\s+GET\s+[1-9]\d*\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+-\s+\/api\/v1\/authors$/);
    expect(lines[2]).toMatch(/^getAuthor\s+GET\s+[1-9]\d*\s+([\d.]+\s+){3}404x\d+\s+\/api\/v1\/authors\/1$/);
    expect(lines[3]).toMatch(/^listBooks\s+GET\s+[1-9]\d*/);
    expect(bench.stdout).toContain("skipped createAuthor (POST /api/v1/authors): a write (BENCH_WRITES=on loads it)");
    expect(bench.stdout).toContain("skipped listMembers (GET /api/v1/members): secured (BENCH_AUTHORIZATION sends credentials)");
    expect(lines.at(-1)).toMatch(/^every p95 within the 500 ms budget \(3 operations\)$|^p95 over the 500 ms budget/);
  }, 90_000);

  it("bench: refuses writes without a scratch database, naming the variables", async () => {
    const bench = await runCommand({ command: process.execPath, args: ["dist/generated/bench/bench.js"], cwd: project().dir, env: { BENCH_WRITES: "on" } });
    expect(bench.code).toBe(1);
    expect(bench.stderr).toContain("BENCH_WRITES=on needs BENCH_DATABASE_URL");
  });

  describe("tracing", () => {
    let collector: Collector;
    let receiver: Server;
    beforeAll(async () => ({ collector, server: receiver } = await startCollector()));
    afterAll(() => new Promise((resolve) => receiver.close(resolve)));

    it("sends an HTTP server span per request (route, status) and Prisma's spans under it to OTEL_EXPORTER_OTLP_ENDPOINT", async () => {
      const listing = moduleListing();
      const server = await serve({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: "bookstore-e2e", ...listing.env });
      const answer = await fetch(`${server.url}/api/v1/books?limit=5`);
      expect(answer.status).toBe(200);
      await fetch(`${server.url}/api/v1/books/999999`);
      release(server);
      // The batch is sent on shutdown at the latest.
      expect(await server.stop()).toBe(0);
      const spans = exportedSpans(collector.received());
      expect(collector.received()).toContain("bookstore-e2e");
      const list = spans.find((span) => span.name === "GET /api/v1/books");
      expect(list, spans.map((span) => span.name).join(", ")).toBeDefined();
      expect(list?.attributes).toMatchObject({ "http.request.method": "GET", "url.path": "/api/v1/books", "http.response.status_code": 200 });
      const missing = spans.find((span) => span.name.startsWith("GET /api/v1/books/") && span.attributes["http.response.status_code"] === 404);
      expect(missing?.attributes["http.route"]).toMatch(/^\/api\/v1\/books\/:bookId$/);
      // Prisma's own spans (prisma:client:operation, prisma:client:db_query...) in the request's trace, under its span.
      const prisma = spans.filter((span) => span.name.startsWith("prisma:") && span.traceId === list?.traceId);
      expect(prisma.length).toBeGreaterThan(0);
      expect(prisma.some((span) => span.parentSpanId === list?.spanId)).toBe(true);
      // The module listing sees the SDK when it is loaded (so its absence below means something).
      expect(openTelemetryPackages(listing.loaded())).toEqual(expect.arrayContaining(["api", "exporter-trace-otlp-http", "sdk-trace-node"]));
      listing.cleanUp();
    }, 60_000);

    it("never loads the OpenTelemetry SDK, exporter or Prisma's instrumentation without OTEL_EXPORTER_OTLP_ENDPOINT", async () => {
      const listing = moduleListing();
      const server = await serve({ ...listing.env, OTEL_EXPORTER_OTLP_ENDPOINT: "" });
      expect((await fetch(`${server.url}/api/v1/books?limit=5`)).status).toBe(200);
      release(server);
      expect(await server.stop()).toBe(0);
      const loaded = listing.loaded();
      listing.cleanUp();
      // The listing worked: the server's own modules and its framework are in it.
      expect(loaded.some((path) => path.endsWith("/dist/server.js"))).toBe(true);
      expect(loaded.some((path) => path.includes(`/node_modules/${target}/`))).toBe(true);
      // Only the API, a no-op without an SDK, which prom-client (the metrics) requires on its own, unconditionally.
      expect(openTelemetryPackages(loaded)).toEqual(["api"]);
      expect(loaded.filter((path) => /[/\\]@prisma[/\\]instrumentation[/\\]/.test(path))).toEqual([]);
    }, 60_000);

    it("stops start-up on a malformed endpoint, naming the variable", async () => {
      const failed = await runCommand({ command: process.execPath, args: ["dist/server.js"], cwd: project().dir, env: { ...testAuthEnv, OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318", PORT: "0" } });
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain('OTEL_EXPORTER_OTLP_ENDPOINT="collector:4318": expected the http:// or https:// URL of an OTLP/HTTP collector');
    });
  });

  describe("HTTPS", () => {
    let tls: { dir: string; cert: string; key: string };
    beforeAll(() => void (tls = selfSignedCertificate()));
    afterAll(() => rmSync(tls.dir, { recursive: true, force: true }));

    it("serves HTTPS with TLS_CERT_FILE and TLS_KEY_FILE, the API and its probes alike", async () => {
      const ca = readFileSync(tls.cert, "utf8");
      const port = 5_000 + (process.pid % 1000) * 20 + offset + 9;
      const env = { DATABASE_URL: `file:./${databaseFile}`, TLS_CERT_FILE: tls.cert, TLS_KEY_FILE: tls.key };
      const server = await startServer({ dir: project().dir, port, env, ca });
      try {
        expect(server.url).toBe(`https://127.0.0.1:${port}`);
        const books = await httpsGet({ url: `${server.url}/api/v1/books`, ca });
        expect(books.status).toBe(200);
        expect(JSON.parse(books.body)).toHaveProperty("items");
        expect((await httpsGet({ url: `${server.url}/healthz`, ca })).status).toBe(200);
        // Plain HTTP on the same port is not answered as HTTP.
        await expect(fetch(`http://127.0.0.1:${port}/api/v1/books`)).rejects.toThrow();
      } finally {
        expect(await server.stop()).toBe(0);
      }
    }, 60_000);

    it("stops start-up naming the variable: one file without the other, a file that cannot be read", async () => {
      const start = (env: Record<string, string>) =>
        runCommand({ command: process.execPath, args: ["dist/server.js"], cwd: project().dir, env: { ...testAuthEnv, PORT: "0", ...env } });
      const alone = await start({ TLS_CERT_FILE: tls.cert });
      expect(alone.code).toBe(1);
      expect(alone.stderr).toContain("TLS_KEY_FILE is not set: TLS_CERT_FILE and TLS_KEY_FILE go together");
      const missing = join(tls.dir, "missing-key.pem");
      const unreadable = await start({ TLS_CERT_FILE: tls.cert, TLS_KEY_FILE: missing });
      expect(unreadable.code).toBe(1);
      expect(unreadable.stderr).toContain(`TLS_KEY_FILE=${JSON.stringify(missing)}: the file cannot be read (ENOENT)`);
    });
  });

  const redisUrl = process.env.VX_TEST_REDIS_URL;
  it.skipIf(redisUrl === undefined && process.env.CI !== "true")(
    "closing the app closes its Redis connections (rate-limit counters, the accounts' deny list): the process ends on its own",
    async () => {
      if (redisUrl === undefined) throw new Error("CI=true but VX_TEST_REDIS_URL is not set");
      const script = [
        'import { createPrismaClient } from "./dist/generated/db/prismaClient.js";',
        'import { defaultRateLimitSettings } from "./dist/generated/runtime/rateLimit.js";',
        `const prisma = createPrismaClient("file:./${databaseFile}");`,
        `const env = { ...process.env, REDIS_URL: ${JSON.stringify(redisUrl)} };`,
        `const rateLimit = { ...defaultRateLimitSettings, redisUrl: ${JSON.stringify(redisUrl)} };`,
        openAndClose[target] ?? "",
        "await prisma.$disconnect();",
        'console.log("closed");',
      ].join("\n");
      const run = await runCommand({ command: process.execPath, args: ["--input-type=module", "-e", script], cwd: project().dir, env: testAuthEnv, timeoutMs: 20_000 });
      expect(run.stdout + run.stderr).toContain("closed");
      // Killed at 20 s (code null) if a connection kept it alive.
      expect(run.code).toBe(0);
    },
    30_000,
  );
});
