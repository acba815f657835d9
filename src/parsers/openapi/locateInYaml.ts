import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from "yaml";

/** A YAML file parsed with positions, built once per file and only when a location is asked for (it is slow: ~3 s for 4 MB). */
export interface YamlPositionIndex {
  document: Document.Parsed;
  lineCounter: LineCounter;
}

export function buildYamlPositionIndex({ text }: { text: string }): YamlPositionIndex {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, merge: true, strict: false, prettyErrors: false });
  return { document, lineCounter };
}

/**
 * Line and column of a JSON pointer in a YAML file: the member's key for object members, the item for array items,
 * or the deepest ancestor that exists when the pointer goes further than the text.
 */
export function locateInYaml({ index, segments }: { index: YamlPositionIndex; segments: readonly string[] }): { line: number; column: number } {
  const { document, lineCounter } = index;
  let node: unknown = document.contents;
  let offset = firstOffset(node) ?? 0;
  for (const segment of segments) {
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && keyText(item.key) === segment);
      if (!pair) break;
      offset = firstOffset(pair.key) ?? firstOffset(pair.value) ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item: unknown = node.items[Number(segment)];
      if (!/^(0|[1-9][0-9]*)$/.test(segment) || item === undefined) break;
      offset = firstOffset(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  const position = lineCounter.linePos(offset);
  return { line: position.line, column: position.col };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function firstOffset(node: unknown): number | undefined {
  if (node && typeof node === "object" && "range" in node) {
    const range = (node as YamlNode).range;
    if (range) return range[0];
  }
  return undefined;
}
