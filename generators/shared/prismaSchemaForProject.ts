import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { DbModel } from "../../src/ir/types.js";
import { lineCommentText } from "../../src/emit/lineCommentText.js";

const blockPattern = /^[ \t]*(generator|datasource)\s+\w+\s*\{[\s\S]*?^[ \t]*\}[ \t]*\r?\n?/gm;

/** The text with each span blanked (spaces): a view's `@id` that Prisma 7 rejects, as the reader read it (VX204). */
function blankViewKeys({ text, spans }: { text: string; spans: { offset: number; length: number }[] }): string {
  let out = text;
  for (const span of spans) out = out.slice(0, span.offset) + " ".repeat(span.length) + out.slice(span.offset + span.length);
  return out;
}

/**
 * The generated project's Prisma schema: the user's models, enums and views unchanged, with one datasource (provider
 * and `relationMode`; the URL comes from prisma.config.ts, Prisma 7 style) and the `prisma-client` generator writing into
 * src/generated/prisma. Preview features of the user's generator are kept, except those Prisma 7 rejects (the reader
 * ignored them with VX203: `prisma generate` would stop on them).
 */
export async function prismaSchemaForProject({ db, provider, clientOutput }: { db: DbModel; provider: string; clientOutput: string }): Promise<string> {
  // A schema derived in memory (`--derive-db`) is not on disk yet: its text travels with the IR.
  const texts = db.derivedText !== undefined ? [db.derivedText] : await Promise.all(db.files.map(async (file) => blankViewKeys({ text: await readFile(file, "utf8"), spans: (db.droppedViewKeys ?? []).filter((s) => s.file === file) })));
  const previewFeatures = new Set<string>();
  const ignored = new Set(db.ignoredPreviewFeatures ?? []);
  const bodies = texts.map((text) =>
    text.replace(blockPattern, (block: string) => {
      const preview = /previewFeatures\s*=\s*\[([^\]]*)\]/.exec(block);
      for (const f of preview?.[1]?.match(/"[^"]+"/g) ?? []) if (!ignored.has(f.slice(1, -1))) previewFeatures.add(f.slice(1, -1));
      return "";
    }),
  );
  const generator = [
    `generator client {`,
    `  provider            = "prisma-client"`,
    `  output              = ${JSON.stringify(clientOutput)}`,
    `  moduleFormat        = "esm"`,
    `  importFileExtension = "js"`,
    ...(previewFeatures.size > 0 ? [`  previewFeatures     = [${[...previewFeatures].sort().map((f) => JSON.stringify(f)).join(", ")}]`] : []),
    `}`,
  ];
  const header = [`// From ${lineCommentText(db.files.map((f) => basename(f)).join(", "))}; edit that and regenerate.`, "", `datasource db {`, `  provider = ${JSON.stringify(provider)}`, ...(db.relationMode ? [`  relationMode = ${JSON.stringify(db.relationMode)}`] : []), `}`, "", ...generator, ""];
  return [...header, ...bodies.map((b) => b.trim())].join("\n").replace(/\n{3,}/g, "\n\n") + "\n";
}
