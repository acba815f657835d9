import type { BenchSettings } from "./benchSettings.js";
import { isJsonObject, resolvedRef, type JsonObject } from "./resolvedRef.js";
import { givenExample, noSample, sampleValue } from "./sampleValue.js";

/** A path parameter of a bench request: a value from the spec, else one to look up (with a sample to fall back on). */
export interface PathParameter {
  name: string;
  /** From the spec (the parameter's or its schema's example, default, first enum value); undefined: looked up. */
  value: string | undefined;
  /** Sent when the lookup finds nothing (the answers are then likely 404). */
  fallback: string;
}

/** One operation as the bench loads it. */
export interface BenchRequest {
  operationId: string;
  method: string;
  /** The path template under the base path (`/api/v1/books/{bookId}`). */
  path: string;
  pathParameters: PathParameter[];
  /** The required query parameters (`?limit=20`), or "". */
  query: string;
  headers: Record<string, string>;
  /** The JSON body of a write, or undefined. */
  body: string | undefined;
}

/** An operation the bench leaves out, and why. */
export interface SkippedOperation {
  operationId: string;
  method: string;
  path: string;
  reason: string;
}

/** The order the bench loads methods in: creations first (what the reads then find), deletions last. */
const methodOrder = ["post", "get", "put", "patch", "delete"] as const;

/** A parameter's place and name: the key by which an operation's parameter replaces the path item's. */
function parameterKey(parameter: JsonObject): string {
  return `${String(parameter.in)}\0${String(parameter.name)}`;
}

/** The path item's parameters with the operation's over them, references followed (unresolvable ones dropped). */
function parametersOf({
  pathItem,
  operation,
  document,
}: {
  pathItem: JsonObject;
  operation: JsonObject;
  document: unknown;
}) {
  const byKey = new Map<string, JsonObject>();
  for (const list of [pathItem.parameters, operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const parameter = resolvedRef({ document, value: entry });
      if (parameter !== undefined) byKey.set(parameterKey(parameter), parameter);
    }
  }
  return [...byKey.values()];
}

/** A parameter's value from the spec (its example or its schema's), else a sample of its schema, as text. */
function parameterValue({ parameter, document }: { parameter: JsonObject; document: unknown }) {
  const schema = resolvedRef({ document, value: parameter.schema ?? parameter }) ?? {};
  const given = givenExample(parameter) ?? (isJsonObject(parameter.examples) ? undefined : givenExample(schema));
  const sample = given === undefined ? sampleValue({ schema, document }) : given.value;
  const text =
    sample === noSample || (typeof sample === "object" && sample !== null) ? undefined : String(sample as string);
  return { given: given !== undefined, text };
}

/** Whether an operation needs credentials: a security requirement without an empty (anonymous) alternative. */
function isSecured({ operation, document }: { operation: JsonObject; document: unknown }): boolean {
  const requirements = operation.security ?? (isJsonObject(document) ? document.security : undefined);
  if (!Array.isArray(requirements) || requirements.length === 0) return false;
  return !requirements.some((requirement) => isJsonObject(requirement) && Object.keys(requirement).length === 0);
}

/** The JSON body of a write: the spec's example of its JSON media type, else a sample of its schema. */
function bodyOf({
  operation,
  parameters,
  document,
}: {
  operation: JsonObject;
  parameters: JsonObject[];
  document: unknown;
}): { body: string | undefined } | { reason: string } {
  const requestBody = resolvedRef({ document, value: operation.requestBody });
  const bodyParameter = parameters.find((parameter) => parameter.in === "body");
  if (requestBody === undefined && bodyParameter === undefined) return { body: undefined };
  const content = isJsonObject(requestBody?.content) ? requestBody.content : {};
  const type = Object.keys(content).find((name) => /^application\/(.+\+)?json\b/i.test(name));
  const media = type === undefined ? bodyParameter : resolvedRef({ document, value: content[type] });
  if (media === undefined)
    return requestBody?.required === true ? { reason: "its body is not JSON" } : { body: undefined };
  const examples = isJsonObject(media.examples) ? Object.values(media.examples) : [];
  const example = resolvedRef({ document, value: examples[0] });
  const schema = resolvedRef({ document, value: media.schema ?? {} }) ?? {};
  const value = Object.hasOwn(media, "example")
    ? media.example
    : example !== undefined && Object.hasOwn(example, "value")
      ? example.value
      : sampleValue({ schema, document });
  return value === noSample
    ? { reason: "no example of its body, and none could be made" }
    : { body: JSON.stringify(value) };
}

/**
 * The parameters of the path's template in its order (a collection before its items: the lookup needs the parameters
 * before), one the spec does not declare looked up too.
 */
function inPathOrder({ path, pathParameters }: { path: string; pathParameters: PathParameter[] }): PathParameter[] {
  return [...path.matchAll(/\{([^{}]+)\}/g)].map(
    ([, name = ""]) =>
      pathParameters.find((parameter) => parameter.name === name) ?? { name, value: undefined, fallback: "1" },
  );
}

/** The request of one operation, or why it is skipped. */
function planOperation({
  path,
  pathItem,
  operation,
  document,
}: {
  path: string;
  pathItem: JsonObject;
  operation: JsonObject;
  document: unknown;
}): Omit<BenchRequest, "operationId" | "method" | "path"> | { reason: string } {
  const parameters = parametersOf({ pathItem, operation, document });
  const pathParameters: PathParameter[] = [];
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const parameter of parameters) {
    const name = String(parameter.name);
    if (parameter.in === "body" || (parameter.in !== "path" && parameter.required !== true)) continue;
    const { given, text } = parameterValue({ parameter, document });
    if (parameter.in === "path") {
      pathParameters.push({ name, value: given ? text : undefined, fallback: text ?? "1" });
    } else if (text === undefined || parameter.in === "cookie") {
      return { reason: `no value for its required ${String(parameter.in)} parameter ${name}` };
    } else if (parameter.in === "query") query.append(name, text);
    else headers[name.toLowerCase()] = text;
  }
  const body = bodyOf({ operation, parameters, document });
  if ("reason" in body) return { reason: body.reason };
  const search = query.toString();
  return {
    pathParameters: inPathOrder({ path, pathParameters }),
    query: search === "" ? "" : `?${search}`,
    headers,
    body: body.body,
  };
}

/**
 * What `npm run bench` loads, from the OpenAPI document the server serves: every GET (and, with BENCH_WRITES=on, every
 * POST, PUT, PATCH and DELETE), creations first and deletions last, with the spec's examples or values made from the
 * schemas; the operations it leaves out with the reason.
 */
export function benchRequests({
  document,
  basePath,
  settings,
}: {
  document: unknown;
  basePath: string;
  settings: Pick<BenchSettings, "writes" | "authorization" | "operations">;
}): { requests: BenchRequest[]; skipped: SkippedOperation[] } {
  const requests: BenchRequest[] = [];
  const skipped: SkippedOperation[] = [];
  const paths = isJsonObject(document) && isJsonObject(document.paths) ? document.paths : {};
  for (const method of methodOrder) {
    for (const [path, value] of Object.entries(paths)) {
      const pathItem = resolvedRef({ document, value });
      const operation = pathItem === undefined ? undefined : resolvedRef({ document, value: pathItem[method] });
      if (pathItem === undefined || operation === undefined) continue;
      const operationId = typeof operation.operationId === "string" ? operation.operationId : `${method} ${path}`;
      if (settings.operations !== undefined && !settings.operations.includes(operationId)) continue;
      const seen = { operationId, method: method.toUpperCase(), path: `${basePath}${path}` };
      if (method !== "get" && !settings.writes) skipped.push({ ...seen, reason: "a write (BENCH_WRITES=on loads it)" });
      else if (isSecured({ operation, document }) && settings.authorization === undefined)
        skipped.push({ ...seen, reason: "secured (BENCH_AUTHORIZATION sends credentials)" });
      else {
        const planned = planOperation({ path, pathItem, operation, document });
        if ("reason" in planned) skipped.push({ ...seen, reason: planned.reason });
        else requests.push({ ...seen, ...planned });
      }
    }
  }
  return { requests, skipped };
}
