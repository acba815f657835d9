import type { JsonValue, MediaContent, ObjectProperty, RequestBody } from "../../ir/types.js";
import { childCursor, sourceOf, type ReadContext } from "./ReadContext.js";
import type { Cursor } from "./SpecFile.js";
import { derefCursor } from "./derefCursor.js";
import { isRecord } from "./jsonPointer.js";
import { contentsForMediaTypes, readMediaContents } from "./readMediaContents.js";
import { swaggerValueSchemaCursor } from "./readParameter.js";
import { readSchema } from "./readSchema.js";
import { toJsonSchema } from "./toJsonSchema.js";

/** OpenAPI 3 `requestBody` (possibly a `$ref`). */
export function readRequestBody({ ctx, cursor }: { ctx: ReadContext; cursor: Cursor }): RequestBody | undefined {
  const at = derefCursor({ ctx, cursor });
  if (!at || !isRecord(at.value)) return undefined;
  const body: RequestBody = {
    kind: "requestBody",
    required: at.value.required === true,
    content: readMediaContents({ ctx, cursor: childCursor({ cursor: at, segments: ["content"] }) }),
    source: sourceOf(at),
  };
  if (typeof at.value.description === "string") body.description = at.value.description;
  return body;
}

const formMediaTypes = new Set(["multipart/form-data", "application/x-www-form-urlencoded"]);

/**
 * Swagger 2.0: the `in: body` parameter becomes the body, one content entry per `consumes` media type; `formData`
 * parameters become an object schema (one property each) sent as the form media types in `consumes` (else
 * multipart when a file is uploaded, urlencoded otherwise).
 */
export function readSwaggerRequestBody({ ctx, parameters, consumes }: { ctx: ReadContext; parameters: Cursor[]; consumes: string[] }): RequestBody | undefined {
  const body = parameters.find((p) => isRecord(p.value) && p.value.in === "body");
  if (body && isRecord(body.value)) {
    const result: RequestBody = {
      kind: "requestBody",
      required: body.value.required === true,
      content: contentsForMediaTypes({ ctx, schemaCursor: childCursor({ cursor: body, segments: ["schema"] }), mediaTypes: consumes }),
      source: sourceOf(body),
    };
    if (typeof body.value.description === "string") result.description = body.value.description;
    return result;
  }
  const fields = parameters.filter((p) => isRecord(p.value) && p.value.in === "formData" && typeof p.value.name === "string");
  if (fields.length === 0) return undefined;
  const first = fields[0] as Cursor;
  const properties: ObjectProperty[] = [];
  const jsonProperties: { [key: string]: JsonValue } = {};
  const required: string[] = [];
  let hasFile = false;
  for (const field of fields) {
    const value = field.value as Record<string, unknown>;
    const name = value.name as string;
    const schemaCursor = swaggerValueSchemaCursor({ cursor: field });
    const schema = readSchema({ ctx, cursor: schemaCursor });
    if (typeof value.description === "string") schema.description = value.description;
    properties.push({ name, required: value.required === true, schema });
    jsonProperties[name] = toJsonSchema({ ctx, cursor: schemaCursor });
    if (value.required === true) required.push(name);
    if (value.type === "file") hasFile = true;
  }
  let mediaTypes = consumes.filter((m) => formMediaTypes.has(m.split(";")[0]?.trim() ?? ""));
  if (mediaTypes.length === 0) mediaTypes = [hasFile ? "multipart/form-data" : "application/x-www-form-urlencoded"];
  const common = { nullable: false, readOnly: false, writeOnly: false, deprecated: false, source: sourceOf(first) };
  const jsonSchema: JsonValue = { type: "object", properties: jsonProperties, ...(required.length > 0 ? { required } : {}) };
  const content: MediaContent[] = mediaTypes.map((mediaType) => ({
    kind: "content",
    mediaType,
    schema: { kind: "object", properties, additionalProperties: true, ...common },
    jsonSchema,
    source: sourceOf(first),
  }));
  return { kind: "requestBody", required: required.length > 0, content, source: sourceOf(first) };
}
