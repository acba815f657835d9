/** A JSON object (not an array), as the bench reads the OpenAPI document. */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value at a local JSON pointer (`#/components/schemas/Book`) of `document`, else undefined. */
function pointed({ document, ref }: { document: unknown; ref: string }): unknown {
  if (!ref.startsWith("#")) return undefined;
  let node: unknown = document;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    if (!isJsonObject(node) && !Array.isArray(node)) return undefined;
    if (!Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * `value` with its local `$ref`s followed (a chain of them too, at most 32), else undefined: a reference to another
 * file or to nothing, or a cycle.
 */
export function resolvedRef({ document, value }: { document: unknown; value: unknown }): JsonObject | undefined {
  let node = value;
  for (let hops = 0; hops < 32; hops++) {
    if (!isJsonObject(node)) return undefined;
    const ref = node.$ref;
    if (typeof ref !== "string") return node;
    node = pointed({ document, ref });
  }
  return undefined;
}
