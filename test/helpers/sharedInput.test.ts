import { afterEach, describe, expect, it, vi } from "vitest";
import { sharedInputPresent } from "./sharedInput.js";

describe("sharedInputPresent", () => {
  const ci = process.env.CI;
  afterEach(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
    vi.restoreAllMocks();
  });

  it("is true for an input that is there", () => {
    expect(sharedInputPresent({ path: process.cwd(), what: "the repository" })).toBe(true);
  });

  it("skips with a printed reason outside CI", () => {
    delete process.env.CI;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(sharedInputPresent({ path: "/nonexistent/vx-gen/corpus", what: "corpus tests" })).toBe(false);
    expect(warn).toHaveBeenCalledWith("skipped, corpus tests: /nonexistent/vx-gen/corpus is missing");
  });

  it("fails under CI=true, unless the input is optional", () => {
    process.env.CI = "true";
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(() => sharedInputPresent({ path: "/nonexistent/vx-gen/jsts", what: "JSON Schema Test Suite" })).toThrow(/jsts is missing; CI=true needs it/);
    expect(sharedInputPresent({ path: "/nonexistent/vx-gen/extra", what: "an extra", optional: true })).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
