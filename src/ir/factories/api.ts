/**
 * Factories for API IR (`ApiModel` and its parts) with sensible defaults, for tests that build IR directly instead of
 * reading a spec. Every factory takes one object; anything not given gets the value a plain OpenAPI declaration would
 * have (not nullable, not read-only, optional, no constraints, source `api.yaml` at the root). `jsonSchema` fields
 * default to `jsonSchemaOf(schema)`, the normalised JSON Schema 2020-12 the reader would produce for that node.
 */
import type {
  ApiModel,
  ArraySchema,
  BooleanSchema,
  Callback,
  ConstSchema,
  EnumSchema,
  EnumValue,
  IntersectionSchema,
  JsonValue,
  MediaContent,
  NamedSchema,
  NullSchema,
  NumberSchema,
  ObjectProperty,
  ObjectSchema,
  OpenApiSource,
  Operation,
  Parameter,
  RefSchema,
  RequestBody,
  Response,
  SchemaCommon,
  SchemaNode,
  SecurityScheme,
  Server,
  StringSchema,
  UnionSchema,
  UnknownSchema,
  Webhook,
} from "../types.js";
import { synthesizeOperationId } from "../../parsers/openapi/synthesizeOperationId.js";
import { compareByName } from "../../util/compareByName.js";

const methodOrder = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** An OpenAPI source; defaults to the root of `api.yaml`. */
export function openApiSource(input: Partial<Omit<OpenApiSource, "kind">> = {}): OpenApiSource {
  return { kind: "openapi", file: "api.yaml", pointer: "", ...input };
}

type SchemaInput<T extends SchemaCommon> = Partial<Omit<T, "kind">>;

function common(input: Partial<SchemaCommon>): SchemaCommon {
  return { nullable: false, readOnly: false, writeOnly: false, deprecated: false, source: openApiSource(), ...input };
}

export function stringSchema(input: SchemaInput<StringSchema> = {}): StringSchema {
  return { kind: "string", ...common(input), ...input };
}

export function numberSchema(input: SchemaInput<NumberSchema> = {}): NumberSchema {
  return { kind: "number", ...common(input), ...input };
}

export function integerSchema(input: SchemaInput<NumberSchema> = {}): NumberSchema {
  return { kind: "integer", ...common(input), ...input };
}

export function booleanSchema(input: SchemaInput<BooleanSchema> = {}): BooleanSchema {
  return { kind: "boolean", ...common(input), ...input };
}

export function nullSchema(input: SchemaInput<NullSchema> = {}): NullSchema {
  return { kind: "null", ...common(input), ...input };
}

export function unknownSchema(input: SchemaInput<UnknownSchema> = {}): UnknownSchema {
  return { kind: "unknown", ...common(input), ...input };
}

/** A reference to the named schema `name`. */
export function refSchema(input: SchemaInput<RefSchema> & { name: string }): RefSchema {
  return { kind: "ref", ...common(input), ...input };
}

/** An enum; `baseType` defaults to the type of the values (`mixed` when they differ). */
export function enumSchema(input: SchemaInput<EnumSchema> & { values: EnumValue[] }): EnumSchema {
  const types = new Set(
    input.values
      .filter((v) => v !== null)
      .map((v) => (typeof v === "number" ? (Number.isInteger(v) ? "integer" : "number") : typeof v)),
  );
  if (types.has("number")) types.delete("integer");
  const baseType = (types.size === 1 ? [...types][0] : types.size === 0 ? "string" : "mixed") as EnumSchema["baseType"];
  return { kind: "enum", baseType, ...common(input), ...input };
}

export function constSchema(input: SchemaInput<ConstSchema> & { value: JsonValue }): ConstSchema {
  return { kind: "const", ...common(input), ...input };
}

/** A property; optional unless `required` is given. */
export function property(input: { name: string; schema: SchemaNode; required?: boolean }): ObjectProperty {
  return { required: false, ...input };
}

/** An object; additional properties allowed (the OpenAPI default) unless given. */
export function objectSchema(input: SchemaInput<ObjectSchema> = {}): ObjectSchema {
  return { kind: "object", properties: [], additionalProperties: true, ...common(input), ...input };
}

/** An array; items default to `unknown`. */
export function arraySchema(input: SchemaInput<ArraySchema> = {}): ArraySchema {
  return { kind: "array", items: unknownSchema(), uniqueItems: false, ...common(input), ...input };
}

/** `oneOf` unless `mode` is given. */
export function unionSchema(input: SchemaInput<UnionSchema> & { members: SchemaNode[] }): UnionSchema {
  return { kind: "union", mode: "oneOf", ...common(input), ...input };
}

export function intersectionSchema(
  input: SchemaInput<IntersectionSchema> & { members: SchemaNode[] },
): IntersectionSchema {
  return { kind: "intersection", ...common(input), ...input };
}

function withNull(schema: { [key: string]: JsonValue }, nullable: boolean): JsonValue {
  if (!nullable) return schema;
  if (typeof schema.type === "string") return { ...schema, type: [schema.type, "null"] };
  return { anyOf: [schema, { type: "null" }] };
}

/**
 * The normalised JSON Schema 2020-12 of an IR node, as the reader fills `jsonSchema`: refs as `#/$defs/<name>`,
 * nullable as a type array (or `anyOf` with null), annotations kept.
 */
export function jsonSchemaOf(node: SchemaNode): JsonValue {
  const out: { [key: string]: JsonValue } = {};
  const put = (key: string, value: JsonValue | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  switch (node.kind) {
    case "ref":
      put("$ref", `#/$defs/${node.name}`);
      break;
    case "object": {
      put("type", "object");
      if (node.properties.length > 0) {
        const properties: { [key: string]: JsonValue } = {};
        for (const p of node.properties) properties[p.name] = jsonSchemaOf(p.schema);
        out.properties = properties;
        const required = node.properties.filter((p) => p.required).map((p) => p.name);
        if (required.length > 0) out.required = required;
      }
      if (node.additionalProperties !== true) {
        out.additionalProperties =
          typeof node.additionalProperties === "boolean"
            ? node.additionalProperties
            : jsonSchemaOf(node.additionalProperties);
      }
      if (node.patternProperties) {
        const patterns: { [key: string]: JsonValue } = {};
        for (const p of node.patternProperties) patterns[p.pattern] = jsonSchemaOf(p.schema);
        out.patternProperties = patterns;
      }
      put("minProperties", node.minProperties);
      put("maxProperties", node.maxProperties);
      break;
    }
    case "array":
      put("type", "array");
      if (node.prefixItems) out.prefixItems = node.prefixItems.map(jsonSchemaOf);
      if (node.items.kind !== "unknown") out.items = jsonSchemaOf(node.items);
      put("minItems", node.minItems);
      put("maxItems", node.maxItems);
      if (node.uniqueItems) out.uniqueItems = true;
      break;
    case "string":
      put("type", "string");
      put("format", node.format);
      put("minLength", node.minLength);
      put("maxLength", node.maxLength);
      put("pattern", node.pattern);
      put("contentMediaType", node.contentMediaType);
      put("contentEncoding", node.contentEncoding);
      break;
    case "number":
    case "integer":
      put("type", node.kind);
      put("format", node.format);
      put("minimum", node.minimum);
      put("maximum", node.maximum);
      put("exclusiveMinimum", node.exclusiveMinimum);
      put("exclusiveMaximum", node.exclusiveMaximum);
      put("multipleOf", node.multipleOf);
      break;
    case "boolean":
    case "null":
      put("type", node.kind);
      break;
    case "enum":
      if (node.baseType !== "mixed") put("type", node.baseType);
      out.enum = node.nullable && !node.values.includes(null) ? [...node.values, null] : node.values;
      break;
    case "const":
      out.const = node.value;
      break;
    case "union":
      out[node.mode] = node.members.map(jsonSchemaOf);
      break;
    case "intersection":
      out.allOf = node.members.map(jsonSchemaOf);
      break;
    case "unknown":
      break;
  }
  put("title", node.title);
  put("description", node.description);
  put("default", node.default);
  if (node.examples) out.examples = node.examples;
  if (node.readOnly) out.readOnly = true;
  if (node.writeOnly) out.writeOnly = true;
  if (node.deprecated) out.deprecated = true;
  return withNull(out, node.nullable && node.kind !== "null" && node.kind !== "unknown" && node.kind !== "enum");
}

/** A named schema; `jsonSchema` defaults to `jsonSchemaOf(schema)`, the source to `#/components/schemas/<name>`. */
export function namedSchema(
  input: Partial<Omit<NamedSchema, "kind">> & { name: string; schema: SchemaNode },
): NamedSchema {
  return {
    kind: "namedSchema",
    jsonSchema: jsonSchemaOf(input.schema),
    source: openApiSource({ pointer: `/components/schemas/${input.name}` }),
    ...input,
  };
}

/** A parameter: query, optional, string, with the location's default style (form or simple) and explode. */
export function parameter(input: Partial<Omit<Parameter, "kind">> & { name: string }): Parameter {
  const location = input.in ?? "query";
  const style = input.style ?? (location === "query" || location === "cookie" ? "form" : "simple");
  const schema = input.schema ?? stringSchema();
  return {
    kind: "parameter",
    in: location,
    required: location === "path",
    deprecated: false,
    style,
    explode: style === "form",
    allowReserved: false,
    schema,
    jsonSchema: jsonSchemaOf(schema),
    source: openApiSource(),
    ...input,
  };
}

/** Content of a media type (default `application/json`); `jsonSchema` follows `schema`. */
export function mediaContent(input: Partial<Omit<MediaContent, "kind">> = {}): MediaContent {
  const schema = input.schema ?? null;
  return {
    kind: "content",
    mediaType: "application/json",
    schema,
    jsonSchema: schema ? jsonSchemaOf(schema) : null,
    source: openApiSource(),
    ...input,
  };
}

/** A request body, required unless said otherwise; `schema` is a shortcut for one `application/json` content. */
export function requestBody(input: Partial<Omit<RequestBody, "kind">> & { schema?: SchemaNode } = {}): RequestBody {
  const { schema, ...rest } = input;
  return {
    kind: "requestBody",
    required: true,
    content: schema ? [mediaContent({ schema })] : [],
    source: openApiSource(),
    ...rest,
  };
}

/** A response (default `200`, description `OK`); `schema` is a shortcut for one `application/json` content. */
export function response(input: Partial<Omit<Response, "kind">> & { schema?: SchemaNode } = {}): Response {
  const { schema, ...rest } = input;
  return {
    kind: "response",
    status: "200",
    description: "OK",
    headers: [],
    content: schema ? [mediaContent({ schema })] : [],
    source: openApiSource(),
    ...rest,
  };
}

/**
 * An operation; `GET /` unless given, operationId synthesised from method and path when not given (flagged), one
 * empty `200` response, open security, unbound.
 */
export function operation(input: Partial<Omit<Operation, "kind">> = {}): Operation {
  const method = input.method ?? "get";
  const path = input.path ?? "/";
  return {
    kind: "operation",
    operationId: input.operationId ?? synthesizeOperationId({ method, path }),
    operationIdSynthesized: input.operationId === undefined,
    method,
    path,
    tags: [],
    deprecated: false,
    parameters: [],
    responses: [response()],
    security: [],
    callbacks: [],
    binding: { kind: "unbound", reason: "not bound yet" },
    source: openApiSource({ pointer: `/paths/${path.replace(/~/g, "~0").replace(/\//g, "~1")}/${method}` }),
    ...input,
  };
}

export function callback(input: Partial<Omit<Callback, "kind">> & { name: string; expression: string }): Callback {
  return { kind: "callback", operations: [], source: openApiSource(), ...input };
}

export function webhook(input: Partial<Omit<Webhook, "kind">> & { name: string }): Webhook {
  return { kind: "webhook", operations: [], source: openApiSource({ pointer: `/webhooks/${input.name}` }), ...input };
}

export function server(input: Partial<Server> & { url: string }): Server {
  return { variables: [], ...input };
}

/** A bearer-token HTTP security scheme named `bearerAuth` unless given. */
export function bearerScheme(input: { name?: string; bearerFormat?: string } = {}): SecurityScheme {
  return {
    kind: "http",
    name: input.name ?? "bearerAuth",
    scheme: "bearer",
    ...(input.bearerFormat ? { bearerFormat: input.bearerFormat } : {}),
    source: openApiSource(),
  };
}

/** An API model (OpenAPI 3.1.0, `api.yaml`); operations are sorted by path and method, schemas and schemes by name. */
export function apiModel(input: Partial<Omit<ApiModel, "kind">> = {}): ApiModel {
  const file = input.file ?? "api.yaml";
  const operations = [...(input.operations ?? [])].sort((a, b) =>
    a.path !== b.path ? (a.path < b.path ? -1 : 1) : methodOrder.indexOf(a.method) - methodOrder.indexOf(b.method),
  );
  return {
    kind: "api",
    file,
    files: [file],
    specVersion: "3.1.0",
    info: { title: "Test API", version: "1.0.0" },
    servers: [],
    webhooks: [],
    ...input,
    operations,
    schemas: [...(input.schemas ?? [])].sort(compareByName),
    securitySchemes: [...(input.securitySchemes ?? [])].sort(compareByName),
  };
}
