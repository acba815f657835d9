import { createRequire } from "node:module";
import type { getDMMF } from "@prisma/internals";

/**
 * Prisma's own schema parser and validator: the `@prisma/prisma-schema-wasm` build that `@prisma/internals` (pinned)
 * depends on and that its `getDMMF` wraps. It runs offline (WASM, no engine download).
 *
 * Why not `getDMMF` itself: it also builds the full query-engine schema, which takes ~11 s for a 300-model schema;
 * `get_datamodel` returns the same `datamodel` part of the DMMF after the same validation in ~0.35 s. And importing
 * `@prisma/internals` costs ~0.4 s; the WASM package alone loads in ~25 ms. It is resolved from `@prisma/internals`'
 * own location, so it is exactly the build that package would use.
 */

/** The `datamodel` part of Prisma's DMMF (models incl. views, enums, composite types, indexes). */
export type DmmfDatamodel = Awaited<ReturnType<typeof getDMMF>>["datamodel"];
export type DmmfModel = DmmfDatamodel["models"][number];
export type DmmfField = DmmfModel["fields"][number];
export type DmmfIndex = DmmfDatamodel["indexes"][number];

/** One schema file handed to Prisma: its name (as shown in diagnostics) and its text. */
export type SchemaFileTuple = [file: string, text: string];

/** An error or warning from Prisma's validator, located by string offsets (UTF-16 code units) in one file. */
export interface PrismaLintMessage {
  file_name: string;
  start: number;
  end: number;
  text: string;
  is_warning: boolean;
}

interface PrismaSchemaWasmModule {
  get_datamodel(params: string): string;
  lint(input: string): string;
}

let loaded: PrismaSchemaWasmModule | undefined;

function wasmModule(): PrismaSchemaWasmModule {
  if (!loaded) {
    const requireHere = createRequire(import.meta.url);
    const requireFromInternals = createRequire(requireHere.resolve("@prisma/internals"));
    loaded = requireFromInternals("@prisma/prisma-schema-wasm") as PrismaSchemaWasmModule;
  }
  return loaded;
}

/** Thrown text of a failed WASM call: JSON `{error_code, message}` when Prisma rejected the schema. */
export function wasmErrorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === "string") return parsed.message;
  } catch {
    // not JSON: a panic or another failure; keep the text as it is
  }
  return text;
}

/** Every error and warning Prisma reports for the schema, with their spans. */
export function lintPrismaSchema({ files }: { files: readonly SchemaFileTuple[] }): PrismaLintMessage[] {
  return JSON.parse(wasmModule().lint(JSON.stringify(files))) as PrismaLintMessage[];
}

/** The validated datamodel; throws (see `wasmErrorMessage`) when Prisma rejects the schema. */
export function getPrismaDatamodel({ files }: { files: readonly SchemaFileTuple[] }): DmmfDatamodel {
  return JSON.parse(
    wasmModule().get_datamodel(JSON.stringify({ prismaSchema: files, noColor: true })),
  ) as DmmfDatamodel;
}
