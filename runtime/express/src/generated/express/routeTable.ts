import type { FormValueShape } from "../runtime/formBody.js";
import { Router, type Request, type RequestHandler } from "express";
import type { AccessSettings } from "../runtime/accessCheck.js";
import type { RouteAudit } from "../runtime/auditCall.js";
import type { HandlerContext } from "../runtime/context.js";
import type { Limits } from "../runtime/limits.js";
import type { RequestMetrics } from "../runtime/metrics.js";
import type { ParameterDefinition } from "../runtime/parseParameters.js";
import type { Policies } from "../runtime/policies.js";
import type { RouteRateLimit } from "../runtime/rateLimit.js";
import type { AuditStore } from "../runtime/recordAuditEvent.js";
import type { SecurityVerifiers } from "../security/types.js";
import type { Handlers } from "../types/operations.js";
import type { OperationValidators } from "../validation/index.js";
import type { RouteLimiter } from "./rateLimit.js";
import { operationChain } from "./routeSupport.js";
import type { SecurityRequirement } from "./security.js";
import type { ResponseProjectors } from "./serializer.js";

/** The methods an operation may have, as the route modules write them. */
export type HttpMethod = "DELETE" | "GET" | "HEAD" | "OPTIONS" | "PATCH" | "POST" | "PUT" | "TRACE";

/** One operation's route, all known at generation time: the route modules (routes/) list them. */
export interface RouteDefinition {
  operationId: string;
  method: HttpMethod;
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
  /** Whether the handler receives the request body (only then is one read). */
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
  /** Status -> response schema (referring to the `vx-response.json` schemas), for the projectors. */
  response?: Readonly<Record<string, object>>;
  /** The request body's media types (another answers 415). */
  consumes?: readonly string[];
  /** The responses' media types (an `Accept` none satisfies answers 406). */
  produces?: readonly string[];
  /** The body schema's shape, typing the string values of a urlencoded form or multipart body. */
  formBody?: FormValueShape;
  /** The body is `multipart/form-data`, read by the routers' `multipart` reader. */
  multipart?: boolean;
}

/** The middleware reading a multipart route's body (`multipartReader`), made once per route with its body shape. */
export type MultipartReader = (route: { formBody?: FormValueShape }) => RequestHandler;

/** What every table's router is built with (once, when the app is created). */
export interface RouterDeps {
  handlers: Handlers;
  verifiers: SecurityVerifiers;
  /** Each operation's policy (src/policies.ts), asked before its handler; absent: only the generated checks. */
  policies?: Policies;
  /** The role hierarchy and the API's client address allow list (checked: see `checkedAccessSettings`). */
  access: AccessSettings;
  projectors: ResponseProjectors;
  limits: Limits;
  context: (req: Request) => HandlerContext;
  /** Each route's rate-limit middleware (`rateLimits`); absent: no rate limits. */
  limiter?: RouteLimiter;
  /** Counts and times every answer of an operation (absent: METRICS=off). */
  metrics?: RequestMetrics;
  /** Where the calls of `x-vx-audit: true` operations are recorded (absent: AUDIT=off, or no database). */
  auditStore?: AuditStore;
  /** Reads the bodies of multipart routes (`multipartReader`; given when the API has one). */
  multipart?: MultipartReader;
}

/** Router methods by HTTP method. */
const routerMethods = {
  DELETE: "delete",
  GET: "get",
  HEAD: "head",
  OPTIONS: "options",
  PATCH: "patch",
  POST: "post",
  PUT: "put",
  TRACE: "trace",
} as const satisfies Record<HttpMethod, keyof Router>;

/**
 * Express answers HEAD with a GET route; an API answers only what it documents, so a HEAD request passes a GET route
 * by (to a documented HEAD operation, or to notFound's 405 with `Allow`).
 */
const getOnly: RequestHandler = (req, _res, next) => {
  next(req.method === "HEAD" ? "route" : undefined);
};

/** A `Router` serving one route table (a tag's operations, routes/): each row's middleware chain made once, here. */
export function tableRouter({ routes, deps }: { routes: readonly RouteDefinition[]; deps: RouterDeps }): Router {
  const router = Router({ caseSensitive: true, strict: true });
  for (const route of routes) {
    const chain = operationChain({ deps, route });
    router[routerMethods[route.method]](route.url, ...(route.method === "GET" ? [getOnly, ...chain] : chain));
  }
  return router;
}
