/** Line starts of a text (offsets of each line's first character), for offset -> line:column lookups. */
export function lineStarts({ text }: { text: string }): number[] {
  const starts = [0];
  let index = text.indexOf("\n");
  while (index !== -1) {
    starts.push(index + 1);
    index = text.indexOf("\n", index + 1);
  }
  return starts;
}

/** 1-based line and column of an offset; pass `starts` (from `lineStarts`) when looking up many offsets in one text. */
export function lineColumnAt({ text, offset, starts }: { text: string; offset: number; starts?: number[] }): { line: number; column: number } {
  const table = starts ?? lineStarts({ text });
  let low = 0;
  let high = table.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((table[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - (table[low] ?? 0) + 1 };
}
