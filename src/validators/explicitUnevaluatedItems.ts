import { forEachSubschema, isSchemaObject, type SchemaObject, type SchemaValue } from "./forEachSubschema.js";

/** What one keyword position tells about evaluated items, when every schema of `guard` is valid. */
interface Contribution {
  /** Schemas (by identity, outermost first) that must all be valid for the annotation to be kept. */
  guard: SchemaValue[];
  /** Items below this index are evaluated (`Infinity`: all of them). */
  prefix: number;
  /** Items valid against these `contains` subschemas are evaluated. */
  contains: SchemaValue[];
}

/** At most this many distinct conditions are split on (the decision tree has up to 2^n leaves). */
const maxGuards = 4;

/** Keywords whose presence in a copied subschema makes copying unsafe (duplicate identifiers, dynamic scope). */
const identifierKeywords = ["$id", "$anchor", "$dynamicAnchor", "$dynamicRef", "$recursiveRef", "$recursiveAnchor"];

/**
 * Ajv tracks the items evaluated by `anyOf`/`oneOf`/`if` branches wrongly at run time: a branch's static count
 * is kept even when the branch fails (`if`), is lost when the first contributing branch fails, `items: S` in a
 * branch becomes a run-time `true` that `unevaluatedItems` compares as the number 1, and `contains` counts every item.
 * For a schema `S` with `unevaluatedItems: U` whose item annotations depend on such branches, this states the rule
 * of JSON Schema 2020-12 explicitly instead:
 *
 * - every keyword position applied in place to `S`'s instance (`allOf`, `anyOf`, `oneOf`, `if`/`then`/`else`,
 *   recursively) contributes "items below n" (`prefixItems`), "all items" (`items`, a nested `unevaluatedItems`) or
 *   "items valid against C" (`contains: C`), kept exactly when the schemas on its path are valid: an `anyOf`/`oneOf`
 *   branch, the `if` schema for `if` and `then`, `not: if` for `else` (given that the rest of `S` is valid, which is
 *   all that matters: otherwise `S` fails either way); `not`, `dependentSchemas` (objects only) and the
 *   non-in-place keywords contribute nothing to an array;
 * - an item is evaluated iff some kept contribution covers it, so `unevaluatedItems: U` holds iff, for the set of
 *   valid guards, every item from index `max(prefixes)` on is valid against `anyOf: [...containsSchemas, U]`;
 * - `S` becomes `S` with `unevaluatedItems: true` (the same outward annotation: every item is evaluated once `S`
 *   passes; no assertion) and an `allOf` member that decides on each guard (`if: {not: {not: guard}}`, so Ajv takes
 *   no annotation from the copy) and asserts that rule in each leaf with `prefixItems: [true, ...]` and `items`.
 *
 * Returns `undefined` (leave the schema to Ajv) when no contribution is conditional (Ajv's static count is right),
 * when a `$ref`/`$dynamicRef` is applied in place (its annotations are not known here), when a copied subschema
 * declares an identifier or a dynamic reference, or when there are more than `maxGuards` distinct conditions.
 */
export function explicitUnevaluatedItems(node: SchemaObject): SchemaObject | undefined {
  const unevaluated = node["unevaluatedItems"];
  if (unevaluated === undefined || unevaluated === true) return undefined;
  const contributions: Contribution[] = [];
  const complements = new Map<SchemaValue, SchemaValue>();
  const { unevaluatedItems: _rule, ...rest } = node;
  if (!collect({ node: rest, guard: [], into: contributions, complements })) return undefined;
  const guards = distinctGuards(contributions);
  if (guards.length === 0 || guards.length > maxGuards) return undefined;
  const copied = [unevaluated, ...guards.flat(), ...contributions.flatMap((c) => c.contains)];
  if (copied.some(declaresIdentifier)) return undefined;
  const tree = decide({ guards, contributions, unevaluated, complements });
  const allOf = Array.isArray(node["allOf"]) ? node["allOf"] : [];
  return { ...rest, allOf: [...allOf, copy(tree)], unevaluatedItems: true };
}

/** Adds the contributions of `node` (valid whenever every schema of `guard` is); `false` when they are unknown. */
function collect({
  node,
  guard,
  into,
  complements,
}: {
  node: SchemaValue;
  guard: SchemaValue[];
  into: Contribution[];
  complements: Map<SchemaValue, SchemaValue>;
}): boolean {
  const inner = ({ schema, under }: { schema: SchemaValue; under: SchemaValue[] }) =>
    collect({ node: schema, guard: under, into, complements });
  if (!isSchemaObject(node)) return true;
  if (node["$ref"] !== undefined || node["$dynamicRef"] !== undefined || node["$recursiveRef"] !== undefined)
    return false;
  if (Array.isArray(node["items"])) return false;
  if (node["items"] !== undefined || node["unevaluatedItems"] !== undefined) {
    into.push({ guard, prefix: Infinity, contains: [] });
    return true;
  }
  const prefixItems = node["prefixItems"];
  if (Array.isArray(prefixItems) && prefixItems.length > 0)
    into.push({ guard, prefix: prefixItems.length, contains: [] });
  if (node["contains"] !== undefined) into.push({ guard, prefix: 0, contains: [node["contains"]] });
  const members = (keyword: string): SchemaValue[] => {
    const value = node[keyword];
    return Array.isArray(value) ? value : [];
  };
  for (const member of members("allOf")) if (!inner({ schema: member, under: guard })) return false;
  for (const branch of [...members("anyOf"), ...members("oneOf")]) {
    if (!inner({ schema: branch, under: [...guard, branch] })) return false;
  }
  const condition = node["if"];
  if (condition === undefined) return true;
  // An `if` alone (which Ajv ignores) too: by the specification its annotations count when it is valid.
  if (!inner({ schema: condition, under: [...guard, condition] })) return false;
  const then = node["then"];
  if (then !== undefined && !inner({ schema: then, under: [...guard, condition] })) return false;
  const otherwise = node["else"];
  if (otherwise === undefined) return true;
  const negated: SchemaValue = { not: condition };
  complements.set(negated, condition).set(condition, negated);
  return inner({ schema: otherwise, under: [...guard, negated] });
}

/** The distinct non-empty guards, shortest first (a guard's prefix path is decided before it). */
function distinctGuards(contributions: Contribution[]): SchemaValue[][] {
  const out: SchemaValue[][] = [];
  for (const { guard } of contributions) {
    if (guard.length === 0 || out.some((g) => sameGuard({ a: g, b: guard }))) continue;
    out.push(guard);
  }
  return out.sort((a, b) => a.length - b.length);
}

function sameGuard({ a, b }: { a: SchemaValue[]; b: SchemaValue[] }): boolean {
  return a.length === b.length && a.every((schema, i) => schema === b[i]);
}

interface Known {
  /** Schemas known to be valid on this path of the decision tree. */
  valid: Set<SchemaValue>;
  /** Schemas known to be invalid. */
  invalid: Set<SchemaValue>;
  /** Guards known to fail (some schema of each is invalid). */
  failed: SchemaValue[][];
}

/**
 * The decision tree over `guards`: each one known valid (all its schemas are), known invalid (one of its schemas is,
 * or it contains a guard that failed) or tested with `if`; each leaf asserts the rule for the guards valid on its
 * path. `complements` pairs each `else` guard `{not: I}` with `I` (one is valid exactly when the other is not).
 */
function decide({
  guards,
  contributions,
  unevaluated,
  complements,
}: {
  guards: SchemaValue[][];
  contributions: Contribution[];
  unevaluated: SchemaValue;
  complements: Map<SchemaValue, SchemaValue>;
}): SchemaValue {
  const step = (known: Known): SchemaValue => {
    const has = ({ set, schema }: { set: Set<SchemaValue>; schema: SchemaValue | undefined }) =>
      schema !== undefined && set.has(schema);
    const schemaValid = (s: SchemaValue) =>
      known.valid.has(s) || has({ set: known.invalid, schema: complements.get(s) });
    const schemaInvalid = (s: SchemaValue) =>
      known.invalid.has(s) || has({ set: known.valid, schema: complements.get(s) });
    const isValid = (guard: SchemaValue[]) => guard.every(schemaValid);
    const isInvalid = (guard: SchemaValue[]) =>
      guard.some(schemaInvalid) || known.failed.some((failed) => failed.every((s) => guard.includes(s)));
    const open = guards.find((guard) => !isValid(guard) && !isInvalid(guard));
    if (open === undefined) return leaf({ kept: contributions.filter((c) => isValid(c.guard)), unevaluated });
    const untested = open.filter((schema) => !schemaValid(schema));
    const test: SchemaValue = untested.length === 1 ? (untested[0] as SchemaValue) : { allOf: untested };
    const whenValid = step({ ...known, valid: new Set([...known.valid, ...open]) });
    const whenInvalid = step(
      untested.length === 1
        ? { ...known, invalid: new Set([...known.invalid, ...untested]) }
        : { ...known, failed: [...known.failed, open] },
    );
    if (JSON.stringify(whenValid) === JSON.stringify(whenInvalid)) return whenValid;
    return { if: { not: { not: test } }, then: whenValid, else: whenInvalid };
  };
  return step({ valid: new Set(), invalid: new Set(), failed: [] });
}

/** Items from the largest kept prefix on must be evaluated by a kept `contains` or be valid against `unevaluated`. */
function leaf({ kept, unevaluated }: { kept: Contribution[]; unevaluated: SchemaValue }): SchemaValue {
  const prefix = Math.max(0, ...kept.map((c) => c.prefix));
  if (prefix === Infinity) return true;
  const contained = kept.flatMap((c) => c.contains);
  const item: SchemaValue = contained.length === 0 ? unevaluated : { anyOf: [...contained, unevaluated] };
  if (prefix === 0) return { items: item };
  return { prefixItems: Array.from({ length: prefix }, () => true), items: item };
}

function declaresIdentifier(schema: SchemaValue): boolean {
  let found = false;
  forEachSubschema({
    schema,
    visit: ({ schema: node }) => (found ||= identifierKeywords.some((keyword) => node[keyword] !== undefined)),
  });
  return found;
}

/** A deep copy (JSON keeps own `__proto__` keys), so no schema object appears twice in the result. */
function copy(schema: SchemaValue): SchemaValue {
  return JSON.parse(JSON.stringify(schema)) as SchemaValue;
}
