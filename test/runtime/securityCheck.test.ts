import { describe, expect, it } from "vitest";
import { ApiError } from "../../runtime/shared/src/generated/runtime/errors.js";
import { securityCheck } from "../../runtime/shared/src/generated/runtime/securityCheck.js";
import type { SecurityResult, SecurityVerifier } from "../../runtime/stubs/src/generated/security/types.js";

const request = { headers: {}, query: {}, cookies: {}, ip: "127.0.0.1" };
const answering = (result: SecurityResult): SecurityVerifier => async () => result;

/** The ApiError a check throws for `request` (fails the test when it lets the request through). */
async function refusal(check: ReturnType<typeof securityCheck>): Promise<ApiError> {
  try {
    await check(request);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("the request was let through");
}

describe("securityCheck", () => {
  it("returns the principals of the first alternative whose schemes all pass (AND inside, OR across)", async () => {
    const check = securityCheck({
      requirements: [
        [
          { scheme: "jwt", scopes: [] },
          { scheme: "key", scopes: [] },
        ],
        [{ scheme: "other", scopes: [] }],
      ],
      verifiers: {
        jwt: answering({ ok: true, principal: "user" }),
        key: answering({ ok: false, challenge: "ApiKey" }),
        other: answering({ ok: true, principal: "service" }),
      },
    });
    expect({ ...(await check(request)) }).toEqual({ other: "service" });
  });

  it("an empty alternative lets anyone in; no requirement at all denies", async () => {
    expect({ ...(await securityCheck({ requirements: [[]], verifiers: {} })(request)) }).toEqual({});
    const error = await refusal(securityCheck({ requirements: [], verifiers: {} }));
    expect(error.code).toBe("UNAUTHORIZED");
  });

  it("answers 401 with every failed scheme's challenge, each once, and 403 when a verifier said forbidden", async () => {
    const unauthorized = await refusal(
      securityCheck({
        requirements: [[{ scheme: "a", scopes: [] }], [{ scheme: "b", scopes: [] }], [{ scheme: "c", scopes: [] }]],
        verifiers: {
          a: answering({ ok: false, challenge: 'Bearer error="invalid_token"' }),
          b: answering({ ok: false, challenge: 'Bearer error="invalid_token"' }),
          c: answering({ ok: false }),
        },
      }),
    );
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers).toEqual({ "www-authenticate": 'Bearer error="invalid_token"' });
    // Why, for the log (never sent): each failed scheme with its verifier's message.
    expect(unauthorized.reasons).toEqual(["a: denied", "b: denied", "c: denied"]);

    const forbidden = await refusal(
      securityCheck({
        requirements: [[{ scheme: "a", scopes: ["write"] }], [{ scheme: "b", scopes: [] }]],
        verifiers: {
          a: answering({ ok: false, forbidden: true, challenge: 'Bearer error="insufficient_scope", scope="write"' }),
          b: answering({ ok: false, challenge: "Basic" }),
        },
      }),
    );
    expect(forbidden.status).toBe(403);
    expect(forbidden.reasons).toEqual(["a: forbidden", "b: denied"]);
    expect(forbidden.headers).toEqual({ "www-authenticate": 'Bearer error="insufficient_scope", scope="write"' });
  });

  it("never sends a challenge holding CR, LF, other control characters or non-Latin-1 text", async () => {
    for (const challenge of ["Bearer\r\nSet-Cookie: x=1", "Bearer\u0000", "Bearer \u2028", "Bearer \u{1F600}"]) {
      const error = await refusal(securityCheck({ requirements: [[{ scheme: "a", scopes: [] }]], verifiers: { a: answering({ ok: false, challenge }) } }));
      expect(error.headers, JSON.stringify(challenge)).toEqual({});
    }
  });

  it("denies a scheme no verifier is given for, even one named like an Object.prototype member", async () => {
    for (const scheme of ["valueOf", "__proto__", "constructor", "missing"]) {
      const error = await refusal(securityCheck({ requirements: [[{ scheme, scopes: [] }]], verifiers: {} }));
      expect(error.code, scheme).toBe("UNAUTHORIZED");
      expect(error.reasons).toEqual([`${scheme}: no verifier`]);
    }
  });

  it("hands each verifier the scopes its requirement lists", async () => {
    const seen: string[][] = [];
    const check = securityCheck({
      requirements: [[{ scheme: "oauth", scopes: ["notes:read", "notes:write"] }]],
      verifiers: { oauth: async ({ scopes }) => (seen.push(scopes), { ok: true, principal: 1 }) },
    });
    await check(request);
    expect(seen).toEqual([["notes:read", "notes:write"]]);
  });
});
