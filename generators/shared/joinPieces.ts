import { onClearRenderMemo, renderMemoEnabled } from "./pieceMemo.js";

/** The last text joined per slot, with its parts (one entry per slot: a few big files). */
let lastJoins = new Map<string, { parts: readonly string[]; around: string; text: string }>();
onClearRenderMemo(() => {
  lastJoins = new Map();
});

/** Parts per block of a long join: a changed piece costs copying its block, not the whole file. */
const blockSize = 128;

function sameParts({ a, b }: { a: readonly string[]; b: readonly string[] }): boolean {
  return a.length === b.length && a.every((part, i) => part.length === b[i]?.length && part === b[i]);
}

function joinOnce({ slot, parts, separator, prefix, suffix, concat }: { slot: string; parts: readonly string[]; separator: string; prefix: string; suffix: string; concat: boolean }): string {
  const around = `${separator}\0${prefix}\0${suffix}`;
  const last = lastJoins.get(slot);
  if (last && last.around === around && sameParts({ a: last.parts, b: parts })) return last.text;
  let text: string;
  if (concat) {
    // Blocks concatenated without copying them (V8 keeps a tree of the blocks until the text is read).
    text = prefix;
    parts.forEach((part, i) => {
      text += i === 0 ? part : separator + part;
    });
    text += suffix;
  } else text = prefix + parts.join(separator) + suffix;
  lastJoins.set(slot, { parts: [...parts], around, text });
  return text;
}

/**
 * `prefix + parts.join(separator) + suffix`, the very same string as the previous call for `slot` when every part is
 * the same: memoized pieces are the same string objects from run to run, so the check is one pointer comparison per
 * part (a length check first, so a changed part is never compared character by character), and the writer sees the
 * same object for an unchanged file (its comparison with the previous content is then immediate). Long joins go by
 * blocks of parts, so one changed piece copies one block.
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
  // A few parts (often big ones: a file's halves) are concatenated, not copied.
  if (parts.length <= 2 * blockSize) return joinOnce({ slot, parts, separator, prefix, suffix, concat: parts.length <= 4 });
  const blocks: string[] = [];
  for (let i = 0; i < parts.length; i += blockSize) {
    blocks.push(joinOnce({ slot: `${slot}#${blocks.length}`, parts: parts.slice(i, i + blockSize), separator, prefix: "", suffix: "", concat: false }));
  }
  return joinOnce({ slot, parts: blocks, separator, prefix, suffix, concat: true });
}

/**
 * The identity of the text last joined for `slot`: the same object exactly while `joinPieces` returns the same
 * string, so the next stage can tell an unchanged file without comparing megabytes (undefined when not memoized).
 */
export function joinStamp(slot: string): object | undefined {
  return renderMemoEnabled() ? lastJoins.get(slot) : undefined;
}
