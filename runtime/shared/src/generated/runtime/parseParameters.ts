/**
 * OpenAPI parameter deserialisation (OAS 3.0/3.1 "style" and "explode"), run time.
 *
 * Self-contained on purpose: no imports, so generators copy this file verbatim into generated projects.
 * It turns raw strings from the URL, headers and cookies into typed values, converting a string to a number, integer
 * or boolean only where the parameter's schema asks for that type, and reports values that cannot be converted
 * ("abc" for an integer is an issue, never NaN). Everything else (ranges, patterns, enums, required properties) is left
 * to the parameter's JSON Schema validator, which runs on the values returned here.
 *
 * Delimiters follow RFC 6570 (which OpenAPI styles are defined by): a value is split on literal delimiters first and
 * each part is percent-decoded afterwards, so an encoded delimiter (`%2C`) stays inside a value. The space of
 * `spaceDelimited` is necessarily encoded (`%20` or `+`); `pipeDelimited` accepts `|` and `%7C`.
 */

export type ParameterLocation = "query" | "path" | "header" | "cookie";

export type ParameterStyle = "matrix" | "label" | "form" | "simple" | "spaceDelimited" | "pipeDelimited" | "deepObject";

/** The parts of a parameter's JSON Schema that deserialisation needs. */
export interface ParameterValueSchema {
  type?: string | string[];
  items?: ParameterValueSchema;
  properties?: Record<string, ParameterValueSchema>;
  /** A form body's array sent as one value joined by this (`tags=a,b`: its `encoding` says `explode: false`). */
  delimiter?: string;
}

export interface ParameterDefinition {
  name: string;
  in: ParameterLocation;
  style: ParameterStyle;
  explode: boolean;
  required?: boolean;
  schema: ParameterValueSchema;
}

/** Same shape as the issues of generated validators. `field` is e.g. `query.ids[1]` or `header["x-limit"]`. */
export interface ParameterIssue {
  field: string;
  message: string;
  keyword: string;
}

export interface RawParameters {
  /** The query string without `?`, still percent-encoded. */
  query?: string;
  /** Path parameters by name, each the raw (still percent-encoded) text of its template expression. */
  path?: Record<string, string | undefined>;
  /** Header values; names are matched case-insensitively. */
  headers?: Record<string, string | string[] | undefined>;
  /** The raw `Cookie` header (`a=1; b=2`). */
  cookie?: string;
}

export interface ParsedParameters {
  /** Typed values by location and name; absent parameters have no key. */
  values: Record<ParameterLocation, Record<string, unknown>>;
  errors: ParameterIssue[];
}

type Shape = "array" | "object" | "primitive";
type Result<T> = { ok: true; value: T } | { ok: false; issue: ParameterIssue };

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function fieldOf({ base, key }: { base: string; key: string | number }): string {
  if (typeof key === "number") return `${base}[${key}]`;
  return identifier.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

function typesOf(schema: ParameterValueSchema | undefined): string[] {
  const type = schema?.type;
  return type === undefined ? [] : Array.isArray(type) ? type : [type];
}

function shapeOf(schema: ParameterValueSchema): Shape {
  const types = typesOf(schema);
  if (types.includes("array")) return "array";
  if (types.includes("object")) return "object";
  return "primitive";
}

function issue({ field, message, keyword }: ParameterIssue): { ok: false; issue: ParameterIssue } {
  return { ok: false, issue: { field, message, keyword } };
}

function decode({ raw, field, plusIsSpace }: { raw: string; field: string; plusIsSpace: boolean }): Result<string> {
  try {
    return { ok: true, value: decodeURIComponent(plusIsSpace ? raw.replace(/\+/g, " ") : raw) };
  } catch {
    return issue({ field, message: `has malformed percent-encoding (${JSON.stringify(raw)})`, keyword: "encoding" });
  }
}

const integerText = /^-?(?:0|[1-9][0-9]*)$/;
const numberText = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/**
 * A primitive from its text, as the schema's type asks: `string` (or no type) keeps the text; otherwise `integer`,
 * `number`, `boolean` (`true`/`false`) and `null` (`null`) are tried in that order.
 */
function coerce({
  text,
  schema,
  field,
}: {
  text: string;
  schema: ParameterValueSchema | undefined;
  field: string;
}): Result<unknown> {
  const types = typesOf(schema);
  if (types.length === 0 || types.includes("string")) return { ok: true, value: text };
  if (types.includes("integer") && integerText.test(text)) {
    const value = Number(text);
    if (Number.isSafeInteger(value)) return { ok: true, value };
    return issue({
      field,
      message: "must be an integer between -(2^53 - 1) and 2^53 - 1",
      keyword: "type",
    });
  }
  if (types.includes("number") && numberText.test(text)) {
    const value = Number(text);
    if (Number.isFinite(value)) return { ok: true, value };
  }
  if (types.includes("boolean") && (text === "true" || text === "false")) return { ok: true, value: text === "true" };
  if (types.includes("null") && text === "null") return { ok: true, value: null };
  if (types.includes("array") || types.includes("object")) return { ok: true, value: text };
  const wanted = types.map((t) => (t === "integer" ? "an integer" : t === "null" ? "null" : `a ${t}`)).join(" or ");
  // The message never quotes the value: error answers do not echo the request.
  return issue({ field, message: `must be ${wanted}`, keyword: "type" });
}

/** Decodes then coerces each raw part of an array. */
function arrayFrom({
  parts,
  schema,
  field,
  plusIsSpace,
}: {
  parts: string[];
  schema: ParameterValueSchema;
  field: string;
  plusIsSpace: boolean;
}): Result<unknown[]> {
  const values: unknown[] = [];
  for (const [index, raw] of parts.entries()) {
    const itemField = fieldOf({ base: field, key: index });
    const text = decode({ raw, field: itemField, plusIsSpace });
    if (!text.ok) return text;
    const value = coerce({ text: text.value, schema: schema.items, field: itemField });
    if (!value.ok) return value;
    values.push(value.value);
  }
  return { ok: true, value: values };
}

/** An object from raw `[key, value]` pairs (keys and values still encoded). */
function objectFrom({
  entries,
  schema,
  field,
  plusIsSpace,
}: {
  entries: [string, string][];
  schema: ParameterValueSchema;
  field: string;
  plusIsSpace: boolean;
}): Result<Record<string, unknown>> {
  const object: Record<string, unknown> = {};
  for (const [rawKey, rawValue] of entries) {
    const key = decode({ raw: rawKey, field, plusIsSpace });
    if (!key.ok) return key;
    const propertyField = fieldOf({ base: field, key: key.value });
    const text = decode({ raw: rawValue, field: propertyField, plusIsSpace });
    if (!text.ok) return text;
    const properties = schema.properties;
    const property = properties && Object.hasOwn(properties, key.value) ? properties[key.value] : undefined;
    const value = coerce({ text: text.value, schema: property, field: propertyField });
    if (!value.ok) return value;
    Object.defineProperty(object, key.value, {
      value: value.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { ok: true, value: object };
}

/** `R,100,G,200` -> `[["R","100"],["G","200"]]`. */
function alternating({ parts, field }: { parts: string[]; field: string }): Result<[string, string][]> {
  if (parts.length % 2 !== 0) {
    return issue({
      field,
      message: "must list property names and values in pairs (odd number of parts)",
      keyword: "style",
    });
  }
  const entries: [string, string][] = [];
  for (let i = 0; i < parts.length; i += 2) entries.push([parts[i] ?? "", parts[i + 1] ?? ""]);
  return { ok: true, value: entries };
}

/** `R=100` parts -> entries. */
function keyValues({ parts, field }: { parts: string[]; field: string }): Result<[string, string][]> {
  const entries: [string, string][] = [];
  for (const part of parts) {
    const eq = part.indexOf("=");
    if (eq < 0) return issue({ field, message: "must be name=value pairs", keyword: "style" });
    entries.push([part.slice(0, eq), part.slice(eq + 1)]);
  }
  return { ok: true, value: entries };
}

function splitList({ raw, delimiter }: { raw: string; delimiter: RegExp | string }): string[] {
  return raw === "" ? [] : raw.split(delimiter);
}

/** Builds the value of `shape` from a delimited list (`a,b` / `R,100,G,200` / `R=100,G=200`). */
function fromList({
  parts,
  shape,
  explodedObject,
  schema,
  field,
  plusIsSpace,
}: {
  parts: string[];
  shape: Shape;
  explodedObject: boolean;
  schema: ParameterValueSchema;
  field: string;
  plusIsSpace: boolean;
}): Result<unknown> {
  if (shape === "array") return arrayFrom({ parts, schema, field, plusIsSpace });
  if (shape === "object") {
    const entries = explodedObject ? keyValues({ parts, field }) : alternating({ parts, field });
    return entries.ok ? objectFrom({ entries: entries.value, schema, field, plusIsSpace }) : entries;
  }
  const joined = parts.join(",");
  const text = decode({ raw: joined, field, plusIsSpace });
  return text.ok ? coerce({ text: text.value, schema, field }) : text;
}

/** Query string -> raw `[key, value]` pairs, keys decoded (form encoding: `+` is a space). */
function queryPairs(query: string): { key: string; raw: string }[] {
  const pairs: { key: string; raw: string }[] = [];
  for (const part of query.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    let key: string;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, " "));
    } catch {
      key = rawKey;
    }
    pairs.push({ key, raw: eq < 0 ? "" : part.slice(eq + 1) });
  }
  return pairs;
}

const queryDelimiters: Partial<Record<ParameterStyle, RegExp | string>> = {
  form: ",",
  spaceDelimited: /%20|\+| /i,
  pipeDelimited: /\||%7C/i,
};

function parseQueryParameter({
  parameter,
  pairs,
  otherNames,
  field,
}: {
  parameter: ParameterDefinition;
  pairs: { key: string; raw: string }[];
  otherNames: Set<string>;
  field: string;
}): Result<unknown> | undefined {
  const { name, style, explode, schema } = parameter;
  const shape = shapeOf(schema);
  const own = pairs.filter((pair) => pair.key === name);
  if (style === "deepObject") {
    const prefix = `${name}[`;
    const entries: [string, string][] = [];
    for (const pair of pairs) {
      if (!pair.key.startsWith(prefix) || !pair.key.endsWith("]")) continue;
      const key = pair.key.slice(prefix.length, -1);
      if (key.includes("[") || key.includes("]")) {
        return issue({ field, message: `nested deepObject keys are not supported (${pair.key})`, keyword: "style" });
      }
      entries.push([encodeURIComponent(key), pair.raw]);
    }
    return entries.length === 0 ? undefined : objectFrom({ entries, schema, field, plusIsSpace: true });
  }
  if (shape === "object" && explode) {
    // form + explode: each property is its own query parameter.
    const declared = schema.properties === undefined ? undefined : new Set(Object.keys(schema.properties));
    const chosen = pairs.filter((pair) => (declared ? declared.has(pair.key) : !otherNames.has(pair.key)));
    if (chosen.length === 0) return undefined;
    return objectFrom({
      entries: chosen.map((pair) => [encodeURIComponent(pair.key), pair.raw]),
      schema,
      field,
      plusIsSpace: true,
    });
  }
  if (own.length === 0) return undefined;
  if (shape === "array" && explode) {
    const parts = own.length === 1 && own[0]?.raw === "" ? [] : own.map((pair) => pair.raw);
    return arrayFrom({ parts, schema, field, plusIsSpace: true });
  }
  if (own.length > 1)
    return issue({ field, message: `must be given once (got ${own.length} values)`, keyword: "style" });
  const raw = own[0]?.raw ?? "";
  if (shape === "primitive") {
    const text = decode({ raw, field, plusIsSpace: true });
    return text.ok ? coerce({ text: text.value, schema, field }) : text;
  }
  const delimiter = queryDelimiters[style] ?? ",";
  return fromList({
    parts: splitList({ raw, delimiter }),
    shape,
    explodedObject: false,
    schema,
    field,
    plusIsSpace: true,
  });
}

/** Path (`simple`, `label`, `matrix`) and header (`simple`) values. */
function parseStyledValue({
  parameter,
  raw,
  field,
  encoded,
}: {
  parameter: ParameterDefinition;
  raw: string;
  field: string;
  encoded: boolean;
}): Result<unknown> {
  const { name, style, explode, schema } = parameter;
  const shape = shapeOf(schema);
  const plain = (text: string): Result<string> =>
    encoded ? decode({ raw: text, field, plusIsSpace: false }) : { ok: true, value: text };
  const list = ({ parts, explodedObject }: { parts: string[]; explodedObject: boolean }): Result<unknown> => {
    if (!encoded) {
      // Headers are not percent-encoded: protect literal % before the shared decoding step.
      parts = parts.map((part) => part.replace(/%/g, "%25"));
    }
    return fromList({ parts, shape, explodedObject, schema, field, plusIsSpace: false });
  };
  if (style === "label") {
    if (!raw.startsWith("."))
      return issue({
        field,
        message: 'must start with "." (label style)',
        keyword: "style",
      });
    const rest = raw.slice(1);
    if (shape === "primitive") {
      const text = plain(rest);
      return text.ok ? coerce({ text: text.value, schema, field }) : text;
    }
    return list({ parts: splitList({ raw: rest, delimiter: explode ? "." : "," }), explodedObject: explode });
  }
  if (style === "matrix") {
    if (!raw.startsWith(";"))
      return issue({
        field,
        message: 'must start with ";" (matrix style)',
        keyword: "style",
      });
    const segments = raw.slice(1).split(";");
    const valueOf = (segment: string): Result<string> => {
      if (segment === name) return { ok: true, value: "" };
      if (!segment.startsWith(`${name}=`)) {
        return issue({
          field,
          message: `must be ;${name}=value (matrix style)`,
          keyword: "style",
        });
      }
      return { ok: true, value: segment.slice(name.length + 1) };
    };
    if (shape === "object" && explode) return list({ parts: segments.filter((s) => s !== ""), explodedObject: true });
    if (shape === "array" && explode) {
      const parts: string[] = [];
      for (const segment of segments) {
        const value = valueOf(segment);
        if (!value.ok) return value;
        parts.push(value.value);
      }
      return list({ parts: parts.length === 1 && parts[0] === "" ? [] : parts, explodedObject: false });
    }
    if (segments.length !== 1) return issue({ field, message: "must be given once (matrix style)", keyword: "style" });
    const value = valueOf(segments[0] ?? "");
    if (!value.ok) return value;
    if (shape === "primitive") {
      const text = plain(value.value);
      return text.ok ? coerce({ text: text.value, schema, field }) : text;
    }
    return list({ parts: splitList({ raw: value.value, delimiter: "," }), explodedObject: false });
  }
  // simple
  if (shape === "primitive") {
    const text = plain(raw);
    return text.ok ? coerce({ text: text.value, schema, field }) : text;
  }
  return list({ parts: splitList({ raw, delimiter: "," }), explodedObject: explode });
}

function cookiePairs(header: string): { key: string; raw: string }[] {
  return header
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const eq = part.indexOf("=");
      return { key: eq < 0 ? part : part.slice(0, eq).trim(), raw: eq < 0 ? "" : part.slice(eq + 1).trim() };
    });
}

function headerValue({
  headers,
  name,
}: {
  headers: Record<string, string | string[] | undefined>;
  name: string;
}): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return Array.isArray(value) ? value.join(",") : value;
  }
  return undefined;
}

/**
 * Whether a path parameter is read from the router's decoded segment as it is: `simple` style and a primitive schema
 * (nothing to split on delimiters), the common `/books/{bookId}`. `parsePlainPathParameter` reads those.
 */
export function isPlainPathParameter(parameter: ParameterDefinition): boolean {
  return parameter.in === "path" && parameter.style === "simple" && shapeOf(parameter.schema) === "primitive";
}

/**
 * A plain path parameter (see `isPlainPathParameter`) from its already percent-decoded text: the value, or the issue,
 * `parseParameters` would give for it (the fast path of routes whose parameters are all plain path parameters).
 */
export function parsePlainPathParameter({
  parameter,
  text,
}: {
  parameter: ParameterDefinition;
  text: string | undefined;
}): { ok: true; value: unknown } | { ok: false; issue: ParameterIssue } {
  const field = fieldOf({ base: "path", key: parameter.name });
  if (text === undefined) return issue({ field, message: "is required", keyword: "required" });
  return coerce({ text, schema: parameter.schema, field });
}

/**
 * Deserialises every parameter of an operation from the raw request parts.
 * Returns the typed values by location and one issue per parameter that is missing (when required) or cannot be
 * read as its schema's type; all issues at once.
 */
export function parseParameters({
  parameters,
  raw,
}: {
  parameters: ParameterDefinition[];
  raw: RawParameters;
}): ParsedParameters {
  const values: ParsedParameters["values"] = { query: {}, path: {}, header: {}, cookie: {} };
  const errors: ParameterIssue[] = [];
  const pairs = queryPairs(raw.query ?? "");
  const cookies = cookiePairs(raw.cookie ?? "");
  const queryNames = new Set(parameters.filter((p) => p.in === "query").map((p) => p.name));
  for (const parameter of parameters) {
    const field = fieldOf({ base: parameter.in, key: parameter.name });
    let result: Result<unknown> | undefined;
    if (parameter.in === "query") {
      const otherNames = new Set([...queryNames].filter((n) => n !== parameter.name));
      result = parseQueryParameter({ parameter, pairs, otherNames, field });
    } else if (parameter.in === "cookie") {
      result = parseQueryParameter({
        parameter: { ...parameter, style: "form" },
        pairs: cookies,
        otherNames: new Set(),
        field,
      });
    } else {
      const text =
        parameter.in === "path"
          ? raw.path && Object.hasOwn(raw.path, parameter.name)
            ? raw.path[parameter.name]
            : undefined
          : headerValue({ headers: raw.headers ?? {}, name: parameter.name });
      if (text !== undefined) {
        const style = parameter.in === "header" ? "simple" : parameter.style;
        result = parseStyledValue({
          parameter: { ...parameter, style },
          raw: text,
          field,
          encoded: parameter.in === "path",
        });
      }
    }
    if (result === undefined) {
      if (parameter.required === true || parameter.in === "path")
        errors.push({ field, message: "is required", keyword: "required" });
    } else if (result.ok) {
      // Defined, not assigned: a parameter may be named `__proto__`.
      Object.defineProperty(values[parameter.in], parameter.name, {
        value: result.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      errors.push(result.issue);
    }
  }
  return { values, errors };
}
