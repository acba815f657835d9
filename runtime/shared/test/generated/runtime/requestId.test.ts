import { describe, expect, it } from "vitest";
import { requestIdOf } from "../../../src/generated/runtime/requestId.js";

// src/generated/runtime/requestId.ts: the request id taken from x-request-id or made.

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("requestIdOf", () => {
  it("keeps a sane id as sent, up to 128 characters", () => {
    for (const id of ["abc", "req-1.2:3_4", "A".repeat(128), "0f7c2a4e-2b1d-4c3e-9f00-123456789abc"])
      expect(requestIdOf(id)).toBe(id);
  });

  it("makes a random UUID for no id, an empty, long, repeated or unusual one", () => {
    const replaced = [undefined, "", "A".repeat(129), ["a", "b"], "with space", "line\nbreak", "<script>", "ü"];
    const made = replaced.map((sent) => requestIdOf(sent));
    for (const id of made) expect(id).toMatch(uuid);
    expect(new Set(made).size).toBe(made.length);
  });
});
