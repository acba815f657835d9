import type { RoutePath } from "../../src/targets/TargetRuntime.js";
import { routePathOf } from "../shared/routePathOf.js";

/** Results by path template (`watch` asks for the same thousand paths several times per run). Never mutated. */
const known = new Map<string, RoutePath>();

/**
 * An OpenAPI path template as a Fastify (find-my-way) URL: `{petId}` -> `:petId`, literal colons escaped (`::`).
 * Parameter names that are not plain identifiers, or that plain objects inherit (`__proto__`, `constructor`: the
 * router's params object is a plain one), get router keys `p0`, `p1`... (`keys` maps documented name -> key).
 * The result is shared between callers: read it, never change it.
 */
export function fastifyPath(path: string): RoutePath {
  let result = known.get(path);
  if (result === undefined) {
    if (known.size >= 50_000) known.clear();
    known.set(path, (result = computeFastifyPath(path)));
  }
  return result;
}

/** Literal colons doubled: find-my-way reads `::` as one colon of text. */
function computeFastifyPath(path: string): RoutePath {
  return routePathOf({ path, literal: (text) => text.replace(/:/g, "::") });
}
