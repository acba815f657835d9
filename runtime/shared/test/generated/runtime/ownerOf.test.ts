import { describe, expect, it } from "vitest";
import { ApiError } from "../../../src/generated/runtime/errors.js";
import { ownerOf, ownerSetByBody } from "../../../src/generated/runtime/ownerOf.js";

// src/generated/runtime/ownerOf.ts: who owns the rows an owner-scoped operation (x-vx-owner) reads and writes.

function forbidden(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("no error thrown");
}

describe("ownerOf", () => {
  const jwt = (subject: unknown) => ({ kind: "jwt", subject, scopes: [], roles: [], claims: {} });
  const apiKey = { kind: "apiKey", keyId: "k1", scopes: [], roles: [] };

  it("is the subject of the first principal that has one, in the requirement's order", () => {
    expect(ownerOf({ bearerAuth: jwt("user-1") })).toBe("user-1");
    expect(ownerOf({ apiKeyHeader: apiKey, bearerAuth: jwt("user-2"), oauth: jwt("user-3") })).toBe("user-2");
    expect(ownerOf({ custom: { subject: "from a user verifier" } })).toBe("from a user verifier");
  });

  it("keeps a hostile subject as it is (it is a value in a where, never code)", () => {
    for (const subject of ["__proto__", 'a"b', "line\r\nbreak", "' OR 1=1 --"])
      expect(ownerOf({ bearerAuth: jwt(subject) })).toBe(subject);
  });

  it("is 403 FORBIDDEN for a caller without a subject: an API key, an empty or non-string sub, no principal", () => {
    for (const auth of [
      { apiKeyHeader: apiKey },
      { bearerAuth: jwt("") },
      { bearerAuth: jwt(undefined) },
      { bearerAuth: jwt(42) },
      { bearerAuth: undefined },
      { test: true },
      { s: null },
      {},
    ]) {
      const error = forbidden(() => ownerOf(auth));
      expect(error.code).toBe("FORBIDDEN");
      expect(error.status).toBe(403);
    }
  });

  it("does not read a subject from the prototype", () => {
    const inherited = Object.create({ subject: "someone" }) as Record<string, unknown>;
    expect(forbidden(() => ownerOf({ bearerAuth: inherited })).code).toBe("FORBIDDEN");
  });
});

describe("ownerSetByBody", () => {
  it("is a 400 naming the property as a JSON pointer", () => {
    const error = ownerSetByBody("owner/id~1");
    expect(error.status).toBe(400);
    expect(error.details).toEqual([
      { field: "/owner~1id~01", message: "is set by the server: the owner is the caller" },
    ]);
  });
});
