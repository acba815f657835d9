import { describe, expect, it } from "vitest";
import { issueAccessToken } from "../../../src/generated/accounts/accessTokens.js";
import { accountsSettingsFromEnv } from "../../../src/generated/accounts/accountsSettings.js";
import { createJwtAuthenticator } from "../../../src/generated/auth/jwtAuthenticator.js";

const env = {
  JWT_SECRET: "a-test-secret-that-is-long-enough-32b!",
  JWT_ISSUER: "https://issuer.example",
  JWT_AUDIENCE: "api",
};

describe("issueAccessToken", () => {
  const settings = accountsSettingsFromEnv({ env, defaults: { totpIssuer: "Test" } });
  const authenticate = createJwtAuthenticator({ settings: settings.jwt });

  it("issues tokens the bearer verifier of the same environment accepts, with subject, roles and jti", async () => {
    const issued = await issueAccessToken({ settings, userId: "user-1", roles: ["admin"], now: new Date() });
    const result = await authenticate(issued.token);
    expect(result).toMatchObject({ ok: true, principal: { subject: "user-1", roles: ["admin"] } });
    expect(result.ok && result.principal.claims["jti"]).toBe(issued.jti);
    expect(issued.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(900_000);
  });

  it("puts the roles at a nested roles claim the verifier reads", async () => {
    const nested = accountsSettingsFromEnv({
      env: { ...env, JWT_ROLES_CLAIM: "realm_access.roles" },
      defaults: { totpIssuer: "Test" },
    });
    const issued = await issueAccessToken({ settings: nested, userId: "u", roles: ["staff"], now: new Date() });
    const result = await createJwtAuthenticator({ settings: nested.jwt })(issued.token);
    expect(result).toMatchObject({ ok: true, principal: { roles: ["staff"] } });
  });

  it("refuses a tampered or expired token", async () => {
    const issued = await issueAccessToken({ settings, userId: "user-1", roles: [], now: new Date() });
    const [header, payload, signature] = issued.token.split(".");
    const forged = Buffer.from(JSON.stringify({ sub: "user-2", roles: ["admin"] })).toString("base64url");
    expect((await authenticate([header, forged, signature].join("."))).ok).toBe(false);
    expect((await authenticate([header, payload, `${signature}x`].join("."))).ok).toBe(false);
    const old = await issueAccessToken({ settings, userId: "u", roles: [], now: new Date(Date.now() - 3_600_000) });
    expect((await authenticate(old.token)).ok).toBe(false);
  });
});
