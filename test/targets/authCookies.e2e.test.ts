import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { runCommand } from "./helpers/runCommand.js";
import { bookstoreServers } from "./helpers/bookstoreServers.js";
import type { RunningServer } from "./helpers/startServer.js";

/**
 * The generated bookstore's accounts with tokens in cookies (AUTH_COOKIES=on), started from outside as
 * `node dist/server.js` on every target: the login sets HttpOnly, Secure, SameSite=Strict cookies (the refresh cookie
 * only for the refresh route) and a readable CSRF cookie; a cookie-authenticated unsafe request needs `x-csrf-token`
 * (403 CSRF_FAILED without it), one with an Authorization header never does; refresh reads its cookie; logout clears
 * them. Then the deny list shared by two instances through Redis (VX_TEST_REDIS_URL; skipped with a printed reason
 * without it): a token logged out on one instance is refused by the other, each with a database of its own.
 */

const redisUrl = process.env["VX_TEST_REDIS_URL"];
if (redisUrl === undefined)
  console.log("auth cookies e2e: the two-instance deny list test is skipped, VX_TEST_REDIS_URL is not set (no Redis to share it through)");

const targets = [
  { target: "fastify", offset: 0 },
  { target: "express", offset: 10 },
];

const password = "correct horse battery staple";

interface ParsedCookie {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
}

/** A `Set-Cookie` header as name, value and attributes (names in lower case). */
function parseSetCookie(header: string): ParsedCookie {
  const [pair = "", ...rest] = header.split(";").map((part) => part.trim());
  const at = pair.indexOf("=");
  const attributes: Record<string, string | true> = {};
  for (const part of rest) {
    const eq = part.indexOf("=");
    if (eq < 0) attributes[part.toLowerCase()] = true;
    else attributes[part.slice(0, eq).toLowerCase()] = part.slice(eq + 1);
  }
  return { name: pair.slice(0, at), value: pair.slice(at + 1), attributes };
}

/** The cookies an answer sets, by name. */
function setCookies(response: Response): Map<string, ParsedCookie> {
  return new Map(response.headers.getSetCookie().map(parseSetCookie).map((cookie) => [cookie.name, cookie]));
}

/** A JSON request to the API (`/api/v1`); `cookies` as a Cookie header. */
async function call({
  server,
  method,
  path,
  body,
  headers = {},
  cookies,
}: {
  server: RunningServer;
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  cookies?: Record<string, string>;
}): Promise<Response> {
  const all: Record<string, string> = { ...headers };
  if (body !== undefined) all["content-type"] = "application/json";
  if (cookies !== undefined) all["cookie"] = Object.entries(cookies).map(([n, v]) => `${n}=${v}`).join("; ");
  return fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: all,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** A new account on `server`: its e-mail address. */
async function register(server: RunningServer): Promise<string> {
  const email = `${randomUUID()}@example.com`;
  const created = await call({ server, method: "POST", path: "/auth/register", body: { email, password, displayName: "Cookie user" } });
  expect(created.status, await created.clone().text()).toBe(201);
  return email;
}

async function errorCode(response: Response): Promise<string> {
  const body = (await response.json()) as { error?: { code?: string } };
  return body.error?.code ?? "";
}

describe.each(targets)("bookstore auth cookies and the shared deny list ($target)", ({ target, offset }) => {
  const { serve, project } = bookstoreServers({ name: "bookstore-cookies", target, databaseFile: "cookies.db", portBase: 45_000, offset });

  it("sets HttpOnly, Secure, SameSite cookies at login; CSRF on cookie-authenticated unsafe methods only; logout clears them", async () => {
    const server = await serve({ AUTH_COOKIES: "on" });
    const email = await register(server);
    const login = await call({ server, method: "POST", path: "/auth/login", body: { email, password } });
    expect(login.status).toBe(200);
    const body = (await login.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["csrfToken", "expiresIn", "tokenType"]);
    const cookies = setCookies(login);
    expect([...cookies.keys()]).toEqual(["__Host-vx_access", "__Secure-vx_refresh", "__Host-vx_csrf"]);
    const access = cookies.get("__Host-vx_access");
    const refresh = cookies.get("__Secure-vx_refresh");
    const csrf = cookies.get("__Host-vx_csrf");
    expect(access?.attributes).toEqual({ path: "/", "max-age": "900", httponly: true, secure: true, samesite: "Strict" });
    expect(refresh?.attributes).toEqual({ path: "/api/v1/auth/refresh", "max-age": "2592000", httponly: true, secure: true, samesite: "Strict" });
    expect(csrf?.attributes).toEqual({ path: "/", "max-age": "2592000", secure: true, samesite: "Strict" });
    expect(csrf?.value).toBe(body["csrfToken"]);
    const jar = { "__Host-vx_access": access?.value ?? "", "__Host-vx_csrf": csrf?.value ?? "" };

    // A safe method needs no CSRF token.
    const me = await call({ server, method: "GET", path: "/auth/me", cookies: jar });
    expect(me.status).toBe(200);
    // An unsafe one authenticated by the cookie: 403 CSRF_FAILED without the header or with another token.
    const enrol = (headers: Record<string, string>, cookies?: Record<string, string>) =>
      call({ server, method: "POST", path: "/auth/mfa/totp", headers, ...(cookies === undefined ? {} : { cookies }) });
    const wrongTokens: Record<string, string>[] = [{}, { "x-csrf-token": randomUUID() + randomUUID() }];
    for (const headers of wrongTokens) {
      const refused = await enrol(headers, jar);
      expect(refused.status).toBe(403);
      expect(await errorCode(refused)).toBe("CSRF_FAILED");
    }
    const accepted = await enrol({ "x-csrf-token": csrf?.value ?? "" }, jar);
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    // The same token in an Authorization header: no CSRF token needed.
    const byHeader = await enrol({ authorization: `Bearer ${access?.value ?? ""}` });
    expect(byHeader.status, await byHeader.clone().text()).toBe(200);

    // Refresh from the cookie: CSRF checked, then new cookies.
    const refreshJar = { "__Secure-vx_refresh": refresh?.value ?? "", "__Host-vx_csrf": csrf?.value ?? "" };
    const unguarded = await call({ server, method: "POST", path: "/auth/refresh", cookies: refreshJar });
    expect([unguarded.status, await errorCode(unguarded)]).toEqual([403, "CSRF_FAILED"]);
    const refreshed = await call({ server, method: "POST", path: "/auth/refresh", cookies: refreshJar, headers: { "x-csrf-token": csrf?.value ?? "" } });
    expect(refreshed.status, await refreshed.clone().text()).toBe(200);
    const rotated = setCookies(refreshed);
    expect(rotated.get("__Secure-vx_refresh")?.value).not.toBe(refresh?.value);
    const next = { "__Host-vx_access": rotated.get("__Host-vx_access")?.value ?? "", "__Host-vx_csrf": rotated.get("__Host-vx_csrf")?.value ?? "" };

    // Logout: CSRF checked, the three cookies expired, the token refused afterwards.
    const noCsrf = await call({ server, method: "POST", path: "/auth/logout", cookies: next });
    expect([noCsrf.status, await errorCode(noCsrf)]).toEqual([403, "CSRF_FAILED"]);
    const out = await call({ server, method: "POST", path: "/auth/logout", cookies: next, headers: { "x-csrf-token": next["__Host-vx_csrf"] } });
    expect(out.status, await out.clone().text()).toBe(204);
    const cleared = setCookies(out);
    expect([...cleared.values()].map((c) => [c.name, c.value, c.attributes["max-age"], c.attributes.path])).toEqual([
      ["__Host-vx_access", "", "0", "/"],
      ["__Secure-vx_refresh", "", "0", "/api/v1/auth/refresh"],
      ["__Host-vx_csrf", "", "0", "/"],
    ]);
    expect((await call({ server, method: "GET", path: "/auth/me", cookies: next })).status).toBe(401);
    // The session ended with the logout: its refresh token is refused too.
    const after = await call({
      server,
      method: "POST",
      path: "/auth/refresh",
      body: { refreshToken: rotated.get("__Secure-vx_refresh")?.value ?? "" },
    });
    expect(after.status).toBe(401);
  });

  it("AUTH_COOKIE_INSECURE drops Secure (with a warning) outside production, and stops start-up in production", async () => {
    const server = await serve({ AUTH_COOKIES: "on", AUTH_COOKIE_INSECURE: "on", AUTH_COOKIE_SAMESITE: "lax", NODE_ENV: "development" });
    const email = await register(server);
    const login = await call({ server, method: "POST", path: "/auth/login", body: { email, password } });
    const cookies = setCookies(login);
    expect([...cookies.keys()]).toEqual(["vx_access", "vx_refresh", "vx_csrf"]);
    expect(cookies.get("vx_access")?.attributes).toEqual({ path: "/", "max-age": "900", httponly: true, samesite: "Lax" });
    expect(server.output()).toMatch(/AUTH_COOKIE_INSECURE=on: the authentication cookies are sent without Secure/);
    await expect(serve({ AUTH_COOKIES: "on", AUTH_COOKIE_INSECURE: "on", NODE_ENV: "production" })).rejects.toThrow(
      /AUTH_COOKIE_INSECURE: is on while NODE_ENV is production/,
    );
  });

  it("without AUTH_COOKIES answers the tokens and sets no cookie; an access cookie is not read", async () => {
    const server = await serve();
    const email = await register(server);
    const login = await call({ server, method: "POST", path: "/auth/login", body: { email, password } });
    const body = (await login.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["accessToken", "expiresIn", "refreshToken", "tokenType"]);
    expect(login.headers.getSetCookie()).toEqual([]);
    const me = await call({ server, method: "GET", path: "/auth/me", cookies: { "__Host-vx_access": String(body["accessToken"]) } });
    expect(me.status).toBe(401);
  });

  it.skipIf(redisUrl === undefined)("two instances share the deny list through Redis: logged out on A, refused on B", async () => {
    // B has a database of its own: only Redis can tell it about A's logout.
    const dir = project().dir;
    const push = await runCommand({ command: process.execPath, args: ["dist/generated/db/dbPush.js"], cwd: dir, env: { DATABASE_URL: "file:./cookies-b.db" } });
    expect(push.code, push.stdout + push.stderr).toBe(0);
    const shared = { REDIS_URL: redisUrl ?? "", RATE_LIMIT_PREFIX: `vx-test:${randomUUID()}:` };
    const a = await serve(shared);
    const b = await serve({ ...shared, DATABASE_URL: "file:./cookies-b.db" });
    const email = await register(a);
    const login = await call({ server: a, method: "POST", path: "/auth/login", body: { email, password } });
    const tokens = (await login.json()) as { accessToken: string; refreshToken: string };
    const bearer = { authorization: `Bearer ${tokens.accessToken}` };
    // B verifies A's token (same JWT_SECRET) on an operation that needs a bearer token.
    expect((await call({ server: b, method: "GET", path: "/members", headers: bearer })).status).toBe(200);
    const out = await call({ server: a, method: "POST", path: "/auth/logout", headers: bearer, body: {} });
    expect(out.status).toBe(204);
    const refused = await call({ server: b, method: "GET", path: "/members", headers: bearer });
    expect([refused.status, await errorCode(refused)]).toEqual([401, "UNAUTHORIZED"]);
    expect(refused.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    expect((await call({ server: a, method: "GET", path: "/members", headers: bearer })).status).toBe(401);

    // A third instance on A's database: a refresh token rotated on A and reused there revokes the session for A too.
    const c = await serve(shared);
    const again = (await (await call({ server: a, method: "POST", path: "/auth/login", body: { email, password } })).json()) as { refreshToken: string };
    const rotated = await call({ server: a, method: "POST", path: "/auth/refresh", body: { refreshToken: again.refreshToken } });
    expect(rotated.status).toBe(200);
    const { refreshToken: next } = (await rotated.json()) as { refreshToken: string };
    expect((await call({ server: c, method: "POST", path: "/auth/refresh", body: { refreshToken: again.refreshToken } })).status).toBe(401);
    expect((await call({ server: a, method: "POST", path: "/auth/refresh", body: { refreshToken: next } })).status).toBe(401);
  });
});
