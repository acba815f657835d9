import { describe, expect, it } from "vitest";
import { csrfHeader, csrfProblem, isSafeMethod, newCsrfToken } from "../../../src/generated/auth/csrf.js";
import type { SecurityRequest } from "../../../src/generated/security/types.js";

const cookieName = "__Host-vx_csrf";
const token = newCsrfToken();

function request({
  method,
  cookie,
  header,
}: {
  method?: string;
  cookie?: string;
  header?: string | string[];
}): SecurityRequest {
  return {
    headers: header === undefined ? {} : { [csrfHeader]: header },
    query: {},
    cookies: cookie === undefined ? {} : { [cookieName]: cookie },
    ip: "127.0.0.1",
    ...(method === undefined ? {} : { method }),
  };
}

describe("csrfProblem", () => {
  it("never asks safe methods for a token", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "TRACE", "get"]) {
      expect(isSafeMethod(method)).toBe(true);
      expect(csrfProblem({ request: request({ method }), cookieName })).toBeUndefined();
    }
  });

  it("passes an unsafe method whose header equals the cookie", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"])
      expect(csrfProblem({ request: request({ method, cookie: token, header: token }), cookieName })).toBeUndefined();
    // The header's name in any case.
    const upper: SecurityRequest = {
      ...request({ method: "POST", cookie: token }),
      headers: { "X-CSRF-Token": token },
    };
    expect(csrfProblem({ request: upper, cookieName })).toBeUndefined();
  });

  it("refuses an unsafe method without the cookie, without the header, or with another token", () => {
    expect(csrfProblem({ request: request({ method: "POST", header: token }), cookieName })).toBe(
      "CSRF cookie missing",
    );
    expect(csrfProblem({ request: request({ method: "POST", cookie: token }), cookieName })).toBe(
      "CSRF header missing",
    );
    const other = newCsrfToken();
    expect(csrfProblem({ request: request({ method: "DELETE", cookie: token, header: other }), cookieName })).toBe(
      "CSRF token mismatch",
    );
    expect(csrfProblem({ request: request({ method: "PUT", cookie: token, header: `${token}x` }), cookieName })).toBe(
      "CSRF token mismatch",
    );
  });

  it("refuses a short token even when both agree, a repeated header, and a request without a method", () => {
    expect(csrfProblem({ request: request({ method: "POST", cookie: "x", header: "x" }), cookieName })).toBe(
      "CSRF cookie missing",
    );
    expect(
      csrfProblem({ request: request({ method: "POST", cookie: token, header: [token, token] }), cookieName }),
    ).toBe("CSRF header missing");
    expect(isSafeMethod(undefined)).toBe(false);
    expect(csrfProblem({ request: request({ cookie: token }), cookieName })).toBe("CSRF header missing");
  });

  it("makes a new 43-character token each time", () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newCsrfToken()).not.toBe(token);
  });
});
