/**
 * Whether a JSON text nests arrays and objects deeper than `maxDepth`: one pass over the characters (strings
 * skipped), stopping at the first bracket too deep, before anything is parsed (a deep body would exhaust the stack of
 * whatever walks it later).
 */
export function nestsDeeperThan({ text, maxDepth }: { text: string; maxDepth: number }): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
