import type { AjvError } from "./cachedSchemaValidator.js";
import { appendPointer, isRecord } from "./jsonPointer.js";
import type { SpecVersion } from "./ReadContext.js";

/**
 * One way a document departs from the official OpenAPI schema. `tolerated`: vx-gen generates the same, correct code
 * with or without it (a VX121 warning, an error with `--strict`); otherwise it is refused (VX103).
 */
export interface StructureProblem {
  /** The JSON pointer the problem is about: the offending key itself when there is one. */
  pointer: string;
  tolerated: boolean;
  message: string;
  /** For an unexpected key: the object it is in (dropped when that object has real errors, of which it is an echo). */
  keyOf?: string;
  /** For enum errors: the allowed values, merged with those of other alternatives at the same place. */
  allowedValues?: unknown[];
  /** For a field required by one alternative (`oneOf` branch): merged with the others' into "one of them is required". */
  eitherField?: string;
}

/** Fields vx-gen reads whose case variants are typos that would silently change the generated code. */
const fieldsRead = [
  "operationId", "requestBody", "requestBodies", "securitySchemes", "securityDefinitions", "readOnly", "writeOnly",
  "additionalProperties", "allOf", "anyOf", "oneOf", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems",
  "multipleOf", "exclusiveMinimum", "exclusiveMaximum", "minProperties", "maxProperties", "allowEmptyValue",
  "collectionFormat", "openIdConnectUrl", "tokenUrl", "authorizationUrl", "refreshUrl", "$ref",
];
const fieldByLowerCase = new Map(fieldsRead.map((f) => [f.toLowerCase(), f]));

/** Required fields that only document: the reader has a default, the generated code does not depend on them. */
function isDocumentationField({ owner, field }: { owner: string; field: string }): boolean {
  if (owner === "/info") return field === "title" || field === "version";
  if (field === "description") return /\/responses\/[^/]+$/.test(owner);
  if (field === "name") return owner === "/info/license";
  return false;
}

function unexpectedKey({ error, key, version, valueAt }: { error: AjvError; key: string; version: SpecVersion; valueAt: (pointer: string) => unknown }): StructureProblem {
  const owner = error.instancePath;
  const pointer = appendPointer({ pointer: owner, segments: [key] });
  const problem = (tolerated: boolean, message: string): StructureProblem => ({ pointer, tolerated, message, keyOf: owner });
  if (owner === "/paths") return problem(false, `path "${key}" does not start with "/"; it would be read as a route that is not one`);
  if (/\/responses$/.test(owner)) {
    if (/^([1-5]([0-9]{2}|XX)|default)$/i.test(key)) return problem(true, `status "${key}" is not written as the OpenAPI ${version} schema wants (vx-gen reads past it: read as "${key.toLowerCase() === "default" ? "default" : key.toUpperCase()}")`);
    return problem(false, `"${key}" is not a status code (100-599, 1XX-5XX or default)`);
  }
  const scheme = valueAt(owner);
  if (key === "bearerFormat" && isRecord(scheme) && scheme.type === "http" && typeof scheme.scheme === "string" && scheme.scheme.toLowerCase() === "bearer") {
    return problem(
      true,
      `"bearerFormat" is allowed by the OpenAPI ${version} schema only with scheme "bearer" in lower case (vx-gen reads past it: HTTP auth schemes are case-insensitive, RFC 7235, so scheme "${scheme.scheme}" is read as bearer)`,
    );
  }
  const meant = fieldByLowerCase.get(key.toLowerCase());
  if (meant !== undefined && meant !== key) return problem(false, `unexpected property "${key}": did you mean "${meant}"? (vx-gen reads "${meant}"; "${key}" would be ignored)`);
  return problem(true, `unexpected property "${key}", not a field the OpenAPI ${version} schema allows here (vx-gen reads past it: vx-gen does not read it, the generated code does not depend on it)`);
}

/**
 * `security` written as one map of schemes (learn.openapis.org's tictactoe) instead of a list of alternatives: refused.
 * With several schemes the two readings (all together, any one) give different access rules; with one, the reader
 * reads lists only, and the message says how to write it.
 */
function securityMap({ pointer, value }: { pointer: string; value: Record<string, unknown> }): StructureProblem {
  const names = Object.keys(value).map((name) => `"${name}"`);
  const message =
    names.length > 1
      ? `"security" is a map of schemes, not a list of requirements: vx-gen cannot tell whether it means all of ${names.join(", ")} together (one list item holding them all) or any one of them (one list item each)`
      : `"security" is a map, not a list of requirements: write ${names.join("")} as a list item ("- name: [scopes]")`;
  return { pointer, tolerated: false, message };
}

/** Whether a structural error still lets vx-gen generate correct code, and the message naming what is wrong. */
export function classifyStructureError({ error, version, valueAt }: { error: AjvError; version: SpecVersion; valueAt: (pointer: string) => unknown }): StructureProblem {
  const pointer = error.instancePath;
  const params = error.params;
  const key = params.additionalProperty ?? params.unevaluatedProperty;
  if ((error.keyword === "additionalProperties" || error.keyword === "unevaluatedProperties") && typeof key === "string") return unexpectedKey({ error, key, version, valueAt });
  if (error.keyword === "propertyNames" && typeof params.propertyName === "string") {
    const name = params.propertyName;
    return {
      pointer: appendPointer({ pointer, segments: [name] }),
      tolerated: true,
      message: `name "${name}" has characters the OpenAPI ${version} schema does not allow in component names (vx-gen reads past it: the generated code uses a converted name)`,
    };
  }
  if (error.keyword === "required" && typeof params.missingProperty === "string") {
    const field = params.missingProperty;
    if (isDocumentationField({ owner: pointer, field })) return { pointer, tolerated: true, message: `missing "${field}", required by the OpenAPI ${version} schema (vx-gen reads past it: it only documents, the generated code does not depend on it)` };
    return { pointer, tolerated: false, message: `missing required field "${field}"`, ...(/\/(oneOf|anyOf)\/\d+\/required$/.test(error.schemaPath) ? { eitherField: field } : {}) };
  }
  const value = valueAt(pointer);
  const last = pointer.slice(pointer.lastIndexOf("/") + 1);
  if (error.keyword === "type" && params.type === "string" && pointer === "/info/version" && (typeof value === "number" || typeof value === "boolean")) {
    return { pointer, tolerated: true, message: `version is not a string (vx-gen reads past it: read as "${String(value)}"; quote it to be exact)` };
  }
  if (error.keyword === "type" && params.type === "string" && (last === "description" || last === "summary")) {
    return { pointer, tolerated: true, message: `"${last}" is not text (vx-gen reads past it: it only documents and is left out)` };
  }
  if (error.keyword === "type" && params.type === "array" && last === "security" && isRecord(value)) return securityMap({ pointer, value });
  if (error.keyword === "enum" && Array.isArray(params.allowedValues)) return { pointer, tolerated: false, message: "", allowedValues: params.allowedValues };
  if ((error.keyword === "oneOf" || error.keyword === "not") && isRecord(value) && "schema" in value && "content" in value) {
    return { pointer, tolerated: false, message: `has both "schema" and "content"; give one` };
  }
  if (error.keyword === "oneOf" && Array.isArray(params.passingSchemas)) return { pointer, tolerated: false, message: "matches more than one of the alternatives the OpenAPI schema allows here" };
  return { pointer, tolerated: false, message: error.message ?? error.keyword };
}
