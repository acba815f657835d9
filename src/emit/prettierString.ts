import { tsString } from "./tsString.js";

/**
 * A string literal quoted as prettier quotes it, for code vx-gen lays out itself: double quotes, or single ones when
 * the text holds more double quotes than single quotes. The escapes are `tsString`'s (so the same text is safe in
 * either), with `"` unescaped and `'` escaped in the single-quoted form.
 */
export function prettierString(text: string): string {
  const quoted = tsString(text);
  const doubles = text.split('"').length - 1;
  const singles = text.split("'").length - 1;
  if (doubles <= singles) return quoted;
  const inner = quoted.slice(1, -1).replace(/\\([\s\S])|'/g, (match, escaped: string | undefined) => {
    if (escaped === undefined) return "\\'";
    return escaped === '"' ? '"' : match;
  });
  return `'${inner}'`;
}
