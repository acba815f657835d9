import { validateHeaderValue } from "node:http";
import { describe, expect, it } from "vitest";
import { createApiKeyTable } from "../../../src/generated/auth/apiKeyTable.js";
import { createApiKeyStore } from "../../../src/generated/auth/apiKeys.js";
import { defaultVerifier } from "../../../src/generated/auth/defaultVerifier.js";
import {
  apiKeyVerifier,
  denyVerifier,
  jwtBearerVerifier,
  quotedHeaderString,
} from "../../../src/generated/auth/defaultVerifiers.js";
import { newCsrfToken } from "../../../src/generated/auth/csrf.js";
import { createJwtAuthenticator } from "../../../src/generated/auth/jwtAuthenticator.js";
import { securityCheck } from "../../../src/generated/runtime/securityCheck.js";
import type { SecurityRequest } from "../../../src/generated/security/types.js";
import { jwtSettings, mint, testSecret } from "./authFixtures.js";
import { memoryApiKeyClient } from "./memoryApiKeyClient.js";

function request({
  headers = {},
  query = {},
  cookies = {},
  ip = "127.0.0.1",
  method,
}: Partial<SecurityRequest>): SecurityRequest {
  return { headers, query, cookies, ip, ...(method === undefined ? {} : { method }) };
}

const secretKey = new TextEncoder().encode(testSecret);
const authenticate = createJwtAuthenticator({ settings: jwtSettings({ JWT_SECRET: testSecret }) });
const bearer = jwtBearerVerifier({ authenticate });
const withToken = async (payload: Record<string, unknown>) =>
  request({ headers: { authorization: `Bearer ${await mint({ key: secretKey, alg: "HS256", payload })}` } });

describe("jwtBearerVerifier", () => {
  it("401 with the `Bearer` challenge when there is no bearer token", async () => {
    for (const headers of [{}, { authorization: "Basic dXNlcjpwYXNz" }, { authorization: "Bearer " }]) {
      expect(await bearer({ request: request({ headers }), scopes: [] })).toEqual({
        ok: false,
        message: "missing bearer token",
        challenge: "Bearer",
      });
    }
  });

  it("reads the token after the API's own scheme word (`Token`), and challenges with it", async () => {
    const token = jwtBearerVerifier({ authenticate, scheme: "Token" });
    const jwt = await mint({ key: secretKey, alg: "HS256", payload: { sub: "alice" } });
    const result = await token({ request: request({ headers: { authorization: `Token ${jwt}` } }), scopes: [] });
    expect(result).toMatchObject({ ok: true, principal: { kind: "jwt", subject: "alice" } });
    expect(await token({ request: request({ headers: { authorization: `Bearer ${jwt}` } }), scopes: [] })).toEqual({
      ok: false,
      message: "missing token (Authorization: Token <token>)",
      challenge: "Token",
    });
    const invalid = await token({ request: request({ headers: { authorization: "Token abc.def.ghi" } }), scopes: [] });
    expect(invalid).toEqual({ ok: false, message: "malformed token", challenge: 'Token error="invalid_token"' });
  });

  it("401 invalid_token for a token that does not verify", async () => {
    const result = await bearer({ request: request({ headers: { authorization: "Bearer abc.def.ghi" } }), scopes: [] });
    expect(result).toEqual({ ok: false, message: "malformed token", challenge: 'Bearer error="invalid_token"' });
  });

  it("lets a valid token through with its principal when it holds every scope required", async () => {
    const result = await bearer({
      request: await withToken({ sub: "alice", scope: "pets:read pets:write" }),
      scopes: ["pets:write", "pets:read"],
    });
    expect(result).toMatchObject({
      ok: true,
      principal: { kind: "jwt", subject: "alice", scopes: ["pets:read", "pets:write"] },
    });
    expect((await bearer({ request: await withToken({}), scopes: [] })).ok).toBe(true);
  });

  it("403 insufficient_scope naming the scopes needed, for a valid token missing one", async () => {
    const result = await bearer({
      request: await withToken({ scp: ["pets:read"] }),
      scopes: ["pets:read", "pets:write"],
    });
    expect(result).toEqual({
      ok: false,
      forbidden: true,
      message: "insufficient scope",
      challenge: 'Bearer error="insufficient_scope", scope="pets:read pets:write"',
    });
  });

  it("keeps hostile scope names (quotes, backslashes, CR/LF, non-ASCII) inside one valid header value", async () => {
    const hostile = ['a"b', "c\\d", "e\r\nSet-Cookie: x=1", "f\u2028g\u00e9", "__proto__"];
    const result = await bearer({ request: await withToken({ scope: "other" }), scopes: hostile });
    expect(result.ok).toBe(false);
    const challenge = !result.ok ? (result.challenge ?? "") : "";
    expect(challenge).toBe('Bearer error="insufficient_scope", scope="a\\"b c\\\\d e??Set-Cookie: x=1 f?g? __proto__"');
    expect(challenge).not.toMatch(/[\r\n]/);
    expect(() => validateHeaderValue("www-authenticate", challenge)).not.toThrow();
  });
});

describe("quotedHeaderString", () => {
  it.each([
    ["plain", '"plain"'],
    ["", '""'],
    ['say "hi"', '"say \\"hi\\""'],
    ["back\\slash", '"back\\\\slash"'],
    ["line\nbreak\r", '"line?break?"'],
    ["tab\there\u0000\u007f", '"tab?here??"'],
    ["ünïcödé", '"?n?c?d?"'],
  ])("quotes %j", (value, quoted) => {
    expect(quotedHeaderString(value)).toBe(quoted);
    expect(() => validateHeaderValue("www-authenticate", quoted)).not.toThrow();
  });
});

describe("apiKeyVerifier", () => {
  const key = "k-0123456789abcdefghijklmnopqrstuvwxyz";
  const keys = createApiKeyStore({ keys: [key] });

  it("header: the named header (any case) must hold a configured key", async () => {
    const verify = apiKeyVerifier({ location: "header", name: "X-API-Key", keys });
    expect(await verify({ request: request({ headers: { "x-api-key": key } }), scopes: [] })).toMatchObject({
      ok: true,
      principal: { kind: "apiKey", keyId: expect.stringMatching(/^[0-9a-f]{12}$/) },
    });
    expect(await verify({ request: request({ headers: { "X-Api-KEY": key } }), scopes: [] })).toMatchObject({
      ok: true,
    });
    expect(await verify({ request: request({ headers: { "x-api-key": key + "x" } }), scopes: [] })).toEqual({
      ok: false,
      message: "invalid API key",
    });
    expect(await verify({ request: request({ headers: { "x-api-key": "short" } }), scopes: [] })).toEqual({
      ok: false,
      message: "invalid API key",
    });
    expect(await verify({ request: request({ headers: {} }), scopes: [] })).toEqual({
      ok: false,
      message: "missing API key",
    });
    expect(await verify({ request: request({ headers: { "x-api-key": "" } }), scopes: [] })).toEqual({
      ok: false,
      message: "missing API key",
    });
    expect(await verify({ request: request({ headers: { authorization: `Bearer ${key}` } }), scopes: [] })).toEqual({
      ok: false,
      message: "missing API key",
    });
  });

  it("header: a repeated header is refused, even when every value is right", async () => {
    const verify = apiKeyVerifier({ location: "header", name: "x-api-key", keys });
    expect(await verify({ request: request({ headers: { "x-api-key": [key, key] } }), scopes: [] })).toEqual({
      ok: false,
      message: "API key given more than once",
    });
    expect(
      await verify({ request: request({ headers: { "x-api-key": key, "X-API-KEY": "other" } }), scopes: [] }),
    ).toEqual({ ok: false, message: "API key given more than once" });
  });

  it("query: the named parameter; repeated or not a string is refused; names are own properties only", async () => {
    const verify = apiKeyVerifier({ location: "query", name: "api_key", keys });
    expect((await verify({ request: request({ query: { api_key: key } }), scopes: [] })).ok).toBe(true);
    expect(await verify({ request: request({ query: { api_key: [key, "x"] } }), scopes: [] })).toEqual({
      ok: false,
      message: "API key given more than once",
    });
    expect(await verify({ request: request({ query: { api_key: { nested: key } } }), scopes: [] })).toEqual({
      ok: false,
      message: "missing API key",
    });
    expect(await verify({ request: request({ query: { API_KEY: key } }), scopes: [] })).toEqual({
      ok: false,
      message: "missing API key",
    });
    const inherited = apiKeyVerifier({ location: "query", name: "constructor", keys });
    expect(await inherited({ request: request({ query: {} }), scopes: [] })).toEqual({
      ok: false,
      message: "missing API key",
    });
    const proto = apiKeyVerifier({ location: "query", name: "__proto__", keys });
    const query: Record<string, unknown> = Object.create(null);
    query["__proto__"] = key;
    expect((await proto({ request: request({ query }), scopes: [] })).ok).toBe(true);
  });

  it("cookie: the named cookie", async () => {
    const verify = apiKeyVerifier({ location: "cookie", name: "session_key", keys });
    expect((await verify({ request: request({ cookies: { session_key: key }, method: "GET" }), scopes: [] })).ok).toBe(
      true,
    );
    expect(await verify({ request: request({ cookies: { other: key } }), scopes: [] })).toEqual({
      ok: false,
      message: "missing API key",
    });
  });

  it("cookie: an unsafe method needs the CSRF cookie echoed in x-csrf-token (403 csrf without it)", async () => {
    const verify = apiKeyVerifier({ location: "cookie", name: "session_key", keys, csrfCookie: "vx_csrf" });
    const csrf = newCsrfToken();
    const cookies = { session_key: key, vx_csrf: csrf };
    expect(await verify({ request: request({ cookies, method: "POST" }), scopes: [] })).toEqual({
      ok: false,
      forbidden: true,
      csrf: true,
      message: "CSRF header missing",
    });
    const echoed = request({ cookies, method: "DELETE", headers: { "x-csrf-token": csrf } });
    expect((await verify({ request: echoed, scopes: [] })).ok).toBe(true);
    // A wrong key is 401 before any CSRF question.
    const wrong = request({ cookies: { session_key: "wrong", vx_csrf: csrf }, method: "POST" });
    expect(await verify({ request: wrong, scopes: [] })).toEqual({ ok: false, message: "invalid API key" });
    // A key in a header never needs the CSRF token.
    const header = apiKeyVerifier({ location: "header", name: "x-api-key", keys });
    expect((await header({ request: request({ headers: { "x-api-key": key }, method: "POST" }), scopes: [] })).ok).toBe(
      true,
    );
  });

  it("403 when the requirement lists scopes: keys from API_KEYS hold none", async () => {
    const verify = apiKeyVerifier({ location: "header", name: "x-api-key", keys });
    expect(await verify({ request: request({ headers: { "x-api-key": key } }), scopes: ["admin"] })).toEqual({
      ok: false,
      forbidden: true,
      message: "insufficient scope",
    });
    expect(await verify({ request: request({ headers: { "x-api-key": "wrong" } }), scopes: ["admin"] })).toEqual({
      ok: false,
      message: "invalid API key",
    });
  });
});

describe("jwtBearerVerifier with cookies (AUTH_COOKIES=on)", () => {
  const names = { access: "vx_access", csrf: "vx_csrf" };
  const cookieBearer = jwtBearerVerifier({ authenticate, cookies: names });
  const csrf = newCsrfToken();
  const tokenOf = async () => mint({ key: secretKey, alg: "HS256", payload: { sub: "u1" } });

  it("reads the access cookie when there is no Authorization header; safe methods need no CSRF token", async () => {
    const cookies = { vx_access: await tokenOf() };
    const result = await cookieBearer({ request: request({ cookies, method: "GET" }), scopes: [] });
    expect(result).toMatchObject({ ok: true, principal: { kind: "jwt", subject: "u1" } });
  });

  it("403 csrf for an unsafe method authenticated by the cookie without the matching x-csrf-token", async () => {
    const cookies = { vx_access: await tokenOf(), vx_csrf: csrf };
    for (const headers of [{}, { "x-csrf-token": newCsrfToken() }])
      expect(await cookieBearer({ request: request({ cookies, headers, method: "POST" }), scopes: [] })).toMatchObject({
        ok: false,
        forbidden: true,
        csrf: true,
      });
    const echoed = request({ cookies, headers: { "x-csrf-token": csrf }, method: "PATCH" });
    expect((await cookieBearer({ request: echoed, scopes: [] })).ok).toBe(true);
  });

  it("an Authorization header wins and needs no CSRF token; a malformed one never falls back to the cookie", async () => {
    const token = await tokenOf();
    const byHeader = request({
      headers: { authorization: `Bearer ${token}` },
      cookies: { vx_access: "junk" },
      method: "POST",
    });
    expect((await cookieBearer({ request: byHeader, scopes: [] })).ok).toBe(true);
    const malformed = request({ headers: { authorization: "Basic x" }, cookies: { vx_access: token }, method: "GET" });
    expect(await cookieBearer({ request: malformed, scopes: [] })).toMatchObject({ ok: false, challenge: "Bearer" });
  });

  it("401 for an invalid cookie token, and no cookie is read without `cookies`", async () => {
    const invalid = request({ cookies: { vx_access: "not.a.token" }, method: "GET" });
    expect(await cookieBearer({ request: invalid, scopes: [] })).toMatchObject({
      ok: false,
      challenge: 'Bearer error="invalid_token"',
    });
    const cookies = { vx_access: await tokenOf() };
    expect(await bearer({ request: request({ cookies, method: "GET" }), scopes: [] })).toMatchObject({
      ok: false,
      message: "missing bearer token",
    });
  });

  it("securityCheck answers 403 CSRF_FAILED, or lets another alternative (a header credential) through", async () => {
    const keys = createApiKeyStore({ keys: ["k-0123456789abcdefghijklmnopqrstuvwxyz"] });
    const check = securityCheck({
      requirements: [[{ scheme: "cookieAuth", scopes: [] }], [{ scheme: "apiKey", scopes: [] }]],
      verifiers: { cookieAuth: cookieBearer, apiKey: apiKeyVerifier({ location: "header", name: "x-api-key", keys }) },
    });
    const cookies = { vx_access: await tokenOf(), vx_csrf: csrf };
    await expect(check(request({ cookies, method: "POST" }))).rejects.toMatchObject({
      code: "CSRF_FAILED",
      status: 403,
      reasons: ["cookieAuth: CSRF header missing", "apiKey: missing API key"],
    });
    const withKey = request({
      cookies,
      method: "POST",
      headers: { "x-api-key": "k-0123456789abcdefghijklmnopqrstuvwxyz" },
    });
    expect(await check(withKey)).toMatchObject({ apiKey: { kind: "apiKey" } });
  });
});

describe("denyVerifier", () => {
  it("refuses every request with 401 and its message", async () => {
    const verify = denyVerifier({ message: "HTTP basic is not verified by default: write src/security/basic-auth.ts" });
    const result = await verify({ request: request({ headers: { authorization: "Basic dXNlcjpwYXNz" } }), scopes: [] });
    expect(result).toEqual({
      ok: false,
      message: "HTTP basic is not verified by default: write src/security/basic-auth.ts",
    });
  });
});

describe("the default verifiers in securityCheck", () => {
  it("401 without credentials, 403 for a valid token without the scope, the principal by scheme when both pass", async () => {
    const keys = createApiKeyStore({ keys: ["k-0123456789abcdefghijklmnopqrstuvwxyz"] });
    const check = securityCheck({
      requirements: [
        [
          { scheme: "bearerAuth", scopes: ["pets:write"] },
          { scheme: "apiKey", scopes: [] },
        ],
      ],
      verifiers: { bearerAuth: bearer, apiKey: apiKeyVerifier({ location: "header", name: "x-api-key", keys }) },
    });
    await expect(check(request({}))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const reader = await withToken({ scope: "pets:read" });
    await expect(
      check(request({ headers: { ...reader.headers, "x-api-key": "k-0123456789abcdefghijklmnopqrstuvwxyz" } })),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const writer = await withToken({ scope: "pets:write" });
    const auth = await check(
      request({ headers: { ...writer.headers, "x-api-key": "k-0123456789abcdefghijklmnopqrstuvwxyz" } }),
    );
    expect(auth).toMatchObject({ bearerAuth: { kind: "jwt", scopes: ["pets:write"] }, apiKey: { kind: "apiKey" } });
  });
});

describe("apiKeyVerifier with the VxApiKey table", () => {
  const envKey = "k-0123456789abcdefghijklmnopqrstuvwxyz";

  it("accepts a key of API_KEYS or of the table, and holds a table key to its scopes (403 without one)", async () => {
    const client = memoryApiKeyClient();
    const table = createApiKeyTable({ client });
    const made = await table.create({ name: "ci", scopes: ["notes:write"], roles: ["bot"], ownerId: "u1" });
    const verify = apiKeyVerifier({
      location: "header",
      name: "x-api-key",
      keys: createApiKeyStore({ keys: [envKey] }),
      table,
    });
    const lookups = client.lookups;
    expect(await verify({ request: request({ headers: { "x-api-key": envKey } }), scopes: [] })).toMatchObject({
      ok: true,
    });
    expect(client.lookups).toBe(lookups);
    expect(await verify({ request: request({ headers: { "x-api-key": made.key } }), scopes: ["notes:write"] })).toEqual(
      {
        ok: true,
        principal: {
          kind: "apiKey",
          keyId: made.view.prefix,
          name: "ci",
          subject: "u1",
          scopes: ["notes:write"],
          roles: ["bot"],
        },
      },
    );
    expect(await verify({ request: request({ headers: { "x-api-key": made.key } }), scopes: ["notes:admin"] })).toEqual(
      {
        ok: false,
        forbidden: true,
        message: "insufficient scope",
      },
    );
    await table.revoke(made.view.id);
    expect(await verify({ request: request({ headers: { "x-api-key": made.key } }), scopes: [] })).toEqual({
      ok: false,
      message: "invalid API key",
    });
  });

  it("defaultVerifier: with the table, API_KEYS may be unset (table keys only); without it, it is still required", async () => {
    const table = createApiKeyTable({ client: memoryApiKeyClient() });
    const made = await table.create({ name: "only" });
    const scheme = { kind: "apiKey", location: "header", name: "x-api-key", table: true } as const;
    const verify = defaultVerifier({ scheme, env: {}, hooks: { apiKeys: table } });
    expect(await verify({ request: request({ headers: { "x-api-key": made.key } }), scopes: [] })).toMatchObject({
      ok: true,
    });
    expect(await verify({ request: request({ headers: { "x-api-key": envKey } }), scopes: [] })).toMatchObject({
      ok: false,
    });
    expect(() => defaultVerifier({ scheme: { ...scheme, table: false }, env: {} })).toThrow(/API_KEYS/);
    expect(() => defaultVerifier({ scheme, env: { API_KEYS: "short" } })).toThrow(/API_KEYS/);
    const both = defaultVerifier({ scheme, env: { API_KEYS: envKey }, hooks: { apiKeys: table } });
    expect(await both({ request: request({ headers: { "x-api-key": envKey } }), scopes: [] })).toMatchObject({
      ok: true,
    });
    expect(await both({ request: request({ headers: { "x-api-key": made.key } }), scopes: [] })).toMatchObject({
      ok: true,
    });
  });
});
