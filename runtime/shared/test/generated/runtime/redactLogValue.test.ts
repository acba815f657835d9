import { describe, expect, it } from "vitest";
import { isSecretKey, redactLogValue } from "../../../src/generated/runtime/redactLogValue.js";
import { redacted, secretFields, secretHeaders } from "../../../src/generated/runtime/secrets.js";

// src/generated/runtime/redactLogValue.ts: what a logged value keeps of the spec's secret fields and headers.

const fields = [...secretFields];

describe("redactLogValue", () => {
  it("masks every secret field at any depth, in objects and arrays, and keeps the rest as it was", () => {
    for (const field of fields) {
      const value = { id: 7, [field]: "s3cret-value", nested: { list: [{ [field]: "s3cret-value", title: "kept" }] } };
      const copy = redactLogValue({ value });
      expect(copy).toEqual({ id: 7, [field]: redacted, nested: { list: [{ [field]: redacted, title: "kept" }] } });
      expect(JSON.stringify(copy)).not.toContain("s3cret-value");
      // The logged object itself is untouched.
      expect(value[field]).toBe("s3cret-value");
    }
  });

  it("masks secret headers whatever their case, and leaves absent values absent", () => {
    for (const name of secretHeaders) {
      expect(isSecretKey(name.toUpperCase())).toBe(true);
      expect(redactLogValue({ value: { headers: { [name.toUpperCase()]: "Bearer abc.def", accept: "*/*" } } })).toEqual(
        {
          headers: { [name.toUpperCase()]: redacted, accept: "*/*" },
        },
      );
    }
    expect(redactLogValue({ value: { authorization: null } })).toEqual({ authorization: null });
    expect(isSecretKey("title")).toBe(false);
  });

  it("logs an error as a plain object with its own properties redacted", () => {
    const field = fields[0] ?? "authorization";
    const error = Object.assign(new Error("insert failed"), { code: "E1", input: { [field]: "hunter22", title: "t" } });
    const copy = redactLogValue({ value: error }) as Record<string, unknown>;
    expect(copy).toMatchObject({
      type: "Error",
      message: "insert failed",
      code: "E1",
      input: { [field]: redacted, title: "t" },
    });
    expect(typeof copy.stack).toBe("string");
  });

  it("scrubs every string with scrubText, prints cycles once and cuts very deep values", () => {
    expect(
      redactLogValue({ value: { note: "key=abcd", n: 1 }, scrubText: (text) => text.replace("abcd", "****") }),
    ).toEqual({
      note: "key=****",
      n: 1,
    });
    const cyclic: Record<string, unknown> = { name: "a" };
    cyclic.self = cyclic;
    const shared = { x: 1 };
    expect(redactLogValue({ value: { cyclic, pair: [shared, shared] } })).toEqual({
      cyclic: { name: "a", self: "[CIRCULAR]" },
      pair: [{ x: 1 }, { x: 1 }],
    });
    let deep: unknown = "bottom";
    for (let level = 0; level < 40; level++) deep = { next: deep };
    expect(JSON.stringify(redactLogValue({ value: deep }))).toContain("[TOO DEEP]");
    const when = new Date(0);
    expect(redactLogValue({ value: { when } })).toEqual({ when });
    expect(redactLogValue({ value: { file: Buffer.from("abcd"), bytes: new Uint8Array(2) } })).toEqual({
      file: "[4 bytes]",
      bytes: "[2 bytes]",
    });
  });

  it("treats __proto__ and constructor as names like any other", () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1}') as unknown;
    const copy = redactLogValue({ value }) as Record<string, unknown>;
    expect(Object.hasOwn(copy, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
