import type { DerivedDefault } from "../../ir/types.js";
import { childCursor, report, type ReadContext } from "./ReadContext.js";
import type { Cursor } from "./SpecFile.js";
import { isRecord } from "./jsonPointer.js";

/**
 * A schema's `x-vx-default` (`{ slugFrom: <property> }`): on create the property is a slug made from the named body
 * property; `caller`: the caller's id. Any other shape is an error at its place (VX318) and reads as absent; whether the property and its source
 * fit is the binder's check (VX319), once the Prisma schema is known.
 */
export function readDerivedDefault({ ctx, cursor }: { ctx: ReadContext; cursor: Cursor }): DerivedDefault | undefined {
  const value = cursor.value;
  if (!isRecord(value) || value["x-vx-default"] === undefined) return undefined;
  const derived = value["x-vx-default"];
  if (derived === "caller") return { caller: true };
  const keys = isRecord(derived) ? Object.keys(derived) : [];
  const slugFrom = isRecord(derived) ? derived.slugFrom : undefined;
  if (typeof slugFrom === "string" && slugFrom.length > 0 && keys.length === 1) return { slugFrom };
  report({
    ctx,
    code: "VX318",
    message: "x-vx-default must be `caller`, or an object with one member, `slugFrom`, naming a required string property of the create request body",
    at: childCursor({ cursor, segments: ["x-vx-default"] }),
    help: "write `x-vx-default: { slugFrom: title }` on the slug property, or `x-vx-default: caller` on a readOnly foreign key to the user model (`authorId`)",
  });
  return undefined;
}
