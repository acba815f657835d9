import type { FastifyRequest } from "fastify";
import {
  isPlainPathParameter,
  parseParameters,
  parsePlainPathParameter,
  type ParameterDefinition,
  type ParameterIssue,
} from "../runtime/parseParameters.js";

/** Router values by the router's keys (`request.params` as Fastify matched it). */
export type RouterParams = Record<string, string | undefined>;

const cookiesByRequest = new WeakMap<FastifyRequest, Record<string, unknown>>();

/** The cookie parameters of a request, as deserialised by its operation's hook (`requestCheck`). */
export function cookiesOf(request: FastifyRequest): Record<string, unknown> {
  return cookiesByRequest.get(request) ?? {};
}

/** Keeps the cookie parameters deserialised for `request` (Fastify has no cookie part). */
export function rememberCookies({
  request,
  cookies,
}: {
  request: FastifyRequest;
  cookies: Record<string, unknown>;
}): void {
  cookiesByRequest.set(request, cookies);
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
