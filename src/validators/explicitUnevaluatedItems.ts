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

/** At most this many distinct conditions of `contains` contributions are split on (2^n cases). */
const maxContainsGuards = 4;

/** At most this many distinct conditions in all (the rule copies each a few times). */
const maxGuards = 12;

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
 *   "items valid against C" (`contains: C`), kept exactly when the schemas on its path (its guard) are valid: an
 *   `anyOf`/`oneOf` branch, the `if` schema for `if` and `then`, `not: if` for `else` (given that the rest of `S` is
 *   valid, which is all that matters: otherwise `S` fails either way); `not`, `dependentSchemas` (objects only) and
 *   the non-in-place keywords contribute nothing to an array;
 * - an item is evaluated iff some kept contribution covers it, so `unevaluatedItems: U` holds iff some "all items"
 *   guard is valid, or every item from the largest kept prefix on is valid against `anyOf: [...keptContains, U]`;
 * - that rule is asserted as `anyOf: [allItemsGuard..., rest]`; `rest` decides on each `contains` guard
 *   (`if`/`then`/`else`) and, in each case, for each prefix level `n` above the unconditional one, requires a guard
 *   reaching that level to be valid or the items from the level below on to be valid against the item rule; every
 *   guard is tested as `not: {not: guard}`, so Ajv takes no annotation from the copy;
 * - `S` becomes `S` with `unevaluatedItems: true` (the same outward annotation, every item is evaluated once `S`
 *   passes, and no assertion) and that rule as one more `allOf` member.
 *
 * When an "all items" contribution is unconditional, `unevaluatedItems: U` never applies and becomes `true`.
 * Returns `undefined` (leave the schema to Ajv) when no contribution is conditional (Ajv's static count is right),
 * when a `$ref`/`$dynamicRef` is applied in place (its annotations are not known here), when a copied subschema
 * declares an identifier or a dynamic reference, or when there are too many distinct guards.
 */
export function explicitUnevaluatedItems(node: SchemaObject): SchemaObject | undefined {
  const unevaluated = node["unevaluatedItems"];
  if (unevaluated === undefined || unevaluated === true) return undefined;
  const contributions: Contribution[] = [];
  const complements = new Map<SchemaValue, SchemaValue>();
  const { unevaluatedItems: _rule, ...rest } = node;
  if (!collect({ node: rest, guard: [], into: contributions, complements })) return undefined;
  const allItems = contributions.filter((c) => c.prefix === Infinity);
  // Every item is evaluated whenever the rest of `S` is valid: `U` never applies (Ajv may still misread the count).
  if (allItems.some((c) => c.guard.length === 0)) return { ...rest, unevaluatedItems: true };
  // A contribution whose guard extends an "all items" guard adds nothing: when it is kept, so is that one.
  const implies = ({ guard, weaker }: { guard: SchemaValue[]; weaker: SchemaValue[] }) =>
    weaker.every((schema) => guard.includes(schema));
  const finite = contributions.filter(
    (c) => c.prefix !== Infinity && !allItems.some((a) => implies({ guard: c.guard, weaker: a.guard })),
  );
  const allItemsGuards = distinctGuards(allItems);
  const containsGuards = distinctGuards(finite.filter((c) => c.contains.length > 0));
  const guards = distinctGuards([...allItems, ...finite]);
  if (guards.length === 0 || guards.length > maxGuards || containsGuards.length > maxContainsGuards) return undefined;
  const copied = [unevaluated, ...guards.flat(), ...contributions.flatMap((c) => c.contains)];
  if (copied.some(declaresIdentifier)) return undefined;
  const cases = decide({
    guards: containsGuards,
    complements,
    leaf: (known) => prefixRule({ finite, unevaluated, known }),
  });
  const rule: SchemaValue =
    allItemsGuards.length === 0 ? cases : { anyOf: [...allItemsGuards.map((g) => notNot(conjunction(g))), cases] };
  const allOf = Array.isArray(node["allOf"]) ? node["allOf"] : [];
  return { ...rest, allOf: [...allOf, copy(rule)], unevaluatedItems: true };
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

/** What a path of the decision tree knows about guards. */
interface Known {
  isValid: (guard: SchemaValue[]) => boolean;
  isInvalid: (guard: SchemaValue[]) => boolean;
  /** The schemas of `guard` not known to be valid. */
  untested: (guard: SchemaValue[]) => SchemaValue[];
}

interface Facts {
  /** Schemas known to be valid on this path of the decision tree. */
  valid: Set<SchemaValue>;
  /** Schemas known to be invalid. */
  invalid: Set<SchemaValue>;
  /** Guards known to fail (some schema of each is invalid). */
  failed: SchemaValue[][];
}

/**
 * The decision tree over `guards`: each one known valid (all its schemas are), known invalid (one of its schemas is,
 * or it contains a guard that failed) or tested with `if`; `leaf` states the rule given what its path knows.
 * `complements` pairs each `else` guard `{not: I}` with `I` (one is valid exactly when the other is not).
 */
function decide({
  guards,
  complements,
  leaf,
}: {
  guards: SchemaValue[][];
  complements: Map<SchemaValue, SchemaValue>;
  leaf: (known: Known) => SchemaValue;
}): SchemaValue {
  const step = (facts: Facts): SchemaValue => {
    const has = ({ set, schema }: { set: Set<SchemaValue>; schema: SchemaValue | undefined }) =>
      schema !== undefined && set.has(schema);
    const schemaValid = (s: SchemaValue) =>
      facts.valid.has(s) || has({ set: facts.invalid, schema: complements.get(s) });
    const schemaInvalid = (s: SchemaValue) =>
      facts.invalid.has(s) || has({ set: facts.valid, schema: complements.get(s) });
    const known: Known = {
      isValid: (guard) => guard.every(schemaValid),
      isInvalid: (guard) =>
        guard.some(schemaInvalid) || facts.failed.some((failed) => failed.every((s) => guard.includes(s))),
      untested: (guard) => guard.filter((schema) => !schemaValid(schema)),
    };
    const open = guards.find((guard) => !known.isValid(guard) && !known.isInvalid(guard));
    if (open === undefined) return leaf(known);
    const untested = known.untested(open);
    const whenValid = step({ ...facts, valid: new Set([...facts.valid, ...open]) });
    const whenInvalid = step(
      untested.length === 1
        ? { ...facts, invalid: new Set([...facts.invalid, ...untested]) }
        : { ...facts, failed: [...facts.failed, open] },
    );
    if (JSON.stringify(whenValid) === JSON.stringify(whenInvalid)) return whenValid;
    return { if: notNot(conjunction(untested)), then: whenValid, else: whenInvalid };
  };
  return step({ valid: new Set(), invalid: new Set(), failed: [] });
}

/**
 * Given which `contains` guards hold (`known`): items from the largest kept prefix on must be valid against the item
 * rule (a kept `contains` schema or `unevaluated`). With prefix levels `l0` (kept for sure) < `l1` < ... < `lm`
 * (kept when some guard reaching them is valid), that is: for each `j`, a guard reaching `l(j+1)` is valid or the
 * items from `lj` on follow the item rule; and the items from `lm` on always do.
 */
function prefixRule({
  finite,
  unevaluated,
  known,
}: {
  finite: Contribution[];
  unevaluated: SchemaValue;
  known: Known;
}): SchemaValue {
  const kept = finite.filter((c) => known.isValid(c.guard));
  const contained = kept.flatMap((c) => c.contains);
  const item: SchemaValue = contained.length === 0 ? unevaluated : { anyOf: [...contained, unevaluated] };
  const from = (prefix: number): SchemaValue =>
    prefix === 0 ? { items: item } : { prefixItems: Array.from({ length: prefix }, () => true), items: item };
  const base = Math.max(0, ...kept.map((c) => c.prefix));
  const open = finite.filter((c) => c.prefix > base && !known.isValid(c.guard) && !known.isInvalid(c.guard));
  const levels = [...new Set(open.map((c) => c.prefix))].sort((a, b) => a - b);
  const parts: SchemaValue[] = [];
  let previous = base;
  for (const level of levels) {
    const reaching = distinctGuards(open.filter((c) => c.prefix >= level));
    parts.push({ anyOf: [...reaching.map((g) => notNot(conjunction(known.untested(g)))), from(previous)] });
    previous = level;
  }
  parts.push(from(previous));
  return parts.length === 1 ? (parts[0] as SchemaValue) : { allOf: parts };
}

function notNot(schema: SchemaValue): SchemaValue {
  return { not: { not: schema } };
}

function conjunction(schemas: SchemaValue[]): SchemaValue {
  return schemas.length === 1 ? (schemas[0] as SchemaValue) : { allOf: schemas };
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
