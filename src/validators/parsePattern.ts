/**
 * A spec `pattern` read into a tree, as ECMA-262 with the `u` flag reads it, plus the forms other engines write whose
 * meaning is certain (each listed in `changes`): needless identity escapes (`\-`, `\_`, `\:`, `\ ` ...), a `-` next to
 * a class escape (`[\w-.]`, Annex B: a literal hyphen), lone `{`, `}` and `]`, PCRE's `\A`, `\z`, `\Z` (last in a
 * top-level alternative), `(?P<name>`, `\Q...\E` and POSIX classes (`[[:alpha:]]`). Anything else that is not valid
 * ECMA-262 with `u`, or whose meaning differs between engines (`\h`, `\e`, octal escapes, possessive quantifiers,
 * atomic groups, inline flags), throws a `PatternError` saying why.
 */

export type ClassEscape = "d" | "D" | "w" | "W" | "s" | "S";

export type ClassItem =
  | { kind: "char"; cp: number }
  | { kind: "range"; from: number; to: number }
  | { kind: "set"; name: ClassEscape }
  | { kind: "property"; negated: boolean; name: string };

export interface PatternAlternation {
  kind: "alternation";
  alternatives: PatternNode[][];
}

export type PatternNode =
  | { kind: "char"; cp: number }
  | { kind: "dot" }
  | { kind: "set"; name: ClassEscape }
  | { kind: "property"; negated: boolean; name: string }
  | { kind: "class"; negated: boolean; items: ClassItem[] }
  | { kind: "assertion"; name: "start" | "end" | "wordBoundary" | "notWordBoundary" }
  | { kind: "group"; capturing: boolean; name?: string; body: PatternAlternation }
  | { kind: "lookaround"; behind: boolean; negated: boolean; body: PatternAlternation }
  | { kind: "backreference"; ref: string }
  | { kind: "repeat"; min: number; max: number | null; lazy: boolean; body: PatternNode };

export interface ParsedPattern {
  tree: PatternAlternation;
  /** What was translated from another engine's syntax (empty: the pattern is ECMA-262 with `u` as written). */
  changes: string[];
}

export class PatternError extends Error {
  readonly index: number;
  constructor({ message, index }: { message: string; index: number }) {
    super(message);
    this.index = index;
  }
}

/** POSIX bracket classes, as ASCII ranges (what PCRE means by them without UCP). */
const posixClasses: Record<string, ClassItem[]> = {
  alpha: [range("a", "z"), range("A", "Z")],
  digit: [range("0", "9")],
  alnum: [range("a", "z"), range("A", "Z"), range("0", "9")],
  upper: [range("A", "Z")],
  lower: [range("a", "z")],
  space: [{ kind: "range", from: 9, to: 13 }, char(" ")],
  blank: [char(" "), char("\t")],
  punct: [range("!", "/"), range(":", "@"), range("[", "`"), range("{", "~")],
  xdigit: [range("0", "9"), range("A", "F"), range("a", "f")],
  word: [{ kind: "set", name: "w" }],
  cntrl: [{ kind: "range", from: 0, to: 31 }, { kind: "char", cp: 127 }],
  print: [range(" ", "~")],
  graph: [range("!", "~")],
};

function char(c: string): ClassItem {
  return { kind: "char", cp: c.codePointAt(0) ?? 0 };
}

function range(from: string, to: string): ClassItem {
  return { kind: "range", from: from.codePointAt(0) ?? 0, to: to.codePointAt(0) ?? 0 };
}

/** Characters `\` may escape under the `u` flag, outside a class (inside one, `-` too). */
const syntaxCharacters = new Set([..."^$\\.*+?()[]{}|/"]);
const controlEscapes: Record<string, number> = { f: 12, n: 10, r: 13, t: 9, v: 11 };
/** Letters whose escape means something else in PCRE (or nothing in ECMA-262), so no meaning is certain. */
const ambiguousLetterHelp = "its meaning differs between regex engines (ECMA-262 without `u` reads it as the letter itself)";

export function parsePattern(source: string): ParsedPattern {
  return new Parser(source).parse();
}

class Parser {
  private index = 0;
  private readonly changes = new Set<string>();
  private readonly groupCount: number;
  private readonly groupNames: Set<string>;

  constructor(private readonly source: string) {
    const groups = countGroups(source);
    this.groupCount = groups.count;
    this.groupNames = groups.names;
  }

  parse(): ParsedPattern {
    const tree = this.alternation(0);
    if (this.index < this.source.length) this.fail("unmatched `)`");
    return { tree, changes: [...this.changes] };
  }

  private fail(message: string, index = this.index): never {
    throw new PatternError({ message, index });
  }

  private peek(offset = 0): string | undefined {
    return this.source[this.index + offset];
  }

  private startsWith(text: string): boolean {
    return this.source.startsWith(text, this.index);
  }

  private alternation(depth: number): PatternAlternation {
    const alternatives: PatternNode[][] = [this.sequence(depth)];
    while (this.peek() === "|") {
      this.index++;
      alternatives.push(this.sequence(depth));
    }
    return { kind: "alternation", alternatives };
  }

  private sequence(depth: number): PatternNode[] {
    const nodes: PatternNode[] = [];
    while (this.index < this.source.length && this.peek() !== "|" && this.peek() !== ")") {
      if (this.startsWith("\\Z")) {
        this.finalNewlineEnd({ depth, nodes });
        continue;
      }
      if (this.startsWith("\\Q")) {
        nodes.push(...this.quoted());
        continue;
      }
      const start = this.index;
      const atom = this.atom(depth);
      nodes.push(this.quantified({ atom, start }));
    }
    return nodes;
  }

  /** PCRE `\Z` (end, or before a final newline): `\n?$` when nothing follows it in a top-level alternative. */
  private finalNewlineEnd({ depth, nodes }: { depth: number; nodes: PatternNode[] }): void {
    const at = this.index;
    this.index += 2;
    const next = this.peek();
    if (depth > 0 || (next !== undefined && next !== "|")) {
      this.fail("PCRE `\\Z` is translated only at the end of a top-level alternative (elsewhere its meaning depends on what follows)", at);
    }
    this.changes.add("PCRE `\\Z` as `\\n?$`");
    nodes.push({ kind: "repeat", min: 0, max: 1, lazy: false, body: { kind: "char", cp: 10 } }, { kind: "assertion", name: "end" });
  }

  /** PCRE `\Q...\E`: literal text. */
  private quoted(): PatternNode[] {
    this.index += 2;
    const end = this.source.indexOf("\\E", this.index);
    const text = this.source.slice(this.index, end < 0 ? undefined : end);
    this.index = end < 0 ? this.source.length : end + 2;
    this.changes.add("PCRE `\\Q...\\E` as escaped literal text");
    return [...text].map((c) => ({ kind: "char", cp: c.codePointAt(0) ?? 0 }));
  }

  private atom(depth: number): PatternNode {
    const c = this.peek() as string;
    switch (c) {
      case "^":
        this.index++;
        return { kind: "assertion", name: "start" };
      case "$":
        this.index++;
        return { kind: "assertion", name: "end" };
      case ".":
        this.index++;
        return { kind: "dot" };
      case "(":
        return this.group(depth);
      case "[":
        return this.characterClass();
      case "\\":
        return this.escape();
      case "*":
      case "+":
      case "?":
        return this.fail(`\`${c}\` has nothing to repeat`);
      case "{":
        if (this.quantifierAt(this.index)) this.fail("`{` quantifier has nothing to repeat");
        if (/^\{,\d+\}/.test(this.source.slice(this.index))) this.fail("`{,n}` is a quantifier in PCRE and literal text in ECMA-262");
        this.changes.add("a literal `{` escaped");
        this.index++;
        return { kind: "char", cp: 123 };
      case "}":
      case "]":
        this.changes.add(`a literal \`${c}\` escaped`);
        this.index++;
        return { kind: "char", cp: c.charCodeAt(0) };
      default: {
        const cp = this.source.codePointAt(this.index) ?? 0;
        this.index += cp > 0xffff ? 2 : 1;
        return { kind: "char", cp };
      }
    }
  }

  private group(depth: number): PatternNode {
    const at = this.index;
    this.index++;
    let node: PatternNode;
    const body = () => this.alternation(depth + 1);
    if (this.startsWith("?:")) {
      this.index += 2;
      node = { kind: "group", capturing: false, body: body() };
    } else if (this.startsWith("?=") || this.startsWith("?!")) {
      const negated = this.peek(1) === "!";
      this.index += 2;
      node = { kind: "lookaround", behind: false, negated, body: body() };
    } else if (this.startsWith("?<=") || this.startsWith("?<!")) {
      const negated = this.peek(2) === "!";
      this.index += 3;
      node = { kind: "lookaround", behind: true, negated, body: body() };
    } else if (this.startsWith("?<") || this.startsWith("?P<")) {
      if (this.peek(1) === "P") this.changes.add("PCRE `(?P<name>` as `(?<name>`");
      this.index += this.peek(1) === "P" ? 3 : 2;
      const name = this.groupName();
      node = { kind: "group", capturing: true, name, body: body() };
    } else if (this.peek() === "?") {
      this.fail("`(?` here is an inline flag, atomic group or other construct ECMA-262 does not have", at);
    } else node = { kind: "group", capturing: true, body: body() };
    if (this.peek() !== ")") this.fail("unterminated group", at);
    this.index++;
    return node;
  }

  private groupName(): string {
    const match = /^([A-Za-z_$][\w$]*)>/.exec(this.source.slice(this.index));
    if (!match?.[1]) this.fail("invalid group name");
    this.index += match[0].length;
    return match[1];
  }

  /** `{n}`, `{n,}` or `{n,m}` at `index`. */
  private quantifierAt(index: number): RegExpExecArray | null {
    return /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(index));
  }

  private quantified({ atom, start }: { atom: PatternNode; start: number }): PatternNode {
    const c = this.peek();
    let min: number;
    let max: number | null;
    const braces = c === "{" ? this.quantifierAt(this.index) : null;
    if (c === "*" || c === "+" || c === "?") {
      [min, max] = c === "*" ? [0, null] : c === "+" ? [1, null] : [0, 1];
      this.index++;
    } else if (braces) {
      min = Number(braces[1]);
      max = braces[2] === undefined ? min : braces[3] === "" ? null : Number(braces[3]);
      if (max !== null && max < min) this.fail("numbers out of order in `{}` quantifier");
      this.index += braces[0].length;
    } else return atom;
    if (atom.kind === "assertion" || atom.kind === "lookaround") this.fail("an assertion cannot be repeated", start);
    const lazy = this.peek() === "?";
    if (lazy) this.index++;
    if (this.peek() === "+") this.fail("a possessive quantifier (PCRE `++`, `*+`) has no ECMA-262 equivalent");
    if (this.peek() === "*" || this.peek() === "+" || this.peek() === "?") this.fail(`\`${this.peek() ?? ""}\` has nothing to repeat`);
    return { kind: "repeat", min, max, lazy, body: atom };
  }

  private escape(): PatternNode {
    const at = this.index;
    const c = this.peek(1);
    if (c === undefined) this.fail("`\\` at the end of the pattern");
    if (c === "b" || c === "B") {
      this.index += 2;
      return { kind: "assertion", name: c === "b" ? "wordBoundary" : "notWordBoundary" };
    }
    if (c === "A" || c === "z") {
      this.index += 2;
      this.changes.add(`PCRE \`\\${c}\` as \`${c === "A" ? "^" : "$"}\``);
      return { kind: "assertion", name: c === "A" ? "start" : "end" };
    }
    if (c === "k") return this.namedBackreference(at);
    if (/[1-9]/.test(c)) {
      const digits = /^\d+/.exec(this.source.slice(this.index + 1))?.[0] ?? c;
      if (Number(digits) > this.groupCount) this.fail(`\`\\${digits}\` is an octal escape in some engines and a backreference in others`, at);
      this.index += 1 + digits.length;
      return { kind: "backreference", ref: digits };
    }
    const item = this.escapeAtom({ inClass: false });
    return item.kind === "range" ? this.fail("unexpected range", at) : item;
  }

  private namedBackreference(at: number): PatternNode {
    this.index += 2;
    if (this.peek() !== "<") this.fail("`\\k` must name a group (`\\k<name>`)", at);
    this.index++;
    const name = this.groupName();
    if (!this.groupNames.has(name)) this.fail(`\`\\k<${name}>\` names no group`, at);
    return { kind: "backreference", ref: name };
  }

  /** An escape that stands for a character or a set (after `\`), inside or outside a class. */
  private escapeAtom({ inClass }: { inClass: boolean }): ClassItem {
    const at = this.index;
    this.index++;
    const c = this.source[this.index] ?? "";
    const cp = this.source.codePointAt(this.index) ?? 0;
    this.index += cp > 0xffff ? 2 : 1;
    if ("dDwWsS".includes(c)) return { kind: "set", name: c as ClassEscape };
    if (c === "p" || c === "P") return this.property({ negated: c === "P", at });
    if (c in controlEscapes) return { kind: "char", cp: controlEscapes[c] ?? 0 };
    if (c === "b" && inClass) return { kind: "char", cp: 8 };
    if (c === "0" && !/\d/.test(this.peek() ?? "")) return { kind: "char", cp: 0 };
    if (c === "c" && /[A-Za-z]/.test(this.peek() ?? "")) return { kind: "char", cp: (this.source.charCodeAt(this.index++) ?? 0) % 32 };
    if (c === "x") return this.hexEscape({ digits: 2, at });
    if (c === "u") return this.unicodeEscape(at);
    if (syntaxCharacters.has(c) || (inClass && c === "-")) return { kind: "char", cp };
    if (/[0-9A-Za-z]/.test(c)) return this.fail(`\`\\${c}\`: ${ambiguousLetterHelp}`, at);
    this.changes.add(`needless escapes (\`\\${c}\` as \`${c}\`)`);
    return { kind: "char", cp };
  }

  private property({ negated, at }: { negated: boolean; at: number }): ClassItem {
    const match = /^\{([A-Za-z_]+(?:=[A-Za-z_]+)?)\}/.exec(this.source.slice(this.index));
    if (!match?.[1]) this.fail("`\\p` must be followed by a property in braces (`\\p{L}`)", at);
    this.index += match[0].length;
    return { kind: "property", negated, name: match[1] };
  }

  private hexEscape({ digits, at }: { digits: number; at: number }): ClassItem {
    const hex = this.source.slice(this.index, this.index + digits);
    if (!new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hex)) this.fail("`\\x` must be followed by two hex digits", at);
    this.index += digits;
    return { kind: "char", cp: parseInt(hex, 16) };
  }

  private unicodeEscape(at: number): ClassItem {
    const braced = /^\{([0-9A-Fa-f]{1,6})\}/.exec(this.source.slice(this.index));
    if (braced?.[1]) {
      const cp = parseInt(braced[1], 16);
      if (cp > 0x10ffff) this.fail("`\\u{...}` beyond U+10FFFF", at);
      this.index += braced[0].length;
      return { kind: "char", cp };
    }
    const hex = /^[0-9A-Fa-f]{4}/.exec(this.source.slice(this.index))?.[0];
    if (hex === undefined) this.fail("`\\u` must be followed by four hex digits or `{hex}`", at);
    this.index += 4;
    const high = parseInt(hex, 16);
    const low = /^\\u([Dd][C-Fc-f][0-9A-Fa-f]{2})/.exec(this.source.slice(this.index))?.[1];
    if (high >= 0xd800 && high <= 0xdbff && low !== undefined) {
      this.index += 6;
      return { kind: "char", cp: (high - 0xd800) * 0x400 + (parseInt(low, 16) - 0xdc00) + 0x10000 };
    }
    return { kind: "char", cp: high };
  }

  private characterClass(): PatternNode {
    const at = this.index;
    this.index++;
    const negated = this.peek() === "^";
    if (negated) this.index++;
    const items: ClassItem[] = [];
    while (this.peek() !== "]") {
      if (this.index >= this.source.length) this.fail("unterminated character class", at);
      const posix = this.posixClass();
      if (posix) {
        items.push(...posix);
        continue;
      }
      const first = this.classAtom();
      if (this.peek() !== "-" || this.peek(1) === "]" || this.peek(1) === undefined) {
        items.push(first);
        continue;
      }
      this.index++;
      const second = this.posixClass() ?? [this.classAtom()];
      items.push(...this.classRange({ first, second }));
    }
    this.index++;
    return { kind: "class", negated, items };
  }

  /** `a-z`, or (a class escape on either side: Annex B) the two and a literal hyphen. */
  private classRange({ first, second }: { first: ClassItem; second: ClassItem[] }): ClassItem[] {
    const [only] = second;
    if (first.kind !== "char" || second.length !== 1 || only?.kind !== "char") {
      this.changes.add("a `-` next to a class escape escaped (a literal hyphen)");
      return [first, { kind: "char", cp: 45 }, ...second];
    }
    if (only.cp < first.cp) this.fail("range out of order in character class");
    return [{ kind: "range", from: first.cp, to: only.cp }];
  }

  private posixClass(): ClassItem[] | undefined {
    const match = /^\[:(\^?)([a-z]+):\]/.exec(this.source.slice(this.index));
    if (!match?.[2]) return undefined;
    const items = posixClasses[match[2]];
    if (!items) this.fail(`unknown POSIX class \`[:${match[2]}:]\``);
    if (match[1]) this.fail("a negated POSIX class (`[:^name:]`) is not translated");
    this.index += match[0].length;
    this.changes.add(`POSIX class \`[:${match[2]}:]\` as its ASCII ranges`);
    return items;
  }

  private classAtom(): ClassItem {
    if (this.peek() === "\\") {
      if (this.peek(1) === "A" || this.peek(1) === "z" || this.peek(1) === "Z") this.fail(`\`\\${this.peek(1) ?? ""}\` inside a character class`);
      return this.escapeAtom({ inClass: true });
    }
    const cp = this.source.codePointAt(this.index) ?? 0;
    this.index += cp > 0xffff ? 2 : 1;
    return { kind: "char", cp };
  }
}

/** Capturing groups (for telling backreferences from octal escapes) and their names. */
function countGroups(source: string): { count: number; names: Set<string> } {
  let count = 0;
  const names = new Set<string>();
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    else if (c === "(" && !inClass) {
      const named = /^\(\?P?<([A-Za-z_$][\w$]*)>/.exec(source.slice(i));
      if (named?.[1]) names.add(named[1]);
      if (source[i + 1] !== "?" || named) count++;
    }
  }
  return { count, names };
}
