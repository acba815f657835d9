import {
  isSchemaObject,
  schemaArrayKeywords,
  schemaMapKeywords,
  singleSchemaKeywords,
  type SchemaObject,
  type SchemaValue,
} from "./forEachSubschema.js";

/** What `dynamicScopeTargets` needs to know about a document (see `staticDynamicRefs`). */
export interface ResolvedDocument {
  root: SchemaObject;
  /** Base URI of every schema object (its resource: `""` for a root without `$id`). */
  bases: Map<SchemaObject, string>;
  /** The schema object a reference leads to, `undefined` when it is not in the document. */
  resolveRef: (input: { node: SchemaObject; ref: string }) => SchemaObject | undefined;
  /** The schema object declaring `$dynamicAnchor: name` in the resource `base`. */
  dynamicAnchor: (input: { base: string; name: string }) => SchemaObject | undefined;
}

/** Subschemas applied to the instance or its parts: every keyword position except `$defs`/`definitions`. */
function appliedChildren(node: SchemaObject): SchemaObject[] {
  const out: SchemaObject[] = [];
  for (const keyword of singleSchemaKeywords) {
    const child = node[keyword];
    if (isSchemaObject(child)) out.push(child);
  }
  for (const keyword of schemaArrayKeywords) {
    const children = node[keyword];
    if (Array.isArray(children)) out.push(...children.filter(isSchemaObject));
  }
  for (const keyword of [...schemaMapKeywords, "dependencies"]) {
    if (keyword === "$defs" || keyword === "definitions") continue;
    const children = node[keyword];
    if (isSchemaObject(children)) out.push(...Object.values(children).filter(isSchemaObject));
  }
  return out;
}

/**
 * For each `$dynamicRef: "...#name"` whose initial target declares `$dynamicAnchor: name`, the schemas it can
 * resolve to when the document is evaluated from its root: by JSON Schema 2020-12 that is the `$dynamicAnchor: name`
 * of the outermost resource in the dynamic scope (the resources entered on the way from the root, through
 * subschemas and references) that declares one, else the initial target. Explores every way from the root through
 * applied subschemas and references (a `$dynamicRef` of another name may lead to any anchor of its name: a superset
 * of the real ways), tracking for `name` the outermost resource seen so far, so a single target means the reference
 * always resolves there. `undefined` when a reference leaves the document (the scope is then unknown).
 */
export function dynamicScopeTargets(document: ResolvedDocument): Map<SchemaObject, Set<SchemaObject>> | undefined {
  const { root, bases, resolveRef, dynamicAnchor } = document;
  const names = new Set<string>();
  for (const node of bases.keys()) {
    const name = dynamicName(node);
    if (name !== undefined) names.add(name);
  }
  const targets = new Map<SchemaObject, Set<SchemaObject>>();
  for (const name of names) {
    const visited = new Map<SchemaObject, Set<string | null>>();
    const enter = ({ node, outermost }: { node: SchemaObject; outermost: string | null }): string | null => {
      if (outermost !== null) return outermost;
      const base = bases.get(node) ?? "";
      return dynamicAnchor({ base, name }) === undefined ? null : base;
    };
    const pending: { node: SchemaObject; outermost: string | null }[] = [
      { node: root, outermost: enter({ node: root, outermost: null }) },
    ];
    while (pending.length > 0) {
      const { node, outermost } = pending.pop() as { node: SchemaObject; outermost: string | null };
      const seen = visited.get(node) ?? new Set<string | null>();
      if (seen.has(outermost)) continue;
      visited.set(node, seen.add(outermost));
      const next: SchemaObject[] = appliedChildren(node);
      const ref = node["$ref"];
      if (typeof ref === "string") {
        const target = resolveRef({ node, ref });
        if (target === undefined) return undefined;
        next.push(target);
      }
      const dynamicRef = node["$dynamicRef"];
      if (typeof dynamicRef === "string") {
        const initial = resolveRef({ node, ref: dynamicRef });
        if (initial === undefined) return undefined;
        const refName = dynamicName(node);
        if (refName === undefined || initial["$dynamicAnchor"] !== refName) next.push(initial);
        else if (refName === name) {
          const target = outermost === null ? initial : (dynamicAnchor({ base: outermost, name }) ?? initial);
          targets.set(node, (targets.get(node) ?? new Set()).add(target));
          next.push(target);
        } else {
          next.push(initial);
          for (const [candidate] of bases) if (candidate["$dynamicAnchor"] === refName) next.push(candidate);
        }
      }
      for (const child of next) pending.push({ node: child, outermost: enter({ node: child, outermost }) });
    }
  }
  return targets;
}

/** The anchor name a `$dynamicRef` names (its fragment when that is not a JSON pointer). */
function dynamicName(node: SchemaObject): string | undefined {
  const ref: SchemaValue | undefined = node["$dynamicRef"];
  if (typeof ref !== "string") return undefined;
  const hash = ref.indexOf("#");
  if (hash < 0) return undefined;
  const fragment = decodeURIComponent(ref.slice(hash + 1));
  return fragment === "" || fragment.startsWith("/") ? undefined : fragment;
}
