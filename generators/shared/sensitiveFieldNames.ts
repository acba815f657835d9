import type { ApiModel, SchemaNode } from "../../src/ir/types.js";

/** Whether a property's own schema marks its value as a secret or personal data. */
function isSensitive({ schema, named }: { schema: SchemaNode; named: ReadonlyMap<string, SchemaNode> }): boolean {
  const target = schema.kind === "ref" ? named.get(schema.name) : undefined;
  return [schema, target].some(
    (node) => node !== undefined && (node.writeOnly || node.pii === true || (node.kind === "string" && node.format === "password")),
  );
}

/** The schemas directly inside `schema` (properties, items, members, additional properties). */
function childrenOf(schema: SchemaNode): SchemaNode[] {
  switch (schema.kind) {
    case "object":
      return [
        ...schema.properties.map((property) => property.schema),
        ...(typeof schema.additionalProperties === "object" ? [schema.additionalProperties] : []),
        ...(schema.patternProperties ?? []).map((entry) => entry.schema),
      ];
    case "array":
      return [schema.items, ...(schema.prefixItems ?? [])];
    case "union":
    case "intersection":
      return schema.members;
    default:
      return [];
  }
}

/** Every schema of the API: named ones, then the operations' request and response bodies (inline ones included). */
function rootsOf(api: ApiModel): SchemaNode[] {
  const bodies = api.operations.flatMap((operation) => [
    ...(operation.requestBody?.content ?? []),
    ...operation.responses.flatMap((response) => response.content),
  ]);
  return [...api.schemas.map((named) => named.schema), ...bodies.flatMap((content) => (content.schema ? [content.schema] : []))];
}

/**
 * The names of the body properties whose values never reach the generated server's logs (nor audit events' values):
 * every property, at any depth of any schema of the API, whose schema (or the named schema it refers to) is
 * `format: password`, `writeOnly: true` or `x-vx-pii: true`. Matched by name wherever a logged value has them, so a
 * name marked once is masked everywhere (safe rather than exact). Sorted, without duplicates; spec strings (the caller
 * escapes them).
 */
export function sensitiveFieldNames(api: ApiModel): string[] {
  const named = new Map(api.schemas.map((entry) => [entry.name, entry.schema]));
  const names = new Set<string>();
  const seen = new Set<SchemaNode>();
  const queue = rootsOf(api);
  for (let node = queue.pop(); node !== undefined; node = queue.pop()) {
    if (seen.has(node)) continue;
    seen.add(node);
    if (node.kind === "object")
      for (const property of node.properties) if (isSensitive({ schema: property.schema, named })) names.add(property.name);
    queue.push(...childrenOf(node));
  }
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
