/** A JSON value as found in a schema document. */
export type SchemaValue = null | boolean | number | string | SchemaValue[] | { [key: string]: SchemaValue };

export type SchemaObject = { [key: string]: SchemaValue };

/** Keywords whose value is a single subschema. */
export const singleSchemaKeywords = [
  "additionalProperties",
  "additionalItems",
  "unevaluatedProperties",
  "unevaluatedItems",
  "items",
  "contains",
  "propertyNames",
  "not",
  "if",
  "then",
  "else",
] as const;

/** Keywords whose value is an array of subschemas. */
export const schemaArrayKeywords = ["allOf", "anyOf", "oneOf", "prefixItems", "items"] as const;

/** Keywords whose value is an object whose every value is a subschema. */
export const schemaMapKeywords = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"] as const;

export function isSchemaObject(value: SchemaValue | undefined): value is SchemaObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function escapePointerToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

export interface SubschemaVisit {
  schema: SchemaObject;
  /** JSON pointer of `schema` from the root passed to `forEachSubschema`. */
  pointer: string;
}

/**
 * Calls `visit` for the root schema object and every subschema object below it, in document order, following only
 * keyword positions (so a property named `format` or an `enum` value that looks like a schema is never visited).
 * Boolean subschemas are skipped (they have no keywords). Covers draft 4 through 2020-12.
 */
export function forEachSubschema({ schema, visit }: { schema: SchemaValue; visit: (v: SubschemaVisit) => void }): void {
  const walk = ({ node, pointer }: { node: SchemaValue | undefined; pointer: string }): void => {
    if (!isSchemaObject(node)) return;
    visit({ schema: node, pointer });
    for (const keyword of singleSchemaKeywords) {
      const child = node[keyword];
      if (isSchemaObject(child)) walk({ node: child, pointer: `${pointer}/${keyword}` });
    }
    for (const keyword of schemaArrayKeywords) {
      const children = node[keyword];
      if (Array.isArray(children))
        children.forEach((child, i) => walk({ node: child, pointer: `${pointer}/${keyword}/${i}` }));
    }
    for (const keyword of schemaMapKeywords) {
      const children = node[keyword];
      if (!isSchemaObject(children)) continue;
      for (const [name, child] of Object.entries(children))
        walk({ node: child, pointer: `${pointer}/${keyword}/${escapePointerToken(name)}` });
    }
    const dependencies = node["dependencies"];
    if (isSchemaObject(dependencies)) {
      for (const [name, child] of Object.entries(dependencies)) {
        walk({ node: child, pointer: `${pointer}/dependencies/${escapePointerToken(name)}` });
      }
    }
  };
  walk({ node: schema, pointer: "" });
}

/**
 * Returns a deep copy of `schema` where every subschema object (root included, children first) went through `map`.
 * Mirrors the keyword positions of `forEachSubschema`; non-schema values (enum, const, examples) are copied as is.
 */
export function mapSubschemas({
  schema,
  map,
}: {
  schema: SchemaValue;
  map: (node: SchemaObject) => SchemaValue;
}): SchemaValue {
  const walk = (node: SchemaValue): SchemaValue => {
    if (!isSchemaObject(node)) return node;
    const copy: SchemaObject = { ...node };
    for (const keyword of singleSchemaKeywords) {
      const child = copy[keyword];
      if (isSchemaObject(child)) copy[keyword] = walk(child);
    }
    for (const keyword of schemaArrayKeywords) {
      const children = copy[keyword];
      if (Array.isArray(children)) copy[keyword] = children.map(walk);
    }
    for (const keyword of [...schemaMapKeywords, "dependencies"]) {
      const children = copy[keyword];
      if (!isSchemaObject(children)) continue;
      copy[keyword] = Object.fromEntries(Object.entries(children).map(([name, child]) => [name, walk(child)]));
    }
    return map(copy);
  };
  return walk(schema);
}
