import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bookstoreServers } from "./helpers/bookstoreServers.js";
import type { RunningServer } from "./helpers/startServer.js";

/**
 * Log redaction on the generated bookstore, started from outside as `node dist/server.js` (LOG_LEVEL info), on every
 * target: requests carrying passwords (register, login, a weak password refused by validation, a wrong one), an
 * access token in `Authorization`, a token in the `access_token` query parameter (the bearer scheme's query
 * credential), a cookie, a refresh token, and the `x-vx-pii` e-mail of an author, in requests that succeed, fail
 * validation, and make the service throw an error quoting the body. The server's whole output is captured: it logs
 * every request line and the thrown error, and none of the secrets.
 */

const targets = [
  { target: "fastify", offset: 5 },
  { target: "express", offset: 15 },
];

/** The user's service (a scaffold of theirs) throwing an error that quotes its input and holds it, for one name. */
const throwingAuthorService = `import type { Prisma } from "../generated/prisma/client.js";
import type { AuthorRecord } from "../generated/repositories/author.repository.js";
import { AuthorServiceBase } from "../generated/services/author.service.base.js";

export class AuthorService extends AuthorServiceBase {
  override async create(data: Prisma.AuthorUncheckedCreateInput): Promise<AuthorRecord> {
    if (data.name === "boom") throw Object.assign(new Error(\`cannot create \${JSON.stringify(data)}\`), { input: data });
    return super.create(data);
  }
}
`;

const secrets = {
  password: "Pw-Secret-Alpha-123",
  weakPassword: "Tiny-Pw-9",
  wrongPassword: "Wrong-Pw-Secret-77",
  email: "reader.secret@example.com",
  authorEmail: "pii.author@example.com",
  invalidAuthorEmail: "pii.invalid@example.com",
  queryToken: "QueryTokenSecret42",
  cookie: "CookieSecret-31",
};

async function post({ url, body, headers = {} }: { url: string; body: unknown; headers?: Record<string, string> }): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

/** Waits until the server's output has `text` (log lines are written asynchronously), or 5 s. */
/**
 * The server's output once every pattern is in it (or after 5 s): the error's line and the 500 request line are
 * written at different moments (Express logs a request line when the answer has gone), so wait for both.
 */
async function logged({ server, patterns }: { server: RunningServer; patterns: RegExp[] }): Promise<string> {
  const complete = () => patterns.every((pattern) => pattern.test(server.output()));
  for (let wait = 0; wait < 100 && !complete(); wait++) await new Promise((resolve) => setTimeout(resolve, 50));
  return server.output();
}

describe.each(targets)("bookstore log redaction ($target)", ({ target, offset }) => {
  const { serve } = bookstoreServers({
    name: "bookstore-redaction",
    target,
    databaseFile: "redaction.db",
    portBase: 45_000,
    offset,
    patch: (dir) => writeFile(join(dir, "src", "services", "author.service.ts"), throwingAuthorService),
  });
  let server: RunningServer;
  const tokens = { accessToken: "", refreshToken: "" };
  beforeAll(async () => {
    server = await serve({ LOG_LEVEL: "info", RATE_LIMIT_AUTH_MAX: "100" });
  }, 60_000);

  it("answers every request as usual", async () => {
    const api = `${server.url}/api/v1`;
    const registered = await post({ url: `${api}/auth/register`, body: { email: secrets.email, password: secrets.password, displayName: "Reader" } });
    expect(registered.status).toBe(201);
    const login = await post({ url: `${api}/auth/login`, body: { email: secrets.email, password: secrets.password } });
    expect(login.status).toBe(200);
    Object.assign(tokens, (await login.json()) as typeof tokens);
    expect(tokens.accessToken.length).toBeGreaterThan(20);
    const weak = await post({ url: `${api}/auth/register`, body: { email: "other@example.com", password: secrets.weakPassword, displayName: "W" } });
    expect(weak.status).toBe(400);
    const wrong = await post({ url: `${api}/auth/login`, body: { email: secrets.email, password: secrets.wrongPassword } });
    expect(wrong.status).toBe(401);
    const members = await fetch(`${api}/members?access_token=${secrets.queryToken}&limit=5`, {
      headers: { authorization: `Bearer ${tokens.accessToken}`, cookie: `session=${secrets.cookie}` },
    });
    expect(members.status).toBe(200);
    const refreshed = await post({ url: `${api}/auth/refresh`, body: { refreshToken: tokens.refreshToken } });
    expect(refreshed.status).toBe(200);
    const invalid = await post({ url: `${api}/authors`, body: { name: "", email: secrets.invalidAuthorEmail } });
    expect(invalid.status).toBe(400);
    const created = await post({ url: `${api}/authors`, body: { name: "Kept", email: secrets.authorEmail } });
    expect(created.status).toBe(201);
    const thrown = await post({ url: `${api}/authors`, body: { name: "boom", email: secrets.authorEmail }, headers: { authorization: `Bearer ${tokens.accessToken}` } });
    expect([thrown.status, await thrown.text()]).toEqual([500, expect.stringContaining("INTERNAL_ERROR")]);
  });

  it("logs the request lines and the thrown error, with none of the secrets the requests carried", async () => {
    // The 500's request line: Express's text line (`POST /api/v1/authors 500 ...`) or Fastify's JSON (`"statusCode":500`).
    const answered500 = /\/api\/v1\/authors 500 |"statusCode":500\b/;
    const output = await logged({ server, patterns: [/cannot create/, answered500] });
    // The lines are there: each request, the error and what it said (its secret values replaced).
    for (const path of ["/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/authors"]) expect(output).toContain(path);
    expect(output).toContain("access_token=[REDACTED]&limit=5");
    expect(output).toContain("cannot create");
    // JSON-escaped in Fastify's JSON lines, as is in Express's text lines.
    expect(output).toMatch(/\\?"email\\?":\\?"\[REDACTED\]/);
    expect(output).toMatch(answered500);
    for (const secret of [...Object.values(secrets), tokens.accessToken, tokens.refreshToken]) {
      expect(output, `${secret} was logged`).not.toContain(secret);
      expect(output).not.toContain(encodeURIComponent(secret));
    }
  });
});
