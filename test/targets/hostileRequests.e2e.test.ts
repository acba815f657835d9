import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { prepareProject, type GeneratedProject } from "./helpers/generatedProject.js";
import { rawRequest, type RawResponse } from "./helpers/rawHttp.js";
import { runCommand, toolkitBin } from "./helpers/runCommand.js";
import { startServer, type RunningServer } from "./helpers/startServer.js";

/**
 * The generated bookstore server driven with hostile requests from outside, over HTTP and raw sockets: every answer is
 * in the error format (never Fastify's or Node's own, never a 500), no error message quotes the request, the limits
 * hold with their defaults and with the values set in the environment, and the logs never carry a credential.
 *
 * The spec is the bookstore's with three API-key schemes added as alternatives on `GET /members` (in the query, a
 * header and a cookie), so the logs are checked against every place a credential can travel. Every target answers
 * the same; what differs is only how each logs a request (`requestLine`).
 */

const secrets = { query: "Q-SECRET-4f1c", header: "H-SECRET-9a2b", bearer: "A-SECRET-77de", cookie: "C-SECRET-0b3e", apiKeyCookie: "K-SECRET-5d60" };

/** The bookstore spec plus `partnerKey` (query `api_key`), `partnerHeader` (`X-Partner-Key`), `partnerCookie` (`partner`). */
async function hostileBookstoreSpec(dir: string): Promise<string> {
  const spec = parse(await readFile("fixtures/bookstore/openapi.yaml", "utf8")) as {
    components: { securitySchemes: Record<string, unknown> };
    paths: Record<string, Record<string, { security?: unknown[] }>>;
  };
  spec.components.securitySchemes.partnerKey = { type: "apiKey", in: "query", name: "api_key" };
  spec.components.securitySchemes.partnerHeader = { type: "apiKey", in: "header", name: "X-Partner-Key" };
  spec.components.securitySchemes.partnerCookie = { type: "apiKey", in: "cookie", name: "partner" };
  const listMembers = spec.paths["/members"]?.get;
  if (!listMembers) throw new Error("the bookstore spec has no GET /members");
  listMembers.security = [{ bearerAuth: [] }, { partnerKey: [] }, { partnerHeader: [] }, { partnerCookie: [] }];
  await mkdir(dir, { recursive: true });
  const path = join(dir, "openapi.yaml");
  await writeFile(path, stringify(spec));
  return path;
}

function errorOf(text: string): { code: string; message: string; details: { field: string; message: string }[]; timestamp: string } {
  const body = JSON.parse(text) as { error: { code: string; message: string; details: { field: string; message: string }[]; timestamp: string } };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(typeof body.error.message).toBe("string");
  expect(Array.isArray(body.error.details)).toBe(true);
  expect(Number.isNaN(Date.parse(body.error.timestamp))).toBe(false);
  return body.error;
}

/** The status and error code of an answer in the error format (fails the test for any other body). */
async function answer(response: Response | RawResponse): Promise<{ status: number; code: string; message: string; text: string }> {
  const text = response instanceof Response ? await response.text() : response.body;
  const error = errorOf(text);
  return { status: response.status, code: error.code, message: error.message, text };
}

const http = (line: string, headers: string[] = [], body = "") => `${line} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n${headers.map((h) => `${h}\r\n`).join("")}\r\n${body}`;

const targets = [
  { target: "fastify", offset: 0, requestLine: "incoming request" },
  { target: "express", offset: 2, requestLine: `"url":"/api/v1/members?api_key=[REDACTED]&limit=5"` },
];

describe.each(targets)("bookstore server on hostile requests ($target)", ({ target, offset, requestLine }) => {
  let project: GeneratedProject;
  /** Default limits, LOG_LEVEL info: the log is inspected. */
  let server: RunningServer;
  /** Small limits set in the environment. */
  let strict: RunningServer;
  let api: string;
  let strictApi: string;
  const outDir = join(process.cwd(), "test", ".out");

  beforeAll(async () => {
    const openapi = await hostileBookstoreSpec(join(outDir, "hostile-spec"));
    project = await prepareProject({ name: `bookstore-hostile-${target}`, openapi, prisma: "fixtures/bookstore/schema.prisma", target });
    const tsc = toolkitBin("tsc");
    const build = await runCommand({ ...tsc, args: [...tsc.args, "-p", "tsconfig.build.json"], cwd: project.dir });
    if (build.code !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
    // As `npm run build` does: the generated JSON next to the built modules that read it.
    const copy = await runCommand({ command: process.execPath, args: ["scripts/copy-json.mjs"], cwd: project.dir });
    if (copy.code !== 0) throw new Error(`copy-json failed:\n${copy.stdout}${copy.stderr}`);
    const env = { DATABASE_URL: "file:./hostile.db" };
    await rm(join(project.dir, "hostile.db"), { force: true });
    const push = await runCommand({ command: process.execPath, args: ["dist/generated/db/dbPush.js"], cwd: project.dir, env });
    if (push.code !== 0) throw new Error(`db push failed:\n${push.stdout}${push.stderr}`);
    const port = 42_001 + (process.pid % 4000) * 4 + offset;
    server = await startServer({ dir: project.dir, port, env: { ...env, LOG_LEVEL: "info" } });
    strict = await startServer({
      dir: project.dir,
      port: port + 1,
      env: { ...env, BODY_LIMIT: "2048", JSON_MAX_DEPTH: "8", MAX_PARAM_LENGTH: "20", MAX_HEADER_SIZE: "4096", REQUEST_TIMEOUT: "1000" },
    });
    api = `${server.url}/api/v1`;
    strictApi = `${strict.url}/api/v1`;
  }, 300_000);

  afterAll(async () => {
    const codes = await Promise.all([server?.stop(), strict?.stop()]);
    expect(codes).toEqual([0, 0]);
  });

  it("answers a JSON body nested 3,000 levels deep with 400 before parsing it (was 500 and a stack trace)", async () => {
    const author = (await (await fetch(`${api}/authors`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Deep", email: "deep@example.com" }) })).json()) as { id: number };
    const book = (depth: number, isbn: string) =>
      `{"isbn":"${isbn}","title":"t","price":1,"status":"draft","authorId":${author.id},"tagIds":[],"metadata":{"x":${"[".repeat(depth)}${"]".repeat(depth)}}}`;
    const deep = await answer(await fetch(`${api}/books`, { method: "POST", headers: { "content-type": "application/json" }, body: book(3000, "9780000000001") }));
    expect(deep.status).toBe(400);
    expect(deep.code).toBe("VALIDATION_ERROR");
    expect(JSON.parse(deep.text).error.details).toEqual([{ field: "body", message: "nests arrays and objects deeper than 128 levels" }]);
    // Within the default limit (128) a nested body is stored; JSON_MAX_DEPTH=8 refuses 10 levels.
    const shallow = await fetch(`${api}/books`, { method: "POST", headers: { "content-type": "application/json" }, body: book(100, "9780000000002") });
    expect(shallow.status).toBe(201);
    const strictDeep = await answer(await fetch(`${strictApi}/tags`, { method: "POST", headers: { "content-type": "application/json" }, body: `{"name":${"[".repeat(10)}${"]".repeat(10)}}` }));
    expect([strictDeep.status, strictDeep.code]).toEqual([400, "VALIDATION_ERROR"]);
    expect(server.output()).not.toContain("RangeError");
    expect(server.output()).not.toContain('"level":50');
  });

  it("answers a URL that is not valid percent-encoding (FST_ERR_BAD_URL) in the error format, without quoting it", async () => {
    const response = await answer(await rawRequest({ url: server.url, text: http("GET /api/v1/authors/%ZZ") }));
    expect([response.status, response.code]).toEqual([400, "VALIDATION_ERROR"]);
    expect(response.text).not.toContain("%ZZ");
    expect(response.text).not.toContain("FST_");
  });

  it("answers a path parameter over MAX_PARAM_LENGTH with 414 URI_TOO_LONG, without echoing the URL", async () => {
    // The default (480) follows the longest path parameter the spec allows (/tags/{name}: maxLength 40, percent-encoded).
    const long = "7".repeat(600);
    const byDefault = await answer(await fetch(`${api}/authors/${long}`));
    expect([byDefault.status, byDefault.code]).toEqual([414, "URI_TOO_LONG"]);
    expect(byDefault.text).not.toContain("7777");
    const allowed = await fetch(`${api}/tags/${encodeURIComponent("ü".repeat(40))}`);
    expect(allowed.status).toBe(404);
    const strictLong = await answer(await fetch(`${strictApi}/authors/${"7".repeat(21)}`));
    expect([strictLong.status, strictLong.code]).toEqual([414, "URI_TOO_LONG"]);
  });

  it("answers an unknown route with 404 NOT_FOUND without echoing the path", async () => {
    const response = await answer(await fetch(`${api}/no-such-thing/4711?q=1`));
    expect([response.status, response.code]).toEqual([404, "NOT_FOUND"]);
    expect(response.text).not.toContain("no-such-thing");
    expect(response.text).not.toContain("4711");
  });

  it("answers a known path with another method with 405 METHOD_NOT_ALLOWED and Allow", async () => {
    const response = await fetch(`${api}/tags`, { method: "PUT", headers: { "content-type": "application/json" }, body: "{}" });
    expect(response.headers.get("allow")).toBe("GET, POST");
    const error = await answer(response);
    expect([error.status, error.code]).toEqual([405, "METHOD_NOT_ALLOWED"]);
    const item = await fetch(`${api}/authors/1`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(item.status).toBe(405);
    expect(item.headers.get("allow")).toBe("DELETE, GET, PATCH");
    // HEAD is answered only where an operation documents it: a GET route does not answer it.
    const head = await fetch(`${api}/tags`, { method: "HEAD" });
    expect([head.status, head.headers.get("allow"), await head.text()]).toEqual([405, "GET, POST", ""]);
  });

  it("answers an Accept header no documented response satisfies with 406 NOT_ACCEPTABLE", async () => {
    const response = await answer(await fetch(`${api}/tags`, { headers: { accept: "application/xml" } }));
    expect([response.status, response.code]).toEqual([406, "NOT_ACCEPTABLE"]);
    const excluded = await fetch(`${api}/tags`, { headers: { accept: "application/json;q=0, text/html" } });
    expect(excluded.status).toBe(406);
    const browser = await fetch(`${api}/tags`, { headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" } });
    expect(browser.status).toBe(200);
  });

  it("answers a body over BODY_LIMIT with 413 PAYLOAD_TOO_LARGE (was VALIDATION_ERROR)", async () => {
    const body = JSON.stringify({ name: "x".repeat(4096) });
    const strictLarge = await answer(await fetch(`${strictApi}/tags`, { method: "POST", headers: { "content-type": "application/json" }, body }));
    expect([strictLarge.status, strictLarge.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    const byDefault = await answer(await fetch(`${api}/tags`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "x".repeat(1_100_000) }) }));
    expect([byDefault.status, byDefault.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
  });

  it("answers a text/plain body to a JSON operation with 415 UNSUPPORTED_MEDIA_TYPE, not byte-by-byte details", async () => {
    const response = await answer(await fetch(`${api}/tags`, { method: "POST", headers: { "content-type": "text/plain" }, body: "name=secret-body-text" }));
    expect([response.status, response.code]).toEqual([415, "UNSUPPORTED_MEDIA_TYPE"]);
    expect(JSON.parse(response.text).error.details).toEqual([]);
    expect(response.text).not.toContain("secret-body-text");
  });

  it("answers headers over MAX_HEADER_SIZE with 431 in the error format (Node answers before Fastify)", async () => {
    const big = (size: number) => http("GET /api/v1/tags", [`X-Padding: ${"p".repeat(size)}`]);
    const byDefault = await answer(await rawRequest({ url: server.url, text: big(20_000) }));
    expect([byDefault.status, byDefault.code]).toEqual([431, "REQUEST_HEADER_FIELDS_TOO_LARGE"]);
    const strictBig = await answer(await rawRequest({ url: strict.url, text: big(5_000) }));
    expect([strictBig.status, strictBig.code]).toEqual([431, "REQUEST_HEADER_FIELDS_TOO_LARGE"]);
    const within = await rawRequest({ url: strict.url, text: big(2_000) });
    expect(within.status).toBe(200);
  });

  it("answers a request whose body never completes with 408 REQUEST_TIMEOUT after REQUEST_TIMEOUT", async () => {
    const slow = await rawRequest({ url: strict.url, text: http("POST /api/v1/tags", ["Content-Type: application/json", "Content-Length: 100"], '{"name":'), timeoutMs: 8_000 });
    const error = await answer(slow);
    expect([error.status, error.code]).toEqual([408, "REQUEST_TIMEOUT"]);
    expect(slow.ms).toBeGreaterThanOrEqual(900);
    expect(slow.ms).toBeLessThan(5_000);
  });

  it("answers malformed JSON, a bad Content-Length and garbage in the error format, quoting none of it", async () => {
    const json = await answer(await fetch(`${api}/tags`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"name": tok3n-in-body}' }));
    expect([json.status, json.code]).toEqual([400, "VALIDATION_ERROR"]);
    expect(json.text).not.toContain("tok3n");
    const length = await answer(await rawRequest({ url: server.url, text: http("POST /api/v1/tags", ["Content-Type: application/json", "Content-Length: abc"], "{}") }));
    expect([length.status, length.code]).toEqual([400, "VALIDATION_ERROR"]);
    const garbage = await answer(await rawRequest({ url: server.url, text: "HELLO THERE\r\n\r\n" }));
    expect(garbage.status).toBe(400);
  });

  it("answers invalid path and query parameters without quoting their values", async () => {
    const query = await answer(await fetch(`${api}/books?limit=zz-echo-1`));
    expect([query.status, query.code]).toEqual([400, "VALIDATION_ERROR"]);
    expect(JSON.parse(query.text).error.details).toEqual([{ field: "limit", message: "must be an integer" }]);
    const path = await answer(await fetch(`${api}/authors/${"9".repeat(30)}`));
    expect([path.status, path.code]).toEqual([400, "VALIDATION_ERROR"]);
    for (const response of [query, path]) expect(response.text).not.toMatch(/zz-echo-1|9{30}/);
  });

  it("refuses to start with an invalid limit, naming the variable, without a stack trace", async () => {
    const run = await runCommand({
      command: process.execPath,
      args: ["dist/server.js"],
      cwd: project.dir,
      env: { DATABASE_URL: "file:./hostile.db", PORT: "0", HOST: "127.0.0.1", JSON_MAX_DEPTH: "deep", BODY_LIMIT: "-1" },
      timeoutMs: 15_000,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('JSON_MAX_DEPTH="deep"');
    expect(run.stderr).toContain('BODY_LIMIT="-1"');
    expect(run.stderr + run.stdout).not.toMatch(/\n\s+at /);
  });

  it("never logs a query API key, an Authorization header, a cookie or an API-key header", async () => {
    const members = [
      await fetch(`${api}/members?api_key=${secrets.query}&limit=5`),
      await fetch(`${api}/members?limit=5`, { headers: { authorization: `Bearer ${secrets.bearer}`, cookie: `sid=${secrets.cookie}; partner=${secrets.apiKeyCookie}`, "x-partner-key": secrets.header } }),
      await fetch(`${api}/no-such-route?api_key=${secrets.query}`, { headers: { authorization: `Bearer ${secrets.bearer}` } }),
    ];
    expect(members.map((r) => r.status)).toEqual([401, 401, 404]);
    await rawRequest({ url: server.url, text: http(`GET /api/v1/members?api_key=${secrets.query}`, [`Authorization: Bearer ${secrets.bearer}`, `X-Padding: ${"p".repeat(20_000)}`]) });
    await rawRequest({ url: server.url, text: http(`GET /api/v1/authors/%ZZ?api_key=${secrets.query}`, [`Cookie: sid=${secrets.cookie}`]) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const log = server.output();
    expect(log).toContain(requestLine);
    expect(log).toContain("api_key=[REDACTED]");
    for (const secret of Object.values(secrets)) expect(log, secret).not.toContain(secret);
  });

  // Fastify's logger (pino) may be handed headers objects; Express's logs request lines only (logger.ts), never headers.
  it.runIf(target === "fastify")("redacts the secret headers from any logged headers object (a handler logging request.headers)", async () => {
    const script = `
      import { redactingLogger } from "./dist/generated/fastify/logging.js";
      import Fastify from "fastify";
      const app = Fastify({ logger: redactingLogger({ level: "info", stream: process.stdout }) });
      app.log.info({ headers: { authorization: "Bearer ${secrets.bearer}", "x-partner-key": "${secrets.header}", accept: "kept/visible" } }, "top");
      app.log.info({ request: { headers: { cookie: "partner=${secrets.apiKeyCookie}" } } }, "nested");
    `;
    const run = await runCommand({ command: process.execPath, args: ["--input-type=module", "-e", script], cwd: project.dir, timeoutMs: 30_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("kept/visible");
    expect(run.stdout.match(/\[REDACTED\]/g)).toHaveLength(3);
    for (const secret of Object.values(secrets)) expect(run.stdout, secret).not.toContain(secret);
  });
});
