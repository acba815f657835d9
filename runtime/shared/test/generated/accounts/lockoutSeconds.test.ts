import { describe, expect, it } from "vitest";
import { lockoutSeconds } from "../../../src/generated/accounts/lockoutSeconds.js";

describe("lockoutSeconds", () => {
  it("locks from the last allowed failure on, doubling up to the cap", () => {
    const policy = { maxFailures: 5, baseSeconds: 30, maxSeconds: 900 };
    const series = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100].map((failures) => lockoutSeconds({ ...policy, failures }));
    expect(series).toEqual([0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900]);
  });
});
