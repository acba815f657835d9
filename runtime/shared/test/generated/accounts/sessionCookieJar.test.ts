import { describe, expect, it } from "vitest";
import { sessionCookieJar, tokensAnswer } from "../../../src/generated/accounts/sessionCookieJar.js";
import type { TokenPair } from "../../../src/generated/accounts/createAccounts.js";
import { authCookieSettingsFromEnv } from "../../../src/generated/auth/authCookies.js";
import { ApiError } from "../../../src/generated/runtime/errors.js";

const on = authCookieSettingsFromEnv({ env: { AUTH_COOKIES: "on" } });
const off = authCookieSettingsFromEnv({ env: {} });
const tokens: TokenPair = {
  accessToken: "access.jwt.token",
  refreshToken: "refresh-token-value",
  tokenType: "Bearer",
  expiresIn: 900,
  refreshExpiresIn: 86_400,
};
const csrf = "a-csrf-token-of-sufficient-length";

function jar({
  settings = on,
  method = "POST",
  headers = {},
}: {
  settings?: typeof on;
  method?: string;
  headers?: Record<string, string>;
}) {
  const sent: string[] = [];
  const session = sessionCookieJar({
    settings,
    basePath: "/api/v1",
    request: { method, headers },
    set: (values) => void sent.push(...values),
  });
  return { session, sent };
}

function refusalCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return `${error.status} ${error.code}`;
    throw error;
  }
  return undefined;
}

describe("tokensAnswer", () => {
  it("answers the tokens and sets no cookie when AUTH_COOKIES is off", () => {
    const { session, sent } = jar({ settings: off });
    expect(tokensAnswer({ tokens, session, refreshPath: "/auth/refresh" })).toEqual({
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      tokenType: "Bearer",
      expiresIn: 900,
    });
    expect(sent).toEqual([]);
  });

  it("names the API's own scheme word as the token type (`Authorization: Token <jwt>`)", () => {
    const { session } = jar({ settings: off });
    const body = tokensAnswer({ tokens, session, refreshPath: "/auth/refresh", tokenType: "Token" });
    expect(body).toMatchObject({ accessToken: tokens.accessToken, tokenType: "Token" });
  });

  it("with AUTH_COOKIES=on sets the three cookies (the refresh one under the base path) and answers no token", () => {
    const { session, sent } = jar({});
    const body = tokensAnswer({ tokens, session, refreshPath: "/auth/refresh" });
    expect(body).toEqual({
      tokenType: "Bearer",
      expiresIn: 900,
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(JSON.stringify(body)).not.toContain(tokens.accessToken);
    expect(sent).toEqual([
      `__Host-vx_access=${tokens.accessToken}; Path=/; Max-Age=900; HttpOnly; Secure; SameSite=Strict`,
      `__Secure-vx_refresh=${tokens.refreshToken}; Path=/api/v1/auth/refresh; Max-Age=86400; HttpOnly; Secure; SameSite=Strict`,
      `__Host-vx_csrf=${body.csrfToken}; Path=/; Max-Age=86400; Secure; SameSite=Strict`,
    ]);
  });
});

describe("sessionCookieJar", () => {
  it("reads the refresh cookie with the matching CSRF header", () => {
    const cookie = `__Secure-vx_refresh=r1; __Host-vx_csrf=${csrf}`;
    expect(jar({ headers: { cookie, "x-csrf-token": csrf } }).session.refreshToken()).toBe("r1");
  });

  it("refuses the refresh cookie without the CSRF header, or with another one (403 CSRF_FAILED)", () => {
    const cookie = `__Secure-vx_refresh=r1; __Host-vx_csrf=${csrf}`;
    expect(refusalCode(() => jar({ headers: { cookie } }).session.refreshToken())).toBe("403 CSRF_FAILED");
    const wrong = { cookie, "x-csrf-token": `${csrf}-other` };
    expect(refusalCode(() => jar({ headers: wrong }).session.refreshToken())).toBe("403 CSRF_FAILED");
  });

  it("reads no refresh cookie when there is none or cookies are off", () => {
    expect(jar({ headers: { cookie: `__Host-vx_csrf=${csrf}` } }).session.refreshToken()).toBeUndefined();
    const cookie = `__Secure-vx_refresh=r1; __Host-vx_csrf=${csrf}`;
    expect(jar({ settings: off, headers: { cookie } }).session.refreshToken()).toBeUndefined();
  });

  it("clears the cookies on logout, only when cookies are on", () => {
    const cleared = jar({});
    cleared.session.clear({ refreshPath: "/auth/refresh" });
    expect(cleared.sent.map((h) => h.split("; ").slice(0, 3).join("; "))).toEqual([
      "__Host-vx_access=; Path=/; Max-Age=0",
      "__Secure-vx_refresh=; Path=/api/v1/auth/refresh; Max-Age=0",
      "__Host-vx_csrf=; Path=/; Max-Age=0",
    ]);
    const untouched = jar({ settings: off });
    untouched.session.clear({ refreshPath: "/auth/refresh" });
    expect(untouched.sent).toEqual([]);
  });
});
