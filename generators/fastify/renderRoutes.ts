import { delimitedDoc, group, hardline, indent, layoutDoc, softline, type Doc } from "../shared/layoutDoc.js";
import type { OperationView } from "../shared/operationView.js";
import { joinPieces } from "../shared/joinPieces.js";
import { PieceMemo } from "../shared/pieceMemo.js";
import { callDoc, literalDoc, objectLiteralDoc, propertyDoc } from "../shared/scriptDoc.js";
import { fastifyPath } from "./fastifyPath.js";

function methodName(method: string): string {
  return method.toUpperCase();
}

/** `{` one member per line `}` (the route and handler-call objects, always written expanded). */
function expandedObjectDoc(members: readonly Doc[]): Doc {
  return delimitedDoc({ open: "{", close: "}", items: members, separator: ",", breaks: true });
}

/**
 * `register<Type>Route`: the Fastify route of one operation (`<Type>` is the resolver's type name, so the function
 * cannot meet the module's own names: registerRoutes, routeSchema, renameKeys...).
 */
function routeFunctionDoc({ view, schemeNames }: { view: OperationView; schemeNames: ReadonlySet<string> }): Doc {
  const { op } = view;
  const T = `Op.${view.names.type}Request`;
  const { url, keys } = fastifyPath(op.path);
  // `validated<T>(x)`: a type argument too long for its line goes on a line of its own (as prettier does).
  const validated = ({ part, argument }: { part: string; argument: Doc }): Doc =>
    callDoc({ callee: group(["validated<", indent([softline, `${T}[${JSON.stringify(part)}]`]), softline, ">"]), argument });
  const params =
    view.params.path.length === 0
      ? "{}"
      : validated({
          part: "params",
          argument:
            keys.size > 0
              ? callDoc({
                  callee: "renameKeys",
                  argument: objectLiteralDoc([
                    propertyDoc({ key: "value", value: "request.params" }),
                    propertyDoc({ key: "names", value: literalDoc(Object.fromEntries([...keys].map(([name, key]) => [key, name]))) }),
                  ]),
                  hug: true,
                })
              : "request.params",
        });
  const query = view.params.query.length === 0 ? "{}" : validated({ part: "query", argument: "request.query" });
  const headers = view.params.header.length === 0 ? "{}" : validated({ part: "headers", argument: "request.headers" });
  const cookies =
    view.params.cookie.length === 0
      ? "{}"
      : validated({
          part: "cookies",
          argument: callDoc({ callee: "validators.cookies", argument: objectLiteralDoc(["operationId", "values: cookiesOf(request)"]), hug: true }),
        });
  const body = view.body ? validated({ part: "body", argument: "request.body" }) : "undefined";
  const requirements = op.security.map((alt) => alt.schemes.map((s) => ({ scheme: s.name, scopes: s.scopes })));
  const unknownScheme = op.security.some((alt) => alt.schemes.some((s) => !schemeNames.has(s.name)));
  const routeMembers: Doc[] = [
    `method: ${JSON.stringify(methodName(op.method))}`,
    `url: ${JSON.stringify(url)}`,
    "schema: routeSchema({ schemas, operationId })",
    "validatorCompiler: validators.compiler(operationId)",
  ];
  if (requirements.length > 0) {
    routeMembers.push([
      ...(unknownScheme ? ["// names a security scheme the spec does not define: always denied", hardline] : []),
      propertyDoc({
        key: "onRequest",
        value: callDoc({
          callee: "requireSecurity",
          argument: objectLiteralDoc([propertyDoc({ key: "requirements", value: literalDoc(requirements) }), "verifiers"]),
          hug: true,
        }),
      }),
    ]);
  }
  if (op.parameters.length > 0) {
    routeMembers.push(
      propertyDoc({
        key: "preValidation",
        value: callDoc({
          callee: "parameterHook",
          argument: objectLiteralDoc([
            propertyDoc({ key: "parameters", value: "schemas.operations[operationId]?.parameters ?? []" }),
            propertyDoc({ key: "pathKeys", value: literalDoc(Object.fromEntries(keys)) }),
          ]),
          hug: true,
        }),
      }),
    );
  }
  const request = objectLiteralDoc([
    propertyDoc({ key: "params", value: params }),
    propertyDoc({ key: "query", value: query }),
    propertyDoc({ key: "headers", value: headers }),
    propertyDoc({ key: "cookies", value: cookies }),
    propertyDoc({ key: "body", value: body }),
  ]);
  routeMembers.push([
    "handler: async (request, reply) => {",
    indent([
      hardline,
      `const result = await handlers.${view.names.handler}(`,
      expandedObjectDoc([propertyDoc({ key: "request", value: request }), "context: context(request)"]),
      ");",
      hardline,
      "return sendResult({ reply, result });",
    ]),
    hardline,
    "}",
  ]);
  const uses = ["app", "handlers", ...(requirements.length > 0 ? ["verifiers"] : []), "schemas", "validators", "context"];
  return [
    `/** ${`${methodName(op.method)} ${op.path} (${op.operationId})`.replace(/\*\//g, "*\\/")} */`,
    hardline,
    `function register${view.names.type}Route(`,
    objectLiteralDoc(uses),
    ": RegisterRoutesInput): void {",
    indent([hardline, `const operationId = ${JSON.stringify(op.operationId)};`, hardline, "app.route(", expandedObjectDoc(routeMembers), ");"]),
    hardline,
    "}",
  ];
}

/** Laid-out route functions by operation view; reused while the view and whether it names an unknown scheme are the same. */
const routeMemo = new PieceMemo<OperationView, string>("route");

/** The `joinPieces` slot of routes.ts (its `joinStamp` right after `renderRoutes`). */
export const routesSlot = "routes";

/** `routes.ts`: one Fastify route per operation, adapting the request to the handler contract and its result back. */
export function renderRoutes({ views, schemeNames }: { views: OperationView[]; schemeNames: ReadonlySet<string> }): string {
  const usesSecurity = views.some((v) => v.op.security.length > 0);
  const out: string[] = [];
  out.push(`import type { FastifyInstance, FastifyRequest } from "fastify";`);
  out.push(`import type { HandlerContext } from "../runtime/context.js";`);
  out.push(`import type { SecurityVerifiers } from "../security/types.js";`);
  out.push(`import type * as Op from "../types/operations.js";`);
  if (usesSecurity) out.push(`import { requireSecurity } from "./security.js";`);
  if (views.some((v) => v.op.parameters.length > 0)) {
    const usesCookies = views.some((v) => v.params.cookie.length > 0);
    out.push(`import { ${usesCookies ? "cookiesOf, " : ""}parameterHook } from "./parameters.js";`);
  }
  out.push(`import { sendResult } from "./sendResult.js";`);
  out.push(`import { routeSchema, type createValidators, type ValidationSchemas } from "./validation.js";`);
  out.push("");
  out.push(`/** A request part the route's schema has validated, as the handler's type. */`);
  out.push(`function validated<T>(value: unknown): T {`);
  out.push(`  return value as T;`);
  out.push(`}`);
  out.push("");
  out.push(`/** Path parameters whose names the router could not take, back under their documented names. */`);
  out.push(`export function renameKeys({`);
  out.push(`  value,`);
  out.push(`  names,`);
  out.push(`}: {`);
  out.push(`  value: unknown;`);
  out.push(`  names: Record<string, string>;`);
  out.push(`}): Record<string, unknown> {`);
  out.push(`  const source = (value ?? {}) as Record<string, unknown>;`);
  out.push(`  const result: Record<string, unknown> = {};`);
  out.push(`  for (const [key, item] of Object.entries(source)) result[names[key] ?? key] = item;`);
  out.push(`  return result;`);
  out.push(`}`);
  out.push("");
  out.push(`export interface RegisterRoutesInput {`);
  out.push(`  app: FastifyInstance;`);
  out.push(`  handlers: Op.Handlers;`);
  out.push(`  verifiers: SecurityVerifiers;`);
  out.push(`  schemas: ValidationSchemas;`);
  out.push(`  validators: ReturnType<typeof createValidators>;`);
  out.push(`  context: (request: FastifyRequest) => HandlerContext;`);
  out.push(`}`);
  // One function per route: a thousand routes stay readable. Each is laid out as prettier would (checked in the tests),
  // so routes.ts needs no prettier pass (it took most of a cold run's formatting on big specs).
  const registrations: string[] = [];
  for (const view of views) {
    registrations.push(`register${view.names.type}Route`);
    out.push("");
    const unknownScheme = view.op.security.some((alt) => alt.schemes.some((s) => !schemeNames.has(s.name)));
    out.push(routeMemo.get({ key: view, extra: unknownScheme ? "unknown scheme" : "", compute: () => layoutDoc({ doc: routeFunctionDoc({ view, schemeNames }) }) }));
  }
  out.push("");
  out.push(`/** Every operation's route, in path order. */`);
  out.push(`export function registerRoutes(input: RegisterRoutesInput): void {`);
  if (registrations.length === 0) out.push(`  void input;`);
  for (const name of registrations) out.push(`  ${name}(input);`);
  out.push(`}`);
  return joinPieces({ slot: routesSlot, parts: out, separator: "\n", suffix: "\n" });
}
