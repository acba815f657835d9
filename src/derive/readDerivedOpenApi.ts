import { resolve } from "node:path";
import type { DbModel, Diagnostic } from "../ir/types.js";
import { readOpenApi, type ReadOpenApiResult } from "../parsers/openapi/readOpenApi.js";
import { offerSpecBytes } from "../parsers/openapi/readSpecFile.js";
import { derivedDocument } from "./derivedDocument.js";
import type { DeriveOptions } from "./DeriveOptions.js";

/**
 * Derives the API of a Prisma schema and reads it with the project's own OpenAPI reader, as though it were the file
 * `file` (the document is handed to the loader in memory; nothing is written): the same IR, diagnostics and served
 * document as a spec on disk.
 */
export async function readDerivedOpenApi({ db, file, allowRemoteRefs, locateInfo, views = false, options = {} }: { db: DbModel; file: string; allowRemoteRefs: boolean; locateInfo: boolean; views?: boolean; options?: DeriveOptions }): Promise<{
  read: ReadOpenApiResult;
  derived: { file: string; text: string; models: number; operations: number };
  diagnostics: Diagnostic[];
}> {
  const derived = derivedDocument({ db, views, options });
  offerSpecBytes({ key: resolve(file), bytes: Buffer.from(derived.text, "utf8") });
  const read = await readOpenApi({ file, allowRemoteRefs, locateInfo });
  return { read, derived: { file, text: derived.text, models: derived.models, operations: derived.operations }, diagnostics: derived.diagnostics };
}
