/** Results by path template (`watch` asks for the same thousand paths several times per run). Never mutated. */
const known = new Map<string, { url: string; keys: ReadonlyMap<string, string> }>();

/**
 * An OpenAPI path template as a Fastify (find-my-way) URL: `{petId}` -> `:petId`, literal colons escaped (`::`).
 * Parameter names that are not plain identifiers, or that plain objects inherit (`__proto__`, `constructor`: the
 * router's params object is a plain one), get router keys `p0`, `p1`... (`keys` maps documented name -> key).
 * The result is shared between callers: read it, never change it.
 */
export function fastifyPath(path: string): { url: string; keys: ReadonlyMap<string, string> } {
  let result = known.get(path);
  if (result === undefined) {
    if (known.size >= 50_000) known.clear();
    known.set(path, (result = computeFastifyPath(path)));
  }
  return result;
}

/** Names every plain object has (`constructor`, `__proto__`, `toString`...): never a router key. */
const inherited = new Set(Object.getOwnPropertyNames(Object.prototype));

function computeFastifyPath(path: string): { url: string; keys: Map<string, string> } {
  const keys = new Map<string, string>();
  let index = 0;
  const url = path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const param = /^\{([^}]+)\}$/.exec(part);
      if (!param?.[1]) return part.replace(/:/g, "::");
      const name = param[1];
      const key = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !inherited.has(name) ? name : `p${index}`;
      index++;
      if (key !== name) keys.set(name, key);
      return `:${key}`;
    })
    .join("");
  return { url, keys };
}
