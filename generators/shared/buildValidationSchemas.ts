import type { ApiModel, JsonValue, NamedSchema, PartEncoding } from "../../src/ir/types.js";
import { defaultReadOnlyInRequests, type ReadOnlyInRequests } from "../../src/targets/TargetPlugin.js";
import { jsonSchemaVariant } from "./jsonSchemaVariant.js";
import { multipartBodySchema } from "./multipartBodySchema.js";
import { isFormMediaType, type OperationView, type ParameterView } from "./operationView.js";
import { memoPiece } from "./memoPiece.js";
import { noNames, RenderRun } from "./renderRun.js";

/** `$id` of the document holding every named schema in its response view (registered with the serializer). */
export const responseDefsId = "vx-response.json";

/**
 * Request parts (`params` .. `body`) refer to named schemas as `#/$defs/<name>` (the request view, `request.$defs`):
 * they are compiled into validators at generation time. Responses refer to `vx-response.json#/$defs/<name>`.
 */
export interface OperationSchemas {
  params?: JsonValue;
  query?: JsonValue;
  headers?: JsonValue;
  cookies?: JsonValue;
  body?: JsonValue;
  /** Status (`200`, `4xx`, `default`) -> JSON body schema (response view). */
  response: Record<string, JsonValue>;
  /** How to deserialise each parameter (style, explode, the schema's shape), for parseParameters. */
  parameters?: JsonValue[];
  /** The request body's media types, sorted (a body of another type answers 415). */
  consumes?: string[];
  /** The body schema's shape, to type the string values of a urlencoded form or multipart body (when the operation takes one). */
  formBody?: JsonValue;
  /** The body is `multipart/form-data`: read by the target's multipart reader, its file parts `UploadedFile`s. */
  multipart?: boolean;
  /** Every response's media types, sorted (an `Accept` header none of them satisfies answers 406). */
  produces?: string[];
}

export interface ValidationSchemas {
  /** What the request view does with readOnly properties (`readOnlyInRequests`). */
  readOnly: ReadOnlyInRequests;
  /** `{ $defs }` (request view) and `{ $id: vx-response.json, $defs }`. */
  request: { $defs: Record<string, JsonValue> };
  response: JsonValue;
  /** By operationId, sorted. */
  operations: Record<string, OperationSchemas>;
}

type JsonObject = { [key: string]: JsonValue };

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The parts of a parameter schema deserialisation needs (type, items, properties), refs to named schemas followed. */
function resolveShape({ schema, defs, depth = 0 }: { schema: JsonValue | undefined; defs: (name: string) => NamedSchema | undefined; depth?: number }): JsonValue {
  if (!isObject(schema) || depth > 8) return {};
  const ref = schema.$ref;
  if (typeof ref === "string" && ref.startsWith("#/$defs/")) {
    const target = defs(decodeURIComponent(ref.slice("#/$defs/".length)).replace(/~1/g, "/").replace(/~0/g, "~"));
    return resolveShape({ schema: target?.jsonSchema, defs, depth: depth + 1 });
  }
  const out: JsonObject = {};
  if (schema.type !== undefined) out.type = schema.type;
  else if (Array.isArray(schema.enum) && schema.enum.length > 0 && schema.enum.every((v) => typeof v === "string")) out.type = "string";
  if (schema.items !== undefined) out.items = resolveShape({ schema: schema.items, defs, depth: depth + 1 });
  if (isObject(schema.properties)) {
    const properties: JsonObject = {};
    for (const [name, sub] of Object.entries(schema.properties)) properties[name] = resolveShape({ schema: sub, defs, depth: depth + 1 });
    out.properties = properties;
  }
  const alternatives = [schema.anyOf, schema.oneOf, schema.allOf].find((a) => Array.isArray(a));
  if (out.type === undefined && Array.isArray(alternatives)) {
    for (const alternative of alternatives) {
      const shape = resolveShape({ schema: alternative, defs, depth: depth + 1 });
      if (isObject(shape) && shape.type !== undefined) return shape;
    }
  }
  return out;
}

/**
 * The character a form's array property is joined with (`encoding.<property>`: `style: form, explode: false` is `,`,
 * `spaceDelimited` a space, `pipeDelimited` `|`, unless `explode: true`); undefined for the repeated key (the default).
 */
function delimiterOf(encoding: PartEncoding): string | undefined {
  const style = encoding.style ?? "form";
  const explode = encoding.explode ?? style === "form";
  if (explode) return undefined;
  return style === "form" ? "," : style === "spaceDelimited" ? " " : style === "pipeDelimited" ? "|" : undefined;
}

/** A form body's shape with the delimiter of each array property its `encoding` joins in one value. */
function withDelimiters({ shape, encoding }: { shape: JsonValue; encoding: readonly PartEncoding[] }): JsonValue {
  if (!isObject(shape) || !isObject(shape.properties)) return shape;
  const properties: JsonObject = { ...shape.properties };
  for (const entry of encoding) {
    const property = properties[entry.property];
    const delimiter = delimiterOf(entry);
    const types = isObject(property) ? [property.type].flat() : [];
    if (delimiter !== undefined && isObject(property) && types.includes("array")) properties[entry.property] = { ...property, delimiter };
  }
  return { ...shape, properties };
}

/** The media types of request bodies or responses, sorted, without duplicates. */
function mediaTypes(parts: readonly { content: readonly { mediaType: string }[] }[]): string[] {
  const types = new Set(parts.flatMap((part) => part.content.map((c) => c.mediaType)));
  return [...types].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function rewrite(id: string): (ref: string) => string {
  return (ref) => (ref.startsWith("#/$defs/") ? `${id}${ref}` : ref);
}

/** A request part's parameters as one object schema, keyed by their documented names (a router's own keys are the target's). */
function group({ params, forced, readOnly }: { params: ParameterView[]; forced: ReadonlySet<string>; readOnly: ReadOnlyInRequests }): JsonValue | undefined {
  if (params.length === 0) return undefined;
  const properties: Record<string, JsonValue> = {};
  const required: string[] = [];
  for (const p of params) {
    properties[p.name] = jsonSchemaVariant({ schema: p.jsonSchema, variant: "request", forcedReadOnly: forced, readOnly });
    if (p.required) required.push(p.name);
  }
  return { type: "object", properties, required };
}

/** Named schemas in the request view (depends on the database-filled properties too) and the response view. */
const requestDef = memoPiece({
  name: "requestDef",
  key: "named",
  render: ({ named, forcedReadOnly, readOnly }: { named: NamedSchema; forcedReadOnly: ReadonlySet<string>; readOnly: ReadOnlyInRequests }) =>
    jsonSchemaVariant({ schema: named.jsonSchema, variant: "request", forcedReadOnly, schemaName: named.name, readOnly }),
});
const responseDef = memoPiece({ name: "responseDef", key: "named", render: ({ named }: { named: NamedSchema }) => jsonSchemaVariant({ schema: named.jsonSchema, variant: "response" }) });

/** By operation view; reused while the database-filled properties and the named schemas its parameter shapes followed are the same. */
const operationSchemasPiece = memoPiece({
  name: "operationSchemas",
  key: "view",
  render: ({ view, forcedReadOnly, readOnly }: { view: OperationView; forcedReadOnly: ReadonlySet<string>; readOnly: ReadOnlyInRequests }, reads) =>
    operationSchemas({ view, forcedReadOnly, readOnly, defs: (name) => reads.schemas.get(name) }),
});

function operationSchemas({
  view,
  forcedReadOnly,
  readOnly,
  defs,
}: {
  view: OperationView;
  forcedReadOnly: ReadonlySet<string>;
  readOnly: ReadOnlyInRequests;
  defs: (name: string) => NamedSchema | undefined;
}): OperationSchemas {
  const schemas: OperationSchemas = { response: {} };
  const params = group({ params: view.params.path, forced: forcedReadOnly, readOnly });
  const query = group({ params: view.params.query, forced: forcedReadOnly, readOnly });
  const headers = group({ params: view.params.header, forced: forcedReadOnly, readOnly });
  const cookies = group({ params: view.params.cookie, forced: forcedReadOnly, readOnly });
  if (params) schemas.params = params;
  if (query) schemas.query = query;
  if (headers) schemas.headers = headers;
  if (cookies) schemas.cookies = cookies;
  const definitions = view.op.parameters.map((p): JsonValue => ({
    name: view.params[p.in].find((v) => v.parameter === p)?.name ?? p.name,
    in: p.in,
    style: p.style,
    explode: p.explode,
    required: p.required || p.in === "path",
    schema: resolveShape({ schema: p.jsonSchema, defs }),
  }));
  if (definitions.length > 0) schemas.parameters = definitions;
  if ((view.body?.isJson || view.body?.isForm) && view.body.jsonSchema !== null) {
    schemas.body = jsonSchemaVariant({ schema: view.body.jsonSchema, variant: "request", forcedReadOnly, readOnly });
  }
  if (view.body?.isMultipart && view.body.jsonSchema !== null) {
    const requestView = (named: NamedSchema) => jsonSchemaVariant({ schema: named.jsonSchema, variant: "request", forcedReadOnly, schemaName: named.name, readOnly });
    const variant = jsonSchemaVariant({ schema: view.body.jsonSchema, variant: "request", forcedReadOnly, readOnly });
    schemas.body = multipartBodySchema({ schema: variant, encoding: view.body.encoding, defs: { named: defs, requestView } });
    schemas.multipart = true;
  }
  const consumes = mediaTypes(view.op.requestBody ? [view.op.requestBody] : []);
  if (schemas.body !== undefined && (consumes.some(isFormMediaType) || schemas.multipart === true)) {
    const shape = resolveShape({ schema: view.body?.jsonSchema ?? undefined, defs });
    schemas.formBody = view.body?.isForm ? withDelimiters({ shape, encoding: view.body.encoding }) : shape;
  }
  const produces = mediaTypes(view.op.responses);
  if (view.op.requestBody && consumes.length > 0) schemas.consumes = consumes;
  if (produces.length > 0) schemas.produces = produces;
  for (const r of view.responses) {
    if (!r.body?.isJson || r.body.jsonSchema === null) continue;
    const key = /^[1-5]XX$/i.test(r.status) ? r.status.toLowerCase() : r.status;
    schemas.response[key] = jsonSchemaVariant({ schema: r.body.jsonSchema, variant: "response", rewriteRef: rewrite(responseDefsId) });
  }
  return schemas;
}

/**
 * The JSON Schemas validation and serialization run on: named schemas in a request view (readOnly and database-filled
 * properties removed) and a response view (writeOnly removed), and per operation its parameter groups, body and
 * responses pointing into them. Deterministic (the IR is sorted). Each named schema's views and each operation's
 * schemas are the previous run's objects when nothing they were made from changed (see `memoPiece`).
 */
export function buildValidationSchemas({
  api,
  views,
  forcedReadOnly,
  readOnly = defaultReadOnlyInRequests,
  run = new RenderRun({ names: noNames, schemas: api.schemas, forcedReadOnly }),
}: {
  api: ApiModel;
  views: OperationView[];
  forcedReadOnly: ReadonlySet<string>;
  /** What request validators do with readOnly properties sent by clients. */
  readOnly?: ReadOnlyInRequests | undefined;
  /** The render's context (made from `api` and `forcedReadOnly` when not given). */
  run?: RenderRun;
}): ValidationSchemas {
  const requestDefs: Record<string, JsonValue> = {};
  const responseDefs: Record<string, JsonValue> = {};
  const forced = run.forcedReadOnly;
  for (const named of api.schemas) {
    requestDefs[named.name] = requestDef({ inputs: { named, forcedReadOnly: forced, readOnly }, run });
    responseDefs[named.name] = responseDef({ inputs: { named }, run });
  }
  // Without reuse (two schemas of one name), the first schema of a name, as the parameter shapes always looked them up.
  const first = (name: string) => api.schemas.find((d) => d.name === name);
  const operations: Record<string, OperationSchemas> = {};
  for (const view of views) {
    operations[view.op.operationId] = run.reuse
      ? operationSchemasPiece({ inputs: { view, forcedReadOnly: forced, readOnly }, run })
      : operationSchemas({ view, forcedReadOnly: forced, readOnly, defs: first });
  }
  return {
    readOnly,
    request: { $defs: requestDefs },
    response: { $id: responseDefsId, $defs: responseDefs },
    operations,
  };
}

