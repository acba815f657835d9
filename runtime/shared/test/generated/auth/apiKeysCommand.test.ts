import { describe, expect, it } from "vitest";
import { createApiKeyTable } from "../../../src/generated/auth/apiKeyTable.js";
import { expiryOf, runApiKeysCommand } from "../../../src/generated/auth/apiKeysCommand.js";
import { memoryApiKeyClient } from "./memoryApiKeyClient.js";

// src/generated/auth/apiKeysCommand.ts: `npm run api-keys -- create|list|rotate|revoke`.

const now = Date.parse("2026-01-01T00:00:00Z");

function setup() {
  const client = memoryApiKeyClient();
  const table = createApiKeyTable({ client, now: () => now });
  const out: string[] = [];
  const err: string[] = [];
  const run = (...args: string[]) =>
    runApiKeysCommand({ args, table, print: (line) => out.push(line), fail: (line) => err.push(line), now });
  return { client, table, out, err, run };
}

const keyIn = (lines: string[]) => lines.find((line) => line.startsWith("vxk_")) ?? "";

describe("runApiKeysCommand", () => {
  it("creates a key with scopes, roles, owner and expiry, printing the key once", async () => {
    const { client, table, out, run } = setup();
    expect(
      await run("create", "--name", "ci", "--scopes", "a, b", "--roles", "admin", "--owner", "u1", "--expires", "30d"),
    ).toBe(0);
    const key = keyIn(out);
    expect(key).toMatch(/^vxk_/);
    expect(out.join("\n")).toContain("shown this once");
    expect(client.rows[0]).toMatchObject({
      name: "ci",
      scopes: "a b",
      roles: "admin",
      ownerId: "u1",
      expiresAt: new Date(now + 30 * 86_400_000),
    });
    expect(await table.find(key)).toMatchObject({ subject: "u1", scopes: ["a", "b"], roles: ["admin"] });
  });

  it("lists keys without their secret, as lines or JSON", async () => {
    const { out, run } = setup();
    await run("create", "--name", "one");
    const key = keyIn(out);
    out.length = 0;
    expect(await run("list")).toBe(0);
    expect(out).toHaveLength(1);
    expect(out[0]).toContain("one");
    expect(out.join()).not.toContain(key.slice(18));
    out.length = 0;
    await run("list", "--json");
    expect(JSON.parse(out.join("\n"))).toMatchObject([{ name: "one", scopes: [], revokedAt: null }]);
  });

  it("rotates and revokes by id; an unknown id exits 1", async () => {
    const { client, table, out, err, run } = setup();
    await run("create", "--name", "k");
    const first = keyIn(out);
    const id = client.rows[0]?.id ?? "";
    out.length = 0;
    expect(await run("rotate", id)).toBe(0);
    const second = keyIn(out);
    expect(second).not.toBe(first);
    expect(await table.find(first)).toBeUndefined();
    expect(await table.find(second)).toBeDefined();
    expect(await run("revoke", id)).toBe(0);
    expect(await table.find(second)).toBeUndefined();
    expect(await run("revoke", "nope")).toBe(1);
    expect(await run("rotate", id)).toBe(1);
    expect(err.join("\n")).toContain("no active API key");
  });

  it("exits 2 with the usage for a mistake: no command, an unknown one, a missing name or id, a bad expiry or scope, an unknown option", async () => {
    const { client, err, run } = setup();
    for (const args of [
      [],
      ["frobnicate"],
      ["create"],
      ["rotate"],
      ["create", "--name", "k", "--expires", "soon"],
      ["create", "--name", "k", "--scopes", "a b"],
      ["create", "--name", "k", "--bogus"],
    ]) {
      err.length = 0;
      expect(await run(...args)).toBe(2);
      expect(err.join("\n")).toContain("usage: npm run api-keys");
    }
    expect(client.rows).toHaveLength(0);
  });
});

describe("expiryOf", () => {
  it("reads durations and future ISO dates, and nothing else", () => {
    expect(expiryOf({ text: "90m", now })).toEqual(new Date(now + 90 * 60_000));
    expect(expiryOf({ text: "12h", now })).toEqual(new Date(now + 12 * 3_600_000));
    expect(expiryOf({ text: "2027-01-01T00:00:00Z", now })).toEqual(new Date("2027-01-01T00:00:00Z"));
    for (const text of ["0d", "-1d", "2025-01-01", "1w", "", "d"]) expect(expiryOf({ text, now })).toBeUndefined();
  });
});
