import type { ClassItem, PatternAlternation, PatternNode } from "./parsePattern.js";

const outsideClass = new Set([..."^$\\.*+?()[]{}|/"]);
const insideClass = new Set([..."\\]^-["]);

const controls: Record<number, string> = { 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r" };

/** A code point as pattern text: itself (escaped when `special` says so), a control escape or a `\u{...}` escape. */
function printChar({ cp, special }: { cp: number; special: ReadonlySet<string> }): string {
  const control = controls[cp];
  if (control !== undefined) return control;
  if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp <= 0xa0) || cp === 0x2028 || cp === 0x2029 || (cp >= 0xd800 && cp <= 0xdfff)) {
    return `\\u{${cp.toString(16).toUpperCase()}}`;
  }
  const c = String.fromCodePoint(cp);
  return special.has(c) ? `\\${c}` : c;
}

function printClassItem(item: ClassItem): string {
  switch (item.kind) {
    case "char":
      return printChar({ cp: item.cp, special: insideClass });
    case "range":
      return `${printChar({ cp: item.from, special: insideClass })}-${printChar({ cp: item.to, special: insideClass })}`;
    case "set":
      return `\\${item.name}`;
    case "property":
      return `\\${item.negated ? "P" : "p"}{${item.name}}`;
  }
}

function printQuantifier({ min, max, lazy }: { min: number; max: number | null; lazy: boolean }): string {
  const base = min === 0 && max === null ? "*" : min === 1 && max === null ? "+" : min === 0 && max === 1 ? "?" : max === min ? `{${min}}` : `{${min},${max ?? ""}}`;
  return lazy ? `${base}?` : base;
}

const assertions = { start: "^", end: "$", wordBoundary: "\\b", notWordBoundary: "\\B" } as const;

function printNode(node: PatternNode): string {
  switch (node.kind) {
    case "char":
      return printChar({ cp: node.cp, special: outsideClass });
    case "dot":
      return ".";
    case "set":
    case "property":
      return printClassItem(node);
    case "class":
      return `[${node.negated ? "^" : ""}${node.items.map(printClassItem).join("")}]`;
    case "assertion":
      return assertions[node.name];
    case "group":
      return `(${node.capturing ? (node.name === undefined ? "" : `?<${node.name}>`) : "?:"}${printEcmaPattern(node.body)})`;
    case "lookaround":
      return `(?${node.behind ? "<" : ""}${node.negated ? "!" : "="}${printEcmaPattern(node.body)})`;
    case "backreference":
      // `(?:\1)`: a digit printed after it must not extend the number.
      return /^\d+$/.test(node.ref) ? `(?:\\${node.ref})` : `\\k<${node.ref}>`;
    case "repeat":
      return `${printNode(node.body)}${printQuantifier(node)}`;
  }
}

/** The tree as ECMA-262 pattern text valid with the `u` flag (same meaning as the tree). */
export function printEcmaPattern(tree: PatternAlternation): string {
  return tree.alternatives.map((nodes) => nodes.map(printNode).join("")).join("|");
}
