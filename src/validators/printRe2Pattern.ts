import type { ClassItem, PatternAlternation, PatternNode } from "./parsePattern.js";

type Range = readonly [number, number];

/** ECMA-262 `\s`: WhiteSpace and LineTerminator (RE2's `\s` is ASCII only). */
const whitespace: Range[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
/** What ECMA-262 `.` does not match without the `s` flag (RE2's `.` excludes only `\n`). */
const lineTerminators: Range[] = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
];

function complement(ranges: Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [from, to] of ranges) {
    if (from > next) out.push([next, from - 1]);
    next = to + 1;
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

/** ECMA-262 long General_Category names RE2 knows by their short names. */
const categories: Record<string, string> = {
  Letter: "L", Uppercase_Letter: "Lu", Lowercase_Letter: "Ll", Titlecase_Letter: "Lt", Modifier_Letter: "Lm", Other_Letter: "Lo",
  Mark: "M", Combining_Mark: "M", Spacing_Mark: "Mc", Enclosing_Mark: "Me", Nonspacing_Mark: "Mn",
  Number: "N", Decimal_Number: "Nd", digit: "Nd", Letter_Number: "Nl", Other_Number: "No",
  Punctuation: "P", punct: "P", Connector_Punctuation: "Pc", Dash_Punctuation: "Pd", Close_Punctuation: "Pe",
  Final_Punctuation: "Pf", Initial_Punctuation: "Pi", Other_Punctuation: "Po", Open_Punctuation: "Ps",
  Symbol: "S", Currency_Symbol: "Sc", Modifier_Symbol: "Sk", Math_Symbol: "Sm", Other_Symbol: "So",
  Separator: "Z", Line_Separator: "Zl", Paragraph_Separator: "Zp", Space_Separator: "Zs",
  Other: "C", Control: "Cc", cntrl: "Cc", Format: "Cf", Private_Use: "Co", Surrogate: "Cs",
};

/** Not expressible on RE2 (the reason is the message). */
export class Re2Unsupported extends Error {}

function hex(cp: number): string {
  if (cp >= 0xd800 && cp <= 0xdfff) throw new Re2Unsupported("a lone surrogate code point");
  // Letters, digits and punctuation that is literal in RE2 everywhere (inside a class too); the rest as `\x{...}`.
  return /^[A-Za-z0-9_/:@,'"=<>!#%&~`; ]$/.test(String.fromCodePoint(cp)) ? String.fromCodePoint(cp) : `\\x{${cp.toString(16).toUpperCase()}}`;
}

function printRanges(ranges: Range[]): string {
  return ranges.map(([from, to]) => (from === to ? hex(from) : `${hex(from)}-${hex(to)}`)).join("");
}

function printProperty({ negated, name }: { negated: boolean; name: string }): string {
  const [key, value] = name.includes("=") ? name.split("=") : [undefined, name];
  if (value === undefined) throw new Re2Unsupported(`the property \`${name}\``);
  if (key === "Script_Extensions" || key === "scx") throw new Re2Unsupported("Script_Extensions properties");
  if (key === undefined && value === "Any") return negated ? "[^\\x{0}-\\x{10FFFF}]" : "[\\x{0}-\\x{10FFFF}]";
  if (key === undefined && value === "ASCII") return negated ? "[^\\x{0}-\\x{7F}]" : "[\\x{0}-\\x{7F}]";
  return `\\${negated ? "P" : "p"}{${categories[value] ?? value}}`;
}

/** A class item as RE2 class members (inside `[...]`). */
function classMembers(item: ClassItem): string {
  switch (item.kind) {
    case "char":
      return hex(item.cp);
    case "range":
      return `${hex(item.from)}-${hex(item.to)}`;
    case "set":
      if (item.name === "s") return printRanges(whitespace);
      if (item.name === "S") return printRanges(complement(whitespace));
      return `\\${item.name}`;
    case "property": {
      const printed = printProperty(item);
      return printed.startsWith("[") ? printed.slice(1, -1).replace(/^\^/, "") : printed;
    }
  }
}

function printClass({ negated, items }: { negated: boolean; items: ClassItem[] }): string {
  if (items.some((i) => i.kind === "property" && printProperty(i).startsWith("["))) {
    throw new Re2Unsupported("`\\p{Any}` or `\\p{ASCII}` inside a class");
  }
  if (items.length === 0) return negated ? "[\\x{0}-\\x{10FFFF}]" : "[^\\x{0}-\\x{10FFFF}]";
  return `[${negated ? "^" : ""}${items.map(classMembers).join("")}]`;
}

/** RE2 rejects repeat counts above 1000. */
const maxRepeat = 1000;

function printRepeat({ min, max, lazy, body }: { min: number; max: number | null; lazy: boolean; body: PatternNode }): string {
  if (min > maxRepeat || (max ?? 0) > maxRepeat) throw new Re2Unsupported(`a repeat count above ${maxRepeat}`);
  const base = min === 0 && max === null ? "*" : min === 1 && max === null ? "+" : min === 0 && max === 1 ? "?" : max === min ? `{${min}}` : `{${min},${max ?? ""}}`;
  return `${printNode(body)}${base}${lazy ? "?" : ""}`;
}

const assertions = { start: "^", end: "$", wordBoundary: "\\b", notWordBoundary: "\\B" } as const;

function printNode(node: PatternNode): string {
  switch (node.kind) {
    case "char":
      return hex(node.cp);
    case "dot":
      return `[${printRanges(complement(lineTerminators))}]`;
    case "set":
      return node.name === "s" || node.name === "S" ? `[${classMembers(node)}]` : `\\${node.name}`;
    case "property":
      return printProperty(node);
    case "class":
      return printClass(node);
    case "assertion":
      return assertions[node.name];
    case "group":
      return `(?:${printRe2Pattern(node.body)})`;
    case "lookaround":
      throw new Re2Unsupported(`a look${node.behind ? "behind" : "ahead"} (\`(?${node.behind ? "<" : ""}${node.negated ? "!" : "="}\`)`);
    case "backreference":
      throw new Re2Unsupported(`a backreference (\`\\${/^\d+$/.test(node.ref) ? node.ref : `k<${node.ref}>`}\`)`);
    case "repeat":
      return printRepeat(node);
  }
}

/**
 * The tree as RE2 syntax with the meaning ECMA-262 (`u` flag, no other flags) gives it: `.`, `\s` and `\S` spelled out
 * (RE2's differ), `^`/`$` as RE2 reads them without the `m` flag (start and end of the text, as ECMA-262 does), groups
 * non-capturing (only matching is asked). Throws `Re2Unsupported` for what RE2 cannot run (lookaround,
 * backreferences, repeat counts above 1000, some Unicode properties).
 */
export function printRe2Pattern(tree: PatternAlternation): string {
  return tree.alternatives.map((nodes) => nodes.map(printNode).join("")).join("|");
}
