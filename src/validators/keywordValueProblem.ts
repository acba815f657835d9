/**
 * The JSON types the validators' Ajv (JSON Schema 2020-12 with OpenAPI's `nullable`) accepts as each keyword's value;
 * any other value makes the whole schema fail to compile. Keywords not listed take any value (or are annotations).
 */
const valueTypes: Record<string, readonly string[]> = {
  $dynamicAnchor: ["string"],
  $dynamicRef: ["string"],
  maximum: ["number"],
  minimum: ["number"],
  exclusiveMaximum: ["number"],
  exclusiveMinimum: ["number"],
  multipleOf: ["number"],
  maxLength: ["number"],
  minLength: ["number"],
  pattern: ["string"],
  maxProperties: ["number"],
  minProperties: ["number"],
  required: ["array"],
  maxItems: ["number"],
  minItems: ["number"],
  uniqueItems: ["boolean"],
  type: ["string", "array"],
  nullable: ["boolean"],
  enum: ["array"],
  not: ["object", "boolean"],
  anyOf: ["array"],
  oneOf: ["array"],
  allOf: ["array"],
  if: ["object", "boolean"],
  then: ["object", "boolean"],
  else: ["object", "boolean"],
  propertyNames: ["object", "boolean"],
  additionalProperties: ["object", "boolean"],
  properties: ["object"],
  patternProperties: ["object"],
  prefixItems: ["array"],
  items: ["object", "boolean"],
  contains: ["object", "boolean"],
  format: ["string"],
  dependentRequired: ["object"],
  dependentSchemas: ["object"],
  maxContains: ["number"],
  minContains: ["number"],
  unevaluatedProperties: ["object", "boolean"],
  unevaluatedItems: ["object", "boolean"],
};

const jsonTypes = new Set(["string", "number", "integer", "boolean", "object", "array", "null"]);

function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/**
 * Why `value` cannot be the value of schema keyword `keyword` in a compiled validator (`undefined`: it can): a value
 * of the wrong JSON type (`minLength: "3"`), or a `type` naming no JSON type (`type: integr`).
 */
export function keywordValueProblem({ keyword, value }: { keyword: string; value: unknown }): string | undefined {
  const allowed = Object.hasOwn(valueTypes, keyword) ? valueTypes[keyword] : undefined;
  const actual = jsonTypeOf(value);
  if (allowed && !allowed.includes(actual)) return `its value must be ${allowed.map((t) => `a${/^[aeiou]/.test(t) ? "n" : ""} ${t}`).join(" or ")} (got ${actual === "null" ? "null" : `a${/^[aeiou]/.test(actual) ? "n" : ""} ${actual}`})`;
  if (keyword === "type") {
    const unknown = (Array.isArray(value) ? value : [value]).filter((t) => typeof t !== "string" || !jsonTypes.has(t));
    if (unknown.length > 0) return `${unknown.map((t) => JSON.stringify(t)).join(", ")} is not a JSON Schema type (string, number, integer, boolean, object, array, null)`;
  }
  return undefined;
}
