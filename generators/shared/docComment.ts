/** A JSDoc block for generated code, or "" when there is nothing to say. `*\/` inside the text cannot end it early. */
export function docComment(lines: (string | undefined)[]): string {
  const text = lines
    .filter((line): line is string => line !== undefined && line.trim() !== "")
    .join("\n")
    .replace(/\*\//g, "*\\/")
    .split(/\r?\n/)
    .map((line) => line.trimEnd());
  if (text.length === 0) return "";
  return `/**\n${text.map((line) => ` * ${line}`.trimEnd()).join("\n")}\n */\n`;
}
