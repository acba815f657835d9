import type { RoutePath } from "../../src/targets/TargetRuntime.js";

/** Results by path template (`watch` asks for the same paths every run). Never mutated. */
const known = new Map<string, RoutePath>();

/** Names every plain object has (`constructor`, `__proto__`, `toString`...): never a router key. */
const inherited = new Set(Object.getOwnPropertyNames(Object.prototype));

/** The characters Express 5's path syntax (path-to-regexp 8) reserves in literal text: escaped with a backslash. */
const reserved = /[()[\]{}?+!*:\\]/g;

function computeExpressPath(path: string): RoutePath {
  const keys = new Map<string, string>();
  let index = 0;
  const url = path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const param = /^\{([^}]+)\}$/.exec(part);
      if (!param?.[1]) return part.replace(reserved, "\\$&");
      const name = param[1];
      const key = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !inherited.has(name) ? name : `p${index}`;
      index++;
      if (key !== name) keys.set(name, key);
      return `:${key}`;
    })
    .join("");
  return { url, keys };
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
