import { createHash } from "node:crypto";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createApiKeyStore } from "../../../src/generated/auth/apiKeys.js";

const key1 = "svc-a-0123456789abcdefghijklmnop";
const key2 = "svc-b-ZYXWVUTSRQPONMLKJIHGFEDCBA";

describe("createApiKeyStore", () => {
  const store = createApiKeyStore({ keys: [key1, key2, key1] });

  it("finds a key's principal: kind apiKey, keyId the first 12 hex digits of its SHA-256, no scopes or roles", () => {
    const principal = store.find(key1);
    expect(principal).toEqual({
      kind: "apiKey",
      keyId: createHash("sha256").update(key1).digest("hex").slice(0, 12),
      scopes: [],
      roles: [],
    });
    expect(principal?.keyId).toMatch(/^[0-9a-f]{12}$/);
    expect(Object.isFrozen(principal)).toBe(true);
    expect(store.find(key2)?.keyId).not.toBe(principal?.keyId);
    expect(store.size).toBe(2);
  });

  it("finds nothing for a wrong, near, empty, padded or differently cased key", () => {
    for (const presented of [
      "",
      key1.slice(0, -1),
      key1 + "x",
      key1.toUpperCase(),
      ` ${key1}`,
      `${key1}\n`,
      key1.replace("a", "\u0430"),
      "__proto__",
      "constructor",
    ]) {
      expect(store.find(presented), JSON.stringify(presented)).toBeUndefined();
    }
  });

  it("keeps only digests: the keys appear nowhere in the store", () => {
    const shown = inspect(store, { depth: 10, showHidden: true }) + JSON.stringify(store);
    for (const key of [key1, key2]) expect(shown).not.toContain(key.slice(0, 10));
  });

  it("handles a store without keys", () => {
    const empty = createApiKeyStore({ keys: [] });
    expect(empty.size).toBe(0);
    expect(empty.find(key1)).toBeUndefined();
  });
});
