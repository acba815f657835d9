import type { ApiModel, DbEnum, NamedSchema, SchemaNode } from "../ir/types.js";
import { squashName as squash } from "../naming/caseConversion.js";

/** The string values of an enum node (through refs to named schemas and arrays of them), or undefined. */
function enumStrings({ node, api, depth = 0 }: { node: SchemaNode; api: ApiModel; depth?: number }): string[] | undefined {
  if (depth > 8) return undefined;
  if (node.kind === "ref") {
    const target = api.schemas.find((s) => s.name === node.name);
    return target ? enumStrings({ node: target.schema, api, depth: depth + 1 }) : undefined;
  }
  if (node.kind === "array") return enumStrings({ node: node.items, api, depth: depth + 1 });
  if (node.kind !== "enum") return undefined;
  const strings = node.values.filter((v): v is string => typeof v === "string");
  return strings.length === node.values.length ? strings : undefined;
}

/** The values the API gives the user schema's property for `field` (same name, or same squashed name). */
function schemaValues({ api, schema, field }: { api: ApiModel; schema: NamedSchema | undefined; field: string }): string[] | undefined {
  if (schema?.schema.kind !== "object") return undefined;
  const property = schema.schema.properties.find((p) => p.name === field) ?? schema.schema.properties.find((p) => squash(p.name) === squash(field));
  return property ? enumStrings({ node: property.schema, api }) : undefined;
}

/**
 * How the API spells the roles a Prisma enum stores (`ADMIN` -> `admin`), so that tokens carry roles as `x-vx-roles`
 * and the API's own responses write them: from the user schema's property for the roles column when it is an enum,
 * else from every `x-vx-roles` value of the API. A stored value pairs with the one API value of the same squashed
 * spelling; one with none or several keeps its stored spelling. Undefined when nothing is spelled differently.
 */
export function roleSpelling({
  api,
  dbEnum,
  schema,
  field,
}: {
  api: ApiModel;
  dbEnum: DbEnum;
  schema: NamedSchema | undefined;
  field: string;
}): { stored: string; api: string }[] | undefined {
  const candidates = schemaValues({ api, schema, field }) ?? [...new Set(api.operations.flatMap((op) => op.roles?.roles ?? []))].sort();
  const pairs = dbEnum.values.map(({ name }) => {
    const matches = candidates.filter((value) => squash(value) === squash(name));
    return { stored: name, api: matches.length === 1 && matches[0] !== undefined ? matches[0] : name };
  });
  return pairs.some((p) => p.stored !== p.api) ? pairs : undefined;
}
