import type { Operation } from "../../src/ir/types.js";
import { lineCommentText } from "../../src/emit/lineCommentText.js";
import { propertyAccess } from "../../src/emit/propertyAccess.js";
import { tsJson } from "../../src/emit/tsJson.js";
import { tsString } from "../../src/emit/tsString.js";
import { groupDescription, groupViews } from "../shared/groupViews.js";
import type { OperationView } from "../shared/operationView.js";
import { expressPath } from "./expressPath.js";

/** One operation's line in its router, every spec string already a TypeScript literal or comment text. */
export interface ExpressRouteView {
  /** The Router method (`get`, `post`...). */
  method: string;
  /** The route path as a string literal. */
  url: string;
  operationId: string;
  /** `handlers.getBook`. */
  handler: string;
  pathKeys: string | undefined;
  security: string | undefined;
  /** The operation names a scheme the spec does not define (always denied). */
  unknownScheme: boolean;
  hasBody: boolean;
}

export interface ExpressRouterView {
  /** Project path of the module. */
  path: string;
  /** `booksRouter`. */
  name: string;
  /** `the operations tagged "books"`, as comment text. */
  description: string;
  routes: ExpressRouteView[];
}

export interface ExpressRoutesPlan {
  routers: ExpressRouterView[];
  /** For the index's imports: router name and module stem. */
  imports: { name: string; file: string }[];
  /** Each documented path (literal) and its methods (literal), for 405 and `Allow`. */
  operationPaths: { path: string; methods: string }[];
}

const allowOrder = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"];

function routeView({ view, schemeNames }: { view: OperationView; schemeNames: ReadonlySet<string> }): ExpressRouteView {
  const { op } = view;
  const { url, keys } = expressPath(op.path);
  const requirements = op.security.map((alt) => alt.schemes.map((s) => ({ scheme: s.name, scopes: s.scopes })));
  return {
    method: op.method,
    url: tsString(url),
    operationId: tsString(op.operationId),
    handler: propertyAccess({ object: "handlers", name: view.names.handler }),
    pathKeys: keys.size > 0 ? tsJson(Object.fromEntries(keys)) : undefined,
    security: requirements.length > 0 ? tsJson(requirements) : undefined,
    unknownScheme: op.security.some((alt) => alt.schemes.some((s) => !schemeNames.has(s.name))),
    hasBody: view.body !== undefined,
  };
}

function operationPaths(operations: readonly Operation[]): ExpressRoutesPlan["operationPaths"] {
  const byPath = new Map<string, Set<string>>();
  for (const op of operations) {
    const methods = byPath.get(op.path) ?? new Set<string>();
    methods.add(op.method.toUpperCase());
    byPath.set(op.path, methods);
  }
  return [...byPath]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, methods]) => ({ path: tsString(path), methods: tsJson(allowOrder.filter((m) => methods.has(m))) }));
}

/**
 * The Express routes as data: a Router per group (an operation's first tag) with one line per operation, in the
 * IR's order, and the documented paths with their methods (what 405 answers list).
 */
export function planExpressRoutes({ views, schemeNames, dir }: { views: OperationView[]; schemeNames: ReadonlySet<string>; dir: string }): ExpressRoutesPlan {
  const routers = groupViews(views).map(({ group, views: members }) => ({
    path: `${dir}/${group.file}.ts`,
    name: `${group.type.charAt(0).toLowerCase()}${group.type.slice(1)}Router`,
    file: group.file,
    description: lineCommentText(groupDescription(group)),
    routes: members.map((view) => routeView({ view, schemeNames })),
  }));
  return {
    routers,
    imports: routers.map(({ name, file }) => ({ name, file })),
    operationPaths: operationPaths(views.map((v) => v.op)),
  };
}
