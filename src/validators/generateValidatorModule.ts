import { assembleModule } from "./assembleModule.js";
import { compileValidators } from "./compileValidators.js";
import { isSchemaObject, mapSubschemas, type SchemaObject, type SchemaValue } from "./forEachSubschema.js";
import { defaultFormatMode, usesDefinitions, type FormatMode, type ValidatorDialect } from "./ValidatorDialect.js";

/** Base of the ids under which shared definitions are registered (one schema each); never fetched. */
export const sharedDefsBase = "https://vx-gen.invalid/defs/";

function defId(name: string): string {
  return `${sharedDefsBase}${encodeURIComponent(name)}.json`;
}

export interface GenerateValidatorModuleOptions {
  /** Validator name -> schema. Each becomes a named export (`export { v as "name" }`) and a key of the default export. */
  schemas: Record<string, SchemaValue>;
  dialect: ValidatorDialect;
  /**
   * Named schemas the validators refer to as `#/$defs/<name>` (`#/definitions/<name>` in draft 4 / OpenAPI 3.0, and
   * `#/components/schemas/<name>` in both OpenAPI dialects). Compiled once and shared by every validator.
   */
  defs?: Record<string, SchemaValue>;
  maxIssues?: number;
  useDefaults?: boolean;
  formats?: FormatMode;
  /**
   * Import the error mapping from this module (`generateValidatorRuntimeSource`) instead of inlining it: for projects
   * with many modules. `maxIssues` is then the run time's.
   */
  runtime?: string;
}

/**
 * One ES module with a validator per entry of `schemas` (same contract as `generateValidatorSource`: each is
 * `(data) => ({ valid, errors })`), sharing the code of `defs`. Exports are sorted by name. A generated server has
 * hundreds of validators; one module with shared definitions is much smaller and faster to generate than one each.
 * Throws one Error listing every schema that cannot be compiled.
 */
export function generateValidatorModule({
  schemas,
  dialect,
  defs,
  maxIssues = 20,
  useDefaults = false,
  formats = defaultFormatMode(dialect),
  runtime,
}: GenerateValidatorModuleOptions): string {
  const defsKeyword = usesDefinitions(dialect) ? "definitions" : "$defs";
  const idKeyword = usesDefinitions(dialect) ? "id" : "$id";
  const names = Object.keys(schemas).sort();
  const entries = names.map((name) => ({
    label: name,
    schema:
      defs === undefined
        ? (schemas[name] ?? true)
        : pointAtSharedDefs({ schema: schemas[name] ?? true, defsKeyword, ownDefs: true }),
  }));
  // Each definition is its own schema document, so Ajv compiles it exactly once, whoever refers to it.
  const shared = Object.keys(defs ?? {})
    .sort()
    .map((name): SchemaValue => {
      const def = pointAtSharedDefs({ schema: defs?.[name] ?? true, defsKeyword, ownDefs: false });
      return isSchemaObject(def) && def[idKeyword] === undefined
        ? { ...def, [idKeyword]: defId(name) }
        : { [idKeyword]: defId(name), allOf: [def] };
    });
  const ajvCode = compileValidators({ entries, dialect, shared, useDefaults, formats });
  return assembleModule({
    ajvCode,
    exports: { kind: "named", names },
    maxIssues,
    ...(runtime === undefined ? {} : { runtime }),
  });
}

/**
 * Rewrites refs to named schemas so they point at the shared definitions (`#/$defs/X/rest` -> `<id of X>#/rest`),
 * except, with `ownDefs`, names the schema defines itself.
 */
function pointAtSharedDefs({
  schema,
  defsKeyword,
  ownDefs,
}: {
  schema: SchemaValue;
  defsKeyword: string;
  ownDefs: boolean;
}): SchemaValue {
  const own =
    ownDefs && isSchemaObject(schema) && isSchemaObject(schema[defsKeyword])
      ? (schema[defsKeyword] as SchemaObject)
      : {};
  const prefixes = ["#/components/schemas/", `#/${defsKeyword}/`];
  return mapSubschemas({
    schema,
    map: (node) => {
      const ref = node["$ref"];
      if (typeof ref !== "string") return node;
      const prefix = prefixes.find((p) => ref.startsWith(p));
      if (prefix === undefined) return node;
      const path = ref.slice(prefix.length);
      const slash = path.indexOf("/");
      const token = slash < 0 ? path : path.slice(0, slash);
      const name = decodeURIComponent(token).replace(/~1/g, "/").replace(/~0/g, "~");
      if (prefix !== prefixes[0] && Object.hasOwn(own, name)) return node;
      return { ...node, $ref: `${defId(name)}#${slash < 0 ? "" : path.slice(slash)}` };
    },
  });
}
