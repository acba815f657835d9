/**
 * 1-based line and column of an offset into `text`. Prisma's validator reports spans in UTF-16 code units (string
 * indices, as editors count), so offsets and columns are both string indices.
 */
export function offsetToPosition({ text, offset }: { text: string; offset: number }): { line: number; column: number } {
  const end = Math.min(Math.max(0, offset), text.length);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
