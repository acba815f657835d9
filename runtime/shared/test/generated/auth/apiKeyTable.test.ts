import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { apiKeyTableOf, createApiKeyTable, InvalidApiKeyInputError } from "../../../src/generated/auth/apiKeyTable.js";
import { memoryApiKeyClient } from "./memoryApiKeyClient.js";

// src/generated/auth/apiKeyTable.ts: the keys of VxApiKey, kept as digests, looked up by prefix.

const start = Date.parse("2026-01-01T00:00:00Z");

function setup({ cacheMs = 5_000, touchMs = 60_000 }: { cacheMs?: number; touchMs?: number } = {}) {
  const client = memoryApiKeyClient();
  const clock = { now: start };
  const table = createApiKeyTable({ client, cacheMs, touchMs, now: () => clock.now });
  return { client, clock, table };
}

describe("createApiKeyTable", () => {
  it("stores only the key's SHA-256 digest and its public prefix, and shows the key once", async () => {
    const { client, table } = setup();
    const made = await table.create({
      name: " ci ",
      scopes: ["notes:read", "notes:write", "notes:read"],
      roles: ["bot"],
    });
    expect(made.key).toMatch(/^vxk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const [row] = client.rows;
    expect(row?.hash).toBe(createHash("sha256").update(made.key).digest("hex"));
    expect(made.key.startsWith(`vxk_${row?.prefix}_`)).toBe(true);
    expect(JSON.stringify(client.rows)).not.toContain(made.key.slice(18));
    expect(row).toMatchObject({
      name: "ci",
      scopes: "notes:read notes:write",
      roles: "bot",
      ownerId: null,
      revokedAt: null,
    });
    expect(made.view).toEqual({
      id: row?.id,
      prefix: row?.prefix,
      name: "ci",
      ownerId: null,
      scopes: ["notes:read", "notes:write"],
      roles: ["bot"],
      createdAt: new Date(start).toISOString(),
      lastUsedAt: null,
      expiresAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(await table.list())).not.toContain(row?.hash ?? "?");
  });

  it("finds a key's principal by prefix and digest: its scopes, roles, name and owner as subject", async () => {
    const { table } = setup();
    const made = await table.create({ name: "owned", scopes: ["a"], roles: ["admin"], ownerId: "user-7" });
    expect(await table.find(made.key)).toEqual({
      kind: "apiKey",
      keyId: made.view.prefix,
      name: "owned",
      subject: "user-7",
      scopes: ["a"],
      roles: ["admin"],
    });
    const plain = await table.create({ name: "plain" });
    const principal = await table.find(plain.key);
    expect(principal).toEqual({ kind: "apiKey", keyId: plain.view.prefix, name: "plain", scopes: [], roles: [] });
    expect(principal !== undefined && Object.isFrozen(principal)).toBe(true);
  });

  it("refuses a wrong secret under a real prefix, an unknown prefix, and anything not shaped like a key, without a lookup for the last", async () => {
    const { client, table } = setup();
    const made = await table.create({ name: "k" });
    const last = made.key.at(-1) === "A" ? "B" : "A";
    const before = client.lookups;
    for (const wrong of ["", "vxk_", made.key.slice(0, -1), `${made.key}x`, made.key.toUpperCase(), ` ${made.key}`])
      expect(await table.find(wrong)).toBeUndefined();
    expect(client.lookups).toBe(before);
    expect(await table.find(made.key.slice(0, -1) + last)).toBeUndefined();
    expect(await table.find(`vxk_000000000000_${made.key.slice(18)}`)).toBeUndefined();
  });

  it("refuses an expired key from its expiry on, and a revoked key at once on this instance", async () => {
    const { clock, table } = setup();
    const expiring = await table.create({ name: "short", expiresAt: new Date(start + 60_000) });
    expect(await table.find(expiring.key)).toBeDefined();
    clock.now = start + 60_000;
    expect(await table.find(expiring.key)).toBeUndefined();
    const revoked = await table.create({ name: "revoked" });
    expect(await table.find(revoked.key)).toBeDefined();
    const view = await table.revoke(revoked.view.id);
    expect(view?.revokedAt).toBe(new Date(clock.now).toISOString());
    expect(await table.find(revoked.key)).toBeUndefined();
    clock.now += 1_000;
    expect((await table.revoke(revoked.view.id))?.revokedAt).toBe(view?.revokedAt);
    expect(await table.revoke("no-such-id")).toBeUndefined();
    expect(await table.rotate(revoked.view.id)).toBeUndefined();
  });

  it("sees another instance's revocation once its cached row is older than cacheMs", async () => {
    const { client, clock, table } = setup({ cacheMs: 5_000 });
    const other = createApiKeyTable({ client, now: () => clock.now });
    const made = await table.create({ name: "shared" });
    expect(await table.find(made.key)).toBeDefined();
    await other.revoke(made.view.id);
    clock.now += 4_999;
    expect(await table.find(made.key)).toBeDefined();
    clock.now += 1;
    expect(await table.find(made.key)).toBeUndefined();
  });

  it("reuses a looked-up row for cacheMs: one lookup for many requests", async () => {
    const { client, clock, table } = setup({ cacheMs: 5_000 });
    const made = await table.create({ name: "busy" });
    const before = client.lookups;
    for (let i = 0; i < 20; i += 1) expect(await table.find(made.key)).toBeDefined();
    expect(client.lookups).toBe(before + 1);
    clock.now += 5_000;
    await table.find(made.key);
    expect(client.lookups).toBe(before + 2);
  });

  it("writes lastUsedAt at most once per touchMs per key, without holding up the request", async () => {
    const { client, clock, table } = setup({ cacheMs: 0, touchMs: 60_000 });
    const made = await table.create({ name: "used" });
    for (let i = 0; i < 5; i += 1) await table.find(made.key);
    await table.settled();
    expect(client.touches).toEqual([new Date(start)]);
    clock.now += 59_999;
    await table.find(made.key);
    await table.settled();
    expect(client.touches).toHaveLength(1);
    clock.now += 1;
    await table.find(made.key);
    await table.settled();
    expect(client.touches).toEqual([new Date(start), new Date(start + 60_000)]);
    expect((await table.list())[0]?.lastUsedAt).toBe(new Date(start + 60_000).toISOString());
  });

  it("never fails a request for a failed lastUsedAt write: onError hears of it", async () => {
    const client = memoryApiKeyClient();
    const errors: unknown[] = [];
    client.vxApiKey.updateMany = async () => {
      throw new Error("database gone");
    };
    const table = createApiKeyTable({ client, onError: (error) => errors.push(error) });
    const made = await table.create({ name: "k" });
    expect(await table.find(made.key)).toBeDefined();
    await table.settled();
    expect(errors).toHaveLength(1);
  });

  it("rotates a key: a new secret and prefix under the same id, the old key refused at once", async () => {
    const { table } = setup();
    const made = await table.create({ name: "rotating", scopes: ["s"] });
    expect(await table.find(made.key)).toBeDefined();
    const rotated = await table.rotate(made.view.id);
    expect(rotated?.view).toMatchObject({ id: made.view.id, name: "rotating", scopes: ["s"] });
    expect(rotated?.view.prefix).not.toBe(made.view.prefix);
    expect(await table.find(made.key)).toBeUndefined();
    expect(await table.find(rotated?.key ?? "")).toMatchObject({ keyId: rotated?.view.prefix, scopes: ["s"] });
    expect(await table.rotate("no-such-id")).toBeUndefined();
  });

  it("lists keys newest first", async () => {
    const { clock, table } = setup();
    await table.create({ name: "first" });
    clock.now += 1_000;
    await table.create({ name: "second" });
    expect((await table.list()).map((view) => view.name)).toEqual(["second", "first"]);
  });

  it("refuses a blank or long name, a scope or role with a space or comma, too many, and an empty owner", async () => {
    const { client, table } = setup();
    for (const input of [
      { name: "  " },
      { name: "x".repeat(201) },
      { name: "k", scopes: ["a b"] },
      { name: "k", roles: ["a,b"] },
      { name: "k", scopes: [""] },
      { name: "k", scopes: Array.from({ length: 51 }, (_, i) => `s${i}`) },
      { name: "k", ownerId: "" },
    ])
      await expect(table.create(input)).rejects.toBeInstanceOf(InvalidApiKeyInputError);
    expect(client.rows).toHaveLength(0);
  });
});

describe("apiKeyTableOf", () => {
  it("gives one table per client, so the routes' revocations reach the verifiers' cache", () => {
    const client = memoryApiKeyClient();
    expect(apiKeyTableOf(client)).toBe(apiKeyTableOf(client));
    expect(apiKeyTableOf(memoryApiKeyClient())).not.toBe(apiKeyTableOf(client));
  });
});
