import type { AccountsAction, JsonValue, Operation, SecurityScheme } from "../../src/ir/types.js";
import type { RoutePath } from "../../src/targets/TargetRuntime.js";
import type { OperationSchemas } from "./buildValidationSchemas.js";
import type { OperationView } from "./operationView.js";

/** A validator module an operation uses: its file stem under the validation folder and the name it is imported as. */
export interface ValidatorModule {
  local: string;
  file: string;
}

/** What one row of a route table says, decided from the operation (the data each target's `RouteDefinition` describes). */
export interface RouteRow {
  operationId: string;
  /** Upper case (`GET`). */
  method: string;
  /** The path template in the router's syntax (the target's `routePath`). */
  url: string;
  handler: string;
  /** The validator modules' names, spread into one object when there are several. */
  validators: string[];
  /** The operation's schema data, each left out when empty: parameter definitions, response schemas, media types. */
  parameters: JsonValue | undefined;
  response: JsonValue | undefined;
  consumes: JsonValue | undefined;
  produces: JsonValue | undefined;
  /** The body's shape, to type a urlencoded form's values (absent: the operation takes no form). */
  formBody: JsonValue | undefined;
  /** The body is read as `multipart/form-data` (the target's multipart reader), absent otherwise. */
  multipart: true | undefined;
  /** `[documented name, router key]` for path parameters the router cannot name as documented. */
  pathKeys: [string, string][];
  body: boolean;
  /** The body is optional (`requestBody.required` false): a request without one is not checked against its schema. */
  optionalBody: boolean;
  security: { scheme: string; scopes: string[] }[][];
  /** Whether a requirement names a scheme the spec does not define (always denied: said in a comment). */
  unknownScheme: boolean;
  /** `x-vx-roles`: one of these roles is needed (absent: any authenticated caller). */
  roles: string[] | undefined;
  /** `x-vx-ip-allow`: the client addresses allowed (absent: the API's list). */
  ipAllow: string[] | undefined;
  /** `x-vx-rate-limit`, or `"credentials"` for an accounts route taking credentials (absent: the global limit). */
  rateLimit: RateLimitRow | undefined;
  /**
   * The `Cache-Control` of its 2xx answers: `x-vx-cache-control`, else `no-store` where a caller may authenticate (an
   * authenticated answer is never kept by a cache unless the spec says how), else none (the framework's default).
   */
  cacheControl: string | undefined;
  /** `x-vx-audit: true`: each 2xx call records an event naming `model` (absent: not audited as a call). */
  audit: { model: string } | undefined;
}

/** Where an API key scheme reads the key: `[in, name]`, by scheme name. */
export type ApiKeyLocations = ReadonlyMap<string, readonly ["header" | "query" | "cookie", string]>;

/** A route's own rate limit: the operation's, with the API key locations a `key: apiKey` limit hashes. */
export type RateLimitRow =
  | { max: number; windowMs: number; key: "ip" | "principal" | "apiKey"; apiKeys?: { in: "header" | "query" | "cookie"; name: string }[] }
  | "credentials";

/** The accounts routes taking a password, a one-time code or a refresh token: a stricter limit by default. */
const credentialActions: ReadonlySet<AccountsAction> = new Set(["register", "login", "loginMfa", "refresh", "totpConfirm", "totpDisable"]);

/** The API key schemes of `schemes`, for `planRouteRow`. */
export function apiKeyLocations(schemes: readonly SecurityScheme[]): ApiKeyLocations {
  return new Map(schemes.flatMap((s) => (s.kind === "apiKey" ? [[s.name, [s.in, s.paramName] as const]] : [])));
}

/** The limit of an operation's route: its `x-vx-rate-limit`, the credential routes' default, or none (the global). */
function rateLimitRow({ op, apiKeys }: { op: Operation; apiKeys: ApiKeyLocations }): RateLimitRow | undefined {
  const own = op.rateLimit;
  if (own === undefined) return op.binding.kind === "accounts" && credentialActions.has(op.binding.action) ? "credentials" : undefined;
  const row: RateLimitRow = { max: own.max, windowMs: own.windowMs, key: own.key };
  if (own.key !== "apiKey") return row;
  const names = [...new Set(op.security.flatMap((alt) => alt.schemes.map((s) => s.name)))];
  row.apiKeys = names.flatMap((name) => {
    const location = apiKeys.get(name);
    return location === undefined ? [] : [{ in: location[0], name: location[1] }];
  });
  return row;
}

/** The bound writes, audited by their services in the write's transaction already. */
const auditedWrites: ReadonlySet<string> = new Set(["create", "update", "replace", "delete", "connect", "disconnect"]);

/**
 * An operation's call audit (`RouteRow.audit`): with `x-vx-audit: true`, naming its bound model, else its `x-vx-model`,
 * else none (empty); none for a bound write, whose service records the write itself, in its transaction.
 */
function auditOf(op: Operation): { model: string } | undefined {
  if (op.audit !== true) return undefined;
  if (op.binding.kind === "bound") return auditedWrites.has(op.binding.action) ? undefined : { model: op.binding.model };
  return { model: op.modelHint ?? "" };
}

/** An operation's `Cache-Control` (see `RouteRow.cacheControl`). */
function cacheControlOf(op: OperationView["op"]): string | undefined {
  if (op.cacheControl !== undefined) return op.cacheControl.value;
  return op.security.some((alternative) => alternative.schemes.length > 0) ? "no-store" : undefined;
}

/** A value, or `undefined` for nothing or an empty object (a row leaves those out). */
function present(value: JsonValue | undefined): JsonValue | undefined {
  return value !== undefined && typeof value === "object" && value !== null && Object.keys(value).length === 0 ? undefined : value;
}

/** One operation's route row, from its view, its schemas and validator modules, in the target's path syntax. */
export function planRouteRow({
  view,
  schemeNames,
  validators,
  schemas,
  routePath,
  apiKeys,
}: {
  view: OperationView;
  schemeNames: ReadonlySet<string>;
  /** The API key schemes (`apiKeyLocations`). */
  apiKeys: ApiKeyLocations;
  validators: readonly string[];
  schemas: OperationSchemas | undefined;
  routePath: (path: string) => RoutePath;
}): RouteRow {
  const { op } = view;
  const { url, keys } = routePath(op.path);
  // An anonymous alternative cannot satisfy roles (VX124): callers of an operation with roles must authenticate.
  const alternatives = op.roles === undefined ? op.security : op.security.filter((alt) => alt.schemes.length > 0);
  return {
    operationId: op.operationId,
    method: op.method.toUpperCase(),
    url,
    handler: view.names.handler,
    validators: [...validators],
    parameters: present(schemas?.parameters),
    response: present(schemas?.response),
    consumes: present(schemas?.consumes),
    produces: present(schemas?.produces),
    formBody: schemas?.formBody,
    multipart: schemas?.multipart === true ? true : undefined,
    pathKeys: [...keys],
    body: view.body !== undefined,
    optionalBody: view.body !== undefined && !view.body.required,
    security: alternatives.map((alt) => alt.schemes.map((s) => ({ scheme: s.name, scopes: [...s.scopes] }))),
    unknownScheme: alternatives.some((alt) => alt.schemes.some((s) => !schemeNames.has(s.name))),
    roles: op.roles === undefined ? undefined : [...op.roles.roles],
    ipAllow: op.ipAllow === undefined ? undefined : [...op.ipAllow.ranges],
    rateLimit: rateLimitRow({ op, apiKeys }),
    cacheControl: cacheControlOf(op),
    audit: auditOf(op),
  };
}
