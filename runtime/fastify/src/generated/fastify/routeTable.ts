import type {
  FastifyInstance,
  FastifyRequest,
  FastifySchema,
  FastifySchemaCompiler,
  HTTPMethods,
  RouteOptions,
} from "fastify";
import type { AccessSettings } from "../runtime/accessCheck.js";
import type { HandlerContext } from "../runtime/context.js";
import type { ApiError } from "../runtime/errors.js";
import type { ParameterDefinition } from "../runtime/parseParameters.js";
import type { SecurityVerifiers } from "../security/types.js";
import type { Handlers } from "../types/operations.js";
import type { OperationValidators, RequestPart } from "../validation/index.js";
import { guardHooks } from "./access.js";
import { negotiation } from "./negotiation.js";
import { cookiesOf, parameterHook, pathValidator, type PathKeys } from "./parameters.js";
import type { SecurityRequirement } from "./security.js";
import { sendResult, type HandlerResult } from "./sendResult.js";
import { partCheck } from "./validation.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The operation a generated route serves. */
    operationId?: string;
  }
}

/** One operation's route, all known at generation time: the route modules (routes/) list them. */
export interface RouteDefinition {
  operationId: string;
  method: HTTPMethods;
  /** The path template in the router's syntax (`/books/:bookId`). */
  url: string;
  /** The handler serving it. */
  handler: keyof Handlers;
  /** Its request validators, by part (compiled at generation time, imported by name). */
  validators?: OperationValidators;
  /** How to deserialise each parameter (style, explode, the schema's shape), for parseParameters. */
  parameters?: readonly ParameterDefinition[];
  /** `[documented name, router key]` of the path parameters the router cannot name as documented. */
  pathKeys?: readonly (readonly [string, string])[];
  /** Whether the handler receives the request body. */
  body?: boolean;
  /** Its security alternatives (one must pass); absent for open operations. */
  security?: readonly SecurityRequirement[];
  /** `x-vx-roles`: a principal needs one of these roles (or one implying it by the role hierarchy). */
  roles?: readonly string[];
  /** `x-vx-ip-allow`: the client addresses allowed (absent: the API's list, if any). */
  ipAllow?: readonly string[];
  /** The `Cache-Control` of its 2xx answers unless the handler sets one (`x-vx-cache-control`, `no-store` if secured). */
  cacheControl?: string;
  /** Status -> response schema (referring to the `vx-response.json` schemas), for the serializer. */
  response?: Readonly<Record<string, object>>;
  /** The request body's media types (another answers 415). */
  consumes?: readonly string[];
  /** The responses' media types (an `Accept` none satisfies answers 406). */
  produces?: readonly string[];
}

/** What registers the routes: the handlers, security verifiers, access settings and each request's handler context. */
export interface RouteServices {
  app: FastifyInstance;
  handlers: Handlers;
  verifiers: SecurityVerifiers;
  /** The role hierarchy and the API's client address allow list (checked: see `checkedAccessSettings`). */
  access: AccessSettings;
  context: (request: FastifyRequest) => HandlerContext;
}

/**
 * A handler as the route table calls it. Each request part reaching it has passed the validator generated from the
 * same schema as the handler's request type (or is `{}` / `undefined` for a part the operation does not have).
 */
type RouteHandler = (input: {
  request: Record<"params" | "query" | "headers" | "cookies" | "body", unknown>;
  context: HandlerContext;
}) => Promise<HandlerResult>;

/** The value of a part the operation has no parameters in (frozen: shared by every request). */
const none: Readonly<Record<string, never>> = Object.freeze({});

/** The request parts Fastify validates itself, by Fastify's name, and each one's neutral name (cookies are checked by the parameter hook). */
const fastifyParts = {
  params: "params",
  querystring: "query",
  headers: "headers",
  body: "body",
} as const satisfies Record<string, RequestPart>;
type FastifyPart = keyof typeof fastifyParts;
const fastifyPartNames = Object.keys(fastifyParts) as FastifyPart[];

function isFastifyPart(httpPart: string | undefined): httpPart is FastifyPart {
  return httpPart !== undefined && Object.hasOwn(fastifyParts, httpPart);
}

/** Per Fastify part, the function its validatorCompiler hands out: a failure is `{ error }`, a converted value `{ value }`. */
type PartValidators = Partial<Record<FastifyPart, (value: unknown) => true | { error: ApiError } | { value: unknown }>>;

/** The validators of a route's parts; where its parameters are all in the path, the params one reads them too. */
function partValidators({
  route,
  pathKeys,
  hooked,
}: {
  route: RouteDefinition;
  pathKeys: PathKeys;
  hooked: boolean;
}): PartValidators {
  const validators: PartValidators = {};
  for (const fastifyPart of fastifyPartNames) {
    const part = fastifyParts[fastifyPart];
    const validate = route.validators?.[part];
    if (validate === undefined) continue;
    const check = partCheck({ validate, part });
    validators[fastifyPart] = (value) => {
      const error = check(value);
      return error === undefined ? true : { error };
    };
  }
  const parameters = route.parameters ?? [];
  if (!hooked && parameters.length > 0) {
    const validate = route.validators?.params;
    validators.params = pathValidator({
      parameters,
      pathKeys,
      validate: validate ? partCheck({ validate, part: "params" }) : () => undefined,
    });
  }
  return validators;
}

/** Fastify's `schema`: the response schemas, and a placeholder for each part whose validator `validatorCompiler` hands out. */
function routeSchema({ route, validators }: { route: RouteDefinition; validators: PartValidators }): FastifySchema {
  const schema: FastifySchema = {};
  for (const part of fastifyPartNames) if (validators[part] !== undefined) schema[part] = {};
  if (route.response !== undefined) schema.response = route.response;
  return schema;
}

/**
 * The hooks of a route: client address, security and roles (onRequest), media types (preParsing), parameters other
 * than path ones (preValidation); each only where the route has something to check.
 */
function routeHooks({
  route,
  pathKeys,
  verifiers,
  access,
}: {
  route: RouteDefinition;
  pathKeys: PathKeys;
  verifiers: SecurityVerifiers;
  access: AccessSettings;
}): Partial<RouteOptions> {
  const parameters = route.parameters ?? [];
  const cookies = route.validators?.cookies;
  const checkCookies = cookies === undefined ? () => undefined : partCheck({ validate: cookies, part: "cookies" });
  const guards = guardHooks({ route, verifiers, settings: access });
  return {
    ...(guards.length === 0 ? {} : { onRequest: guards.length === 1 ? guards[0] : guards }),
    ...(route.consumes === undefined && route.produces === undefined ? {} : { preParsing: negotiation(route) }),
    ...(parameters.every((p) => p.in === "path")
      ? {}
      : { preValidation: parameterHook({ parameters, pathKeys, checkCookies }) }),
  };
}

/** The handler's request: the validated parts it has, `{}` for the others (and no body where it has none). */
function requestOf({
  route,
}: {
  route: RouteDefinition;
}): (request: FastifyRequest) => Record<"params" | "query" | "headers" | "cookies" | "body", unknown> {
  const has = (location: ParameterDefinition["in"]) => (route.parameters ?? []).some((p) => p.in === location);
  const [path, query, headers, cookies, body] = [
    has("path"),
    has("query"),
    has("header"),
    has("cookie"),
    route.body === true,
  ];
  // Path parameters arrive read and validated under their documented names (pathValidator or the parameter hook).
  return (request) => ({
    params: path ? request.params : none,
    query: query ? request.query : none,
    headers: headers ? request.headers : none,
    cookies: cookies ? cookiesOf(request) : none,
    body: body ? request.body : undefined,
  });
}

/** Registers one route of the table: its validators bound by reference, its hooks only where it needs them. */
function registerRoute({
  route,
  app,
  handlers,
  verifiers,
  access,
  context,
}: RouteServices & { route: RouteDefinition }): void {
  const pathKeys: PathKeys = new Map(route.pathKeys ?? []);
  const hooked = (route.parameters ?? []).some((p) => p.in !== "path");
  const validators = partValidators({ route, pathKeys, hooked });
  const handle = handlers[route.handler] as unknown as RouteHandler;
  const requestFor = requestOf({ route });
  const compiler: FastifySchemaCompiler<unknown> = ({ httpPart }) => {
    const validator = isFastifyPart(httpPart) ? validators[httpPart] : undefined;
    if (validator === undefined)
      throw new Error(`${route.operationId}: no precompiled validator for ${String(httpPart)}`);
    return validator;
  };
  app.route({
    method: route.method,
    url: route.url,
    config: { operationId: route.operationId },
    schema: routeSchema({ route, validators }),
    validatorCompiler: compiler,
    ...routeHooks({ route, pathKeys, verifiers, access }),
    handler: (request, reply) =>
      handle({ request: requestFor(request), context: context(request) }).then((result) =>
        sendResult({ reply, result, response: route.response, cacheControl: route.cacheControl }),
      ),
  });
}

/** Registers every route of the table (routes.ts) on `app`, with the handlers and security verifiers given. */
export function registerRoutes({ routes, ...services }: RouteServices & { routes: readonly RouteDefinition[] }): void {
  for (const route of routes) registerRoute({ route, ...services });
}
