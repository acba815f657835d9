import type { SchemaFileTuple } from "./prismaSchemaWasm.js";
import type { OutlineBlock } from "./scanSchemaOutline.js";

/**
 * The schema reduced to its `datasource` and `generator` blocks: every other line blanked (line breaks kept) and the
 * text cut after the last such block, so Prisma's offsets into it are offsets into the full text. Validating this
 * is cheap and shows exactly which configuration settings Prisma rejects, before the whole schema is parsed.
 */
export function configOnlySchema({
  files,
  outline,
}: {
  files: readonly SchemaFileTuple[];
  outline: readonly OutlineBlock[];
}): SchemaFileTuple[] {
  return files.map(([file, text]) => {
    const blocks = outline.filter((b) => b.file === file && (b.kind === "datasource" || b.kind === "generator"));
    const lastLine = Math.max(0, ...blocks.map((b) => b.endLine));
    const lines = text.split(/(?<=\n)/).slice(0, lastLine);
    const kept = lines.map((line, index) =>
      blocks.some((b) => b.line <= index + 1 && index + 1 <= b.endLine) ? line : line.replace(/[^\r\n]/g, " "),
    );
    return [file, kept.join("")];
  });
}
