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
}

/** One value breaking a constraint of a (scalar) schema, or undefined when it has none to break. */
export function invalidScalar(node: SchemaNode): { what: string; value: JsonValue } | undefined {
  switch (node.kind) {
    case "string":
      if (node.maxLength !== undefined) return { what: `longer than ${node.maxLength}`, value: "x".repeat(node.maxLength + 1) };
      if (node.minLength !== undefined && node.minLength > 0) return { what: `shorter than ${node.minLength}`, value: "" };
      if (node.format === "email") return { what: "not an email", value: "not-an-email" };
      if (node.format === "date" || node.format === "date-time") return { what: `not a ${node.format}`, value: "not-a-date" };
      if (node.format === "uuid") return { what: "not a uuid", value: "not-a-uuid" };
      if (node.pattern !== undefined) return { what: "not matching its pattern", value: "\u0000!" };
      return { what: "not a string", value: 12345 };
    case "integer":
    case "number":
      if (node.maximum !== undefined) return { what: `above ${node.maximum}`, value: node.maximum + 1 };
      if (node.minimum !== undefined) return { what: `below ${node.minimum}`, value: node.minimum - 1 };
      return { what: `not a number`, value: "not-a-number" };
    case "enum":
      return { what: "not one of its values", value: "not-a-valid-value" };
    case "boolean":
      return { what: "not a boolean", value: "not-a-boolean" };
    default:
      return undefined;
  }
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
    cases.push({ what: `missing required ${required.name}`, value, field: required.name });
  }
  const constrained = props.find((p) => invalidScalar(derefSchema({ node: p.schema, schemas })) !== undefined && p.name in valid);
  if (constrained) {
    const bad = invalidScalar(derefSchema({ node: constrained.schema, schemas }));
    if (bad) cases.push({ what: `${constrained.name} ${bad.what}`, value: { ...valid, [constrained.name]: bad.value }, field: constrained.name });
  }
  const resolved = derefSchema({ node, schemas });
  if (resolved.kind === "object" && resolved.additionalProperties === false) {
    cases.push({ what: "an unknown property", value: { ...valid, unexpectedProperty: 1 }, field: "unexpectedProperty" });
  }
  return cases;
}
