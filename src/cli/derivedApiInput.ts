import type { BuildIrInput } from "../pipeline/buildIr.js";

/** The name the document derived in memory goes by in diagnostics and `inspect` (what `generate` writes into --out). */
export const derivedApiFile = "openapi.derived.yaml";

/**
 * With `--prisma` and no `--openapi`: derive the API from the schema in memory, as `generate` does, so that `validate`
 * and `inspect` see (and check) the same operations and bindings a project generated from the schema alone has.
 */
export function derivedApiInput({ openapi, prisma }: { openapi: string | undefined; prisma: string | undefined }): Pick<BuildIrInput, "deriveOpenApi"> {
  return openapi === undefined && prisma !== undefined ? { deriveOpenApi: { file: derivedApiFile } } : {};
}
