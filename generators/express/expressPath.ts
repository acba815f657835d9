import type { RoutePath } from "../../src/targets/TargetRuntime.js";
import { routePathOf } from "../shared/routePathOf.js";

/** Results by path template (`watch` asks for the same paths every run). Never mutated. */
const known = new Map<string, RoutePath>();

/** The characters Express 5's path syntax (path-to-regexp 8) reserves in literal text: escaped with a backslash. */
const reserved = /[()[\]{}?+!*:\\]/g;

function computeExpressPath(path: string): RoutePath {
  return routePathOf({ path, literal: (text) => text.replace(reserved, "\\$&") });
}

/**
 * An OpenAPI path template as an Express 5 route path: `{petId}` -> `:petId`, reserved characters of literal text
 * escaped (`\\(`). Parameter names that are not plain identifiers, or that plain objects inherit (`__proto__`), get
 * router keys `p0`, `p1`... (`keys` maps documented name -> key). The result is shared between callers: never change it.
 */
export function expressPath(path: string): RoutePath {
  let result = known.get(path);
  if (result === undefined) {
    if (known.size >= 50_000) known.clear();
    known.set(path, (result = computeExpressPath(path)));
  }
  return result;
}
