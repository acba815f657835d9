import { onClearRenderMemo, renderMemoEnabled } from "./pieceMemo.js";
import { PrintedText } from "./printedText.js";

interface Joined {
  parts: readonly string[];
  separator: string;
  prefix: string;
  suffix: string;
  text: string;
  /** The printed text handed out for this join (one object while the join is unchanged). */
  printed?: PrintedText;
}

/** The last text joined per slot, with its parts (one entry per slot: a few big files). */
let lastJoins = new Map<string, Joined>();
onClearRenderMemo(() => {
  lastJoins = new Map();
});

/** Parts per block of a long join: a changed piece costs copying its block, not the whole file. */
const blockSize = 128;

function sameParts({ a, b }: { a: readonly string[]; b: readonly string[] }): boolean {
  return a.length === b.length && a.every((part, i) => part.length === b[i]?.length && part === b[i]);
}

function joinOnce({ slot, parts, separator, prefix, suffix, concat }: { slot: string; parts: readonly string[]; separator: string; prefix: string; suffix: string; concat: boolean }): Joined {
  const last = lastJoins.get(slot);
  if (last && last.separator === separator && last.prefix === prefix && last.suffix === suffix && sameParts({ a: last.parts, b: parts })) return last;
  let text: string;
  if (concat) {
    // Blocks concatenated without copying them (V8 keeps a tree of the blocks until the text is read).
    text = prefix;
    parts.forEach((part, i) => {
      text += i === 0 ? part : separator + part;
    });
    text += suffix;
  } else text = prefix + parts.join(separator) + suffix;
  const joined: Joined = { parts: [...parts], separator, prefix, suffix, text };
  lastJoins.set(slot, joined);
  return joined;
}

/**
 * `prefix + parts.join(separator) + suffix` as printed text (`laidOut`: whether the parts are in their final layout),
 * the very same object as the previous call for `slot` when every part is the same: memoized pieces are the same
 * string objects from run to run, so the check is one pointer comparison per part (a length check first, so a changed
 * part is never compared character by character), and the next stage tells an unchanged file by identity, without
 * comparing megabytes. Long joins go by blocks of parts, so one changed piece copies one block.
 */
export function joinPieces({
  slot,
  parts,
  separator,
  prefix = "",
  suffix = "",
  laidOut,
}: {
  slot: string;
  parts: readonly string[];
  separator: string;
  prefix?: string;
  suffix?: string;
  /** The parts are in their final layout (the file needs no prettier pass). */
  laidOut: boolean;
}): PrintedText {
  if (!renderMemoEnabled()) return new PrintedText({ text: prefix + parts.join(separator) + suffix, laidOut, joined: false });
  let joined: Joined;
  // A few parts (often big ones: a file's halves) are concatenated, not copied.
  if (parts.length <= 2 * blockSize) joined = joinOnce({ slot, parts, separator, prefix, suffix, concat: parts.length <= 4 });
  else {
    const blocks: string[] = [];
    for (let i = 0; i < parts.length; i += blockSize) {
      blocks.push(joinOnce({ slot: `${slot}#${blocks.length}`, parts: parts.slice(i, i + blockSize), separator, prefix: "", suffix: "", concat: false }).text);
    }
    joined = joinOnce({ slot, parts: blocks, separator, prefix, suffix, concat: true });
  }
  if (joined.printed?.laidOut !== laidOut) joined.printed = new PrintedText({ text: joined.text, laidOut, joined: true });
  return joined.printed;
}
