import type { DbModel, Diagnostic } from "../ir/types.js";
import { yamlDocument } from "../emit/yamlDocument.js";
import { deriveOpenApi } from "./deriveOpenApi.js";
import type { DeriveOptions } from "./DeriveOptions.js";

/** The derived document as text, with what it holds. */
export interface DerivedDocument {
  /** The YAML text (what `derive openapi` prints and `generate` writes into the output folder). */
  text: string;
  models: number;
  operations: number;
  diagnostics: Diagnostic[];
}

/** Derives the OpenAPI document of a Prisma schema and prints it as YAML through the emit layer. */
export function derivedDocument({ db, views = false, options = {} }: { db: DbModel; views?: boolean; options?: DeriveOptions }): DerivedDocument {
  const derived = deriveOpenApi({ db, views, options });
  return { text: yamlDocument(derived.document), models: derived.models.length, operations: derived.operations, diagnostics: derived.diagnostics };
}
