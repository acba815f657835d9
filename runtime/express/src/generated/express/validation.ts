import { readFileSync } from "node:fs";
import { ApiError, type ErrorDetail } from "../runtime/errors.js";
import type { ParameterDefinition } from "../runtime/parseParameters.js";
import { operationValidators, type OperationValidators, type RequestPart, type ValidationIssue } from "../validation/index.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What vx-gen wrote about one operation next to the project's code (src/generated/validation/operations/*.json). */
export interface OperationSchemas {
  /** Status (`200`, `4xx`, `default`) -> the documented body's schema (response view): what may leave. */
  response: Record<string, Json>;
  parameters?: ParameterDefinition[];
  /** The media types of the request body (for 415), when the operation has one. */
  consumes?: string[];
  /** The media types of its responses (for 406), when any has content. */
  produces?: string[];
}

export interface ValidationSchemas {
  /** The named schemas of responses, `{ $id: "vx-response.json", $defs }`: response schemas refer into it. */
  response: { $id: string; $defs: Record<string, Json> };
  operations: Record<string, OperationSchemas>;
}

/** Where vx-gen wrote the response schemas and each group's operations (src/generated/validation/schemas.json). */
interface ValidationSchemaIndex {
  response: string;
  operations: string[];
}

/**
 * The response schemas and parameter definitions of every operation, read once when the app is created from the
 * validation folder next to this module's (src/generated/validation/, or dist/generated/validation/ where
 * `npm run build` copies them).
 */
export function loadValidationSchemas(): ValidationSchemas {
  const read = (file: string): unknown => JSON.parse(readFileSync(new URL(`../validation/${file}`, import.meta.url), "utf8"));
  const index = read("schemas.json") as ValidationSchemaIndex;
  // fromEntries defines every operationId as its own property (even one named `__proto__`).
  const operations = Object.fromEntries(index.operations.flatMap((file) => Object.entries(read(file) as Record<string, OperationSchemas>)));
  return { response: read(index.response) as ValidationSchemas["response"], operations };
}

/** An operation's precompiled validators (own entries only: an operationId may be `constructor` or `toString`). */
export function validatorsOf(operationId: string): OperationValidators {
  return (Object.hasOwn(operationValidators, operationId) ? operationValidators[operationId] : undefined) ?? {};
}

/** What an error detail names when a whole part is wrong, and the part in the error message. */
const partNames: Record<RequestPart, string> = { params: "path", query: "query", headers: "header", cookies: "cookie", body: "body" };

function details({ issues, part }: { issues: readonly ValidationIssue[]; part: RequestPart }): ErrorDetail[] {
  return issues.map((issue) => ({ field: issue.field === "" ? partNames[part] : issue.field, message: issue.message }));
}

/** The order parts are checked in: path, body, query, headers, cookies (every target's order). */
const checkingOrder: readonly RequestPart[] = ["params", "body", "query", "headers", "cookies"];

/**
 * Checks each request part with the operation's validator compiled at generation time (nothing compiles at start-up
 * or per request): the first part with problems answers 400 VALIDATION_ERROR, one detail per problem (at most 20).
 * Parameters arrive converted by `parseParameters`; JSON bodies are checked as sent, never coerced or stripped.
 */
export function validateRequest({ validators, parts }: { validators: OperationValidators; parts: Readonly<Record<RequestPart, unknown>> }): void {
  for (const part of checkingOrder) {
    const validate = validators[part];
    if (validate === undefined) continue;
    const result = validate(parts[part]);
    if (!result.valid) throw new ApiError({ code: "VALIDATION_ERROR", message: `invalid ${partNames[part]}`, details: details({ issues: result.errors, part }) });
  }
}
