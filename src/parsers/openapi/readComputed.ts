import type { ComputedValue } from "../../ir/types.js";
import { childCursor, report, type ReadContext } from "./ReadContext.js";
import type { Cursor } from "./SpecFile.js";
import { isRecord } from "./jsonPointer.js";

/**
 * A schema's `x-vx-computed`: `{ count: <relation> }`, the property is the number of related records, computed in the
 * record's query; `{ callerIn: <relation> }`, whether the caller is one of the related records. Any other shape is an
 * error at its place (VX317) and reads as absent; whether the relation exists is the binder's check (VX316, VX320),
 * once the Prisma schema is known.
 */
export function readComputed({ ctx, cursor }: { ctx: ReadContext; cursor: Cursor }): ComputedValue | undefined {
  const value = cursor.value;
  if (!isRecord(value) || value["x-vx-computed"] === undefined) return undefined;
  const computed = value["x-vx-computed"];
  const keys = isRecord(computed) ? Object.keys(computed) : [];
  const count = isRecord(computed) ? computed.count : undefined;
  if (typeof count === "string" && count.length > 0 && keys.length === 1) return { count };
  const callerIn = isRecord(computed) ? computed.callerIn : undefined;
  if (typeof callerIn === "string" && callerIn.length > 0 && keys.length === 1) return { callerIn };
  report({
    ctx,
    code: "VX317",
    message: "x-vx-computed must be an object with one member, `count` or `callerIn`, naming a to-many relation of the bound model",
    at: childCursor({ cursor, segments: ["x-vx-computed"] }),
    help: "write `x-vx-computed: { count: comments }` or `x-vx-computed: { callerIn: favoritedBy }` (the relation's name in the Prisma schema)",
  });
  return undefined;
}
