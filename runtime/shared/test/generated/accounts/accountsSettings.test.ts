import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { accountsSettingsFromEnv, parseDuration } from "../../../src/generated/accounts/accountsSettings.js";
import { InvalidAuthSettingsError, type AuthSettingProblem } from "../../../src/generated/auth/authSettings.js";

const secret = "a-test-secret-that-is-long-enough-32b!";
const defaults = { totpIssuer: "Bookstore" };

function problemsOf(env: Record<string, string>): AuthSettingProblem[] {
  try {
    accountsSettingsFromEnv({ env, defaults });
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidAuthSettingsError);
    const { message, problems } = error as InvalidAuthSettingsError;
    for (const value of Object.values(env)) if (value.length >= 6) expect(message).not.toContain(value);
    return [...problems];
  }
  throw new Error("no problem reported");
}

describe("accountsSettingsFromEnv", () => {
  it("applies the defaults", () => {
    const settings = accountsSettingsFromEnv({ env: { JWT_SECRET: secret }, defaults });
    expect(settings).toMatchObject({
      issuer: undefined,
      audience: undefined,
      rolesClaim: "roles",
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 30 * 86_400,
      loginMaxFailures: 5,
      lockoutBaseSeconds: 30,
      lockoutMaxSeconds: 900,
      passwordMinLength: 10,
      totpIssuer: "Bookstore",
    });
    expect(settings.secret.type).toBe("secret");
  });

  it("reads every variable", () => {
    const settings = accountsSettingsFromEnv({
      env: {
        JWT_SECRET: secret,
        JWT_ISSUER: "https://issuer.example",
        JWT_AUDIENCE: "api",
        JWT_ROLES_CLAIM: "groups",
        ACCESS_TOKEN_TTL: "5m",
        REFRESH_TOKEN_TTL: "12h",
        LOGIN_MAX_FAILURES: "3",
        LOGIN_LOCKOUT_BASE: "10",
        LOGIN_LOCKOUT_MAX: "1h",
        PASSWORD_MIN_LENGTH: "12",
        TOTP_ISSUER: "Shop",
      },
      defaults,
    });
    expect(settings).toMatchObject({
      issuer: "https://issuer.example",
      audience: "api",
      rolesClaim: "groups",
      accessTokenTtlSeconds: 300,
      refreshTokenTtlSeconds: 43_200,
      loginMaxFailures: 3,
      lockoutBaseSeconds: 10,
      lockoutMaxSeconds: 3600,
      passwordMinLength: 12,
      totpIssuer: "Shop",
    });
  });

  it("names every wrong variable at once, never its value", () => {
    const problems = problemsOf({
      JWT_SECRET: "short-secret",
      ACCESS_TOKEN_TTL: "fifteen minutes",
      REFRESH_TOKEN_TTL: "30w",
      LOGIN_MAX_FAILURES: "0",
      LOGIN_LOCKOUT_BASE: "-5s",
      LOGIN_LOCKOUT_MAX: "forever",
      PASSWORD_MIN_LENGTH: "6",
    });
    expect(problems.map((p) => p.variable).sort()).toEqual([
      "ACCESS_TOKEN_TTL",
      "JWT_SECRET",
      "LOGIN_LOCKOUT_BASE",
      "LOGIN_LOCKOUT_MAX",
      "LOGIN_MAX_FAILURES",
      "PASSWORD_MIN_LENGTH",
      "REFRESH_TOKEN_TTL",
    ]);
  });

  it("requires JWT_SECRET, even when another key source is set", () => {
    expect(
      problemsOf({})
        .map((p) => p.variable)
        .join(" "),
    ).toContain("JWT_SECRET");
    const { publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
    expect(problemsOf({ JWT_PUBLIC_KEY: pem }).map((p) => p.variable)).toEqual(["JWT_SECRET"]);
  });

  it("refuses a lockout cap below its base", () => {
    const problems = problemsOf({ JWT_SECRET: secret, LOGIN_LOCKOUT_BASE: "10m", LOGIN_LOCKOUT_MAX: "1m" });
    expect(problems.map((p) => p.variable)).toEqual(["LOGIN_LOCKOUT_MAX"]);
  });
});

describe("parseDuration", () => {
  it("reads seconds and the s, m, h, d units", () => {
    expect([parseDuration("900"), parseDuration("15m"), parseDuration("12h"), parseDuration("30d")]).toEqual([
      900, 900, 43_200, 2_592_000,
    ]);
    expect([parseDuration("0"), parseDuration("1.5h"), parseDuration("m"), parseDuration("5 m")]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
