import standaloneCode from "ajv/dist/standalone/index.js";
import { createAjv } from "./createAjv.js";
import { createPatternEngine, patternEngineSource } from "./createPatternEngine.js";
import { findUnknownFormats } from "./findUnknownFormats.js";
import { forEachSubschema, isSchemaObject, type SchemaValue } from "./forEachSubschema.js";
import { prepareSchema } from "./prepareSchema.js";
import { rawExportName } from "./assembleModule.js";
import { type FormatMode, type ValidatorDialect } from "./ValidatorDialect.js";

/** The absolute reference of a schema that is nothing but `{ "$ref": "<absolute URI>" }`. */
function aliasOf(schema: SchemaValue): string | undefined {
  if (!isSchemaObject(schema)) return undefined;
  const keys = Object.keys(schema);
  const ref = schema["$ref"];
  return keys.length === 1 && typeof ref === "string" && /^[a-z][a-z0-9+.-]*:/i.test(ref) ? ref : undefined;
}

/** Whether `schema` has a `$ref`/`$dynamicRef` that may lead to another document (one not starting with `#`). */
function refersOutside(schema: SchemaValue): boolean {
  let found = false;
  forEachSubschema({
    schema,
    visit: ({ schema: node }) => {
      for (const ref of [node["$ref"], node["$dynamicRef"]]) found ||= typeof ref === "string" && !ref.startsWith("#");
    },
  });
  return found;
}

/** Ajv's code with `vxPattern` defined first (its scope calls it at module load), when any pattern is used. */
function withPatternEngine({ code, used }: { code: string; used: ReadonlyMap<string, string> }): string {
  if (used.size === 0) return code;
  const strict = /^"use strict";\n?/.exec(code)?.[0] ?? "";
  return `${strict}${patternEngineSource(used)}\n${code.slice(strict.length)}`;
}

export interface CompileEntry {
  /** Used in error messages only. */
  label: string;
  schema: SchemaValue;
}

/**
 * Compiles `entries` (plus shared schema documents `shared`, each registered under its own id) with one Ajv
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
  shared?: SchemaValue[];
  useDefaults?: boolean;
  formats?: FormatMode;
}): string {
  // An entry is evaluated only from its root unless another document may refer into it (by its `$id`).
  const outward = [...entries.map((entry) => entry.schema), ...(shared ?? [])].map(refersOutside);
  const prepared = entries.map((entry, index) => ({
    ...entry,
    schema: prepareSchema({
      schema: entry.schema,
      dialect,
      entry: !outward.some((refersOut, other) => refersOut && other !== index),
    }),
  }));
  const preparedShared = (shared ?? []).map((schema) => prepareSchema({ schema, dialect, entry: false }));
  const unknownFormats = new Set<string>();
  for (const schema of [...prepared.map((e) => e.schema), ...preparedShared]) {
    for (const { format } of findUnknownFormats({ schema })) unknownFormats.add(format);
  }
  const patterns = createPatternEngine();
  const ajv = createAjv({
    dialect,
    unknownFormats: [...unknownFormats].sort(),
    useDefaults: useDefaults && dialect.startsWith("openapi"),
    assertFormats: formats === "assert",
    inlineRefs: preparedShared.length === 0,
    regExp: patterns.regExp,
  });
  for (const schema of preparedShared) ajv.addSchema(schema as object);
  const refs: Record<string, string> = {};
  // Entries that are `{ $ref }` to the same definition: Ajv's standalone code would print that validator once per
  // export (a duplicate `function validateN`), so later ones re-export the first.
  const firstByKey = new Map<string, string>();
  const sameAs: string[] = [];
  const failures: string[] = [];
  prepared.forEach((entry, index) => {
    let key = `vx:validator:${index}`;
    try {
      const alias = aliasOf(entry.schema);
      if (alias !== undefined && preparedShared.length > 0) {
        // `{ $ref: <shared definition> }`: export the definition's own validator instead of a wrapper around it.
        key = alias;
      } else {
        ajv.addSchema(entry.schema as object, key);
      }
      if (!ajv.getSchema(key)) throw new Error(`cannot resolve reference ${key}`);
      const first = firstByKey.get(key);
      if (first === undefined) {
        firstByKey.set(key, rawExportName(index));
        refs[rawExportName(index)] = key;
      } else sameAs.push(`export const ${rawExportName(index)} = ${first};`);
    } catch (error) {
      failures.push(`${entry.label}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  if (failures.length > 0) {
    throw new Error(`cannot generate ${failures.length} validator(s):\n  ${failures.join("\n  ")}`);
  }
  const code = withPatternEngine({ code: standaloneCode.default(ajv, refs), used: patterns.used });
  return sameAs.length === 0 ? code : `${code}\n${sameAs.join("\n")}`;
}
