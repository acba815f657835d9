/** 1-based line and column (in UTF-16 code units, as editors count) of a UTF-8 byte offset into `text`. */
export function byteOffsetToPosition({ text, offset }: { text: string; offset: number }): { line: number; column: number } {
  const prefix = Buffer.from(text, "utf8").subarray(0, Math.max(0, offset)).toString("utf8");
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix.charCodeAt(i);
    if (c === 10 || (c === 13 && prefix.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: prefix.length - lineStart + 1 };
}
