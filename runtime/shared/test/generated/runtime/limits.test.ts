import { describe, expect, it } from "vitest";
import {
  checkedLimits,
  defaultLimits,
  InvalidLimitsError,
  limitsFromEnv,
  limitVariables,
  type Limits,
} from "../../../src/generated/runtime/limits.js";

// src/generated/runtime/limits.ts: the request limits read from the environment.

describe("limits", () => {
  const names = Object.values(limitVariables).map((v) => v.name);

  it("unset or empty variables give the defaults", () => {
    expect(limitsFromEnv({})).toEqual(defaultLimits);
    expect(limitsFromEnv(Object.fromEntries(names.map((name) => [name, " "])))).toEqual(defaultLimits);
  });

  it("each variable sets its limit, from its minimum to its maximum", () => {
    for (const [key, { name, min, max }] of Object.entries(limitVariables) as [
      keyof Limits,
      (typeof limitVariables)[keyof Limits],
    ][]) {
      expect(limitsFromEnv({ [name]: String(min) })[key]).toBe(min);
      expect(limitsFromEnv({ [name]: ` ${max} ` })[key]).toBe(max);
    }
  });

  it("an invalid value stops with a message naming every invalid variable", () => {
    for (const { name, min, max } of Object.values(limitVariables)) {
      for (const text of ["abc", "-1", "1.5", String(max + 1), ...(min > 0 ? [String(min - 1)] : [])]) {
        expect(() => limitsFromEnv({ [name]: text }), `${name}=${text}`).toThrow(InvalidLimitsError);
        expect(() => limitsFromEnv({ [name]: text }), `${name}=${text}`).toThrow(name);
      }
    }
    const everything = Object.fromEntries(names.map((name) => [name, "x"]));
    let message = "";
    try {
      limitsFromEnv(everything);
    } catch (error) {
      message = error instanceof InvalidLimitsError ? error.message : "";
    }
    for (const name of names) expect(message).toContain(name);
  });

  it("limits given in code are checked the same way, naming each invalid one", () => {
    expect(checkedLimits()).toEqual(defaultLimits);
    expect(checkedLimits({ jsonMaxDepth: 7 })).toEqual({ ...defaultLimits, jsonMaxDepth: 7 });
    for (const [key, { min, max }] of Object.entries(limitVariables) as [
      keyof Limits,
      (typeof limitVariables)[keyof Limits],
    ][]) {
      for (const value of [max + 1, 1.5, Number.NaN, ...(min > 0 ? [min - 1] : [])]) {
        expect(() => checkedLimits({ [key]: value }), `${key}=${value}`).toThrow(InvalidLimitsError);
        expect(() => checkedLimits({ [key]: value }), `${key}=${value}`).toThrow(key);
      }
    }
  });
});
