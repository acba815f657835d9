import type { FastifyRequest, preValidationHookHandler } from "fastify";
import { ApiError } from "../runtime/errors.js";
import { parseParameters, type ParameterDefinition, type ParameterIssue } from "../runtime/parseParameters.js";

const parsedByRequest = new WeakMap<FastifyRequest, Record<string, unknown>>();

/** The cookie parameters of a request, as deserialised by its operation's hook. */
export function cookiesOf(request: FastifyRequest): Record<string, unknown> {
  return parsedByRequest.get(request) ?? {};
}

/** `query.ids[1]` -> `ids[1]`, `header["x-limit"]` -> `x-limit`: error details name the parameter itself. */
function detailField(issue: ParameterIssue): string {
  const rest = issue.field.replace(/^(query|path|header|cookie)/, "");
  const quoted = /^\["((?:[^"\\]|\\.)*)"\](.*)$/.exec(rest);
  if (quoted?.[1] !== undefined) return JSON.parse(`"${quoted[1]}"`) + (quoted[2] ?? "");
  return rest.replace(/^\./, "");
}

/** The router's key of a documented path parameter (own entries only: a parameter may be named `constructor`). */
function routerKey({ pathKeys, name }: { pathKeys: Record<string, string>; name: string }): string {
  return Object.hasOwn(pathKeys, name) ? (pathKeys[name] ?? name) : name;
}

/**
 * Deserialises an operation's parameters by their OpenAPI style and explode (form, spaceDelimited, pipeDelimited,
 * deepObject, simple, label, matrix) from the raw query string, path, headers and cookies, before schema validation:
 * strings become numbers, booleans, arrays and objects only where the parameter's schema asks. Unreadable values
 * answer 400 VALIDATION_ERROR. `pathKeys` maps documented path parameter names to the router's keys; the parsed path
 * parameters replace the router's, under their documented names (as the validators and handlers know them).
 */
export function parameterHook({ parameters, pathKeys }: { parameters: ParameterDefinition[]; pathKeys: Record<string, string> }): preValidationHookHandler {
  const hasPath = parameters.some((p) => p.in === "path");
  return async (request) => {
    const routerParams = (request.params ?? {}) as Record<string, string | undefined>;
    // Keyed by documented names, which may be `__proto__` or `constructor`: no prototype.
    const path: Record<string, string | undefined> = Object.create(null);
    if (hasPath) {
      for (const p of parameters) {
        if (p.in !== "path") continue;
        const value = routerParams[routerKey({ pathKeys, name: p.name })];
        // The router has decoded the value already; encode it again so styles split on literal delimiters only.
        path[p.name] = value === undefined ? undefined : encodeURIComponent(value).replace(/%2C/gi, ",").replace(/%3B/gi, ";").replace(/%3D/gi, "=");
      }
    }
    const url = request.raw.url ?? "";
    const at = url.indexOf("?");
    const parsed = parseParameters({
      parameters,
      raw: { query: at < 0 ? "" : url.slice(at + 1), path, headers: request.headers, ...(request.headers.cookie === undefined ? {} : { cookie: request.headers.cookie }) },
    });
    if (parsed.errors.length > 0) {
      throw new ApiError({ code: "VALIDATION_ERROR", message: "invalid parameters", details: parsed.errors.map((issue) => ({ field: detailField(issue), message: issue.message })) });
    }
    request.query = { ...(request.query as Record<string, unknown>), ...parsed.values.query };
    if (hasPath) {
      // Keyed by documented names, which may be `__proto__`: no prototype.
      const params: Record<string, unknown> = Object.create(null);
      for (const [name, value] of Object.entries(parsed.values.path)) params[name] = value;
      request.params = params;
    }
    Object.assign(request.headers, parsed.values.header);
    parsedByRequest.set(request, parsed.values.cookie);
  };
}
