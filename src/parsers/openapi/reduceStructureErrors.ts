import type { AjvError } from "./cachedSchemaValidator.js";

/** Ajv keywords that only summarise the errors of their subschemas. */
const compositeKeywords = new Set(["oneOf", "anyOf", "allOf", "if", "then", "else", "$ref", "$dynamicRef"]);

/** An error with the object it is about (`owner`) and the alternative of the OpenAPI schema that raised it (`branch`). */
interface PlacedError {
  error: AjvError;
  owner: string;
  branch: string;
  /** Known to come from the "is it a `$ref`?" alternative (told by evaluation order, not by path). */
  reference?: boolean;
  /** The branch was told by evaluation order, not by path: a guess. */
  guessed?: boolean;
}

function parentPointer(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf("/"));
}

/**
 * Where an error came from: its schema path without the keyword. An error on a member's value (`/in` not in the
 * enum) belongs to the object and to the alternative that declared the member (`.../properties/in/enum`).
 */
function placeError(error: AjvError): PlacedError {
  let branch = error.schemaPath.slice(0, error.schemaPath.lastIndexOf("/"));
  let owner = error.instancePath;
  const member = `/properties/${owner.slice(owner.lastIndexOf("/") + 1)}`;
  if (owner !== "" && branch.endsWith(member)) {
    branch = branch.slice(0, -member.length);
    owner = parentPointer(owner);
  }
  return { error, owner, branch };
}

function isComposite(error: AjvError): boolean {
  return compositeKeywords.has(error.keyword);
}

/** The "is it a `$ref`?" alternative of an `X-or-Reference` choice. */
function isReferenceBranch(placed: PlacedError): boolean {
  return placed.reference === true || /\/(Reference|reference)\b|#\/\$defs\/reference/.test(placed.error.schemaPath) || (placed.error.keyword === "required" && placed.error.params.missingProperty === "$ref");
}

/** An alternative saying "this object has another `type`/`in`": not the alternative the author meant. */
function isMismatch(placed: PlacedError): boolean {
  return placed.error.keyword === "enum" || placed.error.keyword === "const";
}

/** Where Ajv checks a keyword within one schema object: required fields, then unexpected ones, then the members' values. */
function phaseOf(placed: PlacedError): number {
  if (placed.error.instancePath !== placed.owner) return 2;
  return placed.error.keyword === "required" ? 0 : 1;
}

/**
 * Alternatives compiled as separate functions (a `$ref` per branch, as in the Swagger 2.0 schema) all report schema
 * paths from `#`: when an object failed a `oneOf`/`anyOf` and its errors cannot be told apart by path, they are split
 * by Ajv's evaluation order instead, a new alternative starting wherever the order of checks starts again.
 */
function splitByEvaluationOrder({ placed, valueAt }: { placed: readonly PlacedError[]; valueAt: (pointer: string) => unknown }): PlacedError[] {
  const precise = placed.filter((p) => !isComposite(p.error) && !isReferenceBranch(p));
  const failedChoice = placed.some((p) => (p.error.keyword === "oneOf" || p.error.keyword === "anyOf") && p.error.params.passingSchemas == null);
  if (!failedChoice || precise.length < 2 || new Set(precise.map((p) => p.branch)).size > 1) return [...placed];
  // Unexpected keys come in the object's key order: one at or before the previous one starts another alternative.
  const value = valueAt(placed[0]?.owner ?? "");
  const keys = value !== null && typeof value === "object" ? Object.keys(value) : [];
  const keyIndex = (p: PlacedError) => keys.indexOf(String(p.error.params.additionalProperty ?? p.error.params.unevaluatedProperty ?? ""));
  let segment = 0;
  let phase = -1;
  let lastKey = -1;
  let reference = false;
  return placed.map((p) => {
    if (isComposite(p.error)) {
      phase = 3;
      return p;
    }
    const marker = isReferenceBranch(p);
    const key = keyIndex(p);
    if (marker || phaseOf(p) < phase || (key >= 0 && key <= lastKey && phaseOf(p) === phase)) {
      segment++;
      reference = marker;
      lastKey = -1;
    }
    if (key >= 0) lastKey = key;
    phase = phaseOf(p);
    return { ...p, branch: `${p.branch}#${segment}`, guessed: true, ...(reference ? { reference } : {}) };
  });
}

/**
 * The alternatives (`oneOf`/`anyOf` branches) raising errors about one object, by choice: `P/oneOf/N` branches of the
 * choice `P/oneOf`; branches reached through `$ref`s (`#/definitions/APIKeySecurityScheme`) are one choice, counted
 * only when the object failed a `oneOf`/`anyOf` whose branches are not spelled out.
 */
function choicesOf(placed: readonly PlacedError[]): Map<string, Map<string, PlacedError[]>> {
  const explicit = new Set<string>();
  for (const p of placed) {
    const match = /^(.*\/(?:oneOf|anyOf))\/\d+$/.exec(p.branch);
    if (match?.[1] !== undefined) explicit.add(match[1]);
  }
  const implicit = placed.some((p) => (p.error.keyword === "oneOf" || p.error.keyword === "anyOf") && p.error.params.passingSchemas == null && !explicit.has(p.error.schemaPath));
  const choices = new Map<string, Map<string, PlacedError[]>>();
  for (const p of placed) {
    if (isComposite(p.error) || isReferenceBranch(p)) continue;
    const match = /^(.*\/(?:oneOf|anyOf))\/\d+$/.exec(p.branch);
    const choice = match?.[1] ?? (implicit ? "" : undefined);
    if (choice === undefined) continue;
    const branches = choices.get(choice) ?? new Map<string, PlacedError[]>();
    choices.set(choice, branches);
    branches.set(p.branch, [...(branches.get(p.branch) ?? []), p]);
  }
  return choices;
}

/**
 * Errors of the alternatives the author did not mean: when some alternative of a choice has no enum/const mismatch,
 * every alternative with one is dropped whole; when all have one, only their mismatches are kept (one "must be one
 * of" message lists every allowed value), unless the alternatives were only guessed.
 */
function unintendedAlternatives(placed: readonly PlacedError[]): Set<AjvError> {
  const dropped = new Set<AjvError>();
  for (const branches of choicesOf(placed).values()) {
    if (branches.size < 2) continue;
    const lists = [...branches.values()];
    const someMeant = lists.some((list) => !list.some(isMismatch));
    // Alternatives told apart by a guess may have been merged: without a clear winner, nothing is dropped.
    if (!someMeant && lists.some((list) => list.some((p) => p.guessed === true))) continue;
    for (const list of lists) {
      if (!list.some(isMismatch)) continue;
      for (const p of list) if (someMeant || !isMismatch(p)) dropped.add(p.error);
    }
  }
  return dropped;
}

/**
 * Ajv's raw errors reduced to the useful ones: per object, the errors of alternatives (`oneOf`/`anyOf` branches) the
 * author did not mean are dropped, the "is it a `$ref`?" branches are dropped when a precise error exists, and the
 * composite summaries (`oneOf`, `if`, ...) when any precise error remains at or below their place.
 */
export function reduceStructureErrors({ errors, valueAt }: { errors: readonly AjvError[]; valueAt: (pointer: string) => unknown }): AjvError[] {
  const byOwner = new Map<string, PlacedError[]>();
  for (const error of errors) {
    const placed = placeError(error);
    byOwner.set(placed.owner, [...(byOwner.get(placed.owner) ?? []), placed]);
  }
  const dropped = new Set<AjvError>();
  const reference = new Set<AjvError>();
  for (const placed of byOwner.values()) {
    const split = splitByEvaluationOrder({ placed, valueAt });
    for (const p of split) if (isReferenceBranch(p)) reference.add(p.error);
    for (const error of unintendedAlternatives(split)) dropped.add(error);
  }
  const remaining = errors.filter((e) => !dropped.has(e));
  const isSummary = (error: AjvError) => isComposite(error) || reference.has(error);
  const preciseBelow = new Set<string>();
  for (const error of remaining) {
    if (isSummary(error)) continue;
    for (let path = error.instancePath; ; path = parentPointer(path)) {
      preciseBelow.add(path);
      if (path === "") break;
    }
  }
  const summaries = remaining.filter((error) => !(isSummary(error) && preciseBelow.has(error.instancePath)));
  // `if`/`then`/`allOf` summaries say nothing a remaining `oneOf` ("matches more than one") does not say better.
  const choiceAt = new Set(summaries.filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf").map((e) => e.instancePath));
  const kept = summaries.filter((e) => !(isComposite(e) && e.keyword !== "oneOf" && e.keyword !== "anyOf" && choiceAt.has(e.instancePath)));
  // A `propertyNames` error carries the name; the inner error (`pattern`) says nothing more.
  const named = new Set(kept.filter((e) => e.keyword === "propertyNames").map((e) => e.schemaPath));
  return kept.filter((e) => !(e.schemaPath.includes("/propertyNames/") && named.has(e.schemaPath.slice(0, e.schemaPath.lastIndexOf("/")))));
}
