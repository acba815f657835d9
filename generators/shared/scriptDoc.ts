import { delimitedDoc, group, ifBreak, indent, line, softline, type Doc } from "./layoutDoc.js";
import { objectKey } from "../../src/emit/objectKey.js";
import { prettierString } from "../../src/emit/prettierString.js";

/**
 * Builders for the few script expressions generated code lays out itself (with `layoutDoc`), each printed as prettier
 * prints it at print width 120 with trailing commas: object and array literals that break one entry per line when they
 * do not fit, and calls whose only argument is an object literal hugging it (`f({` ... `})`).
 */

/** A JSON-like value as a literal: strings quoted, objects `{ a: 1 }`, arrays `[1, 2]`. */
export function literalDoc(value: unknown): Doc {
  if (Array.isArray(value)) return arrayDoc({ items: value.map(literalDoc), breaks: breaksAlways(value) });
  if (value !== null && typeof value === "object") {
    return objectLiteralDoc(
      Object.entries(value).map(([key, item]) =>
        typeof item === "string" ? stringPropertyDoc({ key, text: item }) : propertyDoc({ key, value: literalDoc(item) }),
      ),
    );
  }
  if (typeof value === "string") return prettierString(value);
  // prettier writes exponents without `+` (`1e21`).
  return typeof value === "number" ? String(value).replace("e+", "e") : (JSON.stringify(value) ?? "undefined");
}

/**
 * `key: "text"`: as prettier, a string too long for the line goes on the next one, indented, unless the key is shorter
 * than five characters (it then stays after the key, however long).
 */
export function stringPropertyDoc({ key, text }: { key: string; text: string }): Doc {
  const name = objectKey(key);
  const literal = prettierString(text);
  return name.length < 5 ? [name, ": ", literal] : [name, ":", group(indent([line, literal]))];
}

/** `key: value` (the key bare when it is an identifier, `["__proto__"]` for that one); `key` alone for a shorthand property. */
export function propertyDoc({ key, value }: { key: string; value?: Doc }): Doc {
  const name = objectKey(key);
  return value === undefined ? name : [name, ": ", value];
}

/** `{ a, b: c }` or one property per line with a trailing comma. */
export function objectLiteralDoc(properties: readonly Doc[]): Doc {
  if (properties.length === 0) return "{}";
  return delimitedDoc({ open: "{", close: "}", items: properties, separator: "," });
}

/**
 * prettier always breaks an array of two or more items that are all objects, or all arrays, each with more than one
 * entry (a table of records reads better one per line).
 */
function breaksAlways(items: readonly unknown[]): boolean {
  const entries = (item: unknown): number | undefined =>
    Array.isArray(item) ? item.length : item !== null && typeof item === "object" ? Object.keys(item).length : undefined;
  const kind = (item: unknown) => (Array.isArray(item) ? "array" : "object");
  return items.length > 1 && items.every((item) => (entries(item) ?? 0) > 1 && kind(item) === kind(items[0]));
}

/** `[a, b]` or one item per line with a trailing comma (always so with `breaks`). */
export function arrayDoc({ items, breaks = false }: { items: readonly Doc[]; breaks?: boolean }): Doc {
  if (items.length === 0) return "[]";
  return delimitedDoc({ open: "[", close: "]", items, separator: ",", padding: "softline", breaks });
}

/** `callee(arg)`: an object literal argument hugs the parentheses; any other breaks onto its own line when too long. */
export function callDoc({ callee, argument, hug = false }: { callee: Doc; argument: Doc; hug?: boolean }): Doc {
  if (hug) return [callee, "(", argument, ")"];
  return [callee, group(["(", indent([softline, argument]), ifBreak({ broken: "," }), softline, ")"])];
}
