import { createDiagnostic } from "../diagnostics/createDiagnostic.js";
import type { ApiModel, Diagnostic, JsonValue, OpenApiSource, Operation, ParameterLocation } from "../ir/types.js";
import { findUnknownFormats } from "./findUnknownFormats.js";
import { isSchemaObject, type SchemaObject, type SchemaValue } from "./forEachSubschema.js";
import { toRequestSchema } from "./toRequestSchema.js";
import { toResponseSchema } from "./toResponseSchema.js";

export interface OperationValidatorSchemas {
  /** Named schemas (`ApiModel.schemas[].jsonSchema`) plus their `__request` / `__response` variants. */
  defs: Record<string, SchemaValue>;
  /**
   * One schema per validator, by name, ready for `generateValidatorModule({ schemas, defs, dialect: "openapi-3.1" })`:
   * - `<operationId>.parameters.<path|query|header|cookie>`: an object of the deserialised parameters
   *   (`parseParameters`' values), with the required ones required;
   * - `<operationId>.request.<mediaType>`: a request body (readOnly properties per `readOnly`);
   * - `<operationId>.response.<status>.<mediaType>`: a response body (writeOnly properties removed).
   */
  schemas: Record<string, SchemaValue>;
  /** VX115 warnings for formats the validators do not check (they accept any value). */
  diagnostics: Diagnostic[];
}

const locations: ParameterLocation[] = ["path", "query", "header", "cookie"];

function stripDefs(schema: SchemaValue): SchemaValue {
  if (!isSchemaObject(schema)) return schema;
  const { $defs: _defs, ...rest } = schema;
  return rest;
}

/**
 * The request and response validator schemas of every operation of `api` (built from the IR's normalised
 * `jsonSchema`s, JSON Schema 2020-12 with refs `#/$defs/<name>`), sharing one set of definitions. Request and response
 * schemas of the same body differ: readOnly properties are rejected (or, with `readOnly: "ignore"`, accepted and not
 * required) in requests; writeOnly properties are never part of responses.
 */
export function operationValidatorSchemas({
  api,
  readOnly = "reject",
}: {
  api: ApiModel;
  readOnly?: "reject" | "ignore";
}): OperationValidatorSchemas {
  const named: SchemaObject = {};
  for (const schema of [...api.schemas].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    named[schema.name] = schema.jsonSchema as SchemaValue;
  }
  const defsOf = (schema: SchemaValue): SchemaObject =>
    isSchemaObject(schema) && isSchemaObject(schema["$defs"]) ? schema["$defs"] : {};
  // Both contain the originals unchanged, plus their own variants.
  const defs: Record<string, SchemaValue> = {
    ...defsOf(toRequestSchema({ schema: { $defs: named }, readOnly })),
    ...defsOf(toResponseSchema({ schema: { $defs: named } })),
  };

  const schemas: Record<string, SchemaValue> = {};
  const diagnostics: Diagnostic[] = [];
  const warnUnknownFormats = ({
    name,
    schema,
    source,
  }: {
    name: string;
    schema: SchemaValue;
    source: OpenApiSource;
  }) => {
    for (const unknown of findUnknownFormats({ schema })) {
      diagnostics.push(
        createDiagnostic({
          code: "VX115",
          message: `format "${unknown.format}" is not checked by generated validators (in ${name}); any value passes`,
          location: { file: source.file, pointer: `${source.pointer}${unknown.pointer}` },
          help: "Use a known format (date, date-time, time, email, uuid, uri, ipv4, ipv6, hostname, byte, int32, int64, ...) or add a pattern.",
        }),
      );
    }
  };
  for (const schema of api.schemas)
    warnUnknownFormats({ name: schema.name, schema: schema.jsonSchema as SchemaValue, source: schema.source });
  const add = ({ name, schema, source }: { name: string; schema: SchemaValue; source: OpenApiSource }) => {
    schemas[name] = schema;
    warnUnknownFormats({ name, schema: stripDefs(schema), source });
  };
  const operations: Operation[] = [...api.operations, ...api.webhooks.flatMap((webhook) => webhook.operations)];
  for (const operation of operations) {
    const id = operation.operationId;
    for (const location of locations) {
      const parameters = operation.parameters.filter((parameter) => parameter.in === location);
      if (parameters.length === 0) continue;
      const properties: SchemaObject = {};
      for (const parameter of parameters) properties[parameter.name] = parameter.jsonSchema as SchemaValue;
      const required = parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name);
      add({
        name: `${id}.parameters.${location}`,
        schema: { type: "object", properties, ...(required.length > 0 ? { required } : {}) },
        source: operation.source,
      });
    }
    for (const content of operation.requestBody?.content ?? []) {
      if (content.jsonSchema === null) continue;
      const variant = toRequestSchema({ schema: withDefs({ schema: content.jsonSchema, defs: named }), readOnly });
      add({ name: `${id}.request.${content.mediaType}`, schema: stripDefs(variant), source: content.source });
    }
    for (const response of operation.responses) {
      for (const content of response.content) {
        if (content.jsonSchema === null) continue;
        const variant = toResponseSchema({ schema: withDefs({ schema: content.jsonSchema, defs: named }) });
        add({
          name: `${id}.response.${response.status}.${content.mediaType}`,
          schema: stripDefs(variant),
          source: content.source,
        });
      }
    }
  }
  return { defs, schemas, diagnostics };
}

/** `schema` with the shared definitions attached, so the variant functions see (and rename) referenced definitions. */
function withDefs({ schema, defs }: { schema: JsonValue; defs: SchemaObject }): SchemaValue {
  if (isSchemaObject(schema as SchemaValue)) return { ...(schema as SchemaObject), $defs: defs };
  return { allOf: [schema as SchemaValue], $defs: defs };
}
