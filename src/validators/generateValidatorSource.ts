import { assembleModule } from "./assembleModule.js";
import { compileValidators } from "./compileValidators.js";
import type { SchemaValue } from "./forEachSubschema.js";
import { defaultFormatMode, type FormatMode, type ValidatorDialect } from "./ValidatorDialect.js";

export interface GenerateValidatorSourceOptions {
  schema: SchemaValue;
  dialect: ValidatorDialect;
  /** Most issues reported for one value (default 20). */
  maxIssues?: number;
  /** Fill in `default`s while validating (mutates the data). Off unless asked; never for the JSON Schema dialects. */
  useDefaults?: boolean;
  /** Whether `format` asserts; default: `annotate` for `draft2020-12`, `assert` otherwise (see `defaultFormatMode`). */
  formats?: FormatMode;
}

/**
 * The source of a self-contained ES module whose default export is `(data) => ({ valid, errors })` validating
 * `schema` in `dialect`; precompiled (Ajv standalone), so nothing compiles at run time. It imports `ajv/dist/runtime/*`
 * and `ajv-formats/dist/formats.js` when needed. Unknown formats pass: list them with `findUnknownFormats`.
 * Throws if the schema cannot be compiled (e.g. an unresolvable `$ref`).
 */
export function generateValidatorSource({
  schema,
  dialect,
  maxIssues = 20,
  useDefaults = false,
  formats = defaultFormatMode(dialect),
}: GenerateValidatorSourceOptions): string {
  const ajvCode = compileValidators({ entries: [{ label: "schema", schema }], dialect, useDefaults, formats });
  return assembleModule({ ajvCode, exports: { kind: "default" }, maxIssues });
}
