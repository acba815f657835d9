import { describe, expect, it } from "vitest";
import {
  accountGone,
  accountsCaller,
  codeRefused,
  loginRefused,
  mfaElsewhere,
  refreshRefused,
  registerRefused,
  totpOnAlready,
} from "../../../src/generated/accounts/accountsHttp.js";
import { ApiError } from "../../../src/generated/runtime/errors.js";

function refusal(error: unknown): { status: number; code: string; headers: Readonly<Record<string, string>> } {
  if (!(error instanceof ApiError)) throw new Error("not an ApiError");
  return { status: error.status, code: error.code, headers: error.headers };
}

describe("accountsCaller", () => {
  it("reads the subject, jti and expiry of a JWT principal", () => {
    const caller = accountsCaller({ kind: "jwt", subject: "42", claims: { jti: "abc", exp: 1_700_000_000 } });
    expect(caller).toEqual({ userId: "42", token: { jti: "abc", expiresAt: new Date(1_700_000_000_000) } });
  });

  it("reads the session (sid) when the token names one", () => {
    const caller = accountsCaller({ kind: "jwt", subject: "42", claims: { jti: "abc", exp: 1, sid: "family-1" } });
    expect(caller.session).toBe("family-1");
    expect(
      accountsCaller({ kind: "jwt", subject: "42", claims: { jti: "abc", exp: 1, sid: 7 } }).session,
    ).toBeUndefined();
  });

  it("answers 401 with a Bearer challenge for no principal or one without a subject", () => {
    const claims = { jti: "j", exp: 1 };
    const principals = [
      undefined,
      null,
      "x",
      {},
      { subject: "", claims },
      { subject: 42, claims },
      { subject: "7" },
      { subject: "7", claims: { jti: 1, exp: 1 } },
      { subject: "7", claims: { jti: "j" } },
    ];
    for (const principal of principals) {
      let thrown: unknown;
      try {
        accountsCaller(principal);
      } catch (error) {
        thrown = error;
      }
      expect(refusal(thrown)).toMatchObject({
        status: 401,
        code: "UNAUTHORIZED",
        headers: { "WWW-Authenticate": 'Bearer realm="api"' },
      });
    }
  });
});

describe("refusals", () => {
  it("maps each refusal to its status and code", () => {
    expect(refusal(registerRefused({ ok: false, reason: "taken", message: "taken" }))).toMatchObject({
      status: 409,
      code: "CONFLICT",
    });
    const weak = registerRefused({ ok: false, reason: "weak-password", message: "at least 10 characters" });
    expect(refusal(weak)).toMatchObject({ status: 400, code: "VALIDATION_ERROR" });
    expect(weak.details).toEqual([{ field: "password", message: "at least 10 characters" }]);
    expect(refusal(loginRefused({ ok: false, reason: "invalid" }))).toMatchObject({
      status: 401,
      code: "UNAUTHORIZED",
    });
    expect(refusal(loginRefused({ ok: false, reason: "locked", retryAfterSeconds: 29.2 }))).toEqual({
      status: 429,
      code: "TOO_MANY_REQUESTS",
      headers: { "Retry-After": "30" },
    });
    expect(refusal(refreshRefused("reused"))).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    const mfa = mfaElsewhere("/auth/login");
    expect(refusal(mfa)).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    expect(mfa.message).toContain("/auth/login");
    expect(refusal(codeRefused())).toMatchObject({ status: 400, code: "VALIDATION_ERROR" });
    expect(refusal(accountGone())).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    expect(refusal(totpOnAlready())).toMatchObject({ status: 409, code: "CONFLICT" });
  });

  it("never puts a reason in the message sent", () => {
    expect(refreshRefused("reused: family revoked").message).toBe("invalid refresh token");
  });
});
