import type { ReadContext } from "./ReadContext.js";
import type { Cursor } from "./SpecFile.js";
import { resolveRecorded } from "./ReadRecording.js";
import { refOf } from "./resolveRef.js";

/**
 * The object a (possibly `$ref`) cursor stands for, in the file it really is in; `undefined` when the reference is
 * broken (the loader has already reported it with the `$ref`'s place) or the chain is circular or too long.
 */
export function derefCursor({ ctx, cursor }: { ctx: ReadContext; cursor: Cursor }): Cursor | undefined {
  let current = cursor;
  for (let hops = 0; hops < 64; hops++) {
    const ref = refOf(current.value);
    if (ref === undefined) return current;
    const next = resolveRecorded({ ctx, from: current.file, ref });
    if (!next.ok) return undefined;
    current = next.cursor;
  }
  return undefined;
}
