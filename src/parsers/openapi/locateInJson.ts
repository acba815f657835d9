/**
 * Offsets of the members and items of the containers visited so far, keyed by the container's start offset. One
 * JSON text's index is shared by every lookup in it, so each container is scanned at most once however many pointers
 * pass through it (2,000 diagnostics on a 13 MB spec would otherwise rescan it 2,000 times).
 */
export interface JsonOffsetIndex {
  objects: Map<number, Map<string, { keyStart: number; valueStart: number }>>;
  arrays: Map<number, number[]>;
}

export function createJsonOffsetIndex(): JsonOffsetIndex {
  return { objects: new Map(), arrays: new Map() };
}

/**
 * Finds the offset of a JSON pointer in JSON text by scanning, without building a tree: only the containers on the
 * way to the target are scanned (each once per `index`), everything else is skipped with a flat (non-recursive)
 * scan, so a 13 MB file or a 2 MB single line costs one pass at most. Returns the offset of the member's key (or the
 * array item), or of the deepest ancestor found when the pointer does not exist in the text.
 */
export function locateInJson({
  text,
  segments,
  index = createJsonOffsetIndex(),
}: {
  text: string;
  segments: readonly string[];
  index?: JsonOffsetIndex;
}): number {
  let pos = skipWhitespace(text, 0);
  let found = pos;
  for (const segment of segments) {
    const open = text.charCodeAt(pos);
    if (open === 0x7b /* { */) {
      let members = index.objects.get(pos);
      if (!members) {
        members = scanMembers(text, pos);
        index.objects.set(pos, members);
      }
      const member = members.get(segment);
      if (!member) return found;
      found = member.keyStart;
      pos = member.valueStart;
    } else if (open === 0x5b /* [ */) {
      if (!/^(0|[1-9][0-9]*)$/.test(segment)) return found;
      let items = index.arrays.get(pos);
      if (!items) {
        items = scanItems(text, pos);
        index.arrays.set(pos, items);
      }
      const item = items[Number(segment)];
      if (item === undefined) return found;
      found = item;
      pos = item;
    } else {
      return found;
    }
  }
  return found;
}

function skipWhitespace(text: string, start: number): number {
  let pos = start;
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
    else return pos;
  }
}

/** Offset just after the string starting at `start` (a `"`). */
function skipString(text: string, start: number): number {
  let pos = start + 1;
  for (;;) {
    const quote = text.indexOf('"', pos);
    if (quote === -1) return text.length;
    let backslashes = 0;
    for (let i = quote - 1; i >= start + 1 && text.charCodeAt(i) === 0x5c; i--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    pos = quote + 1;
  }
}

/** Offset just after the value starting at `start`. */
function skipValue(text: string, start: number): number {
  const c = text.charCodeAt(start);
  if (c === 0x22) return skipString(text, start);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    let pos = start;
    while (pos < text.length) {
      const d = text.charCodeAt(pos);
      if (d === 0x22) {
        pos = skipString(text, pos);
        continue;
      }
      if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        depth--;
        if (depth === 0) return pos + 1;
      }
      pos++;
    }
    return pos;
  }
  let pos = start;
  while (pos < text.length) {
    const d = text.charCodeAt(pos);
    if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) return pos;
    pos++;
  }
  return pos;
}

/** Every member of the object starting at `objectStart` (the first of duplicate keys wins, as before). */
function scanMembers(text: string, objectStart: number): Map<string, { keyStart: number; valueStart: number }> {
  const members = new Map<string, { keyStart: number; valueStart: number }>();
  let pos = skipWhitespace(text, objectStart + 1);
  while (pos < text.length && text.charCodeAt(pos) === 0x22) {
    const keyStart = pos;
    const keyEnd = skipString(text, pos);
    const raw = text.slice(keyStart + 1, keyEnd - 1);
    let name = raw;
    if (raw.includes("\\")) {
      try {
        name = JSON.parse(text.slice(keyStart, keyEnd)) as string;
      } catch {
        name = raw;
      }
    }
    pos = skipWhitespace(text, keyEnd);
    if (text.charCodeAt(pos) !== 0x3a /* : */) return members;
    pos = skipWhitespace(text, pos + 1);
    if (!members.has(name)) members.set(name, { keyStart, valueStart: pos });
    pos = skipWhitespace(text, skipValue(text, pos));
    if (text.charCodeAt(pos) !== 0x2c /* , */) return members;
    pos = skipWhitespace(text, pos + 1);
  }
  return members;
}

/** Start offsets of every item of the array starting at `arrayStart`. */
function scanItems(text: string, arrayStart: number): number[] {
  const items: number[] = [];
  let pos = skipWhitespace(text, arrayStart + 1);
  if (text.charCodeAt(pos) === 0x5d) return items;
  while (pos < text.length) {
    items.push(pos);
    pos = skipWhitespace(text, skipValue(text, pos));
    if (text.charCodeAt(pos) !== 0x2c) return items;
    pos = skipWhitespace(text, pos + 1);
  }
  return items;
}
