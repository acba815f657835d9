import type { ApiModel, Diagnostic } from "../ir/types.js";
import type { SourceDocument } from "../parsers/openapi/SourceDocument.js";
import { readPrisma, type ReadPrismaResult } from "../parsers/prisma/readPrisma.js";
import { derivePrisma } from "./derivePrisma.js";
import type { DerivedProvider } from "./PrismaSchemaPlan.js";

/** What was derived, for summaries: the file it stands for, its text and counts. */
export interface DerivedPrisma {
  file: string;
  text: string;
  models: number;
  enums: number;
  relations: number;
}

/**
 * Derives the Prisma schema of an API and reads it with the project's own Prisma reader (Prisma's parser) as though it
 * were the file `file` (nothing is written): the same IR and diagnostics as a schema on disk.
 */
export async function readDerivedPrisma({ api, sources, provider, file, from }: { api: ApiModel; sources: readonly SourceDocument[]; provider: DerivedProvider; file: string; from: string }): Promise<{ read: ReadPrismaResult; derived: DerivedPrisma; diagnostics: Diagnostic[] }> {
  const derived = derivePrisma({ api, sources, provider, file: from });
  const parsed = await readPrisma({ path: file, text: derived.text });
  const read = parsed.db ? { ...parsed, db: { ...parsed.db, derivedText: derived.text } } : parsed;
  return { read, derived: { file, text: derived.text, models: derived.models, enums: derived.enums, relations: derived.relations }, diagnostics: derived.diagnostics };
}
