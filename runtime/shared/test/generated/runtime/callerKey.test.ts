import { describe, expect, it } from "vitest";
import { ApiError } from "../../../src/generated/runtime/errors.js";
import { callerKey, callerToken, viewerKey } from "../../../src/generated/runtime/callerKey.js";

// src/generated/runtime/callerKey.ts: the caller as a record of the user model, for relation actions and flags.

const jwt = (subject: unknown) => ({ kind: "jwt", subject, scopes: [], roles: [], claims: {} });
const apiKey = { kind: "apiKey", keyId: "k1", scopes: [], roles: [] };

function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("no error thrown");
}

describe("callerKey", () => {
  it("converts the first subject to the id's type", () => {
    expect(callerKey({ auth: { bearerAuth: jwt("42") }, type: "number" })).toBe(42);
    expect(callerKey({ auth: { bearerAuth: jwt("9007199254740993") }, type: "bigint" })).toBe(9007199254740993n);
    expect(callerKey({ auth: { bearerAuth: jwt("a1b2") }, type: "string" })).toBe("a1b2");
    expect(callerKey({ auth: { apiKey, bearerAuth: jwt("7") }, type: "number" })).toBe(7);
  });

  it("is 403 FORBIDDEN for no subject, or a subject that is not such an id (never another user)", () => {
    for (const [auth, type] of [
      [{ apiKey }, "number"],
      [{}, "string"],
      [{ bearerAuth: jwt("") }, "string"],
      [{ bearerAuth: jwt("user-1") }, "number"],
      [{ bearerAuth: jwt("1.5") }, "number"],
      [{ bearerAuth: jwt("1e3") }, "number"],
      [{ bearerAuth: jwt("9007199254740993") }, "number"],
      [{ bearerAuth: jwt(" 1") }, "bigint"],
    ] as const) {
      const error = refusal(() => callerKey({ auth, type }));
      expect(error.code).toBe("FORBIDDEN");
      expect(error.status).toBe(403);
    }
  });
});

describe("viewerKey", () => {
  it("is the caller's id, or undefined for an anonymous caller or one who is not a user", () => {
    expect(viewerKey({ auth: { bearerAuth: jwt("3") }, type: "number" })).toBe(3);
    expect(viewerKey({ auth: {}, type: "number" })).toBeUndefined();
    expect(viewerKey({ auth: { apiKey }, type: "string" })).toBeUndefined();
    expect(viewerKey({ auth: { bearerAuth: jwt("test-user") }, type: "number" })).toBeUndefined();
  });
});

describe("callerToken", () => {
  it("is the token the first principal that carries one was verified from", () => {
    const signedIn = { ...jwt("42"), token: "eyJ.a.b" };
    expect(callerToken({ auth: { apiKey, Token: signedIn } })).toBe("eyJ.a.b");
  });

  it("is 403 FORBIDDEN when no principal carries a token (an API key, a principal of your own)", () => {
    for (const auth of [{}, { apiKey }, { Token: jwt("42") }, { Token: { ...jwt("42"), token: "" } }]) {
      expect(refusal(() => callerToken({ auth })).code).toBe("FORBIDDEN");
    }
  });
});
