import { RE2JS } from "re2js";
import { parsePattern, PatternError, type ParsedPattern } from "./parsePattern.js";
import { printEcmaPattern } from "./printEcmaPattern.js";
import { printRe2Pattern, Re2Unsupported } from "./printRe2Pattern.js";

export type PatternTranslation =
  | {
      ok: true;
      /** The pattern as ECMA-262 with the `u` flag (the spec's own text when it is one already). */
      pattern: string;
      /** The same pattern in RE2 syntax, for the linear-time engine (`re2js`). */
      re2: string;
      /** What was translated from another engine's syntax (empty: nothing). */
      changes: string[];
    }
  | {
      ok: false;
      /** `invalid`: not a pattern, or its meaning is not certain; `not-linear`: valid, but RE2 cannot run it. */
      problem: "invalid" | "not-linear";
      message: string;
    };

function compilesNatively(pattern: string): string | undefined {
  try {
    new RegExp(pattern, "u");
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.replace(/^Invalid regular expression: /, "") : String(error);
  }
}

function parse(source: string): ParsedPattern | { message: string } {
  try {
    return parsePattern(source);
  } catch (error) {
    if (!(error instanceof PatternError)) throw error;
    return { message: `${error.message} (at character ${error.index + 1})` };
  }
}

function toRe2(parsed: ParsedPattern): { re2: string } | { message: string } {
  try {
    const re2 = printRe2Pattern(parsed.tree);
    RE2JS.compile(re2);
    return { re2 };
  } catch (error) {
    if (error instanceof Re2Unsupported) return { message: `${error.message} cannot run on a linear-time engine` };
    return { message: `the linear-time engine cannot compile it (${error instanceof Error ? error.message : String(error)})` };
  }
}

const cache = new Map<string, PatternTranslation>();

/**
 * A spec `pattern` (or `patternProperties` key) made ready for the validators: as ECMA-262 with the `u` flag (what
 * JSON Schema and Ajv read), translated from other engines' syntax when the meaning is certain (`parsePattern`), and
 * as RE2 syntax with the same meaning, for the linear-time engine the generated validators run patterns on. Refused
 * (`ok: false`) when it is not a valid pattern or its meaning is not certain (`invalid`), or when RE2 cannot run it:
 * lookaround, backreferences, repeat counts above 1000 (`not-linear`). Memoized by text.
 */
export function translatePattern(source: string): PatternTranslation {
  let result = cache.get(source);
  if (result === undefined) {
    result = translate(source);
    if (cache.size > 10_000) cache.clear();
    cache.set(source, result);
  }
  return result;
}

function translate(source: string): PatternTranslation {
  const parsed = parse(source);
  if ("message" in parsed) return { ok: false, problem: "invalid", message: parsed.message };
  const pattern = parsed.changes.length === 0 ? source : printEcmaPattern(parsed.tree);
  const nativeProblem = compilesNatively(pattern);
  if (nativeProblem !== undefined) return { ok: false, problem: "invalid", message: nativeProblem };
  const re2 = toRe2(parsed);
  if ("message" in re2) return { ok: false, problem: "not-linear", message: re2.message };
  return { ok: true, pattern, re2: re2.re2, changes: parsed.changes };
}
