import { isMap, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { ConfigLocator } from "./ConfigLocator.js";

/** A locator for a JSON config text (JSON is read as YAML 1.2 here only to get node positions). */
export function locateInJsonConfig({ text }: { text: string }): ConfigLocator {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, keepSourceTokens: false, uniqueKeys: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return (path) => {
    let node: unknown = document.contents;
    let found: number | undefined = (node as Node | null)?.range?.[0];
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => {
          const key = p.key as { value?: unknown } | null;
          return key !== null && typeof key === "object" && String(key.value) === String(segment);
        });
        if (!pair) break;
        found = (pair.key as Node | null)?.range?.[0] ?? found;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment] as Node | undefined;
        if (!item) break;
        found = item.range?.[0] ?? found;
        node = item;
      } else {
        break;
      }
    }
    return found === undefined ? undefined : at(found);
  };
}
