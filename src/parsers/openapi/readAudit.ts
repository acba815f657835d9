import type { HttpMethod } from "../../ir/types.js";
import { childCursor, report, type ReadContext } from "./ReadContext.js";
import type { Cursor } from "./SpecFile.js";
import { isRecord } from "./jsonPointer.js";

/**
 * An operation's `x-vx-audit`: `true` records an audit event for each call answered 2xx, `false` or absent none of
 * its own (bound writes are audited by their services either way). Another value is an error (VX160) and audits
 * nothing.
 */
export function readAudit({
  ctx,
  cursor,
  method,
  path,
}: {
  ctx: ReadContext;
  cursor: Cursor;
  method: HttpMethod;
  path: string;
}): boolean {
  const op = isRecord(cursor.value) ? cursor.value : {};
  const value = op["x-vx-audit"];
  if (value === undefined || typeof value === "boolean") return value === true;
  report({
    ctx,
    code: "VX160",
    message: `x-vx-audit of ${method.toUpperCase()} ${path} must be true or false, not ${JSON.stringify(value) ?? String(value)}`,
    at: childCursor({ cursor, segments: ["x-vx-audit"] }),
    help: "write `x-vx-audit: true` to record an audit event for each successful call of this operation",
  });
  return false;
}
