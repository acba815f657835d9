import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { forEachSubschema, type SchemaValue } from "./forEachSubschema.js";
import { generateValidatorModule } from "./generateValidatorModule.js";
import { defaultFormatMode, type FormatMode, type ValidatorDialect } from "./ValidatorDialect.js";

const local = createRequire(import.meta.url);

/** Prefixes under which a schema refers to a named definition (as `generateValidatorModule` resolves them). */
const refPrefixes = ["#/$defs/", "#/definitions/", "#/components/schemas/"];

function definitionName(ref: string): string | undefined {
  const prefix = refPrefixes.find((p) => ref.startsWith(p));
  if (prefix === undefined) return undefined;
  const rest = ref.slice(prefix.length);
  const slash = rest.indexOf("/");
  return decodeURIComponent(slash < 0 ? rest : rest.slice(0, slash))
    .replace(/~1/g, "/")
    .replace(/~0/g, "~");
}

/**
 * The definitions of `defs` that `schemas` reach through refs (`#/$defs/X`, `#/definitions/X`,
 * `#/components/schemas/X`), directly or through other definitions, sorted by name. A schema's own `$defs` of the
 * same name shadow nothing here: an extra definition is harmless, a missing one is reported by the compiler.
 */
export function reachableDefs({
  schemas,
  defs,
}: {
  schemas: readonly SchemaValue[];
  defs: Record<string, SchemaValue>;
}): Record<string, SchemaValue> {
  const found = new Set<string>();
  const queue: SchemaValue[] = [...schemas];
  while (queue.length > 0) {
    const schema = queue.pop() as SchemaValue;
    forEachSubschema({
      schema,
      visit: ({ schema: node }) => {
        const ref = node["$ref"];
        if (typeof ref !== "string") return;
        const name = definitionName(ref);
        if (name === undefined || found.has(name) || !Object.hasOwn(defs, name)) return;
        found.add(name);
        queue.push(defs[name] as SchemaValue);
      },
    });
  }
  const out: Record<string, SchemaValue> = {};
  for (const name of [...found].sort()) out[name] = defs[name] as SchemaValue;
  return out;
}

export interface ValidatorUnit {
  /** Validator name -> schema (refs to named schemas point into `defs`). */
  schemas: Record<string, SchemaValue>;
  /** Named schemas; only those the unit reaches are compiled (and hashed). */
  defs: Record<string, SchemaValue>;
  dialect: ValidatorDialect;
  formats?: FormatMode;
  useDefaults?: boolean;
  maxIssues?: number;
  /** See `generateValidatorModule`'s `runtime`. */
  runtime?: string;
}

export interface ValidatorUnitStats {
  memoryHits: number;
  diskHits: number;
  compiled: number;
  /** Time spent compiling (cache misses), ms. */
  compileMs: number;
}

export interface ValidatorUnitCache {
  /** `generateValidatorModule` for one unit, answered from memory or disk when the same input was compiled before. */
  compile(unit: ValidatorUnit): Promise<string>;
  stats(): ValidatorUnitStats;
}

function readManifest(manifest: string): { name?: unknown; version?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown; version?: unknown };
  } catch {
    return undefined;
  }
}

function packageVersion(manifest: string): string {
  const version = readManifest(manifest)?.version;
  return typeof version === "string" ? version : "unknown";
}

/** The version of the nearest package.json named `vx-gen` above this module (sources or dist). */
function vxGenVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = readManifest(join(dir, "package.json"));
    if (manifest?.name === "vx-gen") return typeof manifest.version === "string" ? manifest.version : "unknown";
    const parent = dirname(dir);
    if (parent === dir) return "unknown";
    dir = parent;
  }
}

let versions: string | undefined;

/** vx-gen's and Ajv's versions (and this cache's layout): part of every key, so an upgrade recompiles. */
function toolVersions(): string {
  versions ??= JSON.stringify({
    layout: 1,
    vxGen: vxGenVersion(),
    ajv: packageVersion(local.resolve("ajv/package.json")),
    ajvFormats: packageVersion(local.resolve("ajv-formats/package.json")),
  });
  return versions;
}

/** The hash of everything a unit's generated module depends on: its schemas, the definitions it reaches, the options. */
export function validatorUnitKey(unit: ValidatorUnit): string {
  const names = Object.keys(unit.schemas).sort();
  const schemas = names.map((name) => unit.schemas[name] as SchemaValue);
  const options = {
    dialect: unit.dialect,
    formats: unit.formats ?? defaultFormatMode(unit.dialect),
    useDefaults: unit.useDefaults ?? false,
    maxIssues: unit.maxIssues ?? 20,
    runtime: unit.runtime ?? null,
  };
  return createHash("sha256")
    .update(toolVersions())
    .update("\0")
    .update(JSON.stringify(options))
    .update("\0")
    .update(JSON.stringify(names.map((name, i) => [name, schemas[i]])))
    .update("\0")
    .update(JSON.stringify(reachableDefs({ schemas, defs: unit.defs })))
    .digest("hex")
    .slice(0, 32);
}

/**
 * `node_modules/.cache/vx-gen/validators` next to the Ajv this package uses (or `$VX_GEN_CACHE_DIR/validators`);
 * undefined when it cannot be located.
 */
export function defaultValidatorCacheDir(): string | undefined {
  const base = process.env["VX_GEN_CACHE_DIR"];
  if (base) return join(base, "validators");
  try {
    return join(dirname(dirname(local.resolve("ajv/package.json"))), ".cache", "vx-gen", "validators");
  } catch {
    return undefined;
  }
}

/**
 * Compiles validator units (`generateValidatorModule` over a unit's schemas and only the definitions they reach),
 * caching each generated module by `validatorUnitKey` in memory (a long-lived `watch` recompiles only the units a
 * change reaches) and, when `dir` is given, on disk (a new process skips unchanged units). The disk part is best
 * effort: an unreadable or unwritable folder only means compiling again. At most `memoryLimit` units stay in memory.
 */
export function createValidatorUnitCache({
  dir,
  memoryLimit = 20_000,
}: {
  dir: string | undefined;
  memoryLimit?: number;
}): ValidatorUnitCache {
  const memory = new Map<string, string>();
  const counts: ValidatorUnitStats = { memoryHits: 0, diskHits: 0, compiled: 0, compileMs: 0 };
  let ready: Promise<boolean> | undefined;
  const remember = ({ key, source }: { key: string; source: string }): void => {
    memory.delete(key);
    memory.set(key, source);
    while (memory.size > memoryLimit) {
      const oldest = memory.keys().next();
      if (oldest.done) break;
      memory.delete(oldest.value);
    }
  };
  const store = async ({ key, source }: { key: string; source: string }): Promise<void> => {
    if (!dir) return;
    ready ??= mkdir(dir, { recursive: true }).then(
      () => true,
      () => false,
    );
    if (!(await ready)) return;
    const file = join(dir, `${key}.js`);
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await writeFile(temporary, source);
      await rename(temporary, file);
    } catch {
      // ignored on purpose: the cache only saves time
    }
  };
  return {
    async compile(unit) {
      const key = validatorUnitKey(unit);
      const known = memory.get(key);
      if (known !== undefined) {
        counts.memoryHits++;
        remember({ key, source: known });
        return known;
      }
      if (dir) {
        const stored = await readFile(join(dir, `${key}.js`), "utf8").catch(() => undefined);
        if (stored !== undefined) {
          counts.diskHits++;
          remember({ key, source: stored });
          return stored;
        }
      }
      const started = performance.now();
      const reached = reachableDefs({ schemas: Object.values(unit.schemas), defs: unit.defs });
      const source = generateValidatorModule({
        schemas: unit.schemas,
        // Without shared definitions refs are left as written (a `#/$defs/X` under a nested `$id` stays relative to it).
        ...(Object.keys(reached).length === 0 ? {} : { defs: reached }),
        dialect: unit.dialect,
        ...(unit.formats === undefined ? {} : { formats: unit.formats }),
        ...(unit.useDefaults === undefined ? {} : { useDefaults: unit.useDefaults }),
        ...(unit.maxIssues === undefined ? {} : { maxIssues: unit.maxIssues }),
        ...(unit.runtime === undefined ? {} : { runtime: unit.runtime }),
      });
      counts.compileMs += performance.now() - started;
      counts.compiled++;
      remember({ key, source });
      await store({ key, source });
      return source;
    },
    stats() {
      return { ...counts, compileMs: Math.round(counts.compileMs) };
    },
  };
}
