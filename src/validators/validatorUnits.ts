import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isSchemaObject, type SchemaValue } from "./forEachSubschema.js";
import { createTextCache, vxGenCacheDir } from "../util/createTextCache.js";
import { createWorkerPool } from "../util/createWorkerPool.js";
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

/** Direct refs by schema object: definitions are the same objects from run to run in `watch` (never mutated). */
const refsByObject = new WeakMap<object, string[]>();

/**
 * Names of the definitions `schema` refers to directly. A plain walk over the JSON (no subschema bookkeeping: this runs
 * for every unit of every generation); a `$ref` inside data (`enum`, `const`, `default`) only adds a definition.
 */
export function directRefs(schema: SchemaValue): string[] {
  const cacheable = typeof schema === "object" && schema !== null;
  const known = cacheable ? refsByObject.get(schema) : undefined;
  if (known) return known;
  const names = new Set<string>();
  const walk = (value: SchemaValue): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (!isSchemaObject(value)) return;
    for (const key in value) {
      const item = value[key] as SchemaValue;
      if (key === "$ref" && typeof item === "string") {
        const name = definitionName(item);
        if (name !== undefined) names.add(name);
      } else if (typeof item === "object" && item !== null) walk(item);
    }
  };
  walk(schema);
  const found = [...names];
  if (cacheable) refsByObject.set(schema, found);
  return found;
}

function reachableNames({
  schemas,
  defs,
}: {
  schemas: readonly SchemaValue[];
  defs: Record<string, SchemaValue>;
}): string[] {
  const found = new Set<string>();
  const queue: string[] = schemas.flatMap(directRefs);
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (found.has(name) || !Object.hasOwn(defs, name)) continue;
    found.add(name);
    queue.push(...directRefs(defs[name] as SchemaValue));
  }
  return [...found].sort();
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
  const out: Record<string, SchemaValue> = {};
  for (const name of reachableNames({ schemas, defs })) out[name] = defs[name] as SchemaValue;
  return out;
}

/** Content hashes by definition object (computed once per object, so once per changed definition in `watch`). */
const hashesByObject = new WeakMap<object, string>();

function defHash({ defs, name }: { defs: Record<string, SchemaValue>; name: string }): string {
  const def = defs[name];
  const cacheable = typeof def === "object" && def !== null;
  let hash = cacheable ? hashesByObject.get(def) : undefined;
  if (hash === undefined) {
    hash = createHash("sha256").update(JSON.stringify(def)).digest("hex");
    if (cacheable) hashesByObject.set(def, hash);
  }
  return hash;
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

/**
 * What to do with a unit's generated module before it is cached (e.g. format it): `id` names the step (tool versions
 * and options) and is part of the key.
 */
export interface UnitPostprocess {
  id: string;
  apply: (source: string) => Promise<string>;
}

export interface ValidatorUnitStats {
  memoryHits: number;
  diskHits: number;
  compiled: number;
  /** Of `compiled`, those handed to the worker pool. */
  pooled: number;
  /** Time spent compiling and post-processing (cache misses), ms. */
  compileMs: number;
}

export interface CompiledUnit {
  /** `validatorUnitKey`: equal keys, equal modules. */
  key: string;
  source: string;
}

export interface ValidatorUnitCache {
  /**
   * `generateValidatorModule` for one unit (then `postprocess`), answered from memory or disk when the same input
   * was compiled before.
   */
  compile(unit: ValidatorUnit, postprocess?: UnitPostprocess): Promise<CompiledUnit>;
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

/** vx-gen's, Ajv's and re2js's versions (and this cache's layout): part of every key, so an upgrade recompiles. */
function toolVersions(): string {
  versions ??= JSON.stringify({
    // 2: patterns run on re2js (a unit cached by an earlier build of the same version used a backtracking RegExp).
    // 3: the readOnly policy keyword (`x-vx-readOnly`) is compiled, no longer dropped as an extension.
    layout: 3,
    vxGen: vxGenVersion(),
    ajv: packageVersion(local.resolve("ajv/package.json")),
    ajvFormats: packageVersion(local.resolve("ajv-formats/package.json")),
    // re2js exports no package.json: its manifest is beside its build folder.
    re2js: packageVersion(join(dirname(local.resolve("re2js")), "..", "package.json")),
  });
  return versions;
}

/**
 * The hash of everything a unit's generated module depends on: its schemas, the definitions it reaches (each hashed
 * once per `defs` record), the options and the post-processing step.
 */
export function validatorUnitKey(unit: ValidatorUnit, postprocess?: UnitPostprocess): string {
  const names = Object.keys(unit.schemas).sort();
  const schemas = names.map((name) => unit.schemas[name] as SchemaValue);
  const options = {
    dialect: unit.dialect,
    formats: unit.formats ?? defaultFormatMode(unit.dialect),
    useDefaults: unit.useDefaults ?? false,
    maxIssues: unit.maxIssues ?? 20,
    runtime: unit.runtime ?? null,
    postprocess: postprocess?.id ?? null,
  };
  const reached = reachableNames({ schemas, defs: unit.defs }).map((name) => [
    name,
    defHash({ defs: unit.defs, name }),
  ]);
  return createHash("sha256")
    .update(toolVersions())
    .update("\0")
    .update(JSON.stringify(options))
    .update("\0")
    .update(JSON.stringify(names.map((name, i) => [name, schemas[i]])))
    .update("\0")
    .update(JSON.stringify(reached))
    .digest("hex")
    .slice(0, 32);
}

/** `validators` in vx-gen's cache root (the project's `node_modules/.cache/vx-gen`; see `vxGenCacheRoot`). */
export function defaultValidatorCacheDir(): string | undefined {
  return vxGenCacheDir({ name: "validators" });
}

/**
 * Compiles validator units (`generateValidatorModule` over a unit's schemas and only the definitions they reach),
 * caching each generated module by `validatorUnitKey` in memory (a long-lived `watch` recompiles only the units a
 * change reaches) and, when `dir` is given, on disk (a new process skips unchanged units). The disk part is best
 * effort: an unreadable or unwritable folder only means compiling again. At most `memoryLimit` units stay in memory.
 */
/** Ajv standalone code of one unit (`generateValidatorModule` over its schemas and the definitions they reach). */
export function compileUnitSource(unit: ValidatorUnit): string {
  const reached = reachableDefs({ schemas: Object.values(unit.schemas), defs: unit.defs });
  return generateValidatorModule({
    schemas: unit.schemas,
    // Without shared definitions refs are left as written (a `#/$defs/X` under a nested `$id` stays relative to it).
    ...(Object.keys(reached).length === 0 ? {} : { defs: reached }),
    dialect: unit.dialect,
    ...(unit.formats === undefined ? {} : { formats: unit.formats }),
    ...(unit.useDefaults === undefined ? {} : { useDefaults: unit.useDefaults }),
    ...(unit.maxIssues === undefined ? {} : { maxIssues: unit.maxIssues }),
    ...(unit.runtime === undefined ? {} : { runtime: unit.runtime }),
  });
}

/**
 * Units compiled on this thread while at most this many are waiting to be compiled (asked for, not in the cache, not
 * done): a warm `watch` run compiles one or two and never starts a worker (~0.3 s, and a cold Ajv in it), however
 * long the session; a run with many to compile (a cold cache) hands them to the worker pool.
 */
const LOCAL_COMPILES = 8;

const compilePool = createWorkerPool<ValidatorUnit, string>({
  script: new URL("./validatorWorker.js", import.meta.url),
  local: async (unit) => compileUnitSource(unit),
});

/** Compile workers this process started (0 until a run had more than a few units to compile). */
export function validatorPoolSize(): number {
  return compilePool.size();
}

export function createValidatorUnitCache({
  dir,
  memoryLimit = 20_000,
}: {
  dir: string | undefined;
  memoryLimit?: number;
}): ValidatorUnitCache {
  const cache = createTextCache({ dir, extension: ".js", memoryLimit });
  const counts: ValidatorUnitStats = { memoryHits: 0, diskHits: 0, compiled: 0, pooled: 0, compileMs: 0 };
  // Units of equal key asked for at the same time (two operations with the same parameters) are compiled once.
  const pending = new Map<string, Promise<string>>();
  let waiting = 0;
  const produce = async ({
    key,
    unit,
    postprocess,
  }: {
    key: string;
    unit: ValidatorUnit;
    postprocess: UnitPostprocess | undefined;
  }): Promise<string> => {
    waiting++;
    try {
      const stored = await cache.fromDisk(key);
      if (stored !== undefined) {
        counts.diskHits++;
        return stored;
      }
      const started = performance.now();
      counts.compiled++;
      // A few units compile here; many at once (a cold cache) go to the worker pool. Only the definitions the unit
      // reaches cross to a worker (not the spec's hundreds of schemas).
      const local = waiting <= LOCAL_COMPILES;
      if (!local) counts.pooled++;
      const generated = local ? compileUnitSource(unit) : await compilePool.run({ ...unit, defs: reachableDefs({ schemas: Object.values(unit.schemas), defs: unit.defs }) });
      const source = postprocess ? await postprocess.apply(generated) : generated;
      counts.compileMs += performance.now() - started;
      await cache.put({ key, text: source });
      return source;
    } finally {
      waiting--;
    }
  };
  return {
    async compile(unit, postprocess) {
      const key = validatorUnitKey(unit, postprocess);
      const known = cache.fromMemory(key);
      if (known !== undefined) {
        counts.memoryHits++;
        return { key, source: known };
      }
      let promise = pending.get(key);
      if (promise) counts.memoryHits++;
      else {
        promise = produce({ key, unit, postprocess });
        pending.set(key, promise);
      }
      try {
        const source = await promise;
        cache.remember({ key, text: source });
        return { key, source };
      } finally {
        pending.delete(key);
      }
    },
    stats() {
      return { ...counts, compileMs: Math.round(counts.compileMs) };
    },
  };
}
