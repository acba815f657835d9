import type { JsonValue, Parameter, ParameterLocation, ParameterStyle, SchemaNode } from "../../ir/types.js";
import { childCursor, sourceOf, type ReadContext } from "./ReadContext.js";
import type { Cursor } from "./SpecFile.js";
import { isRecord } from "./jsonPointer.js";
import { readFilterHint } from "./readFilterHint.js";
import { readSchema } from "./readSchema.js";
import { toJsonSchema } from "./toJsonSchema.js";

/** Keys of a Swagger 2.0 non-body parameter (or header, or items object) that describe its value as a schema. */
const swaggerSchemaKeys = [
  "type",
  "format",
  "items",
  "default",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  "maxLength",
  "minLength",
  "pattern",
  "maxItems",
  "minItems",
  "uniqueItems",
  "enum",
  "multipleOf",
  "x-nullable",
  "x-vx-validate",
];

/**
 * The schema part of a Swagger 2.0 parameter or header, as a cursor at the parameter itself (so nested `items` keep
 * their real pointers).
 */
export function swaggerValueSchemaCursor({ cursor }: { cursor: Cursor }): Cursor {
  const value = isRecord(cursor.value) ? cursor.value : {};
  const picked: Record<string, unknown> = {};
  for (const key of swaggerSchemaKeys) if (value[key] !== undefined) picked[key] = value[key];
  return { ...cursor, value: picked };
}

export function defaultStyle(location: ParameterLocation): ParameterStyle {
  return location === "query" || location === "cookie" ? "form" : "simple";
}

const styles = new Set<ParameterStyle>(["matrix", "label", "form", "simple", "spaceDelimited", "pipeDelimited", "deepObject"]);

/** Swagger 2.0 `collectionFormat` as an OpenAPI 3 style and explode. */
function styleOfCollectionFormat({ format, location }: { format: unknown; location: ParameterLocation }): { style: ParameterStyle; explode: boolean } {
  switch (format) {
    case "ssv":
      return { style: "spaceDelimited", explode: false };
    case "pipes":
      return { style: "pipeDelimited", explode: false };
    case "multi":
      return { style: "form", explode: true };
    default:
      return { style: defaultStyle(location), explode: false };
  }
}

/**
 * Reads a (dereferenced) path, query, header or cookie parameter; `undefined` for Swagger 2.0 `body` and `formData`
 * parameters (they become the request body) and for parameters too broken to use (structural validation says why).
 */
export function readParameter({ ctx, cursor }: { ctx: ReadContext; cursor: Cursor }): Parameter | undefined {
  const p = cursor.value;
  if (!isRecord(p) || typeof p.name !== "string") return undefined;
  const location = p.in;
  if (location !== "path" && location !== "query" && location !== "header" && location !== "cookie") return undefined;
  let schema: SchemaNode;
  let jsonSchema: JsonValue;
  let style: ParameterStyle;
  let explode: boolean;
  if (ctx.version === "2.0") {
    const schemaCursor = swaggerValueSchemaCursor({ cursor });
    schema = readSchema({ ctx, cursor: schemaCursor });
    jsonSchema = toJsonSchema({ ctx, cursor: schemaCursor });
    ({ style, explode } =
      p.type === "array" ? styleOfCollectionFormat({ format: p.collectionFormat, location }) : { style: defaultStyle(location), explode: defaultStyle(location) === "form" });
  } else {
    let schemaCursor = childCursor({ cursor, segments: ["schema"] });
    if (schemaCursor.value === undefined && isRecord(p.content)) {
      const mediaType = Object.keys(p.content)[0];
      if (mediaType !== undefined) schemaCursor = childCursor({ cursor, segments: ["content", mediaType, "schema"] });
    }
    if (schemaCursor.value === undefined) schemaCursor = { ...schemaCursor, value: {} };
    schema = readSchema({ ctx, cursor: schemaCursor });
    jsonSchema = toJsonSchema({ ctx, cursor: schemaCursor });
    style = typeof p.style === "string" && styles.has(p.style as ParameterStyle) ? (p.style as ParameterStyle) : defaultStyle(location);
    explode = typeof p.explode === "boolean" ? p.explode : style === "form";
  }
  const parameter: Parameter = {
    kind: "parameter",
    name: p.name,
    in: location,
    required: location === "path" ? true : p.required === true,
    deprecated: p.deprecated === true,
    style,
    explode,
    allowReserved: p.allowReserved === true,
    schema,
    jsonSchema,
    source: sourceOf(cursor),
  };
  if (typeof p.description === "string") parameter.description = p.description;
  const filterHint = location === "query" ? readFilterHint({ ctx, cursor }) : undefined;
  if (filterHint) parameter.filterHint = filterHint;
  return parameter;
}
