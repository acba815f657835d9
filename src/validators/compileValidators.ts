import standaloneCode from "ajv/dist/standalone/index.js";
import { createAjv } from "./createAjv.js";
import { findUnknownFormats } from "./findUnknownFormats.js";
import type { SchemaValue } from "./forEachSubschema.js";
import { prepareSchema } from "./prepareSchema.js";
import { rawExportName } from "./assembleModule.js";
import { type FormatMode, type ValidatorDialect } from "./ValidatorDialect.js";

export interface CompileEntry {
  /** Used in error messages only. */
  label: string;
  schema: SchemaValue;
}

/**
 * Compiles `entries` (plus an optional shared schema document `shared`, registered under its own id) with one Ajv
 * instance and returns Ajv's standalone ES module code exporting entry i as `vxRaw<i>`. Throws one Error listing
 * every entry that cannot be compiled.
 */
export function compileValidators({
  entries,
  dialect,
  shared,
  useDefaults = false,
  formats = "assert",
}: {
  entries: CompileEntry[];
  dialect: ValidatorDialect;
  shared?: SchemaValue;
  useDefaults?: boolean;
  formats?: FormatMode;
}): string {
  const prepared = entries.map((entry) => ({ ...entry, schema: prepareSchema({ schema: entry.schema, dialect }) }));
  const preparedShared = shared === undefined ? undefined : prepareSchema({ schema: shared, dialect });
  const unknownFormats = new Set<string>();
  for (const schema of [...prepared.map((e) => e.schema), ...(preparedShared === undefined ? [] : [preparedShared])]) {
    for (const { format } of findUnknownFormats({ schema })) unknownFormats.add(format);
  }
  const ajv = createAjv({ dialect, unknownFormats: [...unknownFormats].sort(), useDefaults: useDefaults && dialect.startsWith("openapi"),
    assertFormats: formats === "assert",
  });
  if (preparedShared !== undefined) ajv.addSchema(preparedShared as object);
  const refs: Record<string, string> = {};
  const failures: string[] = [];
  prepared.forEach((entry, index) => {
    const key = `vx:validator:${index}`;
    try {
      ajv.addSchema(entry.schema as object, key);
      ajv.getSchema(key);
      refs[rawExportName(index)] = key;
    } catch (error) {
      failures.push(`${entry.label}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  if (failures.length > 0) {
    throw new Error(`cannot generate ${failures.length} validator(s):\n  ${failures.join("\n  ")}`);
  }
  return standaloneCode.default(ajv, refs);
}
