import { createHash, createHmac } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  hashedLogValue,
  logHashKeyFromEnv,
  minLogHashKeyLength,
  useLogHashKey,
} from "../../../src/generated/runtime/logHash.js";
import { redactLogValue } from "../../../src/generated/runtime/redactLogValue.js";
import { redacted } from "../../../src/generated/runtime/secrets.js";

// src/generated/runtime/logHash.ts: `x-vx-pii: hash` fields logged as a hash keyed by LOG_HASH_KEY. A field of the
// test's own (`hashedProbe`) is added to the project's hashed fields, so this holds whatever the spec marks.
vi.mock("../../../src/generated/runtime/secrets.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../../src/generated/runtime/secrets.js")>();
  return {
    ...original,
    secretFields: new Set([...original.secretFields, "hashedProbe", "maskedProbe"]),
    hashedFields: new Set([...original.hashedFields, "hashedProbe"]),
  };
});

const key = "k".repeat(minLogHashKeyLength);

afterEach(() => useLogHashKey(undefined));

describe("logHashKeyFromEnv", () => {
  it("is required when a field is hashed: missing or short, start-up stops naming LOG_HASH_KEY, never the key", () => {
    expect(() => logHashKeyFromEnv({ env: {} })).toThrow(
      /LOG_HASH_KEY: not set: fields marked `x-vx-pii: hash` \(.*hashedProbe/,
    );
    expect(() => logHashKeyFromEnv({ env: { LOG_HASH_KEY: "short-key-123" } })).toThrow(/LOG_HASH_KEY: too short/);
    expect(() => logHashKeyFromEnv({ env: { LOG_HASH_KEY: "short-key-123" } })).not.toThrow(/short-key-123/);
    expect(logHashKeyFromEnv({ env: { LOG_HASH_KEY: key } })).toBe(key);
  });

  it("is optional when no field is hashed, but checked when given", () => {
    expect(logHashKeyFromEnv({ env: {}, required: false })).toBeUndefined();
    expect(logHashKeyFromEnv({ env: { LOG_HASH_KEY: "" }, required: false })).toBeUndefined();
    expect(() => logHashKeyFromEnv({ env: { LOG_HASH_KEY: "short" }, required: false })).toThrow(/LOG_HASH_KEY/);
  });
});

describe("hashedLogValue", () => {
  it("is nothing without a key (the value is then masked)", () => {
    expect(hashedLogValue("reader@example.com")).toBeUndefined();
  });

  it("is HMAC-SHA256 keyed by LOG_HASH_KEY: the same for the same value, never a plain hash of it", () => {
    useLogHashKey(key);
    const email = "reader@example.com";
    const expected = createHmac("sha256", key).update(email).digest("hex").slice(0, 32);
    expect(hashedLogValue(email)).toBe(`[HMAC:${expected}]`);
    expect(hashedLogValue(email)).toBe(hashedLogValue(email));
    expect(hashedLogValue("other@example.com")).not.toBe(hashedLogValue(email));
    expect(hashedLogValue(email)).not.toContain(createHash("sha256").update(email).digest("hex").slice(0, 32));
    useLogHashKey("z".repeat(minLogHashKeyLength));
    expect(hashedLogValue(email)).not.toBe(`[HMAC:${expected}]`);
  });

  it("hashes numbers and objects as their JSON", () => {
    useLogHashKey(key);
    expect(hashedLogValue(42)).toBe(`[HMAC:${createHmac("sha256", key).update("42").digest("hex").slice(0, 32)}]`);
    expect(hashedLogValue({ a: 1n })).toBe(
      `[HMAC:${createHmac("sha256", key).update('{"a":"1"}').digest("hex").slice(0, 32)}]`,
    );
  });
});

describe("redactLogValue with hashed fields", () => {
  it("logs a hashed field as its keyed hash at any depth, and masks the other secret fields", () => {
    useLogHashKey(key);
    const value = {
      hashedProbe: "reader@example.com",
      maskedProbe: "p4ss",
      list: [{ hashedProbe: "reader@example.com" }],
    };
    const copy = redactLogValue({ value }) as { hashedProbe: string; list: { hashedProbe: string }[] };
    expect(copy).toEqual({
      hashedProbe: hashedLogValue("reader@example.com"),
      maskedProbe: redacted,
      list: [{ hashedProbe: hashedLogValue("reader@example.com") }],
    });
    expect(JSON.stringify(copy)).not.toContain("reader@example.com");
  });

  it("masks a hashed field when no key is set", () => {
    expect(redactLogValue({ value: { hashedProbe: "reader@example.com" } })).toEqual({ hashedProbe: redacted });
  });
});
