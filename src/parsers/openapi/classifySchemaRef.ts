import type { ReadContext } from "./ReadContext.js";
import { cursorKey, type Cursor } from "./SpecFile.js";
import { isHoisted, namedAt, recordRef } from "./ReadRecording.js";
import { refOf, resolveRef } from "./resolveRef.js";

export type SchemaRefTarget =
  /** A component schema or an already hoisted one: stays a reference. */
  | { kind: "named"; name: string; key: string }
  | { kind: "hoisted"; key: string }
  /** Any other location: inlined (unless circular). */
  | { kind: "inline"; key: string; cursor: Cursor }
  /** Could not be resolved; the loader has reported it (VX104/VX105/VX106/VX116). */
  | { kind: "broken" };

/** What a schema `$ref` at `cursor` stands for, following chains of `$ref`s until a named or plain schema. */
export function classifySchemaRef({ ctx, cursor }: { ctx: ReadContext; cursor: Cursor }): SchemaRefTarget {
  let current = cursor;
  for (let hops = 0; hops < 64; hops++) {
    const ref = refOf(current.value);
    if (ref === undefined) return { kind: "inline", key: cursorKey(current), cursor: current };
    const step = resolveRef({ files: ctx.files, from: current.file, ref });
    if (!step.ok) {
      recordRef({ ctx, from: current.file, ref, result: step, locationOnly: true });
      return { kind: "broken" };
    }
    const key = cursorKey(step.cursor);
    const name = namedAt({ ctx, key });
    // A named or hoisted target stays a reference: only its place matters, not what it says.
    const stays = name !== undefined || isHoisted({ ctx, key });
    recordRef({ ctx, from: current.file, ref, result: step, locationOnly: stays });
    if (name !== undefined) return { kind: "named", name, key };
    if (stays) return { kind: "hoisted", key };
    current = step.cursor;
  }
  return { kind: "broken" };
}
