import type { JsonValue, NamedSchema, PartEncoding } from "../../src/ir/types.js";

type JsonObject = { [key: string]: JsonValue };

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Named schemas by name, and how one becomes its request view (the body's own view). */
export interface MultipartDefs {
  named: (name: string) => NamedSchema | undefined;
  requestView: (named: NamedSchema) => JsonValue;
}

/** The target of a `#/$defs/<name>` reference in the request view, or the schema itself; undefined for a dangling ref. */
function followRef({ schema, defs }: { schema: JsonValue | undefined; defs: MultipartDefs }): JsonValue | undefined {
  if (!isObject(schema) || typeof schema.$ref !== "string" || !schema.$ref.startsWith("#/$defs/")) return schema;
  const name = decodeURIComponent(schema.$ref.slice("#/$defs/".length)).replace(/~1/g, "/").replace(/~0/g, "~");
  const named = defs.named(name);
  return named === undefined ? undefined : defs.requestView(named);
}

/**
 * Whether a property schema describes a file part: a string of `format: binary` (OpenAPI 3.0, Swagger's `type: file`)
 * or with a `contentMediaType` and no `contentEncoding` (3.1's raw bytes; a base64 `contentEncoding` is text).
 */
export function isFileSchema(schema: JsonValue | undefined): boolean {
  if (!isObject(schema)) return false;
  const { type } = schema;
  if (type !== undefined && type !== "string" && !(Array.isArray(type) && type.includes("string"))) return false;
  return schema.format === "binary" || (typeof schema.contentMediaType === "string" && schema.contentEncoding === undefined);
}

/** Media types a part may have, from `encoding.<property>.contentType` (else 3.1's `contentMediaType`); none: any. */
function allowedMediaTypes({ encoding, schema }: { encoding: PartEncoding | undefined; schema: JsonObject }): string[] {
  const declared = encoding?.contentType ?? (typeof schema.contentMediaType === "string" ? schema.contentMediaType : "");
  const types = declared
    .split(",")
    .map((t) => t.split(";")[0]?.trim().toLowerCase() ?? "")
    .filter((t) => t !== "");
  return types.some((t) => t === "*/*" || t === "application/octet-stream") ? [] : [...new Set(types)].sort();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** The `mimeType` check: any string, one of the listed media types, or matching their wildcards (`image/*`). */
function mimeTypeSchema(types: readonly string[]): JsonValue {
  if (types.length === 0) return { type: "string" };
  if (types.every((t) => !t.includes("*"))) return { type: "string", enum: [...types] };
  const alternatives = types.map((t) => (t.endsWith("/*") ? `${escapeRegExp(t.slice(0, -1))}[^/]+` : escapeRegExp(t)));
  return { type: "string", pattern: `^(?:${alternatives.join("|")})$` };
}

/**
 * The schema an `UploadedFile` must meet: an object with its name, media type (one the encoding allows), size (at most
 * the binary schema's `maxLength`, when it has one) and bytes.
 */
export function uploadedFileSchema({ schema, encoding }: { schema: JsonObject; encoding: PartEncoding | undefined }): JsonValue {
  const size: JsonObject = { type: "integer", minimum: 0 };
  if (typeof schema.maxLength === "number") size.maximum = schema.maxLength;
  return {
    type: "object",
    required: ["filename", "mimeType", "size", "data"],
    properties: { filename: { type: "string" }, mimeType: mimeTypeSchema(allowedMediaTypes({ encoding, schema })), size, data: {} },
  };
}

/** A property's schema with its file parts (itself, or its array's items) checked as `UploadedFile`s. */
function propertySchema({ schema, encoding, defs }: { schema: JsonValue; encoding: PartEncoding | undefined; defs: MultipartDefs }): JsonValue {
  const target = followRef({ schema, defs });
  if (isObject(target) && isFileSchema(target)) return uploadedFileSchema({ schema: target, encoding });
  if (isObject(target) && target.type === "array") {
    const items = followRef({ schema: target.items, defs });
    if (isObject(items) && isFileSchema(items)) return { ...target, items: uploadedFileSchema({ schema: items, encoding }) };
  }
  return schema;
}

/**
 * A multipart body's request-view schema as its parsed value is checked: the object of its parts (a top-level
 * reference followed), each file part an `UploadedFile` (see `uploadedFileSchema`), every other part as written.
 */
export function multipartBodySchema({ schema, encoding, defs }: { schema: JsonValue; encoding: readonly PartEncoding[]; defs: MultipartDefs }): JsonValue {
  const body = followRef({ schema, defs });
  if (!isObject(body) || !isObject(body.properties)) return schema;
  // Defined, not assigned: a part may be named `__proto__`.
  const properties: JsonObject = Object.fromEntries(
    Object.entries(body.properties).map(([name, property]) => [name, propertySchema({ schema: property, encoding: encoding.find((e) => e.property === name), defs })]),
  );
  return { ...body, properties };
}
