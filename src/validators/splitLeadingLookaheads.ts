import { parsePattern, type PatternNode } from "./parsePattern.js";
import { printEcmaPattern } from "./printEcmaPattern.js";
import { translatePattern } from "./translatePattern.js";

export interface PatternConjunct {
  /** ECMA-262 (`u`) text that runs on RE2. */
  pattern: string;
  /** The value must not match it (a negative lookahead). */
  negated: boolean;
}

const start: PatternNode = { kind: "assertion", name: "start" };

/**
 * `^(?=A)(?!B)REST` as the patterns it is the conjunction of: `^(?:A)`, not `^(?:B)`, `^REST` (exactly the same
 * strings: without the `m` flag `^` holds only at the start, where every lookahead is evaluated). RE2 has no
 * lookahead; this is the one form whose rewriting is certain (password rules are written this way). `undefined` for
 * any other pattern, or when a part still cannot run on RE2.
 */
export function splitLeadingLookaheads(source: string): PatternConjunct[] | undefined {
  let nodes: PatternNode[];
  try {
    const { tree } = parsePattern(source);
    if (tree.alternatives.length !== 1) return undefined;
    nodes = tree.alternatives[0] ?? [];
  } catch {
    return undefined;
  }
  if (nodes[0]?.kind !== "assertion" || nodes[0].name !== "start") return undefined;
  const conjuncts: PatternConjunct[] = [];
  let index = 1;
  for (let node = nodes[index]; node?.kind === "lookaround" && !node.behind; node = nodes[++index]) {
    const body: PatternNode = { kind: "group", capturing: false, body: node.body };
    conjuncts.push({ pattern: printEcmaPattern({ kind: "alternation", alternatives: [[start, body]] }), negated: node.negated });
  }
  if (conjuncts.length === 0) return undefined;
  conjuncts.push({ pattern: printEcmaPattern({ kind: "alternation", alternatives: [[start, ...nodes.slice(index)]] }), negated: false });
  return conjuncts.every((c) => translatePattern(c.pattern).ok) ? conjuncts : undefined;
}
