/**
 * Prose broken into lines of at most `width` characters at spaces (a word longer than `width` gets a line of its own),
 * for doc comments of scaffolds a user reads. Existing line breaks are kept.
 */
export function wrapWords({ text, width }: { text: string; width: number }): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ").filter((w) => w !== "")) {
      if (line !== "" && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line === "" ? word : `${line} ${word}`;
    }
    lines.push(line);
  }
  return lines;
}
