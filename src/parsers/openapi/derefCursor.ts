import type { ReadContext } from "./ReadContext.js";
import type { Cursor } from "./SpecFile.js";
import { followRefs } from "./resolveRef.js";

/**
 * The object a (possibly `$ref`) cursor stands for, in the file it really is in; `undefined` when the reference is
 * broken (the loader has already reported it with the `$ref`'s place).
 */
export function derefCursor({ ctx, cursor }: { ctx: ReadContext; cursor: Cursor }): Cursor | undefined {
  const result = followRefs({ files: ctx.files, cursor });
  return result.ok ? result.cursor : undefined;
}
