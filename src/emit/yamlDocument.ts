import { yamlScalar } from "./yamlScalar.js";

/** A string printed plain when YAML cannot read it as anything but that string (`/books/{id}` and `200` are quoted). */
const plainKey = /^[A-Za-z_$][A-Za-z0-9_$.-]*$/;
const yamlWords = new Set(["true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"]);

function stringText(text: string): string {
  return plainKey.test(text) && !yamlWords.has(text.toLowerCase()) ? text : yamlScalar(text);
}

function scalarText(value: unknown): string {
  if (typeof value === "string") return stringText(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  return "null";
}

const isMap = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** A flow sequence of scalars (`[id, name]`) is kept to this many characters; a longer one is a block. */
const FLOW_WIDTH = 100;

/** An empty collection, a short list of scalars, or a value that is not a collection prints on the line of its key. */
function inline(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    if (value.some((item) => item !== null && typeof item === "object")) return undefined;
    const flow = `[${value.map(scalarText).join(", ")}]`;
    return flow.length <= FLOW_WIDTH ? flow : undefined;
  }
  if (isMap(value)) return Object.values(value).some((v) => v !== undefined) ? undefined : "{}";
  return scalarText(value);
}

function block({ value, indent }: { value: unknown; indent: string }): string[] {
  const lines: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      const flat = inline(item);
      if (flat !== undefined) {
        lines.push(`${indent}- ${flat}`);
        continue;
      }
      // The first line of a nested block goes after the dash; the rest keep the item's indentation.
      const nested = block({ value: item, indent: `${indent}  ` });
      lines.push(`${indent}- ${(nested[0] ?? "").slice(indent.length + 2)}`, ...nested.slice(1));
    }
    return lines;
  }
  if (!isMap(value)) return [`${indent}${scalarText(value)}`];
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue;
    const flat = inline(child);
    if (flat !== undefined) lines.push(`${indent}${stringText(key)}: ${flat}`);
    else lines.push(`${indent}${stringText(key)}:`, ...block({ value: child, indent: `${indent}  ` }));
  }
  return lines;
}

/**
 * A JSON-like value as a YAML 1.2 block document, members in the order the value has them (callers build it in a
 * deterministic order). Every string, key or value, that is not a plain identifier-like word is a double-quoted
 * scalar by `yamlScalar`, so no text (a Prisma doc comment, a field name) can become YAML structure; `undefined`
 * members are left out as JSON leaves them.
 */
export function yamlDocument(value: unknown): string {
  return `${block({ value, indent: "" }).join("\n")}\n`;
}
