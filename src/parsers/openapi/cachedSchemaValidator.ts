import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { vxGenCacheDir } from "../../util/createTextCache.js";

export interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

export type ValidateFunction = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

export interface AjvInstance {
  compile(schema: unknown): ValidateFunction;
}

const local = createRequire(import.meta.url);


/** Runs standalone validator code as a CommonJS module whose `require` resolves from this package (for Ajv's runtime helpers). */
function evaluate(code: string): ValidateFunction | undefined {
  const module: { exports: { default?: ValidateFunction } & Partial<ValidateFunction> } = { exports: {} };
  new Function("module", "exports", "require", code)(module, module.exports, local);
  const exported = module.exports.default ?? module.exports;
  return typeof exported === "function" ? (exported as ValidateFunction) : undefined;
}

/**
 * A compiled Ajv validator for a fixed schema, cached as Ajv standalone code in vx-gen's cache (`schemas`):
 * compiling the OpenAPI 3.x schemas takes ~0.3-0.6 s per process, loading the cached code a few milliseconds. The
 * cache key covers the Ajv version, the options and the schema, so any change recompiles. Every cache failure
 * (read-only disk, corrupt file) falls back to compiling in memory.
 */
export function cachedSchemaValidator({
  name,
  schema,
  options,
  createAjv,
}: {
  name: string;
  schema: unknown;
  options: Record<string, unknown>;
  createAjv: (options: Record<string, unknown>) => AjvInstance;
}): ValidateFunction {
  const version = (local("ajv/package.json") as { version: string }).version;
  const key = createHash("sha256").update(JSON.stringify({ version, options, schema, format: 1 })).digest("hex").slice(0, 20);
  let file: string | undefined;
  try {
    file = path.join(vxGenCacheDir({ name: "schemas" }), `${name}-${key}.cjs`);
    const cached = evaluate(readFileSync(file, "utf8"));
    if (cached) return cached;
  } catch {
    // not cached yet (or unreadable): compile below
  }
  const ajv = createAjv({ ...options, code: { ...(options.code as object | undefined), source: true } });
  const validate = ajv.compile(schema);
  if (file) {
    try {
      const standalone = local("ajv/dist/standalone") as { default: (ajv: AjvInstance, validate: ValidateFunction) => string };
      const code = standalone.default(ajv, validate);
      mkdirSync(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, code);
      renameSync(temporary, file);
    } catch {
      // caching is an optimisation only
    }
  }
  return validate;
}
