import { describe, expect, it } from "vitest";
import { memoryAccountStores } from "../../../src/generated/accounts/memoryAccountStores.js";

const later = new Date(Date.now() + 60_000);

describe("memoryAccountStores", () => {
  it("creates users once per identifier and finds them both ways", async () => {
    const { users } = memoryAccountStores();
    const created = await users.create({ identifier: "a@b.c", passwordHash: "h", fields: { roles: ["admin"] } });
    expect(created).not.toBe("taken");
    expect(await users.create({ identifier: "a@b.c", passwordHash: "x", fields: {} })).toBe("taken");
    const user = await users.findByIdentifier("a@b.c");
    expect(user).toMatchObject({ identifier: "a@b.c", passwordHash: "h", roles: ["admin"] });
    expect(await users.findById(user?.id ?? "")).toEqual(user);
    expect(await users.findByIdentifier("other")).toBeUndefined();
  });

  it("marks a refresh token used once, and revokes by family and by user", async () => {
    const { refreshTokens } = memoryAccountStores();
    await refreshTokens.insert({ tokenHash: "t1", family: "f1", userId: "u1", expiresAt: later });
    await refreshTokens.insert({ tokenHash: "t2", family: "f2", userId: "u1", expiresAt: later });
    await refreshTokens.insert({ tokenHash: "t3", family: "f3", userId: "u2", expiresAt: later });
    const results = await Promise.all([1, 2, 3].map(() => refreshTokens.markUsed({ tokenHash: "t1", at: new Date() })));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await refreshTokens.markUsed({ tokenHash: "missing", at: new Date() })).toBe(false);
    await refreshTokens.revokeFamily("f1");
    expect((await refreshTokens.find("t1"))?.revoked).toBe(true);
    expect((await refreshTokens.find("t2"))?.revoked).toBe(false);
    await refreshTokens.revokeUser("u1");
    expect((await refreshTokens.find("t2"))?.revoked).toBe(true);
    expect((await refreshTokens.find("t3"))?.revoked).toBe(false);
  });

  it("keeps deny list entries until they expire", async () => {
    const { denyList } = memoryAccountStores();
    await denyList.add({ jti: "live", expiresAt: later });
    await denyList.add({ jti: "past", expiresAt: new Date(Date.now() - 1) });
    expect(await denyList.has("live")).toBe(true);
    expect(await denyList.has("past")).toBe(false);
    expect(await denyList.has("never")).toBe(false);
  });

  it("keeps throttle state per key until reset", async () => {
    const { throttle } = memoryAccountStores();
    expect(await throttle.get("k")).toEqual({ failures: 0, lockedUntil: undefined });
    await throttle.save({ key: "k", state: { failures: 3, lockedUntil: later } });
    expect(await throttle.get("k")).toEqual({ failures: 3, lockedUntil: later });
    expect(await throttle.get("other")).toEqual({ failures: 0, lockedUntil: undefined });
    await throttle.reset("k");
    expect(await throttle.get("k")).toEqual({ failures: 0, lockedUntil: undefined });
  });

  it("consumes each recovery code once, and forgets them with the record", async () => {
    const { mfa } = memoryAccountStores();
    await mfa.set({ userId: "u", record: { secret: "S", confirmed: false } });
    expect(await mfa.get("u")).toEqual({ secret: "S", confirmed: false });
    await mfa.replaceRecoveryCodes({ userId: "u", codeHashes: ["c1", "c2"] });
    const uses = await Promise.all([1, 2].map(() => mfa.useRecoveryCode({ userId: "u", codeHash: "c1" })));
    expect(uses.filter(Boolean)).toHaveLength(1);
    await mfa.replaceRecoveryCodes({ userId: "u", codeHashes: ["c3"] });
    expect(await mfa.useRecoveryCode({ userId: "u", codeHash: "c2" })).toBe(false);
    await mfa.delete("u");
    expect(await mfa.get("u")).toBeUndefined();
    expect(await mfa.useRecoveryCode({ userId: "u", codeHash: "c3" })).toBe(false);
  });
});
