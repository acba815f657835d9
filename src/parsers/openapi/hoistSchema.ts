import type { ReadContext } from "./ReadContext.js";
import type { Cursor } from "./SpecFile.js";
import { markNotReusable } from "./ReadRecording.js";

/**
 * Marks a non-component schema location as hoisted: it is part of a cycle, so instead of being inlined it becomes a
 * named schema and every later reference to it is a `ref`. Its name is given by `nameHoistedSchemas` at the end.
 */
export function hoistSchema({ ctx, key, cursor }: { ctx: ReadContext; key: string; cursor: Cursor }): void {
  markNotReusable(ctx);
  if (!ctx.hoisted.has(key)) ctx.hoisted.set(key, { cursor, refNodes: [], jsonRefs: [] });
}
