import { hardline, layoutDoc, type Doc } from "./layoutDoc.js";
import { jsDocText } from "../../src/emit/jsDocText.js";

/** The lines of a JSDoc block as a `Doc` (empty and repeated lines left out), or nothing when there is nothing to say (`*\/` cannot end it early). */
export function docCommentDoc(lines: readonly (string | undefined)[]): Doc[] {
  // A title repeated as the description (common in big specs) is said once.
  const kept = lines.filter((line, i): line is string => line !== undefined && line.trim() !== "" && line.trim() !== lines[i - 1]?.trim());
  if (kept.length === 0) return [];
  const text = jsDocText(kept.join("\n"))
    .split("\n")
    .map((line) => ` * ${line}`.trimEnd());
  return ["/**", hardline, ...text.flatMap((line) => [line, hardline]), " */", hardline];
}

/** A JSDoc block for generated code, or "" when there is nothing to say. `*\/` inside the text cannot end it early. */
export function docComment(lines: (string | undefined)[]): string {
  return layoutDoc({ doc: docCommentDoc(lines) });
}
