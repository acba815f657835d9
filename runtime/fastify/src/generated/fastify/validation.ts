import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifySchema, FastifySchemaCompiler } from "fastify";
import { ApiError } from "../runtime/errors.js";
import type { ParameterDefinition } from "../runtime/parseParameters.js";
import { projectRoot } from "../runtime/projectRoot.js";
import { operationValidators, type RequestPart, type Validator } from "../validation/index.js";
import { validationDetails } from "./errorHandler.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface OperationSchemas {
  response: Record<string, Json>;
  parameters?: ParameterDefinition[];
  /** The media types of the request body (for 415), when the operation has one. */
  consumes?: string[];
  /** The media types of its responses (for 406), when any has content. */
  produces?: string[];
}

export interface ValidationSchemas {
  response: { $id: string; $defs: Record<string, Json> };
  operations: Record<string, OperationSchemas>;
}

/** Where vx-gen wrote the response schemas and each group's operations (src/generated/validation/schemas.json). */
interface ValidationSchemaIndex {
  response: string;
  operations: string[];
}

/**
 * The response schemas and parameter definitions vx-gen wrote next to this project's code: the files listed by
 * src/generated/validation/schemas.json (the response schemas, then each tag's operations).
 */
export function loadValidationSchemas(): ValidationSchemas {
  const dir = join(projectRoot(), "src", "generated", "validation");
  const read = (file: string): unknown => JSON.parse(readFileSync(join(dir, file), "utf8"));
  const index = read("schemas.json") as ValidationSchemaIndex;
  // fromEntries defines every operationId as its own property (even one named `__proto__`).
  const operations = Object.fromEntries(index.operations.flatMap((file) => Object.entries(read(file) as Record<string, OperationSchemas>)));
  return { response: read(index.response) as ValidationSchemas["response"], operations };
}

/** The request parts Fastify validates itself (cookies are not one of them: the route checks them), by Fastify's name. */
const fastifyParts = { params: "params", querystring: "query", headers: "headers", body: "body" } as const satisfies Record<string, RequestPart>;
type FastifyPart = keyof typeof fastifyParts;

function isFastifyPart(httpPart: string | undefined): httpPart is FastifyPart {
  return httpPart !== undefined && Object.hasOwn(fastifyParts, httpPart);
}

/** What an error detail names when a whole part is wrong, and the part in the error message. */
const partNames: Record<RequestPart, string> = { params: "path", query: "query", headers: "header", cookies: "cookie", body: "body" };

/** Runs a precompiled validator; a failure is 400 VALIDATION_ERROR with one detail per problem (all at once, at most 20). */
function check({ validate, part, value }: { validate: Validator; part: RequestPart; value: unknown }): ApiError | undefined {
  const result = validate(value);
  if (result.valid) return undefined;
  return new ApiError({ code: "VALIDATION_ERROR", message: `invalid ${partNames[part]}`, details: validationDetails({ issues: result.errors, context: partNames[part] }) });
}

/** An operation's validators (own entries only: an operationId may be `constructor` or `toString`). */
function validatorsOf(operationId: string): (typeof operationValidators)[string] | undefined {
  return Object.hasOwn(operationValidators, operationId) ? operationValidators[operationId] : undefined;
}

/**
 * Fastify's `schema` for an operation: its response schemas (for the serializer) and, for each request part that has
 * a precompiled validator, a placeholder telling Fastify to ask the route's `validatorCompiler` for it.
 */
export function routeSchema({ schemas, operationId }: { schemas: ValidationSchemas; operationId: string }): FastifySchema {
  const schema: FastifySchema = {};
  const validators = validatorsOf(operationId) ?? {};
  for (const [fastifyPart, part] of Object.entries(fastifyParts)) if (validators[part] !== undefined) schema[fastifyPart as FastifyPart] = {};
  const response = (Object.hasOwn(schemas.operations, operationId) ? schemas.operations[operationId]?.response : undefined) ?? {};
  if (Object.keys(response).length > 0) schema.response = response;
  return schema;
}

/**
 * Request validation with the validators vx-gen compiled at generation time (src/generated/validation): nothing is
 * compiled at start-up. Parameters arrive converted by `parseParameters` (strings become numbers, booleans and
 * arrays only where their schema says so); JSON bodies are validated as sent: never coerced, never stripped (an
 * unknown property is rejected where `additionalProperties` is false).
 */
export function createValidators() {
  return {
    /** The route's `validatorCompiler`: hands Fastify the operation's precompiled validator of each part. */
    compiler:
      (operationId: string): FastifySchemaCompiler<unknown> =>
      ({ httpPart }) => {
        const part = isFastifyPart(httpPart) ? fastifyParts[httpPart] : undefined;
        const validate = part === undefined ? undefined : validatorsOf(operationId)?.[part];
        if (part === undefined || validate === undefined) throw new Error(`${operationId}: no precompiled validator for ${String(httpPart)}`);
        return (value: unknown) => {
          const error = check({ validate, part, value });
          return error === undefined ? true : { error };
        };
      },
    /** Validates the cookie parameters of an operation (deserialised by its parameter hook). */
    cookies: ({ operationId, values }: { operationId: string; values: Record<string, unknown> }): Record<string, unknown> => {
      const validate = validatorsOf(operationId)?.cookies;
      const error = validate === undefined ? undefined : check({ validate, part: "cookies", value: values });
      if (error) throw error;
      return values;
    },
  };
}
