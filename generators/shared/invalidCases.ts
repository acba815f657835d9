import type { JsonValue, NamedSchema, SchemaNode } from "../../src/ir/types.js";
import { derefSchema, objectProperties } from "../../src/binding/schemaLookup.js";
import { isHiddenProperty } from "./printType.js";

export interface InvalidCase {
  /** What is wrong, for the test's name. */
  what: string;
  /** The value to send instead. */
  value: JsonValue;
  /** The field the error details must name. */
  field: string;
  /** The JSON Schema keyword the validator must report for `field` (`required`, `maxLength`, `format`, ...). */
  keyword: string;
}

/** One value breaking a constraint of a scalar schema. */
export interface InvalidScalar {
  what: string;
  value: JsonValue;
  keyword: string;
}

/** Strings that no pattern worth a test matches; the first one the pattern rejects is used. */
const patternBreakers = ["\u0000!", "", "~", " ", "\u00ff\u00ff\u00ff"];

function breakPattern(pattern: string): string | undefined {
  try {
    const regex = new RegExp(pattern, "u");
    return patternBreakers.find((candidate) => !regex.test(candidate));
  } catch {
    return undefined;
  }
}

/** One value breaking a constraint of a (scalar) schema, or undefined when it has none to break. */
export function invalidScalar(node: SchemaNode): InvalidScalar | undefined {
  switch (node.kind) {
    case "string": {
      if (node.maxLength !== undefined) return { what: `longer than ${node.maxLength}`, value: "x".repeat(node.maxLength + 1), keyword: "maxLength" };
      if (node.minLength !== undefined && node.minLength > 0) return { what: `shorter than ${node.minLength}`, value: "", keyword: "minLength" };
      if (node.format === "email") return { what: "not an email", value: "not-an-email", keyword: "format" };
      if (node.format === "date" || node.format === "date-time") return { what: `not a ${node.format}`, value: "not-a-date", keyword: "format" };
      if (node.format === "uuid") return { what: "not a uuid", value: "not-a-uuid", keyword: "format" };
      const broken = node.pattern !== undefined ? breakPattern(node.pattern) : undefined;
      if (broken !== undefined) return { what: "not matching its pattern", value: broken, keyword: "pattern" };
      return { what: "not a string", value: 12345, keyword: "type" };
    }
    case "integer":
    case "number":
      if (node.maximum !== undefined) return { what: `above ${node.maximum}`, value: node.maximum + 1, keyword: "maximum" };
      if (node.minimum !== undefined) return { what: `below ${node.minimum}`, value: node.minimum - 1, keyword: "minimum" };
      return { what: `not a number`, value: "not-a-number", keyword: "type" };
    case "enum":
      return node.values.includes("not-a-valid-value") ? undefined : { what: "not one of its values", value: "not-a-valid-value", keyword: "enum" };
    case "boolean":
      return { what: "not a boolean", value: "not-a-boolean", keyword: "type" };
    default:
      return undefined;
  }
}

/**
 * An invalid scalar that stays invalid when sent as text (a path or query parameter): a string schema's "not a
 * string" is the valid text "12345" there.
 */
export function invalidParameter(node: SchemaNode): InvalidScalar | undefined {
  const bad = invalidScalar(node);
  return bad && typeof bad.value !== "object" && !(node.kind === "string" && bad.keyword === "type") ? bad : undefined;
}

/**
 * Request bodies the schema rejects, each with the field the error must name: a missing required property, a value
 * breaking a property's constraint, an unknown property where `additionalProperties: false`.
 */
export function invalidBodies({
  node,
  valid,
  schemas,
  forcedReadOnly,
}: {
  node: SchemaNode;
  valid: Record<string, JsonValue>;
  schemas: Map<string, NamedSchema>;
  forcedReadOnly: ReadonlySet<string>;
}): InvalidCase[] {
  const cases: InvalidCase[] = [];
  const schemaName = node.kind === "ref" ? node.name : undefined;
  const props = (objectProperties({ node, schemas }) ?? []).filter(
    (p) => !isHiddenProperty({ schema: p.schema, variant: "request", forced: schemaName !== undefined && forcedReadOnly.has(`${schemaName}/${p.name}`) }),
  );
  const required = props.find((p) => p.required);
  if (required) {
    const value = { ...valid };
    delete value[required.name];
    cases.push({ what: `missing required ${required.name}`, value, field: required.name, keyword: "required" });
  }
  const constrained = props.find((p) => invalidScalar(derefSchema({ node: p.schema, schemas })) !== undefined && p.name in valid);
  if (constrained) {
    const bad = invalidScalar(derefSchema({ node: constrained.schema, schemas }));
    if (bad) cases.push({ what: `${constrained.name} ${bad.what}`, value: { ...valid, [constrained.name]: bad.value }, field: constrained.name, keyword: bad.keyword });
  }
  const resolved = derefSchema({ node, schemas });
  if (resolved.kind === "object" && resolved.additionalProperties === false) {
    cases.push({ what: "an unknown property", value: { ...valid, unexpectedProperty: 1 }, field: "unexpectedProperty", keyword: "additionalProperties" });
  }
  return cases;
}
