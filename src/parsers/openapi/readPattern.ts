import { splitLeadingLookaheads, type PatternConjunct } from "../../validators/splitLeadingLookaheads.js";
import { translatePattern } from "../../validators/translatePattern.js";
import { childCursor, report, type ReadContext } from "./ReadContext.js";
import type { Cursor } from "./SpecFile.js";

const optOut = "add `x-vx-validate: false` to this schema to leave it unchecked (vx-gen then warns that it is not validated)";

/**
 * A schema's `pattern` (or `patternProperties` key) at `at`, as the validators run it: ECMA-262 with the `u` flag,
 * translated from another engine's syntax when the meaning is certain (VX120, info). A pattern that cannot be compiled
 * (VX117) or cannot run on the linear-time engine (VX118) is an error at its place, so `validate` and `generate`
 * both stop on it; `undefined` then. Reports are deduplicated by place, so the IR and JSON Schema walks may both ask.
 * With `split` (a `pattern` keyword, not a `patternProperties` key), leading lookaheads (`^(?=.*\d)(?!x).{8,}$`) are
 * read as the patterns they are the conjunction of (`conjuncts`, VX120; `pattern` is then the text as written).
 */
export function readPattern({ ctx, pattern, at, split = false }: { ctx: ReadContext; pattern: string; at: Cursor; split?: boolean }): { pattern: string; conjuncts?: PatternConjunct[] } | undefined {
  const translated = translatePattern(pattern);
  const conjuncts = split && !translated.ok && translated.problem === "not-linear" ? splitLeadingLookaheads(pattern) : undefined;
  if (conjuncts) {
    const listed = conjuncts.map((c) => `${c.negated ? "not " : ""}${JSON.stringify(c.pattern)}`).join(", ");
    report({ ctx, code: "VX120", message: `pattern ${JSON.stringify(pattern)} is read as the patterns its leading lookaheads stand for, all checked: ${listed}`, at });
    return { pattern, conjuncts };
  }
  if (translated.ok) {
    if (translated.changes.length > 0) {
      report({ ctx, code: "VX120", message: `pattern ${JSON.stringify(pattern)} is read as ${JSON.stringify(translated.pattern)}: ${translated.changes.join("; ")}`, at });
    }
    return { pattern: translated.pattern };
  }
  if (translated.problem === "invalid") {
    report({
      ctx,
      code: "VX117",
      message: `pattern ${JSON.stringify(pattern)} cannot be compiled: ${translated.message}`,
      at,
      help: `write it as an ECMA-262 regular expression (JSON Schema's dialect, with the \`u\` flag), or ${optOut}`,
    });
  } else {
    report({
      ctx,
      code: "VX118",
      message: `pattern ${JSON.stringify(pattern)} cannot run in linear time: ${translated.message}`,
      at,
      help: `validators run patterns on RE2 (no backtracking, so no request can stall the server); rewrite it without lookaround or backreferences (a lookahead such as \`^(?=.*[0-9])\` can be a separate \`pattern\` in an \`allOf\`), or ${optOut}`,
    });
  }
  return undefined;
}

/**
 * Whether the schema at `cursor` opts out of validation (`x-vx-validate: false`): it then accepts any value and is
 * typed `unknown`, with a VX119 warning, so nothing is ever unchecked without a word.
 */
export function optsOutOfValidation({ ctx, cursor }: { ctx: ReadContext; cursor: Cursor }): boolean {
  const value = cursor.value;
  if (typeof value !== "object" || value === null || (value as Record<string, unknown>)["x-vx-validate"] !== false) return false;
  report({
    ctx,
    code: "VX119",
    message: "this schema is not validated (`x-vx-validate: false`): any value is accepted here and typed `unknown`",
    at: childCursor({ cursor, segments: ["x-vx-validate"] }),
  });
  return true;
}
