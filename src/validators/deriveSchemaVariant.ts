import {
  forEachSubschema,
  isSchemaObject,
  mapSubschemas,
  type SchemaObject,
  type SchemaValue,
} from "./forEachSubschema.js";

const defsPrefix = "#/$defs/";

/** What to do with a property carrying the marker (`readOnly` in requests, `writeOnly` in responses). */
export type MarkedPropertyAction = "forbid" | "optional" | "remove";

function unescapeToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** The `$defs` name a `#/$defs/<name>[/...]` reference starts with. */
function refTarget(ref: SchemaValue | undefined): string | undefined {
  if (typeof ref !== "string" || !ref.startsWith(defsPrefix)) return undefined;
  return unescapeToken(ref.slice(defsPrefix.length).split("/")[0] ?? "");
}

/**
 * A request or response variant of a JSON Schema 2020-12 document whose named schemas live in `$defs` and are
 * referenced as `#/$defs/<name>`. A property is marked when its schema says `<marker>: true`, directly, through a
 * `$ref` to a marked definition, or in an `allOf` member. Marked properties get `action`; definitions that contain a
 * marked property (directly or through references) get a variant `<name><suffix>` next to the original, and every
 * reference to them in the variant points at the variant. Unaffected definitions are shared, unchanged.
 */
export function deriveSchemaVariant({
  schema,
  marker,
  suffix,
  action,
}: {
  schema: SchemaValue;
  marker: "readOnly" | "writeOnly";
  suffix: string;
  action: MarkedPropertyAction;
}): SchemaValue {
  if (!isSchemaObject(schema)) return schema;
  const { $defs: rawDefs, ...rootBody } = schema;
  const defs: SchemaObject = isSchemaObject(rawDefs) ? rawDefs : {};

  /** Variant name -> original name, so a reference already pointing at a variant is judged by its original. */
  const originalOf = new Map<string, string>();
  const isMarked = ({ node, depth = 0 }: { node: SchemaValue | undefined; depth?: number }): boolean => {
    if (!isSchemaObject(node) || depth > 8) return false;
    if (node[marker] === true) return true;
    const referenced = refTarget(node["$ref"]);
    const target = referenced === undefined ? undefined : (originalOf.get(referenced) ?? referenced);
    if (target !== undefined && isSchemaObject(defs[target]) && isMarked({ node: defs[target], depth: depth + 1 }))
      return true;
    const allOf = node["allOf"];
    return Array.isArray(allOf) && allOf.some((member) => isMarked({ node: member, depth: depth + 1 }));
  };
  const hasMarkedProperty = (node: SchemaObject): boolean => {
    const properties = node["properties"];
    return isSchemaObject(properties) && Object.values(properties).some((property) => isMarked({ node: property }));
  };

  // Which definitions need a variant: those with a marked property, then everything referring to them (fixpoint).
  const references = new Map<string, Set<string>>();
  const affected = new Set<string>();
  for (const [name, def] of Object.entries(defs)) {
    const targets = new Set<string>();
    forEachSubschema({
      schema: def,
      visit: ({ schema: node }) => {
        const target = refTarget(node["$ref"]);
        if (target !== undefined) targets.add(target);
        if (hasMarkedProperty(node)) affected.add(name);
      },
    });
    references.set(name, targets);
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const [name, targets] of references) {
      if (affected.has(name)) continue;
      if ([...targets].some((target) => affected.has(target))) {
        affected.add(name);
        changed = true;
      }
    }
  }
  const variantNames = new Map<string, string>();
  for (const name of [...affected].sort()) {
    let candidate = `${name}${suffix}`;
    for (let n = 2; Object.hasOwn(defs, candidate); n++) candidate = `${name}${suffix}${n}`;
    variantNames.set(name, candidate);
    originalOf.set(candidate, name);
  }

  const transform = (node: SchemaValue): SchemaValue =>
    mapSubschemas({
      schema: node,
      map: (subschema) => {
        let result: SchemaObject = subschema;
        const ref = subschema["$ref"];
        const target = refTarget(ref);
        const variant = target === undefined ? undefined : variantNames.get(target);
        if (typeof ref === "string" && target !== undefined && variant !== undefined) {
          const rest = ref.slice(defsPrefix.length + escapeToken(target).length);
          result = { ...result, $ref: `${defsPrefix}${escapeToken(variant)}${rest}` };
        }
        const properties = result["properties"];
        if (!isSchemaObject(properties)) return result;
        const marked = Object.keys(properties).filter((name) => isMarked({ node: properties[name] }));
        if (marked.length === 0) return result;
        const nextProperties: SchemaObject = {};
        for (const [name, property] of Object.entries(properties)) {
          if (!marked.includes(name)) nextProperties[name] = property;
          else if (action === "forbid") nextProperties[name] = false;
          else if (action === "optional") nextProperties[name] = property;
        }
        result = { ...result, properties: nextProperties };
        const required = result["required"];
        if (Array.isArray(required))
          result["required"] = required.filter((name) => typeof name !== "string" || !marked.includes(name));
        return result;
      },
    });

  const output: SchemaObject = transform(rootBody) as SchemaObject;
  if (isSchemaObject(rawDefs)) {
    const nextDefs: SchemaObject = { ...defs };
    for (const [name, variant] of variantNames) nextDefs[variant] = transform(defs[name] ?? true);
    output["$defs"] = nextDefs;
  }
  return output;
}
