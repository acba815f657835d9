import type { SchemaObject, SchemaValue } from "./forEachSubschema.js";

const containsKeywords = ["contains", "minContains", "maxContains"];

/**
 * `contains` (with `minContains`/`maxContains`) next to `prefixItems` moves into one more `allOf` member. Where Ajv
 * stops at the first error (under `not`, in an `if`, and in the guards other rewrites add), its `prefixItems` code
 * leaves its validity flag unset on an empty array and the `contains` after it is skipped, so
 * `{not: {prefixItems: [...], contains: C}}` rejected `[]`. An `allOf` member applies to the same instance with the
 * same result, and its annotations (the items `contains` evaluates) are the schema's own: same meaning.
 */
export function containsBesidePrefixItems(node: SchemaObject): SchemaObject {
  if (node["prefixItems"] === undefined || node["contains"] === undefined) return node;
  const moved: SchemaObject = {};
  const rest: SchemaObject = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (containsKeywords.includes(keyword)) moved[keyword] = value;
    else rest[keyword] = value;
  }
  const allOf: SchemaValue[] = Array.isArray(rest["allOf"]) ? rest["allOf"] : [];
  return { ...rest, allOf: [...allOf, moved] };
}
