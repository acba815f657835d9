import type { RegExpEngine } from "ajv/dist/types/index.js";
import { RE2JS } from "re2js";
import { translatePattern } from "./translatePattern.js";

/** The name generated modules give their pattern factory (`patternEngineSource` defines it). */
export const patternEngineIdentifier = "vxPattern";

export interface PatternEngine {
  /** For Ajv's `code.regExp`: every pattern is compiled on RE2 (linear time); generated code calls `vxPattern`. */
  regExp: RegExpEngine;
  /** The patterns compiled so far: spec text (what Ajv prints, and error messages show) -> RE2 text. */
  used: Map<string, string>;
}

/**
 * Ajv's regular-expression engine for one compilation: each pattern is translated (`translatePattern`) and run on
 * re2js, a linear-time engine (no backtracking: `^(a+)+$` on 10,000 characters costs microseconds, not the event
 * loop). A pattern it cannot run throws, so the schema does not compile: nothing is ever left unchecked.
 */
export function createPatternEngine(): PatternEngine {
  const used = new Map<string, string>();
  const compile = (pattern: string): RE2JS => {
    const translated = translatePattern(pattern);
    if (!translated.ok) throw new Error(`pattern ${JSON.stringify(pattern)}: ${translated.message}`);
    used.set(pattern, translated.re2);
    return RE2JS.compile(translated.re2);
  };
  const regExp: RegExpEngine = Object.assign(compile, { code: patternEngineIdentifier });
  return { regExp, used };
}

/**
 * The definition of `vxPattern` for a generated module whose patterns are `used`: each spec pattern's RE2 text, compiled
 * by re2js (loaded with `require`, as Ajv's run-time helpers are). Patterns are sorted, so the output is deterministic.
 */
export function patternEngineSource(used: ReadonlyMap<string, string>): string {
  const table = [...used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [
    `const ${patternEngineIdentifier} = ((RE2JS, sources) => (source) => RE2JS.compile(sources.get(source)))(`,
    `  require("re2js").RE2JS,`,
    `  new Map(${JSON.stringify(table)}),`,
    `);`,
  ].join("\n");
}
