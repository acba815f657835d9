import { describe, expect, it } from "vitest";
import {
  authCookieSettingsFromEnv,
  clearedSessionCookies,
  insecureCookiesWarning,
  sessionCookies,
  setCookieHeader,
  type AuthCookieSettings,
} from "../../../src/generated/auth/authCookies.js";
import { InvalidAuthSettingsError } from "../../../src/generated/auth/authSettings.js";

function problemsOf(env: Record<string, string>): string[] {
  try {
    authCookieSettingsFromEnv({ env });
  } catch (error) {
    if (error instanceof InvalidAuthSettingsError) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
}

/** A `Set-Cookie` header as name, value and attributes (lower-cased names). */
function parsed(header: string): { name: string; value: string; attributes: Record<string, string | true> } {
  const [pair = "", ...rest] = header.split("; ");
  const at = pair.indexOf("=");
  const attributes: Record<string, string | true> = {};
  for (const part of rest) {
    const eq = part.indexOf("=");
    if (eq < 0) attributes[part.toLowerCase()] = true;
    else attributes[part.slice(0, eq).toLowerCase()] = part.slice(eq + 1);
  }
  return { name: pair.slice(0, at), value: pair.slice(at + 1), attributes };
}

describe("authCookieSettingsFromEnv", () => {
  it("is off, Secure and SameSite=Strict by default, with the __Host- and __Secure- prefixes", () => {
    expect(authCookieSettingsFromEnv({ env: {} })).toEqual({
      enabled: false,
      secure: true,
      sameSite: "Strict",
      names: { access: "__Host-vx_access", refresh: "__Secure-vx_refresh", csrf: "__Host-vx_csrf" },
    });
  });

  it("reads AUTH_COOKIES, AUTH_COOKIE_SAMESITE and AUTH_COOKIE_INSECURE (outside production only)", () => {
    const settings = authCookieSettingsFromEnv({
      env: { AUTH_COOKIES: "on", AUTH_COOKIE_SAMESITE: "Lax", AUTH_COOKIE_INSECURE: "on", NODE_ENV: "development" },
    });
    expect(settings).toEqual({
      enabled: true,
      secure: false,
      sameSite: "Lax",
      names: { access: "vx_access", refresh: "vx_refresh", csrf: "vx_csrf" },
    });
    expect(insecureCookiesWarning(settings)).toMatch(/without Secure/);
    expect(insecureCookiesWarning(authCookieSettingsFromEnv({ env: { AUTH_COOKIES: "on" } }))).toBeUndefined();
  });

  it("refuses AUTH_COOKIE_INSECURE in production and values it does not know, naming each variable", () => {
    expect(problemsOf({ AUTH_COOKIE_INSECURE: "on", NODE_ENV: "production" })).toEqual(["AUTH_COOKIE_INSECURE"]);
    expect(problemsOf({ AUTH_COOKIES: "yes", AUTH_COOKIE_SAMESITE: "none", AUTH_COOKIE_INSECURE: "1" })).toEqual([
      "AUTH_COOKIES",
      "AUTH_COOKIE_INSECURE",
      "AUTH_COOKIE_SAMESITE",
    ]);
    expect(problemsOf({ AUTH_COOKIES: "off", AUTH_COOKIE_INSECURE: "off", NODE_ENV: "production" })).toEqual([]);
  });
});

const secure: AuthCookieSettings = authCookieSettingsFromEnv({ env: { AUTH_COOKIES: "on" } });

describe("sessionCookies", () => {
  it("sets the tokens HttpOnly and Secure, the refresh token only for its route, the CSRF token readable", () => {
    const headers = sessionCookies({
      settings: secure,
      paths: { refresh: "/api/v1/auth/refresh" },
      access: { token: "access.jwt.value", maxAgeSeconds: 900 },
      refresh: { token: "refresh-token", maxAgeSeconds: 2_592_000 },
      csrf: "csrf-token",
    });
    expect(headers.map(parsed)).toEqual([
      {
        name: "__Host-vx_access",
        value: "access.jwt.value",
        attributes: { path: "/", "max-age": "900", httponly: true, secure: true, samesite: "Strict" },
      },
      {
        name: "__Secure-vx_refresh",
        value: "refresh-token",
        attributes: {
          path: "/api/v1/auth/refresh",
          "max-age": "2592000",
          httponly: true,
          secure: true,
          samesite: "Strict",
        },
      },
      {
        name: "__Host-vx_csrf",
        value: "csrf-token",
        attributes: { path: "/", "max-age": "2592000", secure: true, samesite: "Strict" },
      },
    ]);
  });

  it("clears the three cookies with the paths they were set with", () => {
    const headers = clearedSessionCookies({ settings: secure, paths: { refresh: "/auth/refresh" } }).map(parsed);
    expect(headers.map((h) => [h.name, h.value, h.attributes["max-age"], h.attributes.path])).toEqual([
      ["__Host-vx_access", "", "0", "/"],
      ["__Secure-vx_refresh", "", "0", "/auth/refresh"],
      ["__Host-vx_csrf", "", "0", "/"],
    ]);
  });

  it("leaves Secure out only with AUTH_COOKIE_INSECURE", () => {
    const insecure = authCookieSettingsFromEnv({ env: { AUTH_COOKIES: "on", AUTH_COOKIE_INSECURE: "on" } });
    const header = setCookieHeader({
      name: "a",
      value: "b",
      path: "/",
      maxAgeSeconds: 1,
      httpOnly: true,
      settings: insecure,
    });
    expect(header).toBe("a=b; Path=/; Max-Age=1; HttpOnly; SameSite=Strict");
  });

  it("refuses a value or path that would end the header or add an attribute", () => {
    const cookie =
      (value: string, path = "/") =>
      () =>
        setCookieHeader({ name: "a", value, path, maxAgeSeconds: 1, httpOnly: true, settings: secure });
    for (const value of ["a;b", "a b", 'a"', "a,b", "a\r\nSet-Cookie: x=y", "é"])
      expect(cookie(value)).toThrow(/cannot hold/);
    for (const path of ["", "relative", "/a;Domain=evil.example", "/a\nb"]) expect(cookie("v", path)).toThrow(/path/);
  });
});
