import { describe, expect, it } from "vitest";
import {
  defaultPasswordCost,
  dummyPasswordCheck,
  hashPassword,
  hashPasswordAtCost,
  verifyPassword,
} from "../../../src/generated/accounts/passwordHash.js";

const cheap = { N: 2 ** 10, r: 8, p: 1 };

describe("passwordHash", () => {
  it("hashes at the production cost in the self-describing format, and verifies", async () => {
    const started = performance.now();
    const stored = await hashPassword("correct horse battery");
    const elapsed = performance.now() - started;
    console.log(`one scrypt hash at N=2^15, r=8, p=1: ${elapsed.toFixed(0)} ms`);
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(defaultPasswordCost).toEqual({ N: 32768, r: 8, p: 1 });
    expect(await verifyPassword({ password: "correct horse battery", stored })).toBe(true);
    expect(await verifyPassword({ password: "correct horse batterY", stored })).toBe(false);
    await expect(dummyPasswordCheck("anything")).resolves.toBeUndefined();
  });

  it("salts each hash", async () => {
    const first = await hashPasswordAtCost({ password: "same password", cost: cheap });
    const second = await hashPasswordAtCost({ password: "same password", cost: cheap });
    expect(first).not.toBe(second);
    expect(await verifyPassword({ password: "same password", stored: second })).toBe(true);
  });

  it("returns false, never throws, for malformed stored values", async () => {
    const valid = await hashPasswordAtCost({ password: "pw", cost: cheap });
    const parts = valid.split("$");
    const malformed = [
      "",
      "plain text",
      "bcrypt$2b$10$abc",
      parts.slice(0, 5).join("$"),
      [...parts, "extra"].join("$"),
      ["scrypt", "1000", ...parts.slice(2)].join("$"),
      ["scrypt", String(2 ** 30), ...parts.slice(2)].join("$"),
      ["scrypt", "-1024", ...parts.slice(2)].join("$"),
      ["scrypt", parts[1], "0", ...parts.slice(3)].join("$"),
      [...parts.slice(0, 4), "", parts[5]].join("$"),
      [...parts.slice(0, 5), "AAAA"].join("$"),
    ];
    for (const stored of malformed) expect(await verifyPassword({ password: "pw", stored })).toBe(false);
  });
});
