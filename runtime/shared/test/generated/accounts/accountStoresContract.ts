import { describe, expect, it } from "vitest";
import type { AccountStores } from "../../../src/generated/accounts/accountStores.js";

/**
 * The semantics every implementation of the refresh token, deny list, throttle and MFA stores shares (the user store
 * is per user model and tested with it): registered as a `describe` by each implementation's test.
 */
export function accountStoresContract({
  name,
  create,
}: {
  name: string;
  /** Fresh, empty stores for each test. */
  create: () => AccountStores | Promise<AccountStores>;
}): void {
  const later = () => new Date(Date.now() + 60_000);

  describe(`${name}: the account stores contract`, () => {
    it("marks a refresh token used once, and revokes by family and by user", async () => {
      const { refreshTokens } = await create();
      await refreshTokens.insert({ tokenHash: "t1", family: "f1", userId: "u1", expiresAt: later() });
      await refreshTokens.insert({ tokenHash: "t2", family: "f2", userId: "u1", expiresAt: later() });
      await refreshTokens.insert({ tokenHash: "t3", family: "f3", userId: "u2", expiresAt: later() });
      const at = new Date();
      const results = await Promise.all([1, 2, 3].map(() => refreshTokens.markUsed({ tokenHash: "t1", at })));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await refreshTokens.find("t1")).toMatchObject({ family: "f1", userId: "u1", usedAt: at, revoked: false });
      expect(await refreshTokens.markUsed({ tokenHash: "missing", at: new Date() })).toBe(false);
      await refreshTokens.revokeFamily("f1");
      expect((await refreshTokens.find("t1"))?.revoked).toBe(true);
      expect((await refreshTokens.find("t2"))?.revoked).toBe(false);
      await refreshTokens.revokeUser("u1");
      expect(await refreshTokens.find("t2")).toMatchObject({ revoked: true, usedAt: undefined });
      expect(await refreshTokens.markUsed({ tokenHash: "t2", at: new Date() })).toBe(false);
      expect((await refreshTokens.find("t3"))?.revoked).toBe(false);
      expect(await refreshTokens.find("missing")).toBeUndefined();
    });

    it("keeps deny list entries until they expire", async () => {
      const { denyList } = await create();
      await denyList.add({ jti: "live", expiresAt: later() });
      await denyList.add({ jti: "live", expiresAt: later() });
      await denyList.add({ jti: "past", expiresAt: new Date(Date.now() - 1) });
      expect(await denyList.has("live")).toBe(true);
      expect(await denyList.has("past")).toBe(false);
      expect(await denyList.has("never")).toBe(false);
    });

    it("counts every failure of a burst, locks, and forgets on reset", async () => {
      const { throttle } = await create();
      expect(await throttle.get("k")).toEqual({ failures: 0, lockedUntil: undefined });
      const counts = await Promise.all([1, 2, 3].map(() => throttle.addFailure("k")));
      expect(counts.sort()).toEqual([1, 2, 3]);
      const until = later();
      await throttle.lock({ key: "k", until });
      expect(await throttle.get("k")).toEqual({ failures: 3, lockedUntil: until });
      expect(await throttle.addFailure("k")).toBe(4);
      expect(await throttle.get("other")).toEqual({ failures: 0, lockedUntil: undefined });
      await throttle.reset("k");
      expect(await throttle.get("k")).toEqual({ failures: 0, lockedUntil: undefined });
    });

    it("accepts each TOTP step once and only forwards", async () => {
      const { mfa } = await create();
      expect(await mfa.useTotpStep({ userId: "u", step: 10 })).toBe(false);
      await mfa.set({ userId: "u", record: { secret: "S", confirmed: true } });
      const uses = await Promise.all([1, 2].map(() => mfa.useTotpStep({ userId: "u", step: 10 })));
      expect(uses.filter(Boolean)).toHaveLength(1);
      expect(await mfa.useTotpStep({ userId: "u", step: 9 })).toBe(false);
      expect(await mfa.useTotpStep({ userId: "u", step: 11 })).toBe(true);
      expect(await mfa.get("u")).toEqual({ secret: "S", confirmed: true, lastUsedStep: 11 });
      await mfa.set({ userId: "u", record: { secret: "T", confirmed: false } });
      expect(await mfa.get("u")).toEqual({ secret: "T", confirmed: false });
      expect(await mfa.useTotpStep({ userId: "u", step: 1 })).toBe(true);
    });

    it("consumes each recovery code once, and forgets them with the record", async () => {
      const { mfa } = await create();
      expect(await mfa.get("u")).toBeUndefined();
      await mfa.set({ userId: "u", record: { secret: "S", confirmed: false } });
      expect(await mfa.get("u")).toEqual({ secret: "S", confirmed: false });
      await mfa.set({ userId: "u", record: { secret: "T", confirmed: true } });
      expect(await mfa.get("u")).toEqual({ secret: "T", confirmed: true });
      await mfa.replaceRecoveryCodes({ userId: "u", codeHashes: ["c1", "c2"] });
      await mfa.replaceRecoveryCodes({ userId: "v", codeHashes: ["c1"] });
      const uses = await Promise.all([1, 2].map(() => mfa.useRecoveryCode({ userId: "u", codeHash: "c1" })));
      expect(uses.filter(Boolean)).toHaveLength(1);
      await mfa.replaceRecoveryCodes({ userId: "u", codeHashes: ["c3"] });
      expect(await mfa.useRecoveryCode({ userId: "u", codeHash: "c2" })).toBe(false);
      await mfa.delete("u");
      expect(await mfa.get("u")).toBeUndefined();
      expect(await mfa.useRecoveryCode({ userId: "u", codeHash: "c3" })).toBe(false);
      expect(await mfa.useRecoveryCode({ userId: "v", codeHash: "c1" })).toBe(true);
    });
  });
}
