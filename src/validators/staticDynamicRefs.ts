import { isSchemaObject, forEachSubschema, type SchemaObject, type SchemaValue } from "./forEachSubschema.js";

function resolve({ ref, base }: { ref: string; base: string }): string {
  if (base === "") return ref;
  try {
    return new URL(ref, base).href;
  } catch {
    return ref;
  }
}

function splitFragment(uri: string): { resource: string; fragment: string } {
  const hash = uri.indexOf("#");
  return hash < 0
    ? { resource: uri, fragment: "" }
    : { resource: uri.slice(0, hash), fragment: decodeURIComponent(uri.slice(hash + 1)) };
}

/** Base URI in scope at every schema object (by identity), from the `$id`s above it; `""` when there is none. */
function baseUris(schema: SchemaValue): Map<SchemaObject, string> {
  const bases = new Map<SchemaObject, string>();
  const parentBase = new Map<SchemaObject, string>();
  forEachSubschema({
    schema,
    visit: ({ schema: node }) => {
      const inherited = parentBase.get(node) ?? "";
      const id = node["$id"];
      const base =
        typeof id === "string" && !id.startsWith("#")
          ? (resolve({ ref: id, base: inherited }).split("#")[0] ?? "")
          : inherited;
      bases.set(node, base);
      for (const value of Object.values(node)) {
        const children = Array.isArray(value) ? value : isSchemaObject(value) ? [value, ...Object.values(value)] : [];
        for (const child of children) if (isSchemaObject(child) && !parentBase.has(child)) parentBase.set(child, base);
      }
    },
  });
  return bases;
}

/**
 * Turns each `$dynamicRef` whose target does not depend on the dynamic scope into the equivalent `$ref` (Ajv only
 * implements `$dynamicRef` for anchors at a resource root). By JSON Schema 2020-12, a `$dynamicRef` behaves exactly
 * like `$ref` when its fragment is empty or a JSON pointer, when it initially resolves to a plain `$anchor`, or when the
 * `$dynamicAnchor` it resolves to is the only `$dynamicAnchor` of that name in the whole document (the dynamic scope
 * can then only lead back to it). Every other `$dynamicRef` is left to Ajv.
 */
export function staticDynamicRefs({ schema }: { schema: SchemaValue }): SchemaValue {
  let hasDynamicRef = false;
  forEachSubschema({
    schema,
    visit: ({ schema: node }) => (hasDynamicRef ||= typeof node["$dynamicRef"] === "string"),
  });
  if (!hasDynamicRef) return schema;
  // Work on a copy (JSON round trip keeps own "__proto__" keys) and rewrite its nodes in place.
  const copy = JSON.parse(JSON.stringify(schema)) as SchemaValue;
  const bases = baseUris(copy);
  const anchors = new Map<string, boolean>();
  const dynamicCount = new Map<string, number>();
  for (const [node, base] of bases) {
    const anchor = node["$anchor"];
    const dynamicAnchor = node["$dynamicAnchor"];
    if (typeof anchor === "string") anchors.set(`${base}#${anchor}`, anchors.get(`${base}#${anchor}`) ?? false);
    if (typeof dynamicAnchor === "string") {
      anchors.set(`${base}#${dynamicAnchor}`, true);
      dynamicCount.set(dynamicAnchor, (dynamicCount.get(dynamicAnchor) ?? 0) + 1);
    }
  }
  const isStatic = ({ node, ref }: { node: SchemaObject; ref: string }): boolean => {
    const { resource, fragment } = splitFragment(resolve({ ref, base: bases.get(node) ?? "" }));
    if (fragment === "" || fragment.startsWith("/")) return true;
    const dynamic = anchors.get(`${resource}#${fragment}`);
    if (dynamic === undefined) return false;
    return !dynamic || dynamicCount.get(fragment) === 1;
  };
  const decisions: SchemaObject[] = [];
  for (const node of bases.keys()) {
    const ref = node["$dynamicRef"];
    if (typeof ref === "string" && isStatic({ node, ref })) decisions.push(node);
  }
  for (const node of decisions) {
    const ref = node["$dynamicRef"];
    if (typeof ref !== "string") continue;
    delete node["$dynamicRef"];
    if (node["$ref"] === undefined) node["$ref"] = ref;
    else node["allOf"] = [...(Array.isArray(node["allOf"]) ? node["allOf"] : []), { $ref: ref }];
  }
  return copy;
}
