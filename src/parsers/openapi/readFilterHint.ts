import type { FilterOperator, ParameterFilterHint } from "../../ir/types.js";
import { childCursor, report, sourceOf, type ReadContext } from "./ReadContext.js";
import type { Cursor } from "./SpecFile.js";
import { isRecord } from "./jsonPointer.js";

const members = new Set(["relation", "field", "op"]);
const operators = new Set<FilterOperator>(["equals", "gte", "lte", "gt", "lt"]);

function isName(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

/** What is wrong with an `x-vx-filter` value, or undefined. */
function problem(value: unknown): string | undefined {
  if (!isRecord(value)) return "must be an object of relation, field and op";
  const unknown = Object.keys(value).find((key) => !members.has(key));
  if (unknown !== undefined) return `has an unknown member '${unknown}' (allowed: relation, field, op)`;
  if (value.relation === undefined && value.field === undefined) return "needs a relation or a field";
  if (value.relation !== undefined && !isName(value.relation)) return "relation must name a relation field of the listed model";
  if (value.field !== undefined && !isName(value.field)) return "field must name a field";
  if (value.op !== undefined && !operators.has(value.op as FilterOperator)) return `op must be one of equals, gte, lte, gt, lt (not ${JSON.stringify(value.op)})`;
  return undefined;
}

/** `x-vx-filter` of the (dereferenced) parameter at `cursor`; VX314 when it is malformed. */
export function readFilterHint({ ctx, cursor }: { ctx: ReadContext; cursor: Cursor }): ParameterFilterHint | undefined {
  if (!isRecord(cursor.value) || cursor.value["x-vx-filter"] === undefined) return undefined;
  const at = childCursor({ cursor, segments: ["x-vx-filter"] });
  const bad = problem(at.value);
  if (bad !== undefined || !isRecord(at.value)) {
    report({ ctx, code: "VX314", message: `x-vx-filter ${bad ?? ""}`, at, help: "write `x-vx-filter: { relation: tags, field: name }` or `x-vx-filter: { field: price, op: gte }`" });
    return undefined;
  }
  const { relation, field, op } = at.value;
  return {
    kind: "filterHint",
    ...(isName(relation) ? { relation } : {}),
    ...(isName(field) ? { field } : {}),
    ...(operators.has(op as FilterOperator) ? { op: op as FilterOperator } : {}),
    source: sourceOf(at),
  };
}
