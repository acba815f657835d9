import { delimitedDoc, group, hardline, indent, layoutDoc, softline, type Doc } from "../shared/layoutDoc.js";
import type { OperationView } from "../shared/operationView.js";
import { groupDescription, groupViews, type ViewGroup } from "../shared/groupViews.js";
import { joinPieces } from "../shared/joinPieces.js";
import { memoPiece } from "../shared/memoPiece.js";
import type { SourceFile } from "../shared/renderTypes.js";
import { callDoc, literalDoc, objectLiteralDoc, propertyDoc } from "../shared/scriptDoc.js";
import { fastifyPath } from "./fastifyPath.js";
import { lineCommentText } from "../../src/emit/lineCommentText.js";
import { tsString } from "../../src/emit/tsString.js";

function methodName(method: string): string {
  return method.toUpperCase();
}

/** `{` one member per line `}` (the route and handler-call objects, always written expanded). */
function expandedObjectDoc(members: readonly Doc[]): Doc {
  return delimitedDoc({ open: "{", close: "}", items: members, separator: ",", breaks: true });
}

/**
 * `register<Type>Route`: the Fastify route of one operation (`<Type>` is the resolver's type name, so the function
 * cannot meet the module's own names: registerRoutes, routeSchema, validated...).
 */
function routeFunctionDoc({ view, schemeNames }: { view: OperationView; schemeNames: ReadonlySet<string> }): Doc {
  const { op } = view;
  const T = `Op.${view.names.type}Request`;
  const { url, keys } = fastifyPath(op.path);
  // `validated<T>(x)`: a type argument too long for its line goes on a line of its own (as prettier does).
  const validated = ({ part, argument }: { part: string; argument: Doc }): Doc =>
    callDoc({ callee: group(["validated<", indent([softline, `${T}[${JSON.stringify(part)}]`]), softline, ">"]), argument });
  // The parameter hook puts the path parameters back under their documented names.
  const params = view.params.path.length === 0 ? "{}" : validated({ part: "params", argument: "request.params" });
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
    `url: ${tsString(url)}`,
    "config: { operationId }",
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
    lineComment(`${methodName(op.method)} ${op.path} (${op.operationId})`),
    hardline,
    `function register${view.names.type}Route(`,
    objectLiteralDoc(uses),
    ": RegisterRoutesInput): void {",
    indent([hardline, `const operationId = ${tsString(op.operationId)};`, hardline, "app.route(", expandedObjectDoc(routeMembers), ");"]),
    hardline,
    "}",
  ];
}

/** Laid-out route functions by operation view; reused while the view and the scheme names it checks are the same. */
const routeFunction = memoPiece({
  name: "route",
  key: "view",
  render: ({ view, schemeNames }: { view: OperationView; schemeNames: ReadonlySet<string> }) => layoutDoc({ doc: routeFunctionDoc({ view, schemeNames }) }),
});

/** `/** text *\/` on one line (neither `*\/` nor a line break in the text can end it early). */
function lineComment(text: string): string {
  return `/** ${lineCommentText(text)} */`;
}

/** One group's route module: a function per operation and `register<Group>Routes`, calling them in path order. */
function renderGroupRoutes({ group, views, path, typesImport, schemeNames }: { group: ViewGroup["group"]; views: OperationView[]; path: string; typesImport: string; schemeNames: ReadonlySet<string> }): SourceFile {
  const validates = (view: OperationView) => view.body !== undefined || Object.values(view.params).some((params) => params.length > 0);
  const support = [...(views.some(validates) ? ["validated"] : []), "type RegisterRoutesInput"];
  const out: string[] = [];
  out.push(`import type * as Op from "${typesImport}";`);
  if (views.some((v) => v.op.security.length > 0)) out.push(`import { requireSecurity } from "../security.js";`);
  if (views.some((v) => v.op.parameters.length > 0)) {
    const usesCookies = views.some((v) => v.params.cookie.length > 0);
    out.push(`import { ${usesCookies ? "cookiesOf, " : ""}parameterHook } from "../parameters.js";`);
  }
  out.push(`import { ${support.join(", ")} } from "../routeSupport.js";`);
  out.push(`import { sendResult } from "../sendResult.js";`);
  out.push(`import { routeSchema } from "../validation.js";`);
  // One function per route: a thousand routes stay readable. Each is laid out as prettier would (checked in the tests),
  // so route modules need no prettier pass (it took most of a cold run's formatting on big specs).
  const registrations: string[] = [];
  for (const view of views) {
    registrations.push(`register${view.names.type}Route`);
    out.push("");
    out.push(routeFunction({ inputs: { view, schemeNames } }));
  }
  out.push("");
  out.push(lineComment(`The routes of ${groupDescription(group)}, in path order.`));
  out.push(`export function register${group.type}Routes(input: RegisterRoutesInput): void {`);
  for (const name of registrations) out.push(`  ${name}(input);`);
  out.push(`}`);
  return { path, content: joinPieces({ slot: `routes:${path}`, parts: out, separator: "\n", suffix: "\n", laidOut: true }) };
}

/**
 * The Fastify routes: one module per group of operations (`<dir>/<group>.ts`, an operation's first tag), each route
 * adapting the request to the handler contract and its result back, and `index` (`routes.ts`), whose `registerRoutes`
 * registers every group's. A change to one operation rewrites its group's module only.
 */
export function renderRoutes({
  views,
  schemeNames,
  path,
  dir,
  typesDir,
}: {
  views: OperationView[];
  schemeNames: ReadonlySet<string>;
  /** The index module (`routes.ts`). */
  path: string;
  /** The folder of the group modules, next to the index (`routes`). */
  dir: string;
  /** The folder of the group type modules, as seen from a group module (`../../types/operations`). */
  typesDir: string;
}): { index: SourceFile; groups: SourceFile[] } {
  const groups = groupViews(views);
  const files = groups.map(({ group, views: members }) =>
    renderGroupRoutes({ group, views: members, path: `${dir}/${group.file}.ts`, typesImport: `${typesDir}/${group.file}.js`, schemeNames }),
  );
  const folder = dir.slice(dir.lastIndexOf("/") + 1);
  const lines = [`import type { RegisterRoutesInput } from "./routeSupport.js";`];
  for (const { group } of groups) lines.push(`import { register${group.type}Routes } from "./${folder}/${group.file}.js";`);
  lines.push("");
  lines.push(lineComment(`Every operation's route: each tag's are in its module (${folder}/).`));
  lines.push(`export function registerRoutes(input: RegisterRoutesInput): void {`);
  if (groups.length === 0) lines.push(`  void input;`);
  for (const { group } of groups) lines.push(`  register${group.type}Routes(input);`);
  lines.push(`}`);
  return { index: { path, content: `${lines.join("\n")}\n` }, groups: files };
}
