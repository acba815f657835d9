/** Names a plain object inherits from `Object.prototype` (`constructor`, `toString`, `__proto__`, ...). */
const inheritedNames = new Set(Object.getOwnPropertyNames(Object.prototype));

const jsonString = String.raw`"(?:[^"\\]|\\.)*"`;
const access = String.raw`(\.[A-Za-z_$][A-Za-z0-9_$]*|\[${jsonString}\])`;

/**
 * Ajv's `ownProperties` option guards every property test with `hasOwnProperty`, so that `required: ["toString"]`
 * is not met by the prototype. Validated data is JSON, i.e. plain objects, whose only inherited names are those of
 * `Object.prototype`; for every other name `data.name !== undefined` already means "own property". This keeps the
 * guard for inherited names only, and loops over keys with `for...in` (a plain object has no inherited enumerable
 * keys) instead of allocating `Object.keys(...)`: property-heavy validators get faster with the same results.
 */
export function simplifyOwnPropertyChecks(code: string): string {
  const binding = /const (func\d+) = Object\.prototype\.hasOwnProperty;/.exec(code)?.[1];
  if (binding === undefined) return code;
  const keep = (literal: string): boolean => inheritedNames.has(JSON.parse(literal) as string);
  const present = new RegExp(
    String.raw`(\b[A-Za-z_$][A-Za-z0-9_$]*)${access} !== undefined && ${binding}\.call\(\1, (${jsonString})\)`,
    "g",
  );
  const missing = new RegExp(
    String.raw`\((\b[A-Za-z_$][A-Za-z0-9_$]*)${access} === undefined\) \|\| \(!\(${binding}\.call\(\1, (${jsonString})\)\)\)`,
    "g",
  );
  return code
    .replace(/for\(const (key\d+) of Object\.keys\(([A-Za-z_$][A-Za-z0-9_$]*)\)\)\{/g, "for(const $1 in $2){")
    .replace(present, (match: string, target: string, property: string, name: string) =>
      keep(name) ? match : `${target}${property} !== undefined`,
    )
    .replace(missing, (match: string, target: string, property: string, name: string) =>
      keep(name) ? match : `(${target}${property} === undefined)`,
    );
}
