import { dynamicScopeTargets } from "./dynamicScopeTargets.js";
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
 * can then only lead back to it). For a document only evaluated from its root, also when every way from the root to
 * the `$dynamicRef` gives it the same target (see `dynamicScopeTargets`); it then becomes a `$ref` to that schema by
 * JSON pointer. Every other `$dynamicRef` is left to Ajv.
 */
export function staticDynamicRefs({
  schema,
  evaluatedFromRoot = true,
}: {
  schema: SchemaValue;
  /** The document is only evaluated from its root (not entered through references from other documents). */
  evaluatedFromRoot?: boolean;
}): SchemaValue {
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
  const dynamicAnchorNodes = new Map<string, SchemaObject>();
  const dynamicCount = new Map<string, number>();
  for (const [node, base] of bases) {
    const anchor = node["$anchor"];
    const dynamicAnchor = node["$dynamicAnchor"];
    if (typeof anchor === "string") anchors.set(`${base}#${anchor}`, anchors.get(`${base}#${anchor}`) ?? false);
    if (typeof dynamicAnchor === "string") {
      anchors.set(`${base}#${dynamicAnchor}`, true);
      if (!dynamicAnchorNodes.has(`${base}#${dynamicAnchor}`)) dynamicAnchorNodes.set(`${base}#${dynamicAnchor}`, node);
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
  const decisions = new Map<SchemaObject, string>();
  for (const node of bases.keys()) {
    const ref = node["$dynamicRef"];
    if (typeof ref === "string" && isStatic({ node, ref })) decisions.set(node, ref);
  }
  const undecided = [...bases.keys()].some((node) => typeof node["$dynamicRef"] === "string" && !decisions.has(node));
  if (evaluatedFromRoot && undecided && isSchemaObject(copy)) {
    const resources = new Map<string, SchemaObject[]>();
    for (const [node, base] of bases) {
      const members = resources.get(base);
      if (members === undefined) resources.set(base, [node]);
      else members.push(node);
    }
    const resolved = new Map<string, SchemaObject | undefined>();
    const targets = dynamicScopeTargets({
      root: copy,
      bases,
      resolveRef: ({ node, ref }) => {
        const uri = resolve({ ref, base: bases.get(node) ?? "" });
        if (!resolved.has(uri)) resolved.set(uri, resolveInDocument({ uri, resources, bases }));
        return resolved.get(uri);
      },
      dynamicAnchor: ({ base, name }) => dynamicAnchorNodes.get(`${base}#${name}`),
    });
    for (const [node, reached] of targets ?? []) {
      const [target] = reached;
      if (decisions.has(node) || reached.size !== 1 || target === undefined) continue;
      decisions.set(node, refTo({ target, bases }));
    }
  }
  for (const [node, ref] of decisions) {
    delete node["$dynamicRef"];
    if (node["$ref"] === undefined && node["$id"] === undefined) node["$ref"] = ref;
    else node["allOf"] = [...(Array.isArray(node["allOf"]) ? node["allOf"] : []), { $ref: ref }];
  }
  return copy;
}

/**
 * A `$ref` to `target`: its resource and the JSON pointer from that resource's root (Ajv does not resolve a `$ref` to
 * a `$dynamicAnchor` declared at a resource root as a plain anchor).
 */
function refTo({ target, bases }: { target: SchemaObject; bases: Map<SchemaObject, string> }): string {
  const base = bases.get(target) ?? "";
  const resourceRoot = [...bases].find(([, b]) => b === base)?.[0] ?? target;
  let pointer = "";
  forEachSubschema({
    schema: resourceRoot,
    visit: ({ schema, pointer: at }) => {
      if (schema === target && pointer === "") pointer = at;
    },
  });
  // Percent-encode what a URI fragment cannot hold (RFC 3986 pchar), keeping `$defs` readable.
  const fragment = pointer.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/gu, (c) => encodeURIComponent(c));
  return `${base}#${fragment}`;
}

/** The schema object `uri` (absolute, or `#...` in a document without `$id`) names, if it is in the document. */
function resolveInDocument({
  uri,
  resources,
  bases,
}: {
  uri: string;
  /** The schema objects of each resource (by base URI), its root first. */
  resources: Map<string, SchemaObject[]>;
  bases: Map<SchemaObject, string>;
}): SchemaObject | undefined {
  const { resource, fragment } = splitFragment(uri);
  const inResource = resources.get(resource) ?? [];
  const resourceRoot = inResource[0];
  if (resourceRoot === undefined) return undefined;
  if (fragment === "") return resourceRoot;
  if (!fragment.startsWith("/")) {
    return inResource.find((node) => node["$anchor"] === fragment || node["$dynamicAnchor"] === fragment);
  }
  let current: SchemaValue | undefined = resourceRoot;
  for (const token of fragment.slice(1).split("/")) {
    const key = token.replace(/~1/g, "/").replace(/~0/g, "~");
    current = Array.isArray(current) ? current[Number(key)] : isSchemaObject(current) ? current[key] : undefined;
  }
  return isSchemaObject(current) && bases.has(current) ? current : undefined;
}
