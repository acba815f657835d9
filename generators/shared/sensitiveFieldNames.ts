import type { ApiModel, SchemaNode } from "../../src/ir/types.js";

/**
 * How a property's own schema (or the named schema it refers to) says its value is logged: `mask` for `format:
 * password`, `writeOnly` or `x-vx-pii: true`, `hash` for `x-vx-pii: hash` alone, undefined when it may be logged.
 */
function sensitivity({ schema, named }: { schema: SchemaNode; named: ReadonlyMap<string, SchemaNode> }): "mask" | "hash" | undefined {
  const nodes = [schema, schema.kind === "ref" ? named.get(schema.name) : undefined].filter((node) => node !== undefined);
  const masked = nodes.some((node) => node.writeOnly || (node.pii === true && node.piiHash !== true) || (node.kind === "string" && node.format === "password"));
  if (masked) return "mask";
  return nodes.some((node) => node.piiHash === true) ? "hash" : undefined;
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

/** Each sensitive property name of the API, with how each of its occurrences says it is logged. */
function sensitivities(api: ApiModel): Map<string, Set<"mask" | "hash">> {
  const named = new Map(api.schemas.map((entry) => [entry.name, entry.schema]));
  const found = new Map<string, Set<"mask" | "hash">>();
  const seen = new Set<SchemaNode>();
  const queue = rootsOf(api);
  for (let node = queue.pop(); node !== undefined; node = queue.pop()) {
    if (seen.has(node)) continue;
    seen.add(node);
    if (node.kind === "object")
      for (const property of node.properties) {
        const how = sensitivity({ schema: property.schema, named });
        if (how !== undefined) found.set(property.name, (found.get(property.name) ?? new Set()).add(how));
      }
    queue.push(...childrenOf(node));
  }
  return found;
}

function sortedNames(names: Iterable<string>): string[] {
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The names of the body properties whose values never reach the generated server's logs (nor audit events' values):
 * every property, at any depth of any schema of the API, whose schema (or the named schema it refers to) is
 * `format: password`, `writeOnly: true` or `x-vx-pii` (`true` or `hash`). Matched by name wherever a logged value has
 * them, so a name marked once is masked everywhere (safe rather than exact). Sorted, without duplicates; spec strings
 * (the caller escapes them).
 */
export function sensitiveFieldNames(api: ApiModel): string[] {
  return sortedNames(sensitivities(api).keys());
}

/**
 * Those of `sensitiveFieldNames` logged as a keyed hash rather than masked: marked `x-vx-pii: hash` wherever they
 * appear. A name also masked somewhere (`x-vx-pii: true`, password, writeOnly) stays masked everywhere.
 */
export function hashedFieldNames(api: ApiModel): string[] {
  const hashed = [...sensitivities(api)].filter(([, how]) => !how.has("mask")).map(([name]) => name);
  return sortedNames(hashed);
}
