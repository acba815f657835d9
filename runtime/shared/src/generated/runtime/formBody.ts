import qs from "qs";
import type { ParameterValueSchema } from "./parseParameters.js";

/** The parts of a body schema that turning form text into typed values needs: the same as for parameters. */
export type FormValueShape = ParameterValueSchema;

/** `application/x-www-form-urlencoded`, with or without parameters (`; charset=utf-8`), in any case. */
export const formMediaType = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;

/** Whether a `Content-Type` is a urlencoded form. */
export function isFormMediaType(contentType: string | undefined): boolean {
  return contentType !== undefined && formMediaType.test(contentType);
}

/** The bodies `parseFormBody` made: only these are coerced (a JSON body is checked as sent). */
const formBodies = new WeakSet<object>();

/** Whether `value` is a body parsed from a urlencoded form by `parseFormBody`. */
export function isFormBody(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && formBodies.has(value);
}

/** Too many fields, too deep, too long a list: the form is refused whole (never silently cut). */
export class FormBodyError extends Error {}

/**
 * A urlencoded form as a value, in the bracket notation real APIs use (Stripe's `metadata[key]=v`, `expand[]=x`,
 * `items[0][price]=p`) as well as plain `a=1&a=2` lists: objects and arrays nested at most `maxDepth` levels, at most
 * 1,000 fields, lists of at most 100 indexed items. Every value is a string here; `coerceFormBody` types them by the
 * schema. Keys naming Object.prototype members (`__proto__`, `constructor`) are dropped.
 */
export function parseFormBody({ text, maxDepth }: { text: string; maxDepth: number }): Record<string, unknown> {
  let value: Record<string, unknown>;
  try {
    value = qs.parse(text, {
      depth: maxDepth,
      strictDepth: true,
      parameterLimit: 1000,
      arrayLimit: 100,
      throwOnLimitExceeded: true,
      allowPrototypes: false,
      charset: "utf-8",
    }) as Record<string, unknown>;
  } catch (error) {
    throw new FormBodyError(error instanceof Error ? error.message : String(error));
  }
  formBodies.add(value);
  return value;
}

function typesOf(shape: FormValueShape | undefined): readonly string[] {
  const type = shape?.type;
  return type === undefined ? [] : typeof type === "string" ? [type] : type;
}

/** A form string as the scalar its schema asks for; left a string when it does not read as one (the validator says so). */
function scalarFrom({ text, types }: { text: string; types: readonly string[] }): unknown {
  if (types.length === 0 || types.includes("string")) return text;
  if ((types.includes("integer") || types.includes("number")) && /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text))
    return Number(text);
  if (types.includes("boolean") && (text === "true" || text === "false")) return text === "true";
  if (types.includes("null") && text === "") return null;
  return text;
}

/**
 * A parsed form body typed by its schema's shape: strings become numbers, booleans (and `""` null) only where the
 * schema asks for that type, a single value becomes a one-item list where the schema asks for an array (split at the
 * shape's `delimiter` when the form's encoding joins it: `tags=a,b`), and objects
 * and lists are walked property by property. A new value; anything the shape does not describe is kept as sent.
 */
export function coerceFormBody({ value, shape }: { value: unknown; shape: FormValueShape | undefined }): unknown {
  const types = typesOf(shape);
  if (typeof value === "string") {
    if (types.includes("array") && !types.includes("string")) {
      // `tags=a,b` when the encoding joins the array (an empty value is an empty list); else one item.
      const items = shape?.delimiter === undefined ? [value] : value === "" ? [] : value.split(shape.delimiter);
      return items.map((item) => coerceFormBody({ value: item, shape: shape?.items }));
    }
    return scalarFrom({ text: value, types });
  }
  if (Array.isArray(value)) return value.map((item) => coerceFormBody({ value: item, shape: shape?.items }));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const property =
      shape?.properties !== undefined && Object.hasOwn(shape.properties, key) ? shape.properties[key] : undefined;
    // Defined, not assigned: a form field may be named like an Object.prototype member.
    Object.defineProperty(out, key, {
      value: coerceFormBody({ value: item, shape: property }),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
