import { onClearRenderMemo, renderMemoEnabled } from "./renderRun.js";

/** The last text joined per slot, with its parts (one entry per slot: a few big files). */
let lastJoins = new Map<string, { parts: readonly string[]; around: string; text: string }>();
onClearRenderMemo(() => {
  lastJoins = new Map();
});

/**
 * `parts.join(separator)`, the very same string as the previous call for `slot` when every part is the same: memoized
 * pieces are the same string objects from run to run, so the check is one pointer comparison per part (a length
 * check first, so a changed part is never compared character by character), and the writer sees the same object
 * for an unchanged file instead of megabytes copied again.
 */
export function joinPieces({
  slot,
  parts,
  separator,
  prefix = "",
  suffix = "",
}: {
  slot: string;
  parts: readonly string[];
  separator: string;
  prefix?: string;
  suffix?: string;
}): string {
  if (!renderMemoEnabled()) return prefix + parts.join(separator) + suffix;
  const around = `${separator}\0${prefix}\0${suffix}`;
  const last = lastJoins.get(slot);
  if (last && last.around === around && last.parts.length === parts.length && last.parts.every((part, i) => part.length === parts[i]?.length && part === parts[i])) return last.text;
  // One copy of the parts (the join); prefix and suffix are concatenated without copying it again.
  const text = prefix + parts.join(separator) + suffix;
  lastJoins.set(slot, { parts: [...parts], around, text });
  return text;
}
