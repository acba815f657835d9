import { readOnlyKeyword } from "./createAjv.js";
import { absolutizeRefs } from "./absolutizeRefs.js";
import { containsBesidePrefixItems } from "./containsBesidePrefixItems.js";
import { explicitUnevaluatedItems } from "./explicitUnevaluatedItems.js";
import {
  forEachSubschema,
  isSchemaObject,
  mapSubschemas,
  type SchemaObject,
  type SchemaValue,
} from "./forEachSubschema.js";
import { staticDynamicRefs } from "./staticDynamicRefs.js";
import { usesDefinitions, type ValidatorDialect } from "./ValidatorDialect.js";

const componentsPrefix = "#/components/schemas/";

/**
 * Adapts a schema to what Ajv compiles correctly for `dialect`, without changing what it accepts:
 * - all dialects: a property named `__proto__` is declared through `patternProperties` (Ajv drops that key);
 *   `enum: []` (nothing is allowed) becomes `not: {}` (Ajv refuses an empty enum); relative `$ref`s
 *   below an `$id` are made absolute (see `absolutizeRefs`);
 * - 2020-12 dialects: a `$ref` next to an `$id` moves into `allOf: [{$ref}]` (same meaning; Ajv otherwise follows
 *   such a resource as an alias and loops); `contains` next to `prefixItems` moves into an `allOf` member (see
 *   `containsBesidePrefixItems`);
 * - 2020-12 documents using `unevaluated*`: `if: I, then: T, else: E` missing a branch becomes
 *   `anyOf: [{allOf: [I, T]}, {allOf: [{not: I}, E]}]` (same assertion, same annotations; Ajv drops the annotations of
 *   an `if` without both branches); `unevaluatedItems` whose evaluated items depend on `anyOf`/`oneOf`/`if` branches
 *   is stated explicitly, as a decision over those branches (see `explicitUnevaluatedItems`); otherwise
 *   `unevaluatedItems: U` next to unconditional `contains: C` (own or in `allOf`) becomes
 *   `unevaluatedItems: {anyOf: [C, U]}` with `C` moved under `not: {not: C}` (items matching `contains` are
 *   evaluated, the others are not; Ajv counts them all as evaluated);
 * - draft 4 dialects: keywords next to `$ref` are ignored, as the specification says (only `definitions` stays,
 *   because pointers may lead into it);
 * - OpenAPI dialects: annotations (`description`, `title`, `example(s)`, `externalDocs`, `xml`, `deprecated`,
 *   `$comment`, `x-*`) are dropped, so they do not bloat the generated code; refs to `#/components/schemas/X` point at the shared definitions (`#/definitions/X` for 3.0,
 *   `#/$defs/X` for 3.1), so a schema copied from a document validates against the defs given to the generator;
 * - `openapi-3.0`: `nullable: true` next to `type` is Ajv's own OpenAPI support; `nullable: true` without `type`
 *   (e.g. next to `$ref` or `allOf: [{$ref}]`, the usual way to make a reference nullable) becomes
 *   `anyOf: [{type: "null"}, rest]`, the intent of that idiom; `nullable: false` without `type` is dropped;
 *   in every other dialect `nullable` is not a keyword and is removed (Ajv would otherwise apply it);
 * - 2020-12 dialects: `$dynamicRef`s that do not depend on the dynamic scope, or (`entry`) whose dynamic scope
 *   gives them one target on every way from the root, become `$ref` (see `staticDynamicRefs`).
 */
export function prepareSchema({
  schema,
  dialect,
  entry = true,
}: {
  schema: SchemaValue;
  dialect: ValidatorDialect;
  /** `false` for a document other documents refer into (shared definitions): it is not only evaluated from its root. */
  entry?: boolean;
}): SchemaValue {
  const draft4 = usesDefinitions(dialect);
  const openapi = dialect === "openapi-3.0" || dialect === "openapi-3.1";
  const defsPointer = draft4 ? "#/definitions/" : "#/$defs/";
  let usesUnevaluated = false;
  forEachSubschema({
    schema,
    visit: ({ schema: node }) => (usesUnevaluated ||= "unevaluatedProperties" in node || "unevaluatedItems" in node),
  });
  const mapped = mapSubschemas({
    schema,
    map: (node) => {
      let result: SchemaObject = openapi ? withoutAnnotations(node) : node;
      const ref = node["$ref"];
      if (openapi && typeof ref === "string" && ref.startsWith(componentsPrefix)) {
        result = { ...result, $ref: defsPointer + ref.slice(componentsPrefix.length) };
      }
      if (dialect === "openapi-3.0" && "nullable" in result && result["type"] === undefined) {
        const { nullable, ...rest } = result;
        result = nullable === true ? wrapNullable(rest) : rest;
      }
      if (dialect !== "openapi-3.0" && "nullable" in result) {
        const { nullable: _annotation, ...rest } = result;
        result = rest;
      }
      if (draft4 && typeof result["$ref"] === "string") {
        const kept: SchemaObject = { $ref: result["$ref"] };
        if (isSchemaObject(result["definitions"])) kept["definitions"] = result["definitions"];
        result = kept;
      }
      const properties = result["properties"];
      if (isSchemaObject(properties) && Object.hasOwn(properties, "__proto__")) {
        result = moveProtoProperty({ node: result, properties });
      }
      if (Array.isArray(result["enum"]) && result["enum"].length === 0) {
        const { enum: _empty, ...rest } = result;
        result =
          rest["not"] === undefined
            ? { ...rest, not: {} }
            : { ...rest, allOf: [...asArray(rest["allOf"]), { not: {} }] };
      }
      if (!draft4 && typeof result["$id"] === "string" && typeof result["$ref"] === "string") {
        const { $ref, ...rest } = result;
        result = { ...rest, allOf: [...asArray(rest["allOf"]), { $ref }] };
      }
      if (!draft4) result = containsBesidePrefixItems(result);
      if (
        !draft4 &&
        usesUnevaluated &&
        result["if"] !== undefined &&
        (result["then"] === undefined || result["else"] === undefined)
      ) {
        const { if: condition, then: whenTrue, else: whenFalse, ...rest } = result;
        const ifTrue: SchemaValue =
          whenTrue === undefined ? (condition as SchemaValue) : { allOf: [condition as SchemaValue, whenTrue] };
        const ifFalse: SchemaValue =
          whenFalse === undefined
            ? { not: condition as SchemaValue }
            : { allOf: [{ not: condition as SchemaValue }, whenFalse] };
        const asConditional: SchemaValue = { anyOf: [ifTrue, ifFalse] };
        result = { ...rest, allOf: [...asArray(rest["allOf"]), asConditional] };
      }
      if (!draft4 && result["unevaluatedItems"] !== undefined && result["unevaluatedItems"] !== true) {
        const explicit = explicitUnevaluatedItems(result);
        const hidden = explicit === undefined ? hideContains(result) : undefined;
        if (explicit !== undefined) result = explicit;
        else if (hidden !== undefined && hidden.contained.length > 0) {
          result = { ...hidden.node, unevaluatedItems: { anyOf: [...hidden.contained, result["unevaluatedItems"]] } };
        }
      }
      return result;
    },
  });
  const resolved = draft4 ? mapped : staticDynamicRefs({ schema: mapped, evaluatedFromRoot: entry });
  return absolutizeRefs({ schema: resolved, idKeyword: draft4 ? "id" : "$id" });
}

const containsKeywords = ["contains", "minContains", "maxContains"];

/**
 * Collects the `contains` subschemas that always apply to `node`'s instance (its own and those of its `allOf`
 * members) and moves each, with its `minContains`/`maxContains`, under `not: {not: ...}`: the same assertion, but no
 * annotation (Ajv counts every item as evaluated by `contains`, which is wrong; the caller adds the right rule).
 */
function hideContains(node: SchemaObject): { node: SchemaObject; contained: SchemaValue[] } {
  const contained: SchemaValue[] = [];
  let copy: SchemaObject = { ...node };
  const allOf = asArray(node["allOf"]);
  if (allOf.length > 0) {
    copy["allOf"] = allOf.map((member) => {
      if (!isSchemaObject(member)) return member;
      const inner = hideContains(member);
      contained.push(...inner.contained);
      return inner.node;
    });
  }
  const contains = node["contains"];
  if (contains !== undefined) {
    contained.push(contains);
    const moved: SchemaObject = {};
    for (const keyword of containsKeywords) {
      const value = copy[keyword];
      if (value !== undefined) moved[keyword] = value;
      delete copy[keyword];
    }
    copy = { ...copy, allOf: [...asArray(copy["allOf"]), { not: { not: moved } }] };
  }
  return { node: copy, contained };
}

/** Keywords that never affect validation; OpenAPI documents carry a lot of them (Stripe: megabytes of prose). */
const annotationKeywords = new Set([
  "description",
  "title",
  "example",
  "examples",
  "externalDocs",
  "xml",
  "deprecated",
  "$comment",
]);

/** An annotation, or an `x-` extension other than vx-gen's readOnly policy (a keyword of its validators, see `createAjv`). */
function isAnnotation(key: string): boolean {
  return annotationKeywords.has(key) || (key.startsWith("x-") && key !== readOnlyKeyword);
}

function withoutAnnotations(node: SchemaObject): SchemaObject {
  const entries = Object.entries(node);
  if (!entries.some(([key]) => isAnnotation(key))) return node;
  return Object.fromEntries(entries.filter(([key]) => !isAnnotation(key)));
}

/** `properties: {"__proto__": S}` as `patternProperties: {"^__proto__$": S}` (same meaning; Ajv loses that key). */
function moveProtoProperty({ node, properties }: { node: SchemaObject; properties: SchemaObject }): SchemaObject {
  const remaining = Object.fromEntries(Object.entries(properties).filter(([name]) => name !== "__proto__"));
  const patterns = isSchemaObject(node["patternProperties"]) ? node["patternProperties"] : {};
  const protoSchema = Object.entries(properties).find(([name]) => name === "__proto__")?.[1] ?? true;
  return { ...node, properties: remaining, patternProperties: { ...patterns, "^__proto__$": protoSchema } };
}

function asArray(value: SchemaValue | undefined): SchemaValue[] {
  return Array.isArray(value) ? value : [];
}

function wrapNullable(rest: SchemaObject): SchemaObject {
  // Keep definitions where refs expect them (at the root of the object that declared them).
  const { definitions, $defs, ...body } = rest;
  const wrapped: SchemaObject = { anyOf: [{ type: "null" }, body] };
  if (isSchemaObject(definitions)) wrapped["definitions"] = definitions;
  if (isSchemaObject($defs)) wrapped["$defs"] = $defs;
  return wrapped;
}
