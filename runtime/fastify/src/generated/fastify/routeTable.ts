import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  HTTPMethods,
  RouteOptions,
  preValidationAsyncHookHandler,
} from "fastify";
import { auditActorOf, runWithAuditActor } from "../runtime/auditActor.js";
import type { AccessSettings } from "../runtime/accessCheck.js";
import { recordAuditedCall, type RouteAudit } from "../runtime/auditCall.js";
import type { HandlerContext } from "../runtime/context.js";
import type { ParameterDefinition } from "../runtime/parseParameters.js";
import { withPolicy, type Policies } from "../runtime/policies.js";
import type { RouteRateLimit } from "../runtime/rateLimit.js";
import type { AuditStore } from "../runtime/recordAuditEvent.js";
import type { SecurityVerifiers } from "../security/types.js";
import type { Handlers } from "../types/operations.js";
import type { OperationValidators } from "../validation/index.js";
import { guardHooks } from "./access.js";
import { negotiation } from "./negotiation.js";
import type { FormValueShape } from "../runtime/formBody.js";
import { cookiesOf, type PathKeys } from "./parameters.js";
import type { RouteLimiter } from "./rateLimit.js";
import type { SecurityRequirement } from "./security.js";
import { sendResult, type HandlerResult } from "./sendResult.js";
import { requestCheck } from "./validation.js";

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
  /** The body is optional: a request without one is not checked against its schema. */
  optionalBody?: boolean;
  /** Its security alternatives (one must pass); absent for open operations. */
  security?: readonly SecurityRequirement[];
  /** `x-vx-roles`: a principal needs one of these roles (or one implying it by the role hierarchy). */
  roles?: readonly string[];
  /** `x-vx-ip-allow`: the client addresses allowed (absent: the API's list, if any). */
  ipAllow?: readonly string[];
  /** `x-vx-rate-limit`, or `"credentials"` for an accounts route taking credentials (absent: the global limit). */
  rateLimit?: RouteRateLimit;
  /** `x-vx-audit: true`: each 2xx call records an audit event naming `model` (see `recordAuditedCall`). */
  audit?: RouteAudit;
  /** The `Cache-Control` of its 2xx answers unless the handler sets one (`x-vx-cache-control`, `no-store` if secured). */
  cacheControl?: string;
  /** Status -> response schema (referring to the `vx-response.json` schemas), for the serializer. */
  response?: Readonly<Record<string, object>>;
  /** The request body's media types (another answers 415). */
  consumes?: readonly string[];
  /** The responses' media types (an `Accept` none satisfies answers 406). */
  produces?: readonly string[];
  /** The body schema's shape, typing the string values of a urlencoded form or multipart body. */
  formBody?: FormValueShape;
  /** The body is `multipart/form-data`, read by the `multipart` reader the routes are registered with. */
  multipart?: boolean;
}

/** The hook reading a multipart route's body (`registerMultipart`), made once per route with its body shape. */
export type MultipartReader = (route: { formBody?: FormValueShape }) => preValidationAsyncHookHandler;

/**
 * What registers the routes: the handlers, security verifiers, access settings, policies and each request's handler
 * context.
 */
export interface RouteServices {
  app: FastifyInstance;
  handlers: Handlers;
  verifiers: SecurityVerifiers;
  /** Each operation's policy (src/policies.ts), asked before its handler; absent: only the generated checks. */
  policies?: Policies;
  /** The role hierarchy and the API's client address allow list (checked: see `checkedAccessSettings`). */
  access: AccessSettings;
  /** The reply is for what the handler's context sets on the answer (the session cookies). */
  context: (request: FastifyRequest, reply: FastifyReply) => HandlerContext;
  /** Each route's rate-limit hook (`registerRateLimit`); absent: no rate limits. */
  limiter?: RouteLimiter;
  /** Where the calls of `x-vx-audit: true` operations are recorded (absent: AUDIT=off, or no database). */
  auditStore?: AuditStore;
  /** Reads the bodies of multipart routes (`registerMultipart`; given when the API has one). */
  multipart?: MultipartReader;
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

/** Fastify's `schema`: the response schemas, for its serializer (requests are checked by `requestCheck`). */
function routeSchema(route: RouteDefinition): FastifySchema {
  return route.response === undefined ? {} : { response: route.response };
}

/**
 * The hooks of a route: rate limit, client address, security and roles (onRequest; a limit counting principals after
 * security, any other before it, so failed credentials count too), media types (preParsing), parameters read and every
 * part validated at once (preValidation); each only where the route has something to check.
 */
function routeHooks({
  route,
  pathKeys,
  verifiers,
  access,
  limiter,
  multipart,
}: {
  route: RouteDefinition;
  pathKeys: PathKeys;
  verifiers: SecurityVerifiers;
  access: AccessSettings;
  limiter: RouteLimiter | undefined;
  multipart: MultipartReader | undefined;
}): Partial<RouteOptions> {
  const limit = limiter?.(route);
  const afterSecurity = typeof route.rateLimit === "object" && route.rateLimit.key === "principal";
  const guards = guardHooks({ route, verifiers, settings: access });
  if (limit !== undefined) {
    if (afterSecurity) guards.push(limit);
    else guards.unshift(limit);
  }
  const check = requestCheck({
    parameters: route.parameters ?? [],
    pathKeys,
    validators: route.validators ?? {},
    ...(route.formBody === undefined ? {} : { formBody: route.formBody }),
    optionalBody: route.optionalBody === true,
  });
  // A multipart body is read (and its files with it) before the check, and only once the guards let it in.
  const read =
    route.multipart === true
      ? multipart?.(route.formBody === undefined ? {} : { formBody: route.formBody })
      : undefined;
  const preValidation = [read, check].filter((hook) => hook !== undefined);
  return {
    ...(guards.length === 0 ? {} : { onRequest: guards.length === 1 ? guards[0] : guards }),
    ...(route.consumes === undefined && route.produces === undefined ? {} : { preParsing: negotiation(route) }),
    ...(preValidation.length === 0
      ? {}
      : { preValidation: preValidation.length === 1 ? preValidation[0] : preValidation }),
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
  // Path parameters arrive read and validated under their documented names (requestCheck).
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
  limiter,
  policies = {},
  auditStore,
  multipart,
}: RouteServices & { route: RouteDefinition }): void {
  const pathKeys: PathKeys = new Map(route.pathKeys ?? []);
  // The operation's policy, if any, decides last: after security, roles and validation, before the handler.
  const handle = withPolicy({
    policies,
    handler: route.handler,
    operationId: route.operationId,
    handle: handlers[route.handler] as unknown as RouteHandler,
  });
  const requestFor = requestOf({ route });
  app.route({
    method: route.method,
    url: route.url,
    config: { operationId: route.operationId },
    schema: routeSchema(route),
    ...routeHooks({ route, pathKeys, verifiers, access, limiter, multipart }),
    handler: (request, reply) => {
      const handlerContext = context(request, reply);
      // The audit events of the handler's writes name this request's principal, operation, address and id.
      const actor = auditActorOf({ context: handlerContext, operationId: route.operationId, requestId: request.id });
      return runWithAuditActor({
        actor,
        run: async () => {
          const parts = requestFor(request);
          const result = await handle({ request: parts, context: handlerContext });
          // `x-vx-audit: true`: the call's own event, once it answered 2xx.
          if (route.audit !== undefined && auditStore !== undefined)
            await recordAuditedCall({
              db: auditStore,
              audit: route.audit,
              status: result.status,
              params: request.params,
              body: parts.body,
            });
          return result;
        },
      }).then((result) => sendResult({ reply, result, response: route.response, cacheControl: route.cacheControl }));
    },
  });
}

/** Registers every route of the table (routes.ts) on `app`, with the handlers and security verifiers given. */
export function registerRoutes({ routes, ...services }: RouteServices & { routes: readonly RouteDefinition[] }): void {
  for (const route of routes) registerRoute({ route, ...services });
}
