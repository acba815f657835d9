import { createHash } from "node:crypto";
import { Secret, TOTP, URI } from "otpauth";
import { describe, expect, it } from "vitest";
import type { AccountStores } from "../../../src/generated/accounts/accountStores.js";
import { accountsSettingsFromEnv } from "../../../src/generated/accounts/accountsSettings.js";
import {
  createAccounts,
  type AccountEvent,
  type Accounts,
  type LoginResult,
  type TokenPair,
} from "../../../src/generated/accounts/createAccounts.js";
import { memoryAccountStores } from "../../../src/generated/accounts/memoryAccountStores.js";
import { createJwtAuthenticator } from "../../../src/generated/auth/jwtAuthenticator.js";

const env = {
  JWT_SECRET: "a-test-secret-that-is-long-enough-32b!",
  LOGIN_MAX_FAILURES: "3",
  JWT_ISSUER: "https://api",
};
const settings = accountsSettingsFromEnv({ env, defaults: { totpIssuer: "Bookstore" } });
const authenticate = createJwtAuthenticator({ settings: settings.jwt });
const cheap = { N: 2 ** 10, r: 8, p: 1 };
const password = "correct horse battery";

interface Harness {
  accounts: Accounts;
  stores: AccountStores;
  events: AccountEvent[];
  clock: { ms: number };
  /** Calls of users.findByIdentifier: a password check starts with one. */
  lookups: string[];
}

function harness(): Harness {
  const memory = memoryAccountStores();
  const lookups: string[] = [];
  const users = {
    ...memory.users,
    findByIdentifier: (identifier: string) => {
      lookups.push(identifier);
      return memory.users.findByIdentifier(identifier);
    },
  };
  const stores = { ...memory, users };
  const events: AccountEvent[] = [];
  const clock = { ms: Date.now() };
  const now = () => new Date(clock.ms);
  const accounts = createAccounts({ stores, settings, now, onEvent: (e) => events.push(e), passwordCost: cheap });
  return { accounts, stores, events, clock, lookups };
}

async function registered(identifier = "ada@example.com"): Promise<Harness & { userId: string }> {
  const h = harness();
  const result = await h.accounts.register({ identifier, password, fields: { roles: ["admin", "staff"] } });
  if (!result.ok) throw new Error(result.message);
  return { ...h, userId: result.user.id };
}

function tokensOf(result: LoginResult): TokenPair {
  if (result.ok !== true) throw new Error(`not logged in: ${JSON.stringify(result)}`);
  return result.tokens;
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function totpCode({ secret, ms }: { secret: string; ms: number }): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30, timestamp: ms });
}

describe("createAccounts: register", () => {
  it("registers a trimmed identifier once, with the store's roles", async () => {
    const { accounts, events } = harness();
    const result = await accounts.register({
      identifier: "  ada@example.com ",
      password,
      fields: { roles: ["staff"] },
    });
    expect(result).toMatchObject({ ok: true, user: { identifier: "ada@example.com", roles: ["staff"] } });
    expect(await accounts.register({ identifier: "ada@example.com", password })).toMatchObject({
      ok: false,
      reason: "taken",
    });
    expect(events).toEqual([{ type: "register", userId: result.ok && result.user.id, identifier: "ada@example.com" }]);
  });

  it("refuses short and over-long passwords, and blank identifiers", async () => {
    const { accounts } = harness();
    const short = await accounts.register({ identifier: "a", password: "123456789" });
    expect(short).toEqual({ ok: false, reason: "weak-password", message: expect.stringContaining("at least 10") });
    const long = await accounts.register({ identifier: "a", password: "x".repeat(1025) });
    expect(long).toEqual({ ok: false, reason: "weak-password", message: expect.stringContaining("at most 1024") });
    expect((await accounts.register({ identifier: "a", password: "x".repeat(1024) })).ok).toBe(true);
    expect(await accounts.register({ identifier: "   ", password })).toMatchObject({ reason: "invalid-identifier" });
  });
});

describe("createAccounts: signUp", () => {
  it("registers and signs in at once: a verifiable access token and a working refresh token", async () => {
    const { accounts, events } = harness();
    const result = await accounts.signUp({ identifier: " ada@example.com", password, fields: { roles: ["staff"] } });
    if (!result.ok) throw new Error(result.message);
    expect(result.user).toMatchObject({ identifier: "ada@example.com", roles: ["staff"] });
    const verified = await authenticate(result.tokens.accessToken);
    expect(verified.ok && verified.principal.subject).toBe(result.user.id);
    expect((await accounts.refresh({ refreshToken: result.tokens.refreshToken })).ok).toBe(true);
    expect(events.map((e) => e.type)).toEqual(["register", "login", "refresh"]);
  });

  it("refuses as register does, issuing nothing", async () => {
    const { accounts, stores } = harness();
    expect(await accounts.signUp({ identifier: "a", password: "short" })).toMatchObject({
      ok: false,
      reason: "weak-password",
    });
    await accounts.signUp({ identifier: "b", password });
    const taken = await accounts.signUp({ identifier: "b", password });
    expect(taken).toMatchObject({ ok: false, reason: "taken" });
    expect(await stores.users.findByIdentifier("a")).toBeUndefined();
  });
});

describe("createAccounts: login", () => {
  it("gives an access token the bearer verifier of the same environment accepts, and a refresh token stored hashed", async () => {
    const { accounts, stores, userId } = await registered();
    const result = await accounts.login({ identifier: "ada@example.com", password, ip: "192.0.2.1" });
    expect(result).toMatchObject({ ok: true, user: { id: userId, identifier: "ada@example.com" } });
    const tokens = tokensOf(result);
    expect(tokens).toMatchObject({ tokenType: "Bearer", expiresIn: 900 });
    const verified = await authenticate(tokens.accessToken);
    expect(verified).toMatchObject({ ok: true, principal: { subject: userId, roles: ["admin", "staff"] } });
    expect(tokens.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await stores.refreshTokens.find(tokens.refreshToken)).toBeUndefined();
    const stored = await stores.refreshTokens.find(sha256Hex(tokens.refreshToken));
    expect(stored).toMatchObject({ userId, revoked: false, usedAt: undefined });
    expect((stored?.expiresAt.getTime() ?? 0) - Date.now()).toBeGreaterThan(29 * 86_400_000);
  });

  it("refuses a wrong password and an unknown identifier alike", async () => {
    const { accounts, stores } = await registered();
    const wrong = await accounts.login({ identifier: "ada@example.com", password: "wrong password!", ip: "" });
    const unknown = await accounts.login({ identifier: "nobody@example.com", password, ip: "" });
    expect([wrong, unknown]).toEqual([
      { ok: false, reason: "invalid" },
      { ok: false, reason: "invalid" },
    ]);
    expect((await stores.throttle.get("id:nobody@example.com")).failures).toBe(1);
  });

  it("spends as long on an unknown identifier as on a wrong password (a dummy scrypt)", async () => {
    const h = harness();
    const slow = createAccounts({ stores: h.stores, settings, passwordCost: { N: 2 ** 14, r: 8, p: 1 } });
    await slow.register({ identifier: "ada", password });
    const timed = async (identifier: string) => {
      const started = performance.now();
      await slow.login({ identifier, password: "wrong password!", ip: "" });
      return performance.now() - started;
    };
    const known = Math.min(await timed("ada"), await timed("ada"));
    const unknown = Math.min(await timed("nobody"), await timed("nobody"));
    console.log(`login at N=2^14: wrong password ${known.toFixed(1)} ms, unknown identifier ${unknown.toFixed(1)} ms`);
    expect(unknown).toBeGreaterThan(known * 0.3);
  });

  it("locks after LOGIN_MAX_FAILURES with a doubling wait, answering without checking the password", async () => {
    const { accounts, clock, lookups, stores, events } = await registered();
    const attempt = (pw: string) => accounts.login({ identifier: "ada@example.com", password: pw, ip: "" });
    expect(await attempt("wrong 1 password")).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt("wrong 2 password")).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt("wrong 3 password")).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 30 });
    expect(events.filter((e) => e.type === "locked")).toEqual([
      { type: "locked", identifier: "ada@example.com", retryAfterSeconds: 30 },
    ]);
    const checks = lookups.length;
    clock.ms += 10_000;
    expect(await attempt(password)).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 20 });
    expect(lookups).toHaveLength(checks);
    clock.ms += 20_000;
    expect(await attempt("wrong 4 password")).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 60 });
    clock.ms += 60_000;
    expect((await attempt(password)).ok).toBe(true);
    expect(await stores.throttle.get("id:ada@example.com")).toEqual({ failures: 0, lockedUntil: undefined });
    expect(await attempt("wrong 5 password")).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("createAccounts: refresh and logout", () => {
  async function loggedIn() {
    const h = await registered();
    const tokens = tokensOf(await h.accounts.login({ identifier: "ada@example.com", password, ip: "" }));
    return { ...h, tokens };
  }

  it("rotates: a refresh token gives new tokens once, in the same family", async () => {
    const { accounts, stores, tokens, userId } = await loggedIn();
    const rotated = await accounts.refresh({ refreshToken: tokens.refreshToken });
    if (!rotated.ok) throw new Error(rotated.reason);
    expect(rotated.tokens.refreshToken).not.toBe(tokens.refreshToken);
    expect(await authenticate(rotated.tokens.accessToken)).toMatchObject({ ok: true, principal: { subject: userId } });
    const [before, after] = await Promise.all(
      [tokens, rotated.tokens].map((pair) => stores.refreshTokens.find(sha256Hex(pair.refreshToken))),
    );
    expect(after?.family).toBe(before?.family);
    expect(before?.usedAt).toBeInstanceOf(Date);
    expect((await accounts.refresh({ refreshToken: rotated.tokens.refreshToken })).ok).toBe(true);
  });

  it("revokes the family when a used token comes back, so the rotated token stops working too", async () => {
    const { accounts, tokens, events, userId } = await loggedIn();
    const rotated = await accounts.refresh({ refreshToken: tokens.refreshToken });
    if (!rotated.ok) throw new Error(rotated.reason);
    expect(await accounts.refresh({ refreshToken: tokens.refreshToken })).toEqual({ ok: false, reason: "reused" });
    expect(await accounts.refresh({ refreshToken: rotated.tokens.refreshToken })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(events.filter((e) => e.type === "refresh-reused")).toEqual([{ type: "refresh-reused", userId }]);
  });

  it("refuses unknown and expired tokens, and the tokens of a user who no longer exists", async () => {
    const { accounts, tokens, clock, stores } = await loggedIn();
    expect(await accounts.refresh({ refreshToken: "not-a-token" })).toEqual({ ok: false, reason: "invalid" });
    const gone = createAccounts({
      stores: { ...stores, users: { ...stores.users, findById: () => Promise.resolve(undefined) } },
      settings,
    });
    expect(await gone.refresh({ refreshToken: tokens.refreshToken })).toEqual({ ok: false, reason: "invalid" });
    const second = tokensOf(await accounts.login({ identifier: "ada@example.com", password, ip: "" }));
    clock.ms += settings.refreshTokenTtlSeconds * 1000 + 1000;
    expect(await accounts.refresh({ refreshToken: second.refreshToken })).toEqual({ ok: false, reason: "invalid" });
  });

  it("logs out: the access token is revoked and the refresh token's family too, other sessions stay", async () => {
    const { accounts, tokens, userId, events } = await loggedIn();
    const other = tokensOf(await accounts.login({ identifier: "ada@example.com", password, ip: "" }));
    const verified = await authenticate(tokens.accessToken);
    if (!verified.ok) throw new Error(verified.message);
    const jti = String(verified.principal.claims["jti"]);
    expect(await accounts.isRevoked(jti)).toBe(false);
    const expiresAt = new Date(Number(verified.principal.claims["exp"]) * 1000);
    await accounts.logout({ jti, expiresAt, userId, refreshToken: tokens.refreshToken });
    expect(await accounts.isRevoked(jti)).toBe(true);
    expect(await accounts.refresh({ refreshToken: tokens.refreshToken })).toEqual({ ok: false, reason: "invalid" });
    expect(events.at(-1)).toEqual({ type: "logout", userId, everywhere: false });
    const rotated = await accounts.refresh({ refreshToken: other.refreshToken });
    expect(rotated.ok).toBe(true);
    await accounts.logoutEverywhere({ userId });
    expect(rotated.ok && (await accounts.refresh({ refreshToken: rotated.tokens.refreshToken }))).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("names the session in the access token (sid), and a logout with it ends that session only", async () => {
    const { accounts, tokens, userId, stores } = await loggedIn();
    const other = tokensOf(await accounts.login({ identifier: "ada@example.com", password, ip: "" }));
    const verified = await authenticate(tokens.accessToken);
    if (!verified.ok) throw new Error(verified.message);
    const session = verified.principal.claims["sid"];
    expect(session).toBe((await stores.refreshTokens.find(sha256Hex(tokens.refreshToken)))?.family);
    const jti = String(verified.principal.claims["jti"]);
    const expiresAt = new Date(Number(verified.principal.claims["exp"]) * 1000);
    await accounts.logout({ jti, expiresAt, userId, session: String(session) });
    expect(await accounts.refresh({ refreshToken: tokens.refreshToken })).toEqual({ ok: false, reason: "invalid" });
    expect((await accounts.refresh({ refreshToken: other.refreshToken })).ok).toBe(true);
  });

  it("does not revoke another user's refresh token family on logout", async () => {
    const { accounts, tokens } = await loggedIn();
    await accounts.logout({
      jti: "j",
      expiresAt: new Date(Date.now() + 1000),
      userId: "someone-else",
      refreshToken: tokens.refreshToken,
    });
    expect((await accounts.refresh({ refreshToken: tokens.refreshToken })).ok).toBe(true);
  });
});

describe("createAccounts: TOTP second factor", () => {
  /** A user with MFA confirmed with the code of the step before the clock's (accepted within the ±1 window). */
  async function withMfa() {
    const h = await registered();
    const enrolment = await h.accounts.enrolTotp({ userId: h.userId });
    if (!enrolment.ok) throw new Error(enrolment.reason);
    const confirmCode = totpCode({ secret: enrolment.secret, ms: h.clock.ms - 30_000 });
    const confirmed = await h.accounts.confirmTotp({ userId: h.userId, code: confirmCode });
    if (!confirmed.ok) throw new Error("not confirmed");
    const challengeOf = async () => {
      const result = await h.accounts.login({ identifier: "ada@example.com", password, ip: "" });
      if (result.ok !== "mfa") throw new Error(`no challenge: ${JSON.stringify(result)}`);
      return result.challenge;
    };
    const code = (offsetMs = 0) => totpCode({ secret: enrolment.secret, ms: h.clock.ms + offsetMs });
    return {
      ...h,
      secret: enrolment.secret,
      uri: enrolment.uri,
      recoveryCodes: confirmed.recoveryCodes,
      challengeOf,
      code,
    };
  }

  it("enrols with an otpauth URI and keeps the secret encrypted at rest", async () => {
    const { accounts, stores, userId } = await registered();
    const enrolment = await accounts.enrolTotp({ userId });
    if (!enrolment.ok) throw new Error(enrolment.reason);
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    const parsed = URI.parse(enrolment.uri);
    expect(parsed).toBeInstanceOf(TOTP);
    expect(parsed).toMatchObject({ issuer: "Bookstore", label: "ada@example.com", digits: 6, period: 30 });
    expect(parsed.secret.base32).toBe(enrolment.secret);
    const stored = await stores.mfa.get(userId);
    expect(stored).toMatchObject({ confirmed: false });
    expect(stored?.secret).toMatch(/^v1\./);
    expect(stored?.secret).not.toContain(enrolment.secret);
    expect(await accounts.confirmTotp({ userId, code: "000000" })).toEqual({ ok: false });
    expect((await accounts.login({ identifier: "ada@example.com", password, ip: "" })).ok).toBe(true);
    expect(await accounts.enrolTotp({ userId: "nobody" })).toEqual({ ok: false, reason: "unknown-user" });
  });

  it("confirms with a code, gives 10 recovery codes, then logs in with a challenge and a code", async () => {
    const { accounts, userId, recoveryCodes, challengeOf, code, events } = await withMfa();
    expect(recoveryCodes).toHaveLength(10);
    for (const recoveryCode of recoveryCodes)
      expect(recoveryCode).toMatch(/^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}$/);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(events.map((e) => e.type)).toContain("mfa-enabled");
    const challenge = await challengeOf();
    const result = await accounts.loginMfa({ challenge, code: code() });
    expect(result).toMatchObject({ ok: true, user: { id: userId } });
    const tokens = result.ok ? result.tokens : undefined;
    expect(await authenticate(tokens?.accessToken ?? "")).toMatchObject({ ok: true, principal: { subject: userId } });
    expect(events.at(-1)).toEqual({ type: "login", userId, identifier: "ada@example.com", method: "mfa" });
    expect(await accounts.enrolTotp({ userId })).toEqual({ ok: false, reason: "already-enabled" });
  });

  it("refuses a TOTP code used before, and an older one (each refusal a failure: the third locks)", async () => {
    const { accounts, challengeOf, code } = await withMfa();
    const challenge = await challengeOf();
    expect((await accounts.loginMfa({ challenge, code: code(30_000) })).ok).toBe(true);
    expect(await accounts.loginMfa({ challenge, code: code(30_000) })).toEqual({ ok: false, reason: "invalid" });
    expect(await accounts.loginMfa({ challenge, code: code() })).toEqual({ ok: false, reason: "invalid" });
    expect(await accounts.loginMfa({ challenge, code: code(-30_000) })).toMatchObject({ ok: false, reason: "locked" });
  });

  it("accepts each recovery code once, in any case and with or without its dash", async () => {
    const { accounts, challengeOf, recoveryCodes } = await withMfa();
    const [first = "", second = ""] = recoveryCodes;
    const challenge = await challengeOf();
    expect((await accounts.loginMfa({ challenge, code: first.toUpperCase() })).ok).toBe(true);
    expect(await accounts.loginMfa({ challenge, code: first })).toEqual({ ok: false, reason: "invalid" });
    expect((await accounts.loginMfa({ challenge, code: second.replace("-", "") })).ok).toBe(true);
  });

  it("issues challenges that never verify as access tokens, and takes no access token as a challenge", async () => {
    const { accounts, challengeOf, code, clock } = await withMfa();
    const challenge = await challengeOf();
    expect(await authenticate(challenge)).toMatchObject({ ok: false });
    const [header] = challenge.split(".");
    expect(JSON.parse(Buffer.from(header ?? "", "base64url").toString())).toEqual({
      alg: "HS256",
      typ: "vx-mfa-challenge+jwt",
    });
    const other = await registered("bob@example.com");
    const access = tokensOf(await other.accounts.login({ identifier: "bob@example.com", password, ip: "" }));
    expect(await accounts.loginMfa({ challenge: access.accessToken, code: code() })).toEqual({
      ok: false,
      reason: "invalid",
    });
    clock.ms += 301_000;
    expect(await accounts.loginMfa({ challenge, code: code() })).toEqual({ ok: false, reason: "invalid" });
  });

  it("counts wrong codes as failures, and a right password does not wipe them", async () => {
    const { accounts, challengeOf, code } = await withMfa();
    await accounts.login({ identifier: "ada@example.com", password: "wrong password!", ip: "" });
    const challenge = await challengeOf();
    expect(await accounts.loginMfa({ challenge, code: "123456" })).toEqual({ ok: false, reason: "invalid" });
    await challengeOf();
    expect(await accounts.loginMfa({ challenge, code: "654321" })).toEqual({
      ok: false,
      reason: "locked",
      retryAfterSeconds: 30,
    });
    expect(await accounts.loginMfa({ challenge, code: code() })).toEqual({
      ok: false,
      reason: "locked",
      retryAfterSeconds: 30,
    });
  });

  it("is refused by checkPassword (HTTP basic cannot carry a code) and disabled with a code", async () => {
    const { accounts, userId, code, recoveryCodes, events } = await withMfa();
    expect(await accounts.checkPassword({ identifier: "ada@example.com", password })).toBeUndefined();
    expect(await accounts.disableTotp({ userId, code: "000000" })).toBe(false);
    expect(await accounts.disableTotp({ userId, code: code() })).toBe(true);
    expect(events.at(-1)).toEqual({ type: "mfa-disabled", userId });
    expect(await accounts.disableTotp({ userId, code: recoveryCodes[0] ?? "" })).toBe(false);
    expect((await accounts.login({ identifier: "ada@example.com", password, ip: "" })).ok).toBe(true);
    expect(await accounts.checkPassword({ identifier: "ada@example.com", password })).toMatchObject({ id: userId });
  });
});

describe("createAccounts: checkPassword and events", () => {
  it("checks a password for HTTP basic, with the same lockout", async () => {
    const { accounts, userId, lookups } = await registered();
    expect(await accounts.checkPassword({ identifier: "ada@example.com", password })).toEqual({
      id: userId,
      identifier: "ada@example.com",
      roles: ["admin", "staff"],
    });
    expect(await accounts.checkPassword({ identifier: "nobody", password })).toBeUndefined();
    for (const attempt of [1, 2, 3])
      await accounts.checkPassword({ identifier: "ada@example.com", password: `wrong ${attempt}` });
    const checks = lookups.length;
    expect(await accounts.checkPassword({ identifier: "ada@example.com", password })).toBeUndefined();
    expect(lookups).toHaveLength(checks);
  });

  it("never puts a password, code or token in an event", async () => {
    const h = await registered();
    const secrets: string[] = [password, "wrong password!"];
    await h.accounts.login({ identifier: "ada@example.com", password: "wrong password!", ip: "" });
    const tokens = tokensOf(await h.accounts.login({ identifier: "ada@example.com", password, ip: "" }));
    const rotated = await h.accounts.refresh({ refreshToken: tokens.refreshToken });
    await h.accounts.refresh({ refreshToken: tokens.refreshToken });
    const enrolment = await h.accounts.enrolTotp({ userId: h.userId });
    if (!enrolment.ok || !rotated.ok) throw new Error("setup failed");
    const code = totpCode({ secret: enrolment.secret, ms: h.clock.ms });
    const confirmed = await h.accounts.confirmTotp({ userId: h.userId, code });
    const challenge = await h.accounts.login({ identifier: "ada@example.com", password, ip: "" });
    const recovery = confirmed.ok ? (confirmed.recoveryCodes[0] ?? "") : "";
    const mfa =
      challenge.ok === "mfa"
        ? await h.accounts.loginMfa({ challenge: challenge.challenge, code: recovery })
        : undefined;
    await h.accounts.logout({
      jti: "jti-1",
      expiresAt: new Date(Date.now() + 1000),
      refreshToken: rotated.tokens.refreshToken,
    });
    await h.accounts.disableTotp({ userId: h.userId, code: confirmed.ok ? (confirmed.recoveryCodes[1] ?? "") : "" });
    secrets.push(
      tokens.accessToken,
      tokens.refreshToken,
      rotated.tokens.refreshToken,
      enrolment.secret,
      code,
      recovery,
    );
    if (challenge.ok === "mfa") secrets.push(challenge.challenge);
    if (mfa?.ok) secrets.push(mfa.tokens.accessToken, mfa.tokens.refreshToken);
    const types = new Set(h.events.map((e) => e.type));
    expect([...types].sort()).toEqual(
      [
        "login",
        "login-failed",
        "logout",
        "mfa-disabled",
        "mfa-enabled",
        "refresh",
        "refresh-reused",
        "register",
      ].sort(),
    );
    const text = JSON.stringify(h.events);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
