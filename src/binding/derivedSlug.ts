import type { Model, NamedSchema, Operation, ScalarField, SchemaNode } from "../ir/types.js";
import { squashName } from "../naming/caseConversion.js";
import { requestRecordSchema, responseRecordSchema } from "./envelopeNodes.js";
import { derefSchema, objectProperties } from "./schemaLookup.js";

/** A slug column a create fills from another property of its body (`slug` from `title`), unique with `-2`, `-3`... */
export interface DerivedSlug {
  column: ScalarField;
  /** The body property the slug is made from (required, a string). */
  source: string;
  via: "heuristic";
  /** The request record's own (optional) property for the slug: used when the client sends it. */
  sent: string | undefined;
  /** The longest slug the API allows (the `maxLength` of the slug in the request or response record), when it says. */
  maxLength: number | undefined;
}

/** Source properties a slug is made from, by name, first found wins. */
const sourceNames = ["title", "name"];

/**
 * Whether a bound create derives its model's slug: the model has a required, unique String column `slug` with no
 * default, the request record does not require it, and it requires a string `title` (else `name`) to make it from.
 */
export function derivedSlug({ op, model, schemas }: { op: Operation; model: Model; schemas: Map<string, NamedSchema> }): DerivedSlug | undefined {
  const binding = op.binding;
  if (binding.kind !== "bound" || binding.action !== "create") return undefined;
  const column = model.fields.find((f): f is ScalarField => f.kind === "scalar" && f.name === "slug");
  if (!column || column.type !== "String" || !column.isRequired || !column.isUnique || column.isList || column.default !== undefined) return undefined;
  const body = requestRecordSchema({ op, envelope: binding.requestEnvelope, schemas });
  const properties = body ? objectProperties({ node: body, schemas }) : undefined;
  if (!properties) return undefined;
  const sent = properties.find((p) => squashName(p.name) === squashName(column.name) || squashName(p.name) === squashName(column.dbName));
  if (sent?.required) return undefined;
  const source = sourceNames
    .map((name) => properties.find((p) => p.name === name))
    .find((p) => p !== undefined && p.required && isString({ node: p.schema, schemas }));
  if (!source) return undefined;
  const lengths = [sent ? stringMaxLength({ node: sent.schema, schemas }) : undefined, responseMaxLength({ op, column, schemas })].filter((n) => n !== undefined);
  return { column, source: source.name, via: "heuristic", sent: sent?.name, maxLength: lengths.length > 0 ? Math.min(...lengths) : undefined };
}

function isString({ node, schemas }: { node: SchemaNode; schemas: Map<string, NamedSchema> }): boolean {
  const schema = derefSchema({ node, schemas });
  return schema.kind === "string" && !schema.nullable;
}

function responseMaxLength({ op, column, schemas }: { op: Operation; column: ScalarField; schemas: Map<string, NamedSchema> }): number | undefined {
  const binding = op.binding;
  if (binding.kind !== "bound") return undefined;
  const record = responseRecordSchema({ op, envelope: binding.responseEnvelope, list: false, schemas });
  const property = record ? objectProperties({ node: record, schemas })?.find((p) => p.name === column.name) : undefined;
  return property ? stringMaxLength({ node: property.schema, schemas }) : undefined;
}

function stringMaxLength({ node, schemas }: { node: SchemaNode; schemas: Map<string, NamedSchema> }): number | undefined {
  const schema = derefSchema({ node, schemas });
  return schema.kind === "string" ? schema.maxLength : undefined;
}
