/**
 * A short unified-style diff for `check`: the changed region between the first and last differing line (common
 * leading and trailing lines trimmed), with up to `context` lines around it, cut to `maxLines` lines.
 */
export function shortDiff({
  before,
  after,
  context = 2,
  maxLines = 16,
}: {
  before: string;
  after: string;
  context?: number;
  maxLines?: number;
}): string[] {
  const a = before.split("\n");
  const b = after.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  if (start === endA && start === endB) return [];
  const from = Math.max(0, start - context);
  const lines: string[] = [`@@ -${from + 1},${endA - from} +${from + 1},${endB - from} @@`];
  for (let i = from; i < start; i++) lines.push(` ${a[i] ?? ""}`);
  for (let i = start; i < endA; i++) lines.push(`-${a[i] ?? ""}`);
  for (let i = start; i < endB; i++) lines.push(`+${b[i] ?? ""}`);
  for (let i = endA; i < Math.min(a.length, endA + context); i++) lines.push(` ${a[i] ?? ""}`);
  if (lines.length > maxLines) {
    const hidden = lines.length - maxLines;
    return [...lines.slice(0, maxLines), `... (${hidden} more line${hidden === 1 ? "" : "s"})`];
  }
  return lines;
}
