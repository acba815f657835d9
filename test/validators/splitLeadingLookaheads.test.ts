import { describe, expect, it } from "vitest";
import { splitLeadingLookaheads } from "../../src/validators/splitLeadingLookaheads.js";
import { translatePattern } from "../../src/validators/translatePattern.js";

const probes = ["", "a", "Password1", "password1", "PASSWORD1", "Pass1", "Passw0rd!", "Passw0rdx", "Pass word1", "Pass\nword12", "ABCdef123", "x".repeat(20), "Aa1Aa1Aa1"];

describe("splitLeadingLookaheads: ^(?=A)(?!B)C as the patterns it is the conjunction of", () => {
  it.each([
    ["^(?=.*[A-Z])(?=.*\\d).{8,}$", ["^(?:.*[A-Z])", "^(?:.*\\d)", "^.{8,}$"], [false, false, false]],
    ["^(?=.*[a-z])(?!.*\\s)(?=.*[0-9])[\\w!]{6,20}$", ["^(?:.*[a-z])", "^(?:.*\\s)", "^(?:.*[0-9])", "^[\\w!]{6,20}$"], [false, true, false, false]],
  ])("%s", (source, patterns, negated) => {
    const conjuncts = splitLeadingLookaheads(source);
    expect(conjuncts?.map((c) => c.pattern)).toEqual(patterns);
    expect(conjuncts?.map((c) => c.negated)).toEqual(negated);
    // Exactly the strings the lookahead pattern matches.
    const whole = new RegExp(source, "u");
    for (const probe of probes) {
      const all = (conjuncts ?? []).every((c) => new RegExp(c.pattern, "u").test(probe) !== c.negated);
      expect(all, JSON.stringify(probe)).toBe(whole.test(probe));
    }
    for (const c of conjuncts ?? []) expect(translatePattern(c.pattern).ok).toBe(true);
  });

  it.each([
    ["not anchored", "(?=.*\\d)\\w+"],
    ["a lookahead after the start", "^a(?=b)"],
    ["alternatives", "^(?=a)a|b"],
    ["a lookbehind", "^(?<=a)b"],
    ["a backreference in the rest", "^(?=a)(a)\\1$"],
    ["no lookahead", "^(a)\\1$"],
  ])("leaves %s alone", (_what, source) => {
    expect(splitLeadingLookaheads(source)).toBeUndefined();
  });
});
