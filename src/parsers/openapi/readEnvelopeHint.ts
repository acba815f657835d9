import type { EnvelopeHintValue, OperationEnvelopeHint } from "../../ir/types.js";
import { childCursor, report, sourceOf, type ReadContext } from "./ReadContext.js";
import type { Cursor } from "./SpecFile.js";
import { derefCursor } from "./derefCursor.js";
import { isRecord } from "./jsonPointer.js";

const pageMembers = new Set(["items", "total", "column"]);
const operationMembers = new Set(["request", "response"]);

function isName(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

/** `total`: a property name, or the path of names to it inside nested objects (`[meta, total]`). */
function totalPath(value: unknown): string[] | undefined {
  if (isName(value)) return [value];
  if (Array.isArray(value) && value.length > 0 && value.every(isName)) return value;
  return undefined;
}

/** A page/column list object (`{ items, total, column }`), or the member that is wrong. */
function pageValue(value: Record<string, unknown>): EnvelopeHintValue | { bad: string } {
  const unknown = Object.keys(value).find((key) => !pageMembers.has(key));
  if (unknown !== undefined) return { bad: `has an unknown member '${unknown}' (allowed: items, total, column)` };
  const { items, total, column } = value;
  if (items !== undefined && !isName(items)) return { bad: "items must be the name of the array property" };
  if (column !== undefined && !isName(column)) return { bad: "column must name a column of the bound model" };
  if (items === undefined && column === undefined) return { bad: "needs items (the array property) or column" };
  const path = total === undefined ? undefined : totalPath(total);
  if (total !== undefined && path === undefined) return { bad: "total must be a property name or a list of names" };
  return { kind: "page", ...(isName(items) ? { items } : {}), ...(path ? { total: path } : {}), ...(isName(column) ? { column } : {}) };
}

/** One side's value: `false` (flat), a property name (wrapped), or a page object; VX310 on anything else. */
function sideValue({ ctx, at, side }: { ctx: ReadContext; at: Cursor; side: "request" | "response" }): EnvelopeHintValue | undefined {
  const { value } = at;
  const parsed: EnvelopeHintValue | { bad: string } =
    value === false
      ? { kind: "flat" }
      : isName(value)
        ? { kind: "wrap", property: value }
        : isRecord(value) && side === "response"
          ? pageValue(value)
          : { bad: side === "request" ? "must be false or the name of the property wrapping the record" : "must be false, a property name or an object of items, total and column" };
  if (!("bad" in parsed)) return parsed;
  report({
    ctx,
    code: "VX310",
    message: `x-vx-envelope (${side}) ${parsed.bad}`,
    at,
    help: "write `x-vx-envelope: article` (wrapped), `false` (flat), or for a list `{ items: articles, total: articlesCount }` / `{ items: tags, column: name }`",
  });
  return undefined;
}

/** The operation's own `x-vx-envelope`: false or a name for both bodies, a page object, or `{ request, response }`. */
function operationValue({ ctx, at }: { ctx: ReadContext; at: Cursor }): Pick<OperationEnvelopeHint, "request" | "response"> {
  const { value } = at;
  if (value === false || isName(value)) {
    const both = sideValue({ ctx, at, side: "request" });
    return both ? { request: both, response: both } : {};
  }
  const keys = isRecord(value) ? Object.keys(value) : [];
  if (isRecord(value) && keys.length > 0 && keys.every((key) => operationMembers.has(key))) {
    const side = (name: "request" | "response") => (value[name] === undefined ? undefined : sideValue({ ctx, at: childCursor({ cursor: at, segments: [name] }), side: name }));
    const request = side("request");
    const response = side("response");
    return { ...(request ? { request } : {}), ...(response ? { response } : {}) };
  }
  const response = sideValue({ ctx, at, side: "response" });
  return response ? { response } : {};
}

/** `x-vx-envelope` of the object at `cursor` (dereferenced), as one side. */
function objectValue({ ctx, cursor, side }: { ctx: ReadContext; cursor: Cursor | undefined; side: "request" | "response" }): { value: EnvelopeHintValue | undefined; at: Cursor } | undefined {
  const object = cursor ? derefCursor({ ctx, cursor }) : undefined;
  if (!object || !isRecord(object.value) || object.value["x-vx-envelope"] === undefined) return undefined;
  const at = childCursor({ cursor: object, segments: ["x-vx-envelope"] });
  return { value: sideValue({ ctx, at, side }), at };
}

/** The first documented 2xx response of the operation (200 before 201 ...). */
function successCursor({ cursor }: { cursor: Cursor }): Cursor | undefined {
  const responses = childCursor({ cursor, segments: ["responses"] });
  if (!isRecord(responses.value)) return undefined;
  const status = Object.keys(responses.value)
    .filter((key) => /^2\d\d$/.test(key) || key === "2XX")
    .sort()[0];
  return status === undefined ? undefined : childCursor({ cursor: responses, segments: [status] });
}

/**
 * `x-vx-envelope` of an operation (`article`, `false`, `{ items, total, column }` or `{ request, response }`), of its
 * request body or of its success response; the more specific wins. Absent when written nowhere; VX310 when malformed.
 */
export function readEnvelopeHint({ ctx, cursor }: { ctx: ReadContext; cursor: Cursor }): OperationEnvelopeHint | undefined {
  const op = isRecord(cursor.value) ? cursor.value : {};
  const ownAt = op["x-vx-envelope"] === undefined ? undefined : childCursor({ cursor, segments: ["x-vx-envelope"] });
  const own = ownAt ? operationValue({ ctx, at: ownAt }) : {};
  const requestBody = op.requestBody === undefined ? undefined : childCursor({ cursor, segments: ["requestBody"] });
  const onRequest = objectValue({ ctx, cursor: requestBody, side: "request" });
  const onResponse = objectValue({ ctx, cursor: successCursor({ cursor }), side: "response" });
  const at = onResponse?.at ?? onRequest?.at ?? ownAt;
  if (at === undefined) return undefined;
  const request = onRequest ? onRequest.value : own.request;
  const response = onResponse ? onResponse.value : own.response;
  return { kind: "envelopeHint", ...(request ? { request } : {}), ...(response ? { response } : {}), source: sourceOf(at) };
}
