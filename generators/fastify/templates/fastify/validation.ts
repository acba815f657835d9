import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifySchema } from "fastify";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { ApiError } from "../runtime/errors.js";
import type { ParameterDefinition } from "../runtime/parseParameters.js";
import { projectRoot } from "../runtime/projectRoot.js";
import { validationDetails } from "./errorHandler.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface OperationSchemas {
  params?: Json;
  querystring?: Json;
  headers?: Json;
  cookies?: Json;
  body?: Json;
  response: Record<string, Json>;
  parameters?: ParameterDefinition[];
}

export interface ValidationSchemas {
  request: { $id: string; $defs: Record<string, Json> };
  response: { $id: string; $defs: Record<string, Json> };
  operations: Record<string, OperationSchemas>;
}

/** The schemas vx-gen wrote next to this project's generated code (src/generated/validation/schemas.json). */
export function loadValidationSchemas(): ValidationSchemas {
  const text = readFileSync(join(projectRoot(), "src", "generated", "validation", "schemas.json"), "utf8");
  const parsed: unknown = JSON.parse(text);
  return parsed as ValidationSchemas;
}

/** Fastify's `schema` for an operation: parameter groups, body and responses (cookies are checked separately). */
export function routeSchema({ schemas, operationId }: { schemas: ValidationSchemas; operationId: string }): FastifySchema {
  const op = schemas.operations[operationId];
  if (!op) return {};
  const schema: FastifySchema = {};
  if (op.params !== undefined) schema.params = op.params;
  if (op.querystring !== undefined) schema.querystring = op.querystring;
  if (op.headers !== undefined) schema.headers = op.headers;
  if (op.body !== undefined) schema.body = op.body;
  if (Object.keys(op.response).length > 0) schema.response = op.response;
  return schema;
}

function createAjv({ coerce }: { coerce: boolean }): Ajv2020.default {
  const ajv = new Ajv2020.default({
    allErrors: true,
    strict: false,
    logger: false,
    removeAdditional: false,
    useDefaults: coerce,
    coerceTypes: coerce ? "array" : false,
  });
  addFormats.default(ajv);
  return ajv;
}

/**
 * Two validators: parameters (path, query, headers, cookies), which arrive as strings, may be coerced to the numbers,
 * booleans and arrays their schemas ask for; JSON bodies are never coerced. Neither removes unknown properties.
 */
export function createValidators({ schemas }: { schemas: ValidationSchemas }) {
  const parameters = createAjv({ coerce: true });
  const bodies = createAjv({ coerce: false });
  for (const ajv of [parameters, bodies]) ajv.addSchema(schemas.request);
  return {
    compiler: ({ schema, httpPart }: { schema: FastifySchema; httpPart?: string }) => (httpPart === "body" ? bodies : parameters).compile(schema as object),
    /** Validates the cookie parameters of an operation (deserialised by its parameter hook). */
    cookies: ({ operationId, values }: { operationId: string; values: Record<string, unknown> }): Record<string, unknown> => {
      const schema = schemas.operations[operationId]?.cookies;
      if (schema === undefined) return values;
      const validate = parameters.compile(schema as object);
      if (!validate(values)) {
        throw new ApiError({ code: "VALIDATION_ERROR", message: "invalid cookie", details: validationDetails({ issues: validate.errors ?? [], context: "cookie" }) });
      }
      return values;
    },
  };
}
