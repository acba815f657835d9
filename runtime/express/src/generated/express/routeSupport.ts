import type { Request, RequestHandler, Response } from "express";
import { auditActorOf, runWithAuditActor } from "../runtime/auditActor.js";
import { recordAuditedCall } from "../runtime/auditCall.js";
import type { HandlerContext } from "../runtime/context.js";
import { ApiError } from "../runtime/errors.js";
import { ifNoneMatchHits, strongEtag } from "../runtime/httpCache.js";
import { parseParameters, type ParameterDefinition } from "../runtime/parseParameters.js";
import { withPolicy } from "../runtime/policies.js";
import { RequestProblems } from "../runtime/requestProblems.js";
import { guardChain } from "./access.js";
import { bodyParsers } from "./jsonBody.js";
import { observeOperation } from "./metrics.js";
import { negotiation } from "./negotiation.js";
import { requestIdOfResponse } from "./requestId.js";
import type { RouteDefinition, RouterDeps } from "./routeTable.js";
import { responseSchemaOf, type Projector } from "./serializer.js";
import { formTyped, validateRequest } from "./validation.js";

/** What every handler returns: a documented status, its body and headers. */
export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: object;
}

/**
 * A handler as a route calls it. Each request part reaching it has passed the validator generated from the same
 * schema as the handler's request type (or is `{}` / `undefined` for a part the operation does not have).
 */
type RouteHandler = (input: {
  request: Record<"params" | "query" | "headers" | "cookies" | "body", unknown>;
  context: HandlerContext;
}) => Promise<HandlerResult>;

/** The raw path parameters by documented name: the router decoded them, encoded again so styles split on literal delimiters only. */
function rawPath({
  req,
  parameters,
  pathKeys,
  maxParamLength,
}: {
  req: Request;
  parameters: readonly ParameterDefinition[];
  pathKeys: Readonly<Record<string, string>>;
  maxParamLength: number;
}): Record<string, string | undefined> {
  const routerParams = req.params as Record<string, string | undefined>;
  // Keyed by documented names, which may be `__proto__` or `constructor`: no prototype.
  const path: Record<string, string | undefined> = Object.create(null);
  for (const p of parameters) {
    if (p.in !== "path") continue;
    const value = routerParams[Object.hasOwn(pathKeys, p.name) ? (pathKeys[p.name] ?? p.name) : p.name];
    if (value !== undefined && value.length > maxParamLength)
      throw new ApiError({ code: "URI_TOO_LONG", message: "a path parameter is longer than the server accepts" });
    path[p.name] =
      value === undefined
        ? undefined
        : encodeURIComponent(value).replace(/%2C/gi, ",").replace(/%3B/gi, ";").replace(/%3D/gi, "=");
  }
  return path;
}

/**
 * The request's parameters deserialised by their OpenAPI style and explode (form, spaceDelimited, pipeDelimited,
 * deepObject, simple, label, matrix) from the raw query string, path, headers and cookies: strings become numbers,
 * booleans, arrays and objects only where the parameter's schema asks. Unreadable values go to `problems` (the
 * request is answered 400 VALIDATION_ERROR with every problem once all parts are checked).
 */
function requestParameters({
  req,
  parameters,
  pathKeys,
  maxParamLength,
  problems,
}: {
  req: Request;
  parameters: readonly ParameterDefinition[];
  pathKeys: Readonly<Record<string, string>>;
  maxParamLength: number;
  problems: RequestProblems;
}) {
  const url = req.originalUrl;
  const at = url.indexOf("?");
  const parsed = parseParameters({
    parameters: [...parameters],
    raw: {
      query: at < 0 ? "" : url.slice(at + 1),
      path: rawPath({ req, parameters, pathKeys, maxParamLength }),
      headers: req.headers,
      ...(req.headers.cookie === undefined ? {} : { cookie: req.headers.cookie }),
    },
  });
  problems.unreadable(parsed.errors);
  return parsed.values;
}

/**
 * Sends a handler's result: the route's `cacheControl` on a 2xx answer, its headers (which may replace it), then a body
 * documented as JSON projected by its status's response schema (only documented fields leave), a Buffer or string
 * without a schema as it is, no body as an empty answer. A 200 JSON answer to GET carries a strong `ETag` of its bytes,
 * and a matching `If-None-Match` makes it a 304 without a body (as on Fastify, whatever the request's `Cache-Control`:
 * `res.send`'s own check answers 200 to a request saying `no-cache`, which `fetch` adds to every conditional GET).
 */
function sendResult({
  res,
  result,
  projectorOf,
  cacheControl,
}: {
  res: Response;
  result: HandlerResult;
  projectorOf: (status: number) => Projector | undefined;
  cacheControl: string | undefined;
}): void {
  res.status(result.status);
  if (cacheControl !== undefined && result.status >= 200 && result.status < 300)
    res.setHeader("cache-control", cacheControl);
  if (result.headers)
    for (const [name, value] of Object.entries(result.headers))
      if (value !== undefined) res.setHeader(name, String(value));
  const { body } = result;
  if (body === undefined) {
    res.end();
    return;
  }
  const project = projectorOf(result.status);
  if (project === undefined && (Buffer.isBuffer(body) || typeof body === "string")) {
    if (!res.hasHeader("content-type"))
      res.type(Buffer.isBuffer(body) ? "application/octet-stream" : "text/plain; charset=utf-8");
    res.send(body);
    return;
  }
  if (!res.hasHeader("content-type")) res.type("application/json; charset=utf-8");
  const text = JSON.stringify(project === undefined ? body : project(body));
  if (result.status === 200 && (res.req.method === "GET" || res.req.method === "HEAD")) {
    const given = res.getHeader("etag");
    const etag = typeof given === "string" ? given : strongEtag(text);
    res.setHeader("etag", etag);
    if (ifNoneMatchHits({ header: res.req.headers["if-none-match"], etag })) {
      res.removeHeader("content-type");
      res.status(304).end();
      return;
    }
  }
  res.send(text);
}

/** The projector of each status's response schema, made on first use (once per route and status, never per request). */
function projectorsOf({
  route,
  deps,
}: {
  route: RouteDefinition;
  deps: RouterDeps;
}): (status: number) => Projector | undefined {
  const responses = route.response ?? {};
  const projectors = new Map<number, Projector | undefined>();
  return (status) => {
    if (!projectors.has(status)) {
      const schema = responseSchemaOf({ responses, status });
      projectors.set(status, schema === undefined ? undefined : deps.projectors.projector(schema));
    }
    return projectors.get(status);
  };
}

/**
 * The middleware chain of one route, made once when its router is built (its validators, parameter definitions and
 * media types are the row's own, imported with it): its metrics (when on), client address, security and roles (where
 * the route has them), media types, body (when documented), then parameters parsed and every part validated before
 * the handler gets them typed.
 */
export function operationChain({ deps, route }: { deps: RouterDeps; route: RouteDefinition }): RequestHandler[] {
  const { parameters = [], validators = {}, body: hasBody = false } = route;
  const pathKeys: Readonly<Record<string, string>> = Object.fromEntries(route.pathKeys ?? []);
  const projectorOf = projectorsOf({ route, deps });
  // The operation's policy, if any, decides last: after security, roles and validation, before the handler.
  const handle = withPolicy({
    policies: deps.policies ?? {},
    handler: route.handler,
    operationId: route.operationId,
    handle: deps.handlers[route.handler] as unknown as RouteHandler,
  });
  const chain: RequestHandler[] = [];
  if (deps.metrics !== undefined)
    chain.push(observeOperation({ metrics: deps.metrics, operationId: route.operationId }));
  const guards = guardChain({ route, verifiers: deps.verifiers, settings: deps.access });
  // Counted before the guard (failed credentials count too), or after it when the limit counts principals.
  const limit = deps.limiter?.(route);
  if (limit !== undefined) {
    if (typeof route.rateLimit === "object" && route.rateLimit.key === "principal") guards.push(limit);
    else guards.unshift(limit);
  }
  chain.push(...guards);
  chain.push(negotiation({ consumes: route.consumes, produces: route.produces }));
  if (hasBody) {
    // A multipart route's parts are streamed by the multipart reader (its own limits), every other body read whole.
    const multipart =
      route.multipart === true
        ? deps.multipart?.(route.formBody === undefined ? {} : { formBody: route.formBody })
        : undefined;
    chain.push(...bodyParsers({ bodyLimit: deps.limits.bodyLimit, maxDepth: deps.limits.jsonMaxDepth, multipart }));
  }
  chain.push(async (req, res) => {
    const problems = new RequestProblems();
    const values =
      parameters.length > 0
        ? requestParameters({ req, parameters, pathKeys, maxParamLength: deps.limits.maxParamLength, problems })
        : undefined;
    const parts = {
      params: values?.path ?? {},
      query: values?.query ?? {},
      headers: values === undefined ? req.headers : { ...req.headers, ...values.header },
      cookies: values?.cookie ?? {},
      body: hasBody ? formTyped({ body: req.body as unknown, shape: route.formBody }) : undefined,
    };
    validateRequest({ validators, parts, problems, optionalBody: route.optionalBody === true });
    const context = deps.context(req);
    // The audit events of the handler's writes name this request's principal, operation, address and id.
    const actor = auditActorOf({ context, operationId: route.operationId, requestId: requestIdOfResponse(res) });
    const result = await runWithAuditActor({
      actor,
      run: async () => {
        const answer = await handle({ request: parts, context });
        // `x-vx-audit: true`: the call's own event, once it answered 2xx.
        if (route.audit !== undefined && deps.auditStore !== undefined)
          await recordAuditedCall({
            db: deps.auditStore,
            audit: route.audit,
            status: answer.status,
            params: parts.params,
            body: parts.body,
          });
        return answer;
      },
    });
    sendResult({ res, result, projectorOf, cacheControl: route.cacheControl });
  });
  return chain;
}
