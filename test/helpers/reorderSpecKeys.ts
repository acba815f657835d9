import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node as YamlNode } from "yaml";

/**
 * A spec value with its objects' members in a chosen order. Plain JS objects cannot hold every order (integer-like
 * keys such as response codes always come first, ascending), so objects are kept as entry lists and written out by
 * `toJsonText` / `toYamlText` exactly in that order.
 */
export type Ordered = null | boolean | number | string | Ordered[] | { entries: [string, Ordered][] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function shuffled<T>({ list, next }: { list: readonly T[]; next: () => number }): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function reorder({ value, next, keepOrder }: { value: unknown; next: (() => number) | undefined; keepOrder: boolean }): Ordered {
  if (Array.isArray(value)) return value.map((item) => reorder({ value: item, next, keepOrder: false }));
  if (!isPlainObject(value)) return value as Ordered;
  // The members of a schema's `properties` are the author's field order; their values are schemas again.
  const isPropertyMap = keepOrder;
  const entries = Object.entries(value).map(([key, member]): [string, Ordered] => [
    key,
    reorder({ value: member, next, keepOrder: !isPropertyMap && key === "properties" && isPlainObject(member) }),
  ]);
  return { entries: next === undefined || isPropertyMap ? entries : shuffled({ list: entries, next }) };
}

/**
 * The members of every object of a parsed spec in a random order drawn from `next` (arrays keep their order, and so
 * do the members of a schema's `properties`); without `next`, the parsed order (the reference a reordered copy is
 * compared with). Aliases and shared objects become separate copies.
 */
export function reorderSpecKeys({ value, next }: { value: unknown; next?: () => number }): Ordered {
  return reorder({ value, next, keepOrder: false });
}

/** JSON text of an ordered value, members in their listed order. */
export function toJsonText(value: Ordered): string {
  const write = (node: Ordered, indent: string): string => {
    if (Array.isArray(node)) {
      if (node.length === 0) return "[]";
      const inner = `${indent}  `;
      return `[\n${node.map((item) => inner + write(item, inner)).join(",\n")}\n${indent}]`;
    }
    if (node === null || typeof node !== "object") return JSON.stringify(node);
    if (node.entries.length === 0) return "{}";
    const inner = `${indent}  `;
    return `{\n${node.entries.map(([key, member]) => `${inner}${JSON.stringify(key)}: ${write(member, inner)}`).join(",\n")}\n${indent}}`;
  };
  return `${write(value, "")}\n`;
}

/** Block YAML text of an ordered value, members in their listed order. */
export function toYamlText(value: Ordered): string {
  const build = (node: Ordered): YamlNode => {
    if (Array.isArray(node)) {
      const seq = new YAMLSeq();
      seq.items = node.map(build);
      return seq;
    }
    if (node === null || typeof node !== "object") return new Scalar(node);
    const map = new YAMLMap();
    map.items = node.entries.map(([key, member]) => new Pair(new Scalar(key), build(member)));
    return map;
  };
  const doc = new Document();
  doc.contents = build(value);
  return doc.toString({ lineWidth: 0 });
}
