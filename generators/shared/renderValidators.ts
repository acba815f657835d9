import type { Diagnostic, JsonValue } from "../../src/ir/types.js";
import { createDiagnostic } from "../../src/diagnostics/createDiagnostic.js";
import { generateValidatorRuntimeSource } from "../../src/validators/assembleModule.js";
import type { SchemaValue } from "../../src/validators/forEachSubschema.js";
import {
  createValidatorUnitCache,
  defaultValidatorCacheDir,
  directRefs,
  type CompiledUnit,
  type UnitPostprocess,
  type ValidatorUnit,
} from "../../src/validators/validatorUnits.js";
import type { OperationSchemas, ValidationSchemas } from "./buildValidationSchemas.js";
import type { ReadOnlyInRequests } from "../../src/targets/TargetPlugin.js";
import type { DraftFile } from "./finishFiles.js";
import { groupDescription, groupViews } from "./groupViews.js";
import type { OperationView } from "./operationView.js";
import { memoSlot } from "./memoPiece.js";
import { laidOut, type PrintedText } from "./printedText.js";
import { noDeps, noNames, RenderRun, type PieceDeps } from "./renderRun.js";
import { jsDocText } from "../../src/emit/jsDocText.js";
import { objectKey } from "../../src/emit/objectKey.js";
import { tsString } from "../../src/emit/tsString.js";
import { importLiteral, projectLayout } from "./projectLayout.js";
import { renderTemplate } from "./renderTemplate.js";
import type { RequestPart } from "../../src/targets/TargetRuntime.js";

/** The parts of a request a generated server validates, by their neutral names (each target maps its framework's). */
export const requestParts: readonly RequestPart[] = ["params", "query", "headers", "cookies", "body"];
export type { RequestPart };

/**
 * How request validators are compiled: OpenAPI 3.1 dialect over the IR's JSON Schema 2020-12 (formats asserted,
 * OpenAPI annotations tolerated), at most 20 issues per part, one shared error mapping. Parameters fill in their
 * schema `default`s (as Fastify's parameter Ajv did); bodies never get anything added. test/jsts measures these options.
 */
export const requestValidatorOptions = {
  dialect: "openapi-3.1",
  formats: "assert",
  maxIssues: 20,
  runtime: "./runtime.js",
  parameterDefaults: true,
} as const;

/** One per process: `watch` keeps it between runs, so only the units a change reaches are compiled again. */
const unitCache = createValidatorUnitCache({ dir: defaultValidatorCacheDir() });

export function validatorCacheStats(): ReturnType<typeof unitCache.stats> {
  return unitCache.stats();
}

/** An operation's compiled units (parameters, body: absent when the part has no schema). */
type UnitKind = "parameters" | "body";
/** A compiled unit and the packages its code loads (`vxRequire("ajv-formats/...")`), found once per compilation. */
type UnitModule = CompiledUnit & { packages: string[] };
type CompiledUnits = Partial<Record<UnitKind, UnitModule>>;

function requiredPackages(source: string): string[] {
  const packages = new Set<string>();
  for (const match of source.matchAll(/vxRequire\("((?:@[^/"]+\/)?[^/"]+)/g)) if (match[1]) packages.add(match[1]);
  return [...packages];
}

/**
 * By the operation's validation schemas (the previous run's object while the operation is unchanged); reused while the
 * named schemas its units reach (each a definition in the unit) are the same objects and the database-filled
 * properties (which shape the definitions) are the same. Saves building and hashing each unit's key every run.
 */
const unitsSlot = memoSlot<{ schemas: OperationSchemas; forcedReadOnly: ReadonlySet<string>; readOnly: ReadOnlyInRequests }, CompiledUnits>({ name: "validatorUnits", key: "schemas" });

/** The named schemas `schemas` reach through refs, each recorded with the run's object for it (undefined: missing). */
function reachedSchemas({ schemas, defs, run }: { schemas: readonly SchemaValue[]; defs: Record<string, SchemaValue>; run: RenderRun }): PieceDeps {
  const deps = noDeps();
  const queue = schemas.flatMap((schema) => directRefs(schema));
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (deps.schemas.has(name)) continue;
    deps.schemas.set(name, run.schemas.get(name));
    if (Object.hasOwn(defs, name)) queue.push(...directRefs(defs[name] as SchemaValue));
  }
  return deps;
}

let runtimeSource: string | undefined;

export interface RenderedValidators {
  drafts: DraftFile[];
  diagnostics: Diagnostic[];
  /** Packages the generated validator code loads at run time (`ajv` for its helpers, `ajv-formats` for formats). */
  runtimeDependencies: string[];
  /** Per operationId, the validator modules it uses: file stems under src/generated/validation, default-import names. */
  modules: ReadonlyMap<string, readonly { local: string; file: string }[]>;
}

function draft({ path, content }: { path: string; content: string | PrintedText }): DraftFile {
  return { path, content, ownership: "generated" };
}

/** A module Ajv printed, as a `.ts` file: not type-checked itself (`// @ts-nocheck`), typed through `runtime.ts`. */
function untyped(source: string): string {
  return `// @ts-nocheck: Ajv standalone code, typed through runtime.ts's declared vxWrap\n${source}`;
}

/**
 * Cached as written into the project. Not formatted with prettier: the modules are laid out already (one statement per
 * line, indented, see `indentCode`), and prettier took ~26 s for GitHub's 700 units where compiling took 6-7 s.
 */
const asProjectFile: UnitPostprocess = { id: "untyped-ts:1", apply: async (source) => untyped(source) };

/**
 * The request validators of a generated server, precompiled (Ajv standalone code, `generateValidatorModule`) so the
 * server compiles nothing at start-up: per operation `<file>.parameters.ts` (path, query, header and cookie
 * parameters, after `parseParameters` converted them) and `<file>.body.ts` (the JSON body), each holding only the
 * named schemas it reaches and compiled as one cached unit (a schema change recompiles only the units that reach it;
 * operations whose unit is the same share the first one's file);
 * `runtime.ts` (the shared error mapping) and `index.ts` (every operation's validators, typed). A unit that cannot
 * be compiled is a VX512 error, so nothing is written (the reader reports what it can foresee, VX117/VX118, at its
 * line; this is the backstop): no route is ever left unvalidated.
 */
export async function renderValidators({
  views,
  schemas,
  run = new RenderRun({ names: noNames, schemas: [], forcedReadOnly: new Set() }),
}: {
  views: OperationView[];
  schemas: ValidationSchemas;
  /** The render's context (without it nothing is reused). */
  run?: RenderRun;
}): Promise<RenderedValidators> {
  const defs = schemas.request.$defs as Record<string, SchemaValue>;
  const diagnostics: Diagnostic[] = [];
  runtimeSource ??= untyped(generateValidatorRuntimeSource({ maxIssues: requestValidatorOptions.maxIssues, typescript: true }));
  const drafts: DraftFile[] = [draft({ path: projectLayout.validationRuntime, content: runtimeSource })];
  const packages = new Set<string>();
  const compileUnit = async ({ view, kind, unitSchemas }: { view: OperationView; kind: UnitKind; unitSchemas: Record<string, SchemaValue> }): Promise<UnitModule | undefined> => {
    const unit: ValidatorUnit = {
      schemas: unitSchemas,
      defs,
      dialect: requestValidatorOptions.dialect,
      formats: requestValidatorOptions.formats,
      maxIssues: requestValidatorOptions.maxIssues,
      runtime: requestValidatorOptions.runtime,
      useDefaults: kind === "parameters" ? requestValidatorOptions.parameterDefaults : false,
    };
    try {
      const compiled = await unitCache.compile(unit, asProjectFile);
      return { ...compiled, packages: requiredPackages(compiled.source) };
    } catch (error) {
      diagnostics.push(
        createDiagnostic({
          code: "VX512",
          message: `the ${kind} of ${view.op.operationId} cannot be compiled into a validator: ${error instanceof Error ? error.message : String(error)}`,
          help: "nothing is written: a route is never left unvalidated; correct the schema, or add `x-vx-validate: false` to the schema that cannot be compiled",
          location: { file: view.op.source.file, pointer: view.op.source.pointer },
        }),
      );
      return undefined;
    }
  };
  const pick = ({ op, parts }: { op: OperationSchemas | undefined; parts: readonly RequestPart[] }): Record<string, SchemaValue> => {
    const picked: Record<string, SchemaValue> = {};
    for (const part of parts) {
      const schema: JsonValue | undefined = op?.[part];
      if (schema !== undefined) picked[part] = schema as SchemaValue;
    }
    return picked;
  };
  // Reused units are taken synchronously; only the operations whose units must be compiled (or fetched) wait.
  const perOperation: { view: OperationView; units: CompiledUnits }[] = [];
  const pending: Promise<void>[] = [];
  views.forEach((view, index) => {
    const op = schemas.operations[view.op.operationId];
    const known = op ? unitsSlot.known({ inputs: { schemas: op, forcedReadOnly: run.forcedReadOnly, readOnly: schemas.readOnly }, run }) : undefined;
    if (known) {
      perOperation[index] = { view, units: known.value };
      return;
    }
    const parameters = pick({ op, parts: ["params", "query", "headers", "cookies"] });
    const body = pick({ op, parts: ["body"] });
    pending.push(
      (async () => {
        const parts = ([["parameters", parameters], ["body", body]] as const).filter(([, unitSchemas]) => Object.keys(unitSchemas).length > 0);
        const results = await Promise.all(parts.map(async ([kind, unitSchemas]) => [kind, await compileUnit({ view, kind, unitSchemas })] as const));
        const compiledUnits: CompiledUnits = {};
        let complete = true;
        for (const [kind, result] of results) {
          if (result) compiledUnits[kind] = result;
          else complete = false;
        }
        // A unit that failed is tried again next run (its error is reported every run).
        if (op && complete && run.reuse) {
          const deps = reachedSchemas({ schemas: parts.flatMap(([, unitSchemas]) => Object.values(unitSchemas)), defs, run });
          unitsSlot.remember({ inputs: { schemas: op, forcedReadOnly: run.forcedReadOnly, readOnly: schemas.readOnly }, run, value: compiledUnits, deps });
        }
        perOperation[index] = { view, units: compiledUnits };
      })(),
    );
  });
  await Promise.all(pending);
  const compiled = perOperation.flatMap(({ view, units: compiledUnits }) =>
    (["parameters", "body"] as const).flatMap((kind) => {
      const unit = compiledUnits[kind];
      return unit ? [{ view, kind, ...unit }] : [];
    }),
  );
  // One file per distinct unit (operations with the same parameters share it), named after the first operation.
  const byOperation = new Map<string, string[]>();
  const localByKey = new Map<string, string>();
  const fileByLocal = new Map<string, string>();
  for (const unit of compiled) {
    let local = localByKey.get(unit.key);
    if (local === undefined) {
      const file = `${unit.view.names.file}.${unit.kind}`;
      local = `${unit.view.names.handler}${unit.kind === "body" ? "Body" : "Parameters"}`;
      localByKey.set(unit.key, local);
      fileByLocal.set(local, file);
      drafts.push(draft({ path: projectLayout.validator(file), content: laidOut(unit.source) }));
      for (const name of unit.packages) packages.add(name);
    }
    const list = byOperation.get(unit.view.op.operationId) ?? [];
    list.push(local);
    byOperation.set(unit.view.op.operationId, list);
  }
  // Per group (an operation's first tag) a module of its operations' validators: a change to one operation rewrites
  // its group's module, not a list of every operation.
  const groups: { name: string; path: string }[] = [];
  for (const { group, views: members } of groupViews(views)) {
    const used = new Set<string>();
    const entries: { keyCode: string; locals: string[] }[] = [];
    for (const view of members) {
      const list = byOperation.get(view.op.operationId);
      if (!list) continue;
      for (const local of list) used.add(local);
      entries.push({ keyCode: objectKey(view.op.operationId), locals: list });
    }
    if (entries.length === 0) continue;
    const name = `${group.type.charAt(0).toLowerCase()}${group.type.slice(1)}Validators`;
    const path = projectLayout.validationGroup(group.file);
    groups.push({ name, path });
    const imports = {
      index: importLiteral({ from: path, to: projectLayout.validationIndex }),
      modules: [...used].map((local) => ({ local, pathLiteral: importLiteral({ from: path, to: projectLayout.validator(fileByLocal.get(local) ?? local) }) })),
    };
    const data = { imports, descriptionDoc: jsDocText(groupDescription(group)), name, entries };
    drafts.push(draft({ path, content: renderTemplate({ plugin: "shared", file: "validation/operationGroup.ts.ejs", data }) }));
  }
  const index = projectLayout.validationIndex;
  const indexData = {
    imports: { runtime: importLiteral({ from: index, to: projectLayout.validationRuntime }) },
    groups: groups.map(({ name, path }) => ({ name, pathLiteral: importLiteral({ from: index, to: path }) })),
    requestPartLiterals: requestParts.map((part) => tsString(part)),
  };
  drafts.push(draft({ path: index, content: renderTemplate({ plugin: "shared", file: "validation/index.ts.ejs", data: indexData }) }));
  // Per operation, the validator modules it uses (file stems under src/generated/validation) and their default
  // imports' names: a target imports them by name.
  const modules = new Map([...byOperation].map(([operationId, locals]) => [operationId, locals.map((local) => ({ local, file: fileByLocal.get(local) ?? local }))]));
  return { drafts, diagnostics, runtimeDependencies: [...packages].sort(), modules };
}
