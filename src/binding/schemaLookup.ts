import type { ApiModel, DerivedDefault, NamedSchema, ObjectProperty, Operation, SchemaNode } from "../ir/types.js";

/** Index of named schemas by name, built once per document. */
export function indexSchemas(api: ApiModel): Map<string, NamedSchema> {
  return new Map(api.schemas.map((schema) => [schema.name, schema]));
}

/** Follows `ref` nodes to the schema they name (at most `depth` hops, so circular aliases cannot loop). */
export function derefSchema({
  node,
  schemas,
  depth = 32,
}: {
  node: SchemaNode;
  schemas: Map<string, NamedSchema>;
  depth?: number;
}): SchemaNode {
  let current = node;
  for (let hops = 0; current.kind === "ref" && hops < depth; hops++) {
    const target = schemas.get(current.name);
    if (!target) return current;
    current = target.schema;
  }
  return current;
}

/** The named schema a node refers to, directly or through single-member allOf wrappers. */
export function schemaName({
  node,
  schemas,
}: {
  node: SchemaNode;
  schemas: Map<string, NamedSchema>;
}): string | undefined {
  if (node.kind === "ref") return node.name;
  if (node.kind === "intersection" && node.members.length === 1 && node.members[0])
    return schemaName({ node: node.members[0], schemas });
  return undefined;
}

/**
 * The properties of an object schema, allOf members merged (later members win), refs followed. Returns undefined
 * for schemas that are not objects.
 */
export function objectProperties({
  node,
  schemas,
  seen = new Set<string>(),
}: {
  node: SchemaNode;
  schemas: Map<string, NamedSchema>;
  seen?: Set<string>;
}): ObjectProperty[] | undefined {
  if (node.kind === "ref") {
    if (seen.has(node.name)) return undefined;
    const target = schemas.get(node.name);
    return target ? objectProperties({ node: target.schema, schemas, seen: new Set([...seen, node.name]) }) : undefined;
  }
  if (node.kind === "object") return node.properties;
  if (node.kind === "intersection") {
    const merged = new Map<string, ObjectProperty>();
    let any = false;
    for (const member of node.members) {
      const props = objectProperties({ node: member, schemas, seen });
      if (!props) continue;
      any = true;
      for (const prop of props) {
        const previous = merged.get(prop.name);
        merged.set(prop.name, previous ? { ...prop, required: prop.required || previous.required } : prop);
      }
    }
    return any ? [...merged.values()] : undefined;
  }
  return undefined;
}

/** The JSON body schema of a request or response content list, preferring `application/json`. */
export function jsonContentSchema(content: { mediaType: string; schema: SchemaNode | null }[]): SchemaNode | undefined {
  const json =
    content.find((c) => c.mediaType === "application/json") ??
    content.find((c) => /[/+]json\b/.test(c.mediaType)) ??
    content.find((c) => c.mediaType === "application/x-www-form-urlencoded" || c.mediaType === "multipart/form-data");
  return json?.schema ?? undefined;
}

/** The schema of the first documented 2xx response (200 before 201 ...), if it has a JSON body. */
export function successResponseSchema(op: Operation): SchemaNode | undefined {
  for (const response of op.responses) {
    if (/^2\d\d$/.test(response.status) || response.status === "2XX") {
      const schema = jsonContentSchema(response.content);
      if (schema) return schema;
    }
  }
  return undefined;
}

/**
 * The schema of one item of a collection response: the array's items, or the items of the single array property of
 * a wrapper object such as `{ data: Book[], total: number }`.
 */
export function collectionItemSchema({
  node,
  schemas,
}: {
  node: SchemaNode;
  schemas: Map<string, NamedSchema>;
}): SchemaNode | undefined {
  const resolved = derefSchema({ node, schemas });
  if (resolved.kind === "array") return resolved.items;
  const props = objectProperties({ node: resolved, schemas });
  if (!props) return undefined;
  const arrays = props.filter((p) => derefSchema({ node: p.schema, schemas }).kind === "array");
  if (arrays.length !== 1 || !arrays[0]) return undefined;
  const array = derefSchema({ node: arrays[0].schema, schemas });
  return array.kind === "array" ? array.items : undefined;
}

/** A property's `x-vx-default`, on the property (beside a `$ref`) or on the schema it refers to. */
export function derivedDefaultOf({ property, schemas }: { property: ObjectProperty; schemas: Map<string, NamedSchema> }): DerivedDefault | undefined {
  return property.schema.derivedDefault ?? derefSchema({ node: property.schema, schemas }).derivedDefault;
}

/** Whether a property is `readOnly`, on the property (beside a `$ref`) or on the schema it refers to. */
export function isReadOnlyProperty({ property, schemas }: { property: ObjectProperty; schemas: Map<string, NamedSchema> }): boolean {
  return property.schema.readOnly || derefSchema({ node: property.schema, schemas }).readOnly;
}
