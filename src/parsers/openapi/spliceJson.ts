import { hasPlainKeys, scanJsonMembers, scanJsonObject, scanJsonSpans, SPAN_DEPTH, type JsonMemberSpans, type JsonObjectSpans } from "./scanJsonSpans.js";

/** A parsed JSON document with the spans `spliceJson` needs to re-parse it member by member after an edit. */
export interface SplicedJson {
  bytes: Buffer;
  value: unknown;
  /** Offset of the root `{`. */
  start: number;
  spans: JsonObjectSpans;
}

/** How many leading bytes two buffers share (compared natively in blocks, then byte by byte in the last block). */
export function commonPrefixLength({ a, b }: { a: Buffer; b: Buffer }): number {
  const limit = Math.min(a.length, b.length);
  const block = 65536;
  let at = 0;
  while (at + block <= limit && a.compare(b, at, at + block, at, at + block) === 0) at += block;
  while (at < limit && a[at] === b[at]) at++;
  return at;
}

/** How many trailing bytes two buffers share, at most `limit`. */
export function commonSuffixLength({ a, b, limit }: { a: Buffer; b: Buffer; limit: number }): number {
  const block = 65536;
  let n = 0;
  while (n + block <= limit && a.compare(b, b.length - n - block, b.length - n, a.length - n - block, a.length - n) === 0) n += block;
  while (n < limit && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** The edit between two versions: old bytes `[from, oldTo)` became new bytes `[from, oldTo + delta)`. */
interface Edit {
  before: Buffer;
  after: Buffer;
  from: number;
  oldTo: number;
  delta: number;
}

/** Parses a member's new value (and scans it for spans when it is an object at a recorded depth). */
function parseMember({ after, start, end, depth }: { after: Buffer; start: number; end: number; depth: number }): { value: unknown; child?: JsonObjectSpans } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(after.toString("utf8", start, end));
  } catch {
    return undefined;
  }
  if (depth > SPAN_DEPTH || after[start] !== 0x7b) return { value };
  const scanned = scanJsonObject({ bytes: after, start, end, depth });
  if (!scanned || scanned.end !== end) return undefined;
  return { value, child: scanned.spans };
}

/** An object built in the order of `keys` (no `__proto__` among them: checked by `hasPlainKeys`). */
function objectOf(keys: readonly string[], valueOf: (key: string, index: number) => unknown): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) object[keys[i] as string] = valueOf(keys[i] as string, i);
  return object;
}

/** Index of the last member whose key starts at or before `offset`, or -1. */
function lastStartingBefore(members: readonly JsonMemberSpans[], offset: number): number {
  let low = 0;
  let high = members.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((members[mid] as JsonMemberSpans).keyStart <= offset) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/** Index of the first member whose value ends at or after `offset`, or -1. */
function firstEndingAfter(members: readonly JsonMemberSpans[], offset: number): number {
  let low = 0;
  let high = members.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((members[mid] as JsonMemberSpans).valueEnd >= offset) {
      found = mid;
      high = mid - 1;
    } else low = mid + 1;
  }
  return found;
}

/**
 * The new value and spans of the object at absolute offset `at` (unchanged by the edit, which lies inside it), or
 * `undefined` when the edit is not a change of some of its members (then the caller re-parses the whole object).
 */
function spliceObject({ edit, spans, value, at, depth }: { edit: Edit; spans: JsonObjectSpans; value: Record<string, unknown>; at: number; depth: number }): { value: Record<string, unknown>; spans: JsonObjectSpans } | undefined {
  const { before, after, delta } = edit;
  const from = edit.from - at;
  const to = edit.oldTo - at;
  if (from < 1 || to > spans.close) return undefined;
  const members = spans.members;
  const first = lastStartingBefore(members, from);
  const last = firstEndingAfter(members, to);

  // The edit is inside one member's value: go down into it, or re-parse that value alone.
  const only = first >= 0 && first === last ? (members[first] as JsonMemberSpans) : undefined;
  if (only && only.valueStart <= from && to <= only.valueEnd) {
    const old = value[only.key];
    let next: { value: unknown; child?: JsonObjectSpans } | undefined;
    if (only.child && typeof old === "object" && old !== null && !Array.isArray(old) && from > only.valueStart && to < only.valueEnd) {
      const inner = spliceObject({ edit, spans: only.child, value: old as Record<string, unknown>, at: at + only.valueStart, depth: depth + 1 });
      if (inner) next = { value: inner.value, child: inner.spans };
    }
    next ??= parseMember({ after, start: at + only.valueStart, end: at + only.valueEnd + delta, depth: depth + 1 });
    // Not one value any more (e.g. a member added after this one): the window below sees the whole change.
    if (next) return replaceOne({ spans, value, index: first, next, delta });
  }

  // Otherwise the members from `first` to `last` (or the whole body) are scanned again in the new text; those whose
  // bytes did not change keep their old value.
  const windowStart = first >= 0 ? (members[first] as JsonMemberSpans).keyStart : 1;
  const windowEnd = last >= 0 ? (members[last] as JsonMemberSpans).valueEnd : spans.close;
  const scanned = scanJsonMembers({ bytes: after, start: at + windowStart, end: at + windowEnd + delta, depth });
  if (!scanned) return undefined;
  const firstIndex = first >= 0 ? first : 0;
  const lastIndex = last >= 0 ? last : members.length - 1;
  if (scanned.length === 0 && (firstIndex > 0 || lastIndex < members.length - 1)) return undefined;
  const oldByKey = new Map<string, JsonMemberSpans>();
  for (let i = firstIndex; i <= lastIndex; i++) oldByKey.set((members[i] as JsonMemberSpans).key, members[i] as JsonMemberSpans);
  const replaced: { member: JsonMemberSpans; value: unknown }[] = [];
  for (const m of scanned) {
    const start = m.valueStart - at;
    const end = m.valueEnd - at;
    const old = oldByKey.get(m.key);
    const member: JsonMemberSpans = { key: m.key, keyStart: m.keyStart - at, valueStart: start, valueEnd: end };
    if (old && old.valueEnd - old.valueStart === end - start && before.compare(after, m.valueStart, m.valueEnd, at + old.valueStart, at + old.valueEnd) === 0) {
      if (old.child) member.child = old.child;
      replaced.push({ member, value: value[m.key] });
      continue;
    }
    const parsed = parseMember({ after, start: m.valueStart, end: m.valueEnd, depth: depth + 1 });
    if (!parsed) return undefined;
    if (parsed.child) member.child = parsed.child;
    replaced.push({ member, value: parsed.value });
  }
  const nextMembers = [...members.slice(0, firstIndex), ...replaced.map((r) => r.member), ...members.slice(lastIndex + 1).map((m) => shift(m, delta))];
  const keys = nextMembers.map((m) => m.key);
  if (!hasPlainKeys(keys)) return undefined;
  const replacedFrom = firstIndex;
  const replacedTo = firstIndex + replaced.length;
  const nextValue = objectOf(keys, (key, i) => (i >= replacedFrom && i < replacedTo ? (replaced[i - replacedFrom] as { value: unknown }).value : value[key]));
  return { value: nextValue, spans: { close: spans.close + delta, members: nextMembers } };
}

function replaceOne({ spans, value, index, next, delta }: { spans: JsonObjectSpans; value: Record<string, unknown>; index: number; next: { value: unknown; child?: JsonObjectSpans }; delta: number }): { value: Record<string, unknown>; spans: JsonObjectSpans } {
  const only = spans.members[index] as JsonMemberSpans;
  const member: JsonMemberSpans = { key: only.key, keyStart: only.keyStart, valueStart: only.valueStart, valueEnd: only.valueEnd + delta };
  if (next.child) member.child = next.child;
  const copy = { ...value };
  copy[only.key] = next.value;
  return { value: copy, spans: { close: spans.close + delta, members: spans.members.map((m, i) => (i < index ? m : i === index ? member : shift(m, delta))) } };
}

function shift(member: JsonMemberSpans, delta: number): JsonMemberSpans {
  if (delta === 0) return member;
  const moved: JsonMemberSpans = { key: member.key, keyStart: member.keyStart + delta, valueStart: member.valueStart + delta, valueEnd: member.valueEnd + delta };
  if (member.child) moved.child = member.child;
  return moved;
}

/** The spans of a freshly parsed document, when it is one JSON object whose recorded objects have plain keys. */
export function splicedJsonOf({ bytes, value }: { bytes: Buffer; value: unknown }): SplicedJson | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const scanned = scanJsonSpans({ bytes });
  return scanned ? { bytes, value, start: scanned.start, spans: scanned.spans } : undefined;
}

/**
 * The value of `after` (the new bytes of a JSON document), built from `previous` (its old bytes, value and spans) by
 * re-parsing only the members the edit touched: every untouched member is the very same object as before, the objects
 * enclosing an edit are copies. Deep-equal to `JSON.parse(after)`, key order included. `undefined` whenever that
 * cannot be guaranteed cheaply (the edit reaches the root's braces, a key is repeated or is `__proto__`, a syntax error,
 * ...): the caller then parses the whole text.
 */
export function spliceJson({ previous, after }: { previous: SplicedJson; after: Buffer }): SplicedJson | undefined {
  const before = previous.bytes;
  const from = commonPrefixLength({ a: before, b: after });
  if (from === before.length && from === after.length) return previous;
  const suffix = commonSuffixLength({ a: after, b: before, limit: Math.min(before.length, after.length) - from });
  const edit: Edit = { before, after, from, oldTo: before.length - suffix, delta: after.length - before.length };
  const value = previous.value as Record<string, unknown>;
  const spliced = spliceObject({ edit, spans: previous.spans, value, at: previous.start, depth: 0 });
  return spliced ? { bytes: after, value: spliced.value, start: previous.start, spans: spliced.spans } : undefined;
}
