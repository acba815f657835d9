import type { ApiModel } from "../../src/ir/types.js";
import type { OperationView } from "../shared/operationView.js";
import { fastifyPath } from "./fastifyPath.js";

function methodName(method: string): string {
  return method.toUpperCase();
}

/** `routes.ts`: one Fastify route per operation, adapting the request to the handler contract and its result back. */
export function renderRoutes({ views, api }: { views: OperationView[]; api: ApiModel }): string {
  const schemeNames = new Set(api.securitySchemes.map((s) => s.name));
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
  out.push(`export function renameKeys({ value, names }: { value: unknown; names: Record<string, string> }): Record<string, unknown> {`);
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
  out.push("");
  // One function per route: a thousand routes stay readable, and prettier formats (and caches) each on its own.
  const registrations: string[] = [];
  for (const view of views) {
    const { op } = view;
    const T = `Op.${view.names.type}Request`;
    const { url, keys } = fastifyPath(op.path);
    const id = JSON.stringify(op.operationId);
    const params =
      view.params.path.length === 0
        ? "{}"
        : keys.size > 0
          ? `validated<${T}["params"]>(renameKeys({ value: request.params, names: ${JSON.stringify(Object.fromEntries([...keys].map(([name, key]) => [key, name])))} }))`
          : `validated<${T}["params"]>(request.params)`;
    const query = view.params.query.length === 0 ? "{}" : `validated<${T}["query"]>(request.query)`;
    const headers = view.params.header.length === 0 ? "{}" : `validated<${T}["headers"]>(request.headers)`;
    const cookies = view.params.cookie.length === 0 ? "{}" : `validated<${T}["cookies"]>(validators.cookies({ operationId: ${id}, values: cookiesOf(request) }))`;
    const body = view.body ? `validated<${T}["body"]>(request.body)` : "undefined";
    const requirements = op.security.map((alt) => alt.schemes.map((s) => ({ scheme: s.name, scopes: s.scopes })));
    const unknownScheme = op.security.some((alt) => alt.schemes.some((s) => !schemeNames.has(s.name)));
    // `register<Type>Route` cannot meet the module's own names (registerRoutes, routeSchema, renameKeys...).
    const name = `register${view.names.type}Route`;
    const label = `${methodName(op.method)} ${op.path} (${op.operationId})`.replace(/\*\//g, "*\\/");
    registrations.push(name);
    const uses = ["app", "handlers", ...(requirements.length > 0 ? ["verifiers"] : []), "schemas", "validators", "context"];
    out.push("");
    out.push(`/** ${label} */`);
    out.push(`function ${name}({ ${uses.join(", ")} }: RegisterRoutesInput): void {`);
    out.push(`  app.route({`);
    out.push(`    method: ${JSON.stringify(methodName(op.method))},`);
    out.push(`    url: ${JSON.stringify(url)},`);
    out.push(`    schema: routeSchema({ schemas, operationId: ${id} }),`);
    out.push(`    validatorCompiler: validators.compiler(${id}),`);
    if (requirements.length > 0) {
      out.push(`    onRequest: requireSecurity({ requirements: ${JSON.stringify(requirements)}, verifiers }),${unknownScheme ? " // names an undefined scheme: always denied" : ""}`);
    }
    if (op.parameters.length > 0) {
      out.push(`    preValidation: parameterHook({ parameters: schemas.operations[${id}]?.parameters ?? [], pathKeys: ${JSON.stringify(Object.fromEntries(keys))} }),`);
    }
    out.push(`    handler: async (request, reply) => {`);
    out.push(`      const result = await handlers.${view.names.handler}({`);
    out.push(`        request: { params: ${params}, query: ${query}, headers: ${headers}, cookies: ${cookies}, body: ${body} },`);
    out.push(`        context: context(request),`);
    out.push(`      });`);
    out.push(`      return sendResult({ reply, result });`);
    out.push(`    },`);
    out.push(`  });`);
    out.push(`}`);
  }
  out.push("");
  out.push(`/** Every operation's route, in path order. */`);
  out.push(`export function registerRoutes(input: RegisterRoutesInput): void {`);
  if (registrations.length === 0) out.push(`  void input;`);
  for (const name of registrations) out.push(`  ${name}(input);`);
  out.push(`}`);
  return out.join("\n") + "\n";
}
