import type { FastifyRequest, preValidationHookHandler } from "fastify";
import { ApiError } from "../runtime/errors.js";
import {
  isPlainPathParameter,
  parseParameters,
  parsePlainPathParameter,
  type ParameterDefinition,
  type ParameterIssue,
} from "../runtime/parseParameters.js";

/** Router values by the router's keys (`request.params` as Fastify matched it). */
type RouterParams = Record<string, string | undefined>;

const cookiesByRequest = new WeakMap<FastifyRequest, Record<string, unknown>>();

/** The cookie parameters of a request, as deserialised by its operation's hook. */
export function cookiesOf(request: FastifyRequest): Record<string, unknown> {
  return cookiesByRequest.get(request) ?? {};
}

/** `query.ids[1]` -> `ids[1]`, `header["x-limit"]` -> `x-limit`: error details name the parameter itself. */
function detailField(issue: ParameterIssue): string {
  const rest = issue.field.replace(/^(query|path|header|cookie)/, "");
  const quoted = /^\["((?:[^"\\]|\\.)*)"\](.*)$/.exec(rest);
  if (quoted?.[1] !== undefined) return JSON.parse(`"${quoted[1]}"`) + (quoted[2] ?? "");
  return rest.replace(/^\./, "");
}

/** Unreadable parameters: 400 VALIDATION_ERROR naming each. */
function parameterError(issues: ParameterIssue[]): ApiError {
  return new ApiError({
    code: "VALIDATION_ERROR",
    message: "invalid parameters",
    details: issues.map((issue) => ({ field: detailField(issue), message: issue.message })),
  });
}

/** The router's key of each documented path parameter whose name it could not take (`__proto__` -> `p0`). */
export type PathKeys = ReadonlyMap<string, string>;

function routerKey({ pathKeys, name }: { pathKeys: PathKeys; name: string }): string {
  return pathKeys.get(name) ?? name;
}

/** A router value percent-encoded again, so that styles split on literal delimiters only. */
function reencoded(value: string | undefined): string | undefined {
  return value === undefined
    ? undefined
    : encodeURIComponent(value).replace(/%2C/gi, ",").replace(/%3B/gi, ";").replace(/%3D/gi, "=");
}

/** Typed values by documented name (as the validators and handlers know them), and the issues of those that could not be read. */
export interface PathValues {
  values: Record<string, unknown>;
  issues: ParameterIssue[];
}

/**
 * Reads the path parameters of a route from the router's values. Plain parameters (`simple` style, primitive
 * schema: `/books/{bookId}`) are converted straight from the decoded segment; the others go through `parseParameters`.
 */
export function pathReader({
  parameters,
  pathKeys,
}: {
  parameters: readonly ParameterDefinition[];
  pathKeys: PathKeys;
}): (routerParams: RouterParams) => PathValues {
  const path = parameters.filter((p) => p.in === "path");
  const plain = path
    .filter(isPlainPathParameter)
    .map((parameter) => ({ parameter, key: routerKey({ pathKeys, name: parameter.name }) }));
  const styled = path.filter((p) => !isPlainPathParameter(p));
  return (routerParams) => {
    // No prototype: a documented name may be `__proto__`.
    const values: Record<string, unknown> = Object.create(null);
    const issues: ParameterIssue[] = [];
    for (const { parameter, key } of plain) {
      const result = parsePlainPathParameter({ parameter, text: routerParams[key] });
      if (result.ok) values[parameter.name] = result.value;
      else issues.push(result.issue);
    }
    if (styled.length > 0) {
      const raw: Record<string, string | undefined> = Object.create(null);
      for (const p of styled) raw[p.name] = reencoded(routerParams[routerKey({ pathKeys, name: p.name })]);
      const parsed = parseParameters({ parameters: styled, raw: { path: raw } });
      issues.push(...parsed.errors);
      for (const [name, value] of Object.entries(parsed.values.path)) values[name] = value;
    }
    return { values, issues };
  };
}

/**
 * The params validator of a route whose parameters are all in the path (no hook: the router's values are read and
 * checked in one step): unreadable values answer 400 "invalid parameters", then `validate` checks the typed ones.
 */
export function pathValidator({
  parameters,
  pathKeys,
  validate,
}: {
  parameters: readonly ParameterDefinition[];
  pathKeys: PathKeys;
  validate: (values: Record<string, unknown>) => ApiError | undefined;
}): (routerParams: unknown) => { error: ApiError } | { value: Record<string, unknown> } {
  const read = pathReader({ parameters, pathKeys });
  return (routerParams) => {
    const { values, issues } = read(routerParams as RouterParams);
    if (issues.length > 0) return { error: parameterError(issues) };
    const error = validate(values);
    return error === undefined ? { value: values } : { error };
  };
}

/**
 * The hook of an operation with query, header or cookie parameters: deserialises all its parameters by their OpenAPI
 * style and explode (form, spaceDelimited, pipeDelimited, deepObject, simple, label, matrix) from the raw query
 * string, path, headers and cookies, before schema validation: strings become numbers, booleans, arrays and objects
 * only where the parameter's schema asks. Unreadable values answer 400 VALIDATION_ERROR. Cookies are checked by
 * `checkCookies` (Fastify validates no cookie part). Routes with path parameters only need no hook (`pathValidator`).
 */
export function parameterHook({
  parameters,
  pathKeys,
  checkCookies,
}: {
  parameters: readonly ParameterDefinition[];
  pathKeys: PathKeys;
  checkCookies: (values: Record<string, unknown>) => ApiError | undefined;
}): preValidationHookHandler {
  const readPath = pathReader({ parameters, pathKeys });
  const others = parameters.filter((p) => p.in !== "path");
  const hasPath = others.length < parameters.length;
  const hasCookies = others.some((p) => p.in === "cookie");
  return (request, _reply, done) => {
    const url = request.raw.url ?? "";
    const at = url.indexOf("?");
    const parsed = parseParameters({
      parameters: others,
      raw: {
        query: at < 0 ? "" : url.slice(at + 1),
        headers: request.headers,
        ...(request.headers.cookie === undefined ? {} : { cookie: request.headers.cookie }),
      },
    });
    const path = hasPath ? readPath(request.params as RouterParams) : undefined;
    const issues = [...(path?.issues ?? []), ...parsed.errors];
    if (issues.length > 0) return done(parameterError(issues));
    request.query = { ...(request.query as Record<string, unknown>), ...parsed.values.query };
    if (path !== undefined) request.params = path.values;
    Object.assign(request.headers, parsed.values.header);
    if (hasCookies) {
      const error = checkCookies(parsed.values.cookie);
      if (error !== undefined) return done(error);
      cookiesByRequest.set(request, parsed.values.cookie);
    }
    done();
  };
}
