import { describe, expect, it } from "vitest";
import { memoryAccountStores } from "../../../src/generated/accounts/memoryAccountStores.js";
import { prismaAccountStores, pruneEvery } from "../../../src/generated/accounts/prismaAccountStores.js";
import { accountStoresContract } from "./accountStoresContract.js";
import { fakePrismaAccountsClient } from "./fakePrismaAccountsClient.js";

function stores() {
  const client = fakePrismaAccountsClient();
  return { client, stores: prismaAccountStores({ client, users: memoryAccountStores().users }) };
}

accountStoresContract({ name: "prismaAccountStores (fake client)", create: () => stores().stores });

describe("prismaAccountStores", () => {
  const past = () => new Date(Date.now() - 60_000);
  const later = () => new Date(Date.now() + 60_000);

  it("stores refresh tokens in rows with usedAt null until used", async () => {
    const { client, stores: s } = stores();
    await s.refreshTokens.insert({ tokenHash: "h", family: "f", userId: "u", expiresAt: later() });
    expect(client.vxRefreshToken.rows).toEqual([
      expect.objectContaining({ tokenHash: "h", family: "f", userId: "u", usedAt: null, revoked: false }),
    ]);
    await s.refreshTokens.markUsed({ tokenHash: "h", at: new Date() });
    expect(client.vxRefreshToken.rows[0]?.["usedAt"]).toBeInstanceOf(Date);
  });

  it("prunes expired refresh tokens on every 100th insert", async () => {
    const { client, stores: s } = stores();
    await s.refreshTokens.insert({ tokenHash: "old", family: "f", userId: "u", expiresAt: past() });
    for (let i = 1; i < pruneEvery - 1; i++)
      await s.refreshTokens.insert({ tokenHash: `t${i}`, family: "f", userId: "u", expiresAt: later() });
    expect(await s.refreshTokens.find("old")).toBeDefined();
    await s.refreshTokens.insert({ tokenHash: "last", family: "f", userId: "u", expiresAt: later() });
    expect(await s.refreshTokens.find("old")).toBeUndefined();
    expect(client.vxRefreshToken.rows).toHaveLength(pruneEvery - 1);
  });

  it("ignores expired deny list rows, skips expired tokens, and prunes on every 100th add", async () => {
    const { client, stores: s } = stores();
    client.vxRevokedToken.rows.push({ jti: "stale", expiresAt: past() });
    expect(await s.denyList.has("stale")).toBe(false);
    await s.denyList.add({ jti: "gone", expiresAt: past() });
    expect(client.vxRevokedToken.rows).toHaveLength(1);
    for (let i = 1; i < pruneEvery; i++) await s.denyList.add({ jti: `j${i}`, expiresAt: later() });
    expect(client.vxRevokedToken.rows.map((row) => row["jti"])).toContain("stale");
    await s.denyList.add({ jti: "last", expiresAt: later() });
    expect(client.vxRevokedToken.rows.map((row) => row["jti"])).not.toContain("stale");
    expect(await s.denyList.has("last")).toBe(true);
  });

  it("keeps the throttle as one row per key, deleted on reset", async () => {
    const { client, stores: s } = stores();
    await s.throttle.addFailure("id:a");
    await s.throttle.addFailure("id:a");
    expect(client.vxLoginThrottle.rows).toEqual([{ key: "id:a", failures: 2, lockedUntil: null }]);
    await s.throttle.reset("id:a");
    expect(client.vxLoginThrottle.rows).toEqual([]);
  });

  it("replaces a user's recovery codes only, and deletes them with the MFA record", async () => {
    const { client, stores: s } = stores();
    await s.mfa.set({ userId: "u", record: { secret: "S", confirmed: true, lastUsedStep: 5 } });
    expect(client.vxMfa.rows).toEqual([{ userId: "u", secret: "S", confirmed: true, lastUsedStep: 5 }]);
    await s.mfa.replaceRecoveryCodes({ userId: "u", codeHashes: ["a", "b"] });
    await s.mfa.replaceRecoveryCodes({ userId: "v", codeHashes: ["a"] });
    await s.mfa.replaceRecoveryCodes({ userId: "u", codeHashes: ["c"] });
    expect(client.vxRecoveryCode.rows).toEqual([
      { userId: "v", codeHash: "a" },
      { userId: "u", codeHash: "c" },
    ]);
    await s.mfa.delete("u");
    expect([client.vxMfa.rows, client.vxRecoveryCode.rows]).toEqual([[], [{ userId: "v", codeHash: "a" }]]);
  });
});
