import type { Model, NamedSchema, ObjectProperty, Operation, ScalarField, SchemaNode } from "../ir/types.js";
import { squashName } from "../naming/caseConversion.js";
import { requestRecordSchema, responseRecordSchema } from "./envelopeNodes.js";
import { findField } from "./findField.js";
import { derefSchema, derivedDefaultOf, objectProperties } from "./schemaLookup.js";

type Schemas = Map<string, NamedSchema>;

/** A slug column a create fills from another property of its body (`slug` from `title`), unique with `-2`, `-3`... */
export interface DerivedSlug {
  column: ScalarField;
  /** The body property the slug is made from (required, a string). */
  source: string;
  /** `extension`: `x-vx-default: { slugFrom }` says so; `heuristic`: a `slug` column and a `title` (or `name`). */
  via: "heuristic" | "extension";
  /** The request record's own (optional) property for the slug: used when the client sends it. */
  sent: string | undefined;
  /** The longest slug the API allows (the `maxLength` of the slug in the request or response record), when it says. */
  maxLength: number | undefined;
}

/** An `x-vx-default` that cannot be honoured: what is wrong, at the marked property's schema. */
export interface SlugProblem {
  problem: string;
  node: SchemaNode;
}

/** Source properties a slug is made from, by name, first found wins. */
const sourceNames = ["title", "name"];

/** Whether a bound create derives a slug, and how (only what can be honoured; see `resolveDerivedSlug`). */
export function derivedSlug(input: { op: Operation; model: Model; schemas: Schemas }): DerivedSlug | undefined {
  const resolved = resolveDerivedSlug(input);
  return resolved && !("problem" in resolved) ? resolved : undefined;
}

/**
 * Whether a bound create derives a slug: a property marked `x-vx-default: { slugFrom }` (in the request record, else
 * in the response record), else by name: the model has a required, unique String column `slug` with no default, the
 * request record does not require it, and it requires a string `title` (else `name`) to make it from. A mark that
 * cannot be honoured is a problem (VX319).
 */
export function resolveDerivedSlug({ op, model, schemas }: { op: Operation; model: Model; schemas: Schemas }): DerivedSlug | SlugProblem | undefined {
  const binding = op.binding;
  if (binding.kind !== "bound" || binding.action !== "create") return undefined;
  const body = requestRecordSchema({ op, envelope: binding.requestEnvelope, schemas });
  const properties = body ? objectProperties({ node: body, schemas }) : undefined;
  if (!properties) return undefined;
  const response = responseRecordSchema({ op, envelope: binding.responseEnvelope, list: false, schemas });
  const responseProperties = response ? (objectProperties({ node: response, schemas }) ?? []) : [];
  const marked = [...properties, ...responseProperties].find((p) => markOf({ property: p, schemas }) !== undefined);
  if (marked) return fromMark({ model, marked, slugFrom: markOf({ property: marked, schemas }) ?? "", properties, responseProperties, schemas });
  const column = model.fields.find((f): f is ScalarField => f.kind === "scalar" && f.name === "slug");
  if (!column || columnProblem(column) !== undefined) return undefined;
  const sent = sentProperty({ column, properties });
  if (sent?.required) return undefined;
  const source = sourceNames.map((name) => properties.find((p) => p.name === name)).find((p) => p !== undefined && p.required && isString({ node: p.schema, schemas }));
  if (!source || patternProblem({ properties: [sent, shownProperty({ column, responseProperties })], schemas }) !== undefined) return undefined;
  return { column, source: source.name, via: "heuristic", sent: sent?.name, maxLength: maxLengthOf({ column, sent, responseProperties, schemas }) };
}

function fromMark({
  model,
  marked,
  slugFrom,
  properties,
  responseProperties,
  schemas,
}: {
  model: Model;
  marked: ObjectProperty;
  slugFrom: string;
  properties: ObjectProperty[];
  responseProperties: ObjectProperty[];
  schemas: Schemas;
}): DerivedSlug | SlugProblem {
  const node = marked.schema;
  const field = findField({ model, property: marked.name });
  if (field?.kind !== "scalar") return { problem: `x-vx-default marks '${marked.name}', which is not a column of ${model.name}`, node };
  const problem = columnProblem(field);
  if (problem !== undefined) return { problem: `x-vx-default marks '${marked.name}', but ${model.name}.${field.name} ${problem}`, node };
  const sent = sentProperty({ column: field, properties });
  if (sent?.required) return { problem: `x-vx-default marks '${marked.name}', but the create request body requires it`, node };
  const source = properties.find((p) => p.name === slugFrom);
  if (!source?.required || !isString({ node: source.schema, schemas })) {
    return { problem: `x-vx-default slugFrom names '${slugFrom}', which is not a required string property of the create request body`, node };
  }
  const pattern = patternProblem({ properties: [sent, shownProperty({ column: field, responseProperties })], schemas });
  if (pattern !== undefined) return { problem: `x-vx-default marks '${marked.name}', but ${pattern}`, node };
  return { column: field, source: source.name, via: "extension", sent: sent?.name, maxLength: maxLengthOf({ column: field, sent, responseProperties, schemas }) };
}

function markOf({ property, schemas }: { property: ObjectProperty; schemas: Schemas }): string | undefined {
  const mark = derivedDefaultOf({ property, schemas });
  return mark && "slugFrom" in mark ? mark.slugFrom : undefined;
}

/** Why a column cannot hold a derived slug (a required, unique String with no default), or undefined. */
function columnProblem(column: ScalarField): string | undefined {
  if (column.type !== "String" || column.isList) return "is not a String column";
  if (!column.isUnique) return "is not @unique";
  if (!column.isRequired) return "is optional";
  return column.default === undefined ? undefined : "has a @default";
}

/** The request record's own property for the column (by name or database name), if any. */
function sentProperty({ column, properties }: { column: ScalarField; properties: ObjectProperty[] }): ObjectProperty | undefined {
  return properties.find((p) => squashName(p.name) === squashName(column.name) || squashName(p.name) === squashName(column.dbName));
}

function isString({ node, schemas }: { node: SchemaNode; schemas: Schemas }): boolean {
  const schema = derefSchema({ node, schemas });
  return schema.kind === "string" && !schema.nullable;
}

/** The smallest `maxLength` the request's and the response's property for the column declare. */
function maxLengthOf({ column, sent, responseProperties, schemas }: { column: ScalarField; sent: ObjectProperty | undefined; responseProperties: ObjectProperty[]; schemas: Schemas }): number | undefined {
  const shown = shownProperty({ column, responseProperties });
  const lengths = [sent, shown].flatMap((p) => {
    const schema = p ? derefSchema({ node: p.schema, schemas }) : undefined;
    return schema?.kind === "string" && schema.maxLength !== undefined ? [schema.maxLength] : [];
  });
  return lengths.length > 0 ? Math.min(...lengths) : undefined;
}

/** The response record's property for the column. */
function shownProperty({ column, responseProperties }: { column: ScalarField; responseProperties: ObjectProperty[] }): ObjectProperty | undefined {
  return responseProperties.find((p) => p.name === column.name);
}

/** Slugs `createWithSlug` makes (lowercase words, a numbered suffix, the fallback): a pattern must accept them. */
const sampleSlugs = ["hello-world", "hello-world-2", "item"];

/** Why the API's `pattern` for the slug would refuse generated slugs (`^[a-z0-9-]+$` accepts them), or undefined. */
function patternProblem({ properties, schemas }: { properties: (ObjectProperty | undefined)[]; schemas: Schemas }): string | undefined {
  for (const property of properties) {
    const schema = property ? derefSchema({ node: property.schema, schemas }) : undefined;
    if (schema?.kind !== "string" || schema.pattern === undefined) continue;
    const refused = sampleSlugs.find((slug) => !matches({ pattern: schema.pattern ?? "", text: slug }));
    if (refused !== undefined) return `the pattern of '${property?.name ?? ""}' refuses a generated slug ('${refused}')`;
  }
  return undefined;
}

function matches({ pattern, text }: { pattern: string; text: string }): boolean {
  try {
    return new RegExp(pattern, "u").test(text);
  } catch {
    return false;
  }
}
