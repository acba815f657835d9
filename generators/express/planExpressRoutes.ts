import type { Operation } from "../../src/ir/types.js";
import { tsJson } from "../../src/emit/tsJson.js";
import { tsString } from "../../src/emit/tsString.js";
import type { RouteTableModule } from "../shared/renderRouteTables.js";

/** What the Express routes index (`routes.ts`) says, every spec string already a TypeScript literal. */
export interface ExpressRoutesPlan {
  /** Each tag's route table: the name it exports and its module's stem (`routes/<file>.js`). */
  tables: readonly RouteTableModule[];
  /** Each documented path (literal) and its methods (literal), for 405 and `Allow`. */
  operationPaths: { path: string; methods: string }[];
}

const allowOrder = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"];

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
 * The Express routes index as data: the route tables (a `Router` each, mounted in this order) and the documented
 * paths with their methods (what 405 answers list).
 */
export function planExpressRoutes({ operations, tables }: { operations: readonly Operation[]; tables: readonly RouteTableModule[] }): ExpressRoutesPlan {
  return { tables, operationPaths: operationPaths(operations) };
}
