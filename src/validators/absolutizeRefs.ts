import {
  isSchemaObject,
  schemaArrayKeywords,
  schemaMapKeywords,
  singleSchemaKeywords,
  type SchemaObject,
  type SchemaValue,
} from "./forEachSubschema.js";

/** Draft 4's `dependencies` may hold subschemas too; `$ref`s inside them need absolutising like any other. */
const mapKeys = new Set<string>([...schemaMapKeywords, "dependencies"]);
const subschemaKeys = new Set<string>([...singleSchemaKeywords, ...schemaArrayKeywords, ...mapKeys]);

function resolveUri({ ref, base }: { ref: string; base: string }): string | undefined {
  try {
    return new URL(ref, base).href;
  } catch {
    return undefined;
  }
}

/**
 * Rewrites every relative `$ref` below an `$id`/`id` to the absolute URI it means (RFC 3986 resolution against the
 * base URI in scope), so Ajv never has to resolve a relative reference itself (it loops on a `#/...` ref inside a
 * nested resource). In draft 4 (`idKeyword: "id"`) a `$ref`'s siblings are ignored, so a sibling `id` does not change
 * the base of that `$ref`. Refs outside any `$id` are left as they are.
 */
export function absolutizeRefs({ schema, idKeyword }: { schema: SchemaValue; idKeyword: "$id" | "id" }): SchemaValue {
  const walk = ({ node, base }: { node: SchemaValue; base: string | undefined }): SchemaValue => {
    if (!isSchemaObject(node)) return node;
    const copy: SchemaObject = { ...node };
    const id = node[idKeyword];
    const ref = node["$ref"];
    const refBase = base;
    let scope = base;
    if (typeof id === "string" && !id.startsWith("#") && !(idKeyword === "id" && typeof ref === "string")) {
      scope = base === undefined ? resolveUri({ ref: id, base: id }) : resolveUri({ ref: id, base });
    }
    if (typeof ref === "string") {
      const from = idKeyword === "id" ? refBase : scope;
      const absolute = from === undefined ? undefined : resolveUri({ ref, base: from });
      if (absolute !== undefined) copy["$ref"] = absolute;
    }
    for (const [key, value] of Object.entries(node)) {
      if (!subschemaKeys.has(key)) continue;
      if (Array.isArray(value)) copy[key] = value.map((child) => walk({ node: child, base: scope }));
      else if (mapKeys.has(key) && isSchemaObject(value)) {
        copy[key] = Object.fromEntries(
          Object.entries(value).map(([name, child]) => [name, walk({ node: child, base: scope })]),
        );
      } else copy[key] = walk({ node: value, base: scope });
    }
    return copy;
  };
  return walk({ node: schema, base: undefined });
}
