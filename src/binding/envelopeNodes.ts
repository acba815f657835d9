import type { NamedSchema, Operation, RequestEnvelope, ResponseEnvelope, SchemaNode } from "../ir/types.js";
import { collectionItemSchema, derefSchema, jsonContentSchema, objectProperties, successResponseSchema } from "./schemaLookup.js";

type Schemas = Map<string, NamedSchema>;

/** The schema of property `name` of an object schema (allOf merged, refs followed). */
export function propertySchema({ node, name, schemas }: { node: SchemaNode; name: string; schemas: Schemas }): SchemaNode | undefined {
  return objectProperties({ node, schemas })?.find((p) => p.name === name)?.schema;
}

/** The schema at a path of property names inside nested objects (`["meta", "total"]`). */
export function schemaAtPath({ node, path, schemas }: { node: SchemaNode; path: readonly string[]; schemas: Schemas }): SchemaNode | undefined {
  let current: SchemaNode | undefined = node;
  for (const name of path) current = current ? propertySchema({ node: current, name, schemas }) : undefined;
  return current;
}

/** The items of the array schema `node` (refs followed), or undefined when it is not an array. */
export function arrayItems({ node, schemas }: { node: SchemaNode | undefined; schemas: Schemas }): SchemaNode | undefined {
  const resolved = node ? derefSchema({ node, schemas }) : undefined;
  return resolved?.kind === "array" ? resolved.items : undefined;
}

/** The request body's record schema: the wrapped property's, or the body itself. */
export function requestRecordSchema({ op, envelope, schemas }: { op: Operation; envelope: RequestEnvelope | undefined; schemas: Schemas }): SchemaNode | undefined {
  const body = op.requestBody ? jsonContentSchema(op.requestBody.content) : undefined;
  if (!body || !envelope) return body;
  return propertySchema({ node: body, name: envelope.property, schemas });
}

/**
 * The success response's record schema (one record for get/create/update/replace/delete, one item for a list): inside
 * the envelope when there is one; undefined for a column list (its items are values, not records).
 */
export function responseRecordSchema({ op, envelope, list, schemas }: { op: Operation; envelope: ResponseEnvelope | undefined; list: boolean; schemas: Schemas }): SchemaNode | undefined {
  const response = successResponseSchema(op);
  if (!response) return undefined;
  if (envelope?.kind === "columnList") return undefined;
  if (envelope?.kind === "wrap") return propertySchema({ node: response, name: envelope.property, schemas });
  if (envelope?.kind === "page") return arrayItems({ node: propertySchema({ node: response, name: envelope.items, schemas }), schemas });
  return list ? collectionItemSchema({ node: response, schemas }) : response;
}
