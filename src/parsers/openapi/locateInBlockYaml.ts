/**
 * Fast path for locating a JSON pointer in YAML written in block style (what specs are written in): follows the
 * pointer by indentation, line by line, skipping everything not on the way, so a lookup in a 4 MB file costs a few
 * milliseconds instead of a full positional parse (~3 s with the `yaml` package). Returns `undefined` whenever the way
 * goes through something it does not handle exactly (flow collections, anchors, aliases, tags, merge keys, complex
 * keys, tabs, block scalars on the way, document markers); the caller then uses the full parser. Positions follow
 * `locateInYaml`: a mapping member's key, a sequence item's content, or the deepest ancestor found.
 */
export function locateInBlockYaml({ lines, segments }: { lines: readonly string[]; segments: readonly string[] }): { line: number; column: number } | undefined {
  const first = nextContentLine(lines, 0);
  if (first === undefined) return { line: 1, column: 1 };
  const firstText = lines[first] as string;
  if (firstText.startsWith("---") || firstText.startsWith("%")) return undefined;
  // The node being walked: its content starts at (line, col); it extends over the following lines more indented than
  // `parentIndent`.
  let node = { line: first, col: indentOf(firstText) ?? 0, parentIndent: -1 };
  if (indentOf(firstText) === undefined) return undefined;
  let found = { line: first, col: node.col };

  for (const segment of segments) {
    const text = (lines[node.line] as string).slice(node.col);
    let start = node.line;
    let indent = node.col;
    if (isBlankOrComment(text)) {
      // Content starts on a later line.
      const next = nextContentLine(lines, node.line + 1);
      if (next === undefined) return toPosition(found);
      const nextIndent = indentOf(lines[next] as string);
      if (nextIndent === undefined) return undefined;
      if (nextIndent <= node.parentIndent && !(nextIndent === node.parentIndent && isSequenceItem((lines[next] as string).slice(nextIndent)))) return toPosition(found);
      start = next;
      indent = nextIndent;
    }
    const head = (lines[start] as string).slice(indent);
    if (/^[[{&*!|>?]/.test(head)) return undefined;
    const result = isSequenceItem(head)
      ? findItem({ lines, start, indent, parentIndent: node.parentIndent, index: segment })
      : findMember({ lines, start, indent, key: segment });
    if (result === "unsupported") return undefined;
    if (result === undefined) return toPosition(found);
    found = { line: result.line, col: result.col };
    node = result.value;
  }
  return toPosition(found);
}

function toPosition(found: { line: number; col: number }): { line: number; column: number } {
  return { line: found.line + 1, column: found.col + 1 };
}

type Found = { line: number; col: number; value: { line: number; col: number; parentIndent: number } };

function isBlankOrComment(text: string): boolean {
  const trimmed = text.trimStart();
  return trimmed === "" || trimmed.startsWith("#");
}

function isSequenceItem(text: string): boolean {
  return text === "-" || text.startsWith("- ");
}

/** Leading spaces; `undefined` when the indentation has a tab (not handled). */
function indentOf(line: string): number | undefined {
  let i = 0;
  while (line.charCodeAt(i) === 0x20) i++;
  return line.charCodeAt(i) === 0x09 ? undefined : i;
}

function nextContentLine(lines: readonly string[], from: number): number | undefined {
  for (let i = from; i < lines.length; i++) if (!isBlankOrComment(lines[i] as string)) return i;
  return undefined;
}

/** The key at the start of `text` and where its value starts, or `unsupported` for keys it does not read exactly. */
function readKey(text: string): { key: string; valueStart: number } | "unsupported" | undefined {
  const c = text.charAt(0);
  if (c === '"' || c === "'") {
    let end = 1;
    for (;;) {
      end = text.indexOf(c, end);
      if (end === -1) return "unsupported";
      if (c === "'" && text.charAt(end + 1) === "'") {
        end += 2;
        continue;
      }
      if (c === '"' && text.charAt(end - 1) === "\\") {
        let slashes = 0;
        for (let i = end - 1; text.charAt(i) === "\\"; i--) slashes++;
        if (slashes % 2 === 1) {
          end++;
          continue;
        }
      }
      break;
    }
    const raw = text.slice(0, end + 1);
    let key: string;
    if (c === "'") key = raw.slice(1, -1).replace(/''/g, "'");
    else {
      try {
        key = JSON.parse(raw) as string;
      } catch {
        return "unsupported";
      }
    }
    const rest = text.slice(end + 1);
    const colon = /^\s*:(\s|$)/.exec(rest);
    if (!colon) return undefined;
    return { key, valueStart: end + 1 + colon[0].length };
  }
  if (/^[[{&*!|>?%@`]/.test(text) || text.startsWith("<<")) return "unsupported";
  const colon = /:(\s|$)/.exec(text);
  if (!colon) return undefined;
  const key = text.slice(0, colon.index).trimEnd();
  if (key.includes(" #")) return undefined;
  return { key, valueStart: colon.index + colon[0].length };
}

/** A member of the block mapping whose keys are at `indent`, starting on line `start`. */
function findMember({ lines, start, indent, key }: { lines: readonly string[]; start: number; indent: number; key: string }): Found | "unsupported" | undefined {
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] as string;
    const text = i === start ? line.slice(indent) : line;
    if (isBlankOrComment(text)) continue;
    const lineIndent = i === start ? indent : indentOf(line);
    if (lineIndent === undefined) return "unsupported";
    if (lineIndent < indent) return undefined;
    if (lineIndent > indent) continue;
    const rest = i === start ? text : line.slice(indent);
    if (isSequenceItem(rest)) continue; // a compact sequence belonging to the previous key's value
    const parsed = readKey(rest);
    if (parsed === "unsupported") return "unsupported";
    if (parsed === undefined) {
      if (rest.startsWith("---") || rest.startsWith("...")) return undefined;
      continue;
    }
    if (parsed.key !== key) continue;
    let valueCol = indent + parsed.valueStart;
    while (line.charCodeAt(valueCol) === 0x20) valueCol++;
    return { line: i, col: indent, value: { line: i, col: valueCol, parentIndent: indent } };
  }
  return undefined;
}

/** Item `index` of the block sequence whose dashes are at `indent`, starting on line `start`. */
function findItem({ lines, start, indent, parentIndent, index }: { lines: readonly string[]; start: number; indent: number; parentIndent: number; index: string }): Found | "unsupported" | undefined {
  if (!/^(0|[1-9][0-9]*)$/.test(index)) return undefined;
  let count = -1;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] as string;
    if (isBlankOrComment(i === start ? line.slice(indent) : line)) continue;
    const lineIndent = i === start ? indent : indentOf(line);
    if (lineIndent === undefined) return "unsupported";
    if (lineIndent < indent || (lineIndent === indent && lineIndent <= parentIndent && !isSequenceItem(line.slice(indent)))) return undefined;
    if (lineIndent > indent) continue;
    const rest = line.slice(indent);
    if (!isSequenceItem(rest)) return undefined;
    count++;
    if (count !== Number(index)) continue;
    let col = indent + 1;
    while (line.charCodeAt(col) === 0x20) col++;
    if (col >= line.length || isBlankOrComment(line.slice(col))) return "unsupported";
    return { line: i, col, value: { line: i, col, parentIndent: indent } };
  }
  return undefined;
}
