import type {
  Diagnostic,
  EnvelopeHintValue,
  Model,
  NamedSchema,
  ObjectProperty,
  Operation,
  OperationAction,
  RequestEnvelope,
  ResponseEnvelope,
  ScalarField,
  SchemaNode,
} from "../ir/types.js";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";
import { camelCase, pluralize, squashName } from "../naming/caseConversion.js";
import { arrayItems, propertySchema, schemaAtPath } from "./envelopeNodes.js";
import { findField } from "./findField.js";
import { derefSchema, jsonContentSchema, objectProperties, successResponseSchema } from "./schemaLookup.js";

type Schemas = Map<string, NamedSchema>;

/** What the binder found around the record(s) of one operation. */
export interface BoundEnvelopes {
  requestEnvelope?: RequestEnvelope;
  responseEnvelope?: ResponseEnvelope;
}

interface EnvelopeInput {
  op: Operation;
  action: OperationAction;
  model: Model;
  schemas: Schemas;
  diagnostics: Diagnostic[];
}

/** Property names that wrap one record whatever the model is called. */
const genericWrappers = new Set(["data", "item", "result", "resource", "record", "payload"]);
/** Names of a page's total count besides `<anything>count` and `<anything>total`. */
const totalWords = /^(total|count|totalcount|totalitems|totalresults|totalrecords|.+count|.+total)$/;
/** Names of a page's other members the handler fills (never the total). */
const pagingWords = new Set(["limit", "offset", "page", "pagesize", "perpage", "size", "take", "skip", "pagenumber"]);
/** Columns a list of one value per record most likely shows. */
const columnWords = ["name", "title", "slug", "label", "value", "code"];

function isNumeric({ node, schemas }: { node: SchemaNode | undefined; schemas: Schemas }): boolean {
  const kind = node ? derefSchema({ node, schemas }).kind : undefined;
  return kind === "integer" || kind === "number";
}

function isObjectSchema({ node, schemas }: { node: SchemaNode; schemas: Schemas }): boolean {
  return derefSchema({ node, schemas }).kind !== "array" && objectProperties({ node, schemas }) !== undefined;
}

function report({ input, code, message }: { input: EnvelopeInput; code: DiagnosticCode; message: string }): void {
  const at = input.op.envelopeHint?.source ?? input.op.source;
  input.diagnostics.push(
    createDiagnostic({
      code,
      message: `${message} (${input.op.method.toUpperCase()} ${input.op.path})`,
      location: { file: at.file, pointer: at.pointer },
      help: "fix x-vx-envelope, or leave it out to let vx-gen guess the envelope",
    }),
  );
}

/** The one property wrapping a record, or undefined when the body is the record itself (some property is a column). */
function guessWrap({ node, model, schemas }: { node: SchemaNode; model: Model; schemas: Schemas }): string | undefined {
  const props = objectProperties({ node, schemas });
  if (!props || props.length === 0 || props.some((p) => findField({ model, property: p.name }) !== undefined)) return undefined;
  const objects = props.filter((p) => isObjectSchema({ node: p.schema, schemas }));
  if (props.length === 1 && objects.length === 1) return objects[0]?.name;
  const words = new Set([squashName(model.name), squashName(pluralize(camelCase(model.name))), ...genericWrappers]);
  const named = objects.filter((p) => words.has(squashName(p.name)));
  return named.length === 1 ? named[0]?.name : undefined;
}

/** The path of the total count among a page's other members: a `...Count`/`...Total` number, else one inside `meta`. */
function guessTotal({ props, items, schemas }: { props: ObjectProperty[]; items: string; schemas: Schemas }): string[] | undefined {
  const others = props.filter((p) => p.name !== items);
  const direct = others.find((p) => totalWords.test(squashName(p.name)) && !pagingWords.has(squashName(p.name)) && isNumeric({ node: p.schema, schemas }));
  if (direct) return [direct.name];
  for (const prop of others) {
    const inner = isObjectSchema({ node: prop.schema, schemas }) ? objectProperties({ node: prop.schema, schemas }) : undefined;
    const total = inner ? guessTotal({ props: inner, items: "", schemas }) : undefined;
    if (total?.length === 1) return [prop.name, ...total];
  }
  return undefined;
}

const columnTypes: Record<string, string[]> = { string: ["String"], integer: ["Int", "BigInt"], number: ["Float", "Int", "Decimal"] };

/** The column a list of values shows: the only unique one of its type that is not the key, else a `name`-like one. */
function guessColumn({ model, item, schemas }: { model: Model; item: SchemaNode; schemas: Schemas }): string | undefined {
  const types = columnTypes[derefSchema({ node: item, schemas }).kind] ?? [];
  const columns = model.fields.filter((f): f is ScalarField => f.kind === "scalar" && !f.isList && types.includes(f.type));
  const primary = model.primaryKey?.fields.length === 1 ? model.primaryKey.fields[0] : undefined;
  const uniques = new Set(model.uniques.filter((u) => u.fields.length === 1).map((u) => u.fields[0]));
  const unique = columns.filter((c) => c.name !== primary && uniques.has(c.name));
  if (unique.length === 1) return unique[0]?.name;
  return columnWords.map((word) => columns.find((c) => squashName(c.name) === word)).find((c) => c !== undefined)?.name;
}

/** The body's wrapping property from `x-vx-envelope` (checked against the schema) or guessed. */
function wrapOf({ input, node, hint, side }: { input: EnvelopeInput; node: SchemaNode; hint: EnvelopeHintValue | undefined; side: string }): { property: string; via: "extension" | "heuristic" } | undefined {
  const { model, schemas } = input;
  if (hint?.kind === "flat") return undefined;
  if (hint?.kind === "page") {
    report({ input, code: "VX311", message: `x-vx-envelope gives a page for the ${side} of a ${input.action}, which has one record` });
    return undefined;
  }
  if (hint?.kind === "wrap") {
    const inner = propertySchema({ node, name: hint.property, schemas });
    if (inner && isObjectSchema({ node: inner, schemas })) return { property: hint.property, via: "extension" };
    report({ input, code: "VX311", message: `x-vx-envelope names '${hint.property}', which is not an object property of the ${side}` });
    return undefined;
  }
  const property = guessWrap({ node, model, schemas });
  return property === undefined ? undefined : { property, via: "heuristic" };
}

/** A page or column list from `x-vx-envelope`, each name checked against the response and the model. */
function hintedList({ input, response, hint }: { input: EnvelopeInput; response: SchemaNode; hint: Extract<EnvelopeHintValue, { kind: "page" }> }): ResponseEnvelope | undefined {
  const { model, schemas } = input;
  const array = hint.items === undefined ? response : propertySchema({ node: response, name: hint.items, schemas });
  const item = arrayItems({ node: array, schemas });
  if (!item) {
    report({ input, code: "VX311", message: hint.items === undefined ? "x-vx-envelope has no items but the response is not an array" : `x-vx-envelope names items '${hint.items}', which is not an array property of the response` });
    return undefined;
  }
  if (hint.total && !isNumeric({ node: schemaAtPath({ node: response, path: hint.total, schemas }), schemas })) {
    report({ input, code: "VX312", message: `x-vx-envelope total '${hint.total.join(".")}' is not a number property of the response` });
    return undefined;
  }
  const base = { ...(hint.items === undefined ? {} : { items: hint.items }), ...(hint.total ? { total: hint.total } : {}), via: "extension" as const };
  if (hint.column === undefined) return hint.items === undefined ? undefined : { kind: "page", ...base, items: hint.items };
  const field = model.fields.find((f) => f.name === hint.column);
  if (field?.kind !== "scalar" && field?.kind !== "enum") {
    report({ input, code: "VX313", message: `x-vx-envelope column '${hint.column}' is not a column of model ${model.name}` });
    return undefined;
  }
  return { kind: "columnList", ...base, field: field.name };
}

/** A list's response: a page (items + total under any names) or a list of one column's values. */
function listEnvelope({ input, response }: { input: EnvelopeInput; response: SchemaNode }): ResponseEnvelope | undefined {
  const { model, schemas } = input;
  const hint = input.op.envelopeHint?.response;
  if (hint?.kind === "flat") return undefined;
  if (hint?.kind === "page") return hintedList({ input, response, hint });
  if (hint?.kind === "wrap") {
    report({ input, code: "VX311", message: "x-vx-envelope wraps the response of a list in one property; write `{ items: <array property> }`" });
    return undefined;
  }
  const topItem = arrayItems({ node: response, schemas });
  const props = topItem ? [] : (objectProperties({ node: response, schemas }) ?? []);
  const arrays = props.filter((p) => arrayItems({ node: p.schema, schemas }) !== undefined);
  const itemsProp = arrays.length === 1 ? arrays[0] : undefined;
  const item = topItem ?? arrayItems({ node: itemsProp?.schema, schemas });
  if (!item) return undefined;
  const total = itemsProp ? guessTotal({ props, items: itemsProp.name, schemas }) : undefined;
  const placed = { ...(itemsProp ? { items: itemsProp.name } : {}), ...(total ? { total } : {}), via: "heuristic" as const };
  if (!isObjectSchema({ node: item, schemas })) {
    const field = guessColumn({ model, item, schemas });
    return field === undefined ? undefined : { kind: "columnList", ...placed, field };
  }
  return itemsProp ? { kind: "page", ...placed, items: itemsProp.name } : undefined;
}

/**
 * Where the record(s) sit in an operation's bodies: a request body or response wrapping one record in one property
 * (`{ article: {...} }`), a list's page (`{ articles: [...], articlesCount }`, `{ data: [...], meta: { total } }`) or
 * list of one column (`{ tags: ["a"] }` from `Tag.name`). `x-vx-envelope` overrides the guess (VX310-VX313 when it
 * does not fit the schemas or the model).
 */
export function bindEnvelopes(input: EnvelopeInput): BoundEnvelopes {
  const { op, action } = input;
  const hint = op.envelopeHint;
  const response = successResponseSchema(op);
  const body = op.requestBody ? jsonContentSchema(op.requestBody.content) : undefined;
  const result: BoundEnvelopes = {};
  if (action === "list") {
    const envelope = response ? listEnvelope({ input, response }) : undefined;
    if (envelope) result.responseEnvelope = envelope;
    return result;
  }
  if (response && action !== "custom") {
    const wrap = wrapOf({ input, node: response, hint: hint?.response, side: "response" });
    if (wrap) result.responseEnvelope = { kind: "wrap", ...wrap };
  }
  if (body && (action === "create" || action === "update" || action === "replace")) {
    const wrap = wrapOf({ input, node: body, hint: hint?.request, side: "request body" });
    if (wrap) result.requestEnvelope = { kind: "wrap", ...wrap };
  }
  return result;
}

/** What `inspect` and the binding's reason say about the envelopes found (`envelope: article`, `page: ...`). */
export function describeEnvelopes({ envelopes, model }: { envelopes: BoundEnvelopes; model: string }): string[] {
  const lines: string[] = [];
  const { requestEnvelope: request, responseEnvelope: response } = envelopes;
  if (request) lines.push(`request envelope: ${request.property} (${request.via})`);
  if (response?.kind === "wrap") lines.push(`response envelope: ${response.property} (${response.via})`);
  const count = (total: string[] | undefined) => (total ? ` + count ${total.join(".")}` : "");
  if (response?.kind === "page") lines.push(`page: ${response.items}${count(response.total)} (${response.via})`);
  if (response?.kind === "columnList") lines.push(`column list: ${model}.${response.field}${response.items === undefined ? "" : ` in ${response.items}`}${count(response.total)} (${response.via})`);
  return lines;
}
