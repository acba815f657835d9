import type { RoutePath } from "../../src/targets/TargetRuntime.js";

/** Names every plain object has (`constructor`, `__proto__`, `toString`...): never a router key. */
const inherited = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * An OpenAPI path template in a router's `:name` syntax: `{petId}` -> `:petId`, literal text escaped by the router's
 * rule (`literal`). Parameter names that are not plain identifiers, or that plain objects inherit (`__proto__`,
 * `constructor`: a router's params object is a plain one), get router keys `p0`, `p1`... (`keys` maps documented
 * name -> key).
 */
export function routePathOf({ path, literal }: { path: string; literal: (text: string) => string }): RoutePath {
  const keys = new Map<string, string>();
  let index = 0;
  const url = path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const param = /^\{([^}]+)\}$/.exec(part);
      if (!param?.[1]) return literal(part);
      const name = param[1];
      const key = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !inherited.has(name) ? name : `p${index}`;
      index++;
      if (key !== name) keys.set(name, key);
      return `:${key}`;
    })
    .join("");
  return { url, keys };
}
