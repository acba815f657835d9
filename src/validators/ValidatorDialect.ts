/**
 * The schema dialects a validator can be generated for.
 * - `draft4`, `draft2020-12`: plain JSON Schema, exactly as the specification says (the JSON Schema Test Suite dialects).
 * - `openapi-3.0`: an OpenAPI 3.0 Schema Object (draft 4 based) with `nullable`; `discriminator`, `readOnly`,
 *   `writeOnly`, `example`, `xml`, `externalDocs` and `x-*` are tolerated as annotations.
 * - `openapi-3.1`: an OpenAPI 3.1 Schema Object, i.e. JSON Schema 2020-12 plus the same tolerated annotations.
 */
export type ValidatorDialect = "openapi-3.0" | "openapi-3.1" | "draft4" | "draft2020-12";

export const validatorDialects: readonly ValidatorDialect[] = ["openapi-3.0", "openapi-3.1", "draft4", "draft2020-12"];

/** Whether a dialect keeps named schemas under `definitions` (draft 4 family) rather than `$defs`. */
export function usesDefinitions(dialect: ValidatorDialect): boolean {
  return dialect === "draft4" || dialect === "openapi-3.0";
}

/** `assert`: a string that does not match its `format` is invalid; `annotate`: `format` is informational only. */
export type FormatMode = "assert" | "annotate";

/**
 * The format mode a dialect uses unless told otherwise: JSON Schema 2020-12 makes `format` an annotation by default
 * (its format-assertion vocabulary is opt-in); draft 4 and both OpenAPI versions assert formats.
 */
export function defaultFormatMode(dialect: ValidatorDialect): FormatMode {
  return dialect === "draft2020-12" ? "annotate" : "assert";
}
