/**
 * Byte spans of the objects near the top of a JSON document (the root, `/paths`, `/components`, `/paths/{p}`,
 * `/components/{section}`, ...), so that a changed file can be re-parsed member by member (`spliceJson`).
 *
 * Offsets are relative to the object's own `{`, so an unchanged object keeps its spans when text before it grows or
 * shrinks: only the members after an edit move, and only in the containers enclosing the edit.
 */
export interface JsonObjectSpans {
  /** Offset of the closing `}`. */
  close: number;
  members: JsonMemberSpans[];
}

export interface JsonMemberSpans {
  key: string;
  /** Offset of the key's opening quote. */
  keyStart: number;
  /** Offset of the value's first byte. */
  valueStart: number;
  /** Offset just after the value's last byte. */
  valueEnd: number;
  /** Spans of the value when it is an object at a recorded depth. */
  child?: JsonObjectSpans;
}

/** Objects at depth 0 (root), 1 (`/paths`) and 2 (`/paths/{p}`, `/components/schemas`) get member spans. */
export const SPAN_DEPTH = 2;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

export function isJsonWhitespace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export function skipJsonWhitespace({ bytes, at, end }: { bytes: Uint8Array; at: number; end: number }): number {
  let i = at;
  while (i < end && isJsonWhitespace(bytes[i])) i++;
  return i;
}

/** Index just after the string starting at `at` (a `"`), or -1 when it is not closed before `end`. */
function skipString(bytes: Buffer, at: number, end: number): number {
  let from = at + 1;
  for (;;) {
    const quote = bytes.indexOf(QUOTE, from);
    if (quote < 0 || quote >= end) return -1;
    let backslashes = 0;
    for (let k = quote - 1; k > at && bytes[k] === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/**
 * Index just after the value starting at `at` (bracket matching, strings skipped), or -1. Not a validation: the bytes
 * of a value are checked by `JSON.parse` when they are parsed.
 */
function skipValue(bytes: Buffer, at: number, end: number): number {
  const first = bytes[at];
  if (first === QUOTE) return skipString(bytes, at, end);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    let i = at;
    while (i < end) {
      const c = bytes[i] as number;
      if (c === QUOTE) {
        i = skipString(bytes, i, end);
        if (i < 0) return -1;
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return -1;
  }
  let i = at;
  while (i < end) {
    const c = bytes[i];
    if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isJsonWhitespace(c)) break;
    i++;
  }
  return i > at ? i : -1;
}

/** The string a JSON key's bytes (quotes included) stand for, or `undefined` when they are not a valid JSON string. */
function decodeKey(bytes: Buffer, start: number, end: number): string | undefined {
  const raw = bytes.toString("utf8", start, end);
  if (!raw.includes("\\")) {
    // Control characters are not allowed raw in a JSON string; let JSON.parse judge such a key.
    let plain = true;
    for (let i = 1; i < raw.length - 1; i++) {
      if (raw.charCodeAt(i) < 0x20) {
        plain = false;
        break;
      }
    }
    if (plain) return raw.slice(1, -1);
  }
  try {
    const key: unknown = JSON.parse(raw);
    return typeof key === "string" ? key : undefined;
  } catch {
    return undefined;
  }
}

/** One member as found by `scanJsonMembers`; offsets absolute. */
export interface ScannedMember {
  key: string;
  keyStart: number;
  valueStart: number;
  valueEnd: number;
  child?: JsonObjectSpans;
}

/**
 * Scans `"key": value` members separated by commas between `start` and `end` (whitespace allowed around them), as
 * found inside an object at `depth`. `undefined` when the bytes are not such a list (or a key is not a valid string).
 * Values of members are only skipped (or, below `SPAN_DEPTH`, scanned for their own spans), not validated.
 */
export function scanJsonMembers({ bytes, start, end, depth }: { bytes: Buffer; start: number; end: number; depth: number }): ScannedMember[] | undefined {
  const scanned = scanMembers(bytes, start, end, depth, false);
  return scanned && scanned.end === end ? scanned.members : undefined;
}

/**
 * The members from `start` on: up to `end` (`toBrace` false), or up to the `}` closing the object (`toBrace` true,
 * `end` only bounds the search). Returns the members and where the list ended (the `}` or `end`).
 */
function scanMembers(bytes: Buffer, start: number, end: number, depth: number, toBrace: boolean): { members: ScannedMember[]; end: number } | undefined {
  const members: ScannedMember[] = [];
  let i = skipJsonWhitespace({ bytes, at: start, end });
  if (toBrace ? i < end && bytes[i] === CLOSE_BRACE : i === end) return { members, end: i };
  for (;;) {
    if (i >= end || bytes[i] !== QUOTE) return undefined;
    const keyStart = i;
    const keyEnd = skipString(bytes, i, end);
    if (keyEnd < 0) return undefined;
    const key = decodeKey(bytes, keyStart, keyEnd);
    if (key === undefined) return undefined;
    i = skipJsonWhitespace({ bytes, at: keyEnd, end });
    if (bytes[i] !== COLON) return undefined;
    const valueStart = skipJsonWhitespace({ bytes, at: i + 1, end });
    if (valueStart >= end) return undefined;
    let valueEnd: number;
    let child: JsonObjectSpans | undefined;
    if (bytes[valueStart] === OPEN_BRACE && depth + 1 <= SPAN_DEPTH) {
      const scanned = scanJsonObject({ bytes, start: valueStart, end, depth: depth + 1 });
      if (!scanned) return undefined;
      child = scanned.spans;
      valueEnd = scanned.end;
    } else {
      valueEnd = skipValue(bytes, valueStart, end);
      if (valueEnd < 0) return undefined;
    }
    members.push(child ? { key, keyStart, valueStart, valueEnd, child } : { key, keyStart, valueStart, valueEnd });
    i = skipJsonWhitespace({ bytes, at: valueEnd, end });
    if (toBrace ? i < end && bytes[i] === CLOSE_BRACE : i === end) return { members, end: i };
    if (i >= end || bytes[i] !== COMMA) return undefined;
    i = skipJsonWhitespace({ bytes, at: i + 1, end });
  }
}

/** Whether member keys are usable for splicing: no key twice (JSON.parse keeps the last) and no `__proto__`. */
export function hasPlainKeys(keys: Iterable<string>): boolean {
  const seen = new Set<string>();
  for (const key of keys) {
    if (key === "__proto__" || seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

/** Spans of the object starting at `start` (a `{`); `end` bounds the search. */
export function scanJsonObject({ bytes, start, end, depth }: { bytes: Buffer; start: number; end: number; depth: number }): { spans: JsonObjectSpans; end: number } | undefined {
  if (bytes[start] !== OPEN_BRACE) return undefined;
  const scanned = scanMembers(bytes, start + 1, end, depth, true);
  if (!scanned || !hasPlainKeys(scanned.members.map((m) => m.key))) return undefined;
  const close = scanned.end;
  const members = scanned.members.map((m): JsonMemberSpans => {
    const relative: JsonMemberSpans = { key: m.key, keyStart: m.keyStart - start, valueStart: m.valueStart - start, valueEnd: m.valueEnd - start };
    if (m.child) relative.child = m.child;
    return relative;
  });
  return { spans: { close: close - start, members }, end: close + 1 };
}

/** The root object's offset and spans, or `undefined` when the document is not one object (with nothing after it). */
export function scanJsonSpans({ bytes }: { bytes: Buffer }): { start: number; spans: JsonObjectSpans } | undefined {
  const start = skipJsonWhitespace({ bytes, at: 0, end: bytes.length });
  const scanned = scanJsonObject({ bytes, start, end: bytes.length, depth: 0 });
  if (!scanned) return undefined;
  if (skipJsonWhitespace({ bytes, at: scanned.end, end: bytes.length }) !== bytes.length) return undefined;
  return { start, spans: scanned.spans };
}
