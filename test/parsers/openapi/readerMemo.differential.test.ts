/**
 * Differential test of the reader memo (src/parsers/openapi/readerMemo.ts): real specs get a seeded series of small
 * edits made the way the watch loader makes them (only the edited member and its ancestors are new objects), and
 * after each edit the memoized result must deep-equal a fresh one (read from a deep copy, so no memo entry can
 * match), diagnostics and resolved names included; results handed out are frozen, so a later run changing them
 * throws; operations and schemas that did not change must be the very objects of the previous run.
 */
import path from "node:path";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import type { ApiModel, DbModel, Diagnostic, NamedSchema } from "../../../src/ir/types.js";
import { buildApiModel } from "../../../src/parsers/openapi/buildApiModel.js";
import { loadSpecFiles } from "../../../src/parsers/openapi/loadSpecFiles.js";
import { parseSpecText } from "../../../src/parsers/openapi/parseSpecText.js";
import { clearReaderMemo, pathItemUnits, schemaUnits } from "../../../src/parsers/openapi/readerMemo.js";
import type { SpecVersion } from "../../../src/parsers/openapi/ReadContext.js";
import type { SpecFile } from "../../../src/parsers/openapi/SpecFile.js";
import { readPrisma } from "../../../src/parsers/prisma/readPrisma.js";
import { bindAndName } from "../../../src/pipeline/bindAndName.js";
import { seededRandom } from "../../helpers/seededRandom.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Files = Map<string, SpecFile>;

const corpus = path.resolve(__dirname, "../../../../shared/corpus/openapi");
const fixtures = path.resolve(__dirname, "../../../fixtures");

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A copy of `value` with the member at `at` replaced by `change(old)` (removed when it gives `undefined`); only the ancestors are new objects. */
function updateIn(value: Json, at: readonly (string | number)[], change: (old: Json | undefined) => Json | undefined): Json {
  if (at.length === 0) return change(value) ?? null;
  const [head, ...rest] = at as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) {
    const copy = [...value];
    const i = head as number;
    if (rest.length > 0) copy[i] = updateIn(copy[i] ?? {}, rest, change);
    else {
      const next = change(copy[i]);
      if (next === undefined) copy.splice(i, 1);
      else copy[i] = next;
    }
    return copy;
  }
  const copy: JsonObject = { ...(isObject(value) ? value : {}) };
  if (rest.length === 0) {
    const next = change(copy[head as string]);
    if (next === undefined) delete copy[head as string];
    else copy[head as string] = next;
    return copy;
  }
  copy[head as string] = updateIn(copy[head as string] ?? {}, rest, change);
  return copy;
}

function getIn(value: Json | undefined, at: readonly (string | number)[]): Json | undefined {
  let current = value;
  for (const segment of at) {
    if (Array.isArray(current)) current = current[segment as number];
    else if (isObject(current)) current = current[segment as string];
    else return undefined;
  }
  return current;
}

interface Spec {
  rootKey: string;
  version: SpecVersion;
  written: string;
  db: DbModel | null;
  files: Files;
}

async function loadSpec({ file, prisma }: { file: string; prisma?: string }): Promise<Spec> {
  const text = await readFile(file, "utf8");
  const parsed = parseSpecText({ file, text });
  if (!parsed.ok) throw new Error(parsed.diagnostic.message);
  const root: SpecFile = { file: path.basename(file), key: path.resolve(file), text, value: parsed.value, format: parsed.format };
  const loaded = await loadSpecFiles({ root, allowRemoteRefs: false });
  const doc = parsed.value as JsonObject;
  const written = String(doc.swagger ?? doc.openapi);
  const version: SpecVersion = written.startsWith("2") ? "2.0" : written.startsWith("3.1") ? "3.1" : "3.0";
  const db = prisma ? (await readPrisma({ path: prisma })).db : null;
  return { rootKey: root.key, version, written, db, files: loaded.files };
}

interface RunResult {
  api: ApiModel;
  diagnostics: Diagnostic[];
  names: unknown;
}

function run({ spec, files }: { spec: Spec; files: Files }): RunResult {
  const root = files.get(spec.rootKey) as SpecFile;
  const allFiles = [root, ...[...files.values()].filter((f) => f !== root).sort((a, b) => (a.file < b.file ? -1 : 1))];
  const diagnostics: Diagnostic[] = [];
  const api = buildApiModel({ root, files, allFiles, version: spec.version, written: spec.written, diagnostics });
  const passes = bindAndName({ api, db: spec.db });
  const bound = passes.api as ApiModel;
  const names = {
    schemas: bound.schemas.map((s) => [s.name, passes.names.schemaType(s.name)]),
    operations: bound.operations.map((o) => [o.operationId, passes.names.operation(o.operationId)]),
    models: [...(spec.db?.models ?? []), ...(spec.db?.views ?? [])].map((m) => [m.name, passes.names.model(m.name)]),
    enums: (spec.db?.enums ?? []).map((e) => [e.name, passes.names.enumType(e.name)]),
  };
  return { api: bound, diagnostics: [...diagnostics, ...passes.diagnostics], names };
}

/** The same files with every value deep-copied: no raw object is one the memo has seen. */
function copied(files: Files): Files {
  return new Map([...files].map(([key, file]) => [key, { ...file, value: structuredClone(file.value) }]));
}

function deepFreeze(value: unknown, seen = new Set<unknown>()): void {
  if (typeof value !== "object" || value === null || seen.has(value)) return;
  seen.add(value);
  Object.freeze(value);
  for (const member of Object.values(value)) deepFreeze(member, seen);
}

// ---------------------------------------------------------------------------------------------------------------------
// Edits

interface EditState {
  spec: Spec;
  files: Files;
  rng: () => number;
  step: number;
}

type Edit = (state: EditState) => { files: Files; label: string } | undefined;

function pick<T>(rng: () => number, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[Math.floor(rng() * items.length)];
}

function rootValue(state: EditState): Json {
  return (state.files.get(state.spec.rootKey) as SpecFile).value as Json;
}

function withFile({ state, key, value }: { state: EditState; key: string; value: Json }): Files {
  const files = new Map(state.files);
  const file = files.get(key) as SpecFile;
  files.set(key, { ...file, value });
  return files;
}

function editRoot({ state, at, change, label }: { state: EditState; at: (string | number)[]; change: (old: Json | undefined) => Json | undefined; label: string }): { files: Files; label: string } {
  return { files: withFile({ state, key: state.spec.rootKey, value: updateIn(rootValue(state), at, change) }), label: `${label} at /${at.join("/")}` };
}

const methods = ["get", "put", "post", "delete", "patch"];

function operationsOf(state: EditState): [string, string][] {
  const paths = getIn(rootValue(state), ["paths"]);
  if (!isObject(paths)) return [];
  return Object.keys(paths).flatMap((p) => (isObject(paths[p]) ? Object.keys(paths[p] as JsonObject).filter((m) => methods.includes(m)).map((m): [string, string] => [p, m]) : []));
}

function schemaSection(state: EditState): string[] {
  return state.spec.version === "2.0" ? ["definitions"] : ["components", "schemas"];
}

function schemaNames(state: EditState): string[] {
  const section = getIn(rootValue(state), schemaSection(state));
  return isObject(section) ? Object.keys(section) : [];
}

function schemaRef(state: EditState, name: string): string {
  return `#/${schemaSection(state).join("/")}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
}

function okResponse(state: EditState, schema: Json): Json {
  return state.spec.version === "2.0" ? { description: "ok", schema } : { description: "ok", content: { "application/json": { schema } } };
}

const edits: Record<string, Edit> = {
  addOperation: (state) => {
    const [p] = pick(state.rng, operationsOf(state)) ?? [`/vx-added-${state.step}`];
    const free = methods.find((m) => getIn(rootValue(state), ["paths", p, m]) === undefined);
    if (!free) return undefined;
    const name = pick(state.rng, schemaNames(state));
    const schema: Json = name ? { $ref: schemaRef(state, name) } : { type: "string" };
    return editRoot({ state, at: ["paths", p, free], change: () => ({ operationId: `vxAdded${state.step}`, responses: { "200": okResponse(state, schema) } }), label: "add operation" });
  },
  addPath: (state) =>
    editRoot({ state, at: ["paths", `/vx-things/{thingId}/x${state.step}`], change: () => ({ get: { responses: { "200": okResponse(state, { type: "object", properties: { id: { type: "integer" } } }) } } }), label: "add path (no operationId, undeclared path parameter)" }),
  removeOperation: (state) => {
    const op = pick(state.rng, operationsOf(state));
    return op && editRoot({ state, at: ["paths", op[0], op[1]], change: () => undefined, label: "remove operation" });
  },
  removePath: (state) => {
    const op = pick(state.rng, operationsOf(state));
    return op && editRoot({ state, at: ["paths", op[0]], change: () => undefined, label: "remove path" });
  },
  renameOperation: (state) => {
    const op = pick(state.rng, operationsOf(state));
    return op && editRoot({ state, at: ["paths", op[0], op[1], "operationId"], change: () => `vxRenamed${state.step}`, label: "rename operation" });
  },
  dropOperationId: (state) => {
    const op = pick(state.rng, operationsOf(state));
    return op && editRoot({ state, at: ["paths", op[0], op[1], "operationId"], change: () => undefined, label: "drop operationId" });
  },
  duplicateOperationId: (state) => {
    const ops = operationsOf(state);
    const a = pick(state.rng, ops);
    const b = pick(state.rng, ops);
    const id = b && getIn(rootValue(state), ["paths", b[0], b[1], "operationId"]);
    return a && typeof id === "string" ? editRoot({ state, at: ["paths", a[0], a[1], "operationId"], change: () => id, label: "duplicate operationId" }) : undefined;
  },
  addParameter: (state) => {
    const op = pick(state.rng, operationsOf(state));
    const parameter: Json = state.spec.version === "2.0" ? { name: `vx${state.step}`, in: "query", type: "integer" } : { name: `vx${state.step}`, in: "query", schema: { type: "integer", minimum: 1 } };
    return op && editRoot({ state, at: ["paths", op[0], op[1], "parameters"], change: (old) => [...(Array.isArray(old) ? old : []), parameter], label: "add parameter" });
  },
  changeParameter: (state) => {
    const withParameters = operationsOf(state).filter(([p, m]) => Array.isArray(getIn(rootValue(state), ["paths", p, m, "parameters"])));
    const op = pick(state.rng, withParameters);
    if (!op) return undefined;
    const list = getIn(rootValue(state), ["paths", op[0], op[1], "parameters"]) as Json[];
    const i = Math.floor(state.rng() * list.length);
    const change = (old: Json | undefined): Json =>
      isObject(old) && old.$ref === undefined ? { ...old, required: old.required !== true, description: `changed ${state.step}` } : { name: `vx${state.step}`, in: "header", required: true, ...(state.spec.version === "2.0" ? { type: "string" } : { schema: { type: "string" } }) };
    return editRoot({ state, at: ["paths", op[0], op[1], "parameters", i], change, label: "change parameter" });
  },
  changePropertyType: (state) => {
    const withProperties = schemaNames(state).filter((n) => isObject(getIn(rootValue(state), [...schemaSection(state), n, "properties"])));
    const name = pick(state.rng, withProperties);
    if (!name) return undefined;
    const properties = getIn(rootValue(state), [...schemaSection(state), name, "properties"]) as JsonObject;
    const property = pick(state.rng, Object.keys(properties));
    if (property === undefined) return undefined;
    const type = pick(state.rng, ["integer", "string", "boolean", "array"]) as string;
    return editRoot({ state, at: [...schemaSection(state), name, "properties", property], change: (): Json => (type === "array" ? { type, items: { type: "string" } } : { type, nullable: state.rng() < 0.5 }), label: `property type ${type}` });
  },
  addComponentCycle: (state) => {
    const name = pick(state.rng, schemaNames(state));
    return name === undefined ? undefined : editRoot({ state, at: [...schemaSection(state), name, "properties", `vxSelf${state.step}`], change: () => ({ $ref: schemaRef(state, name) }), label: "component cycle" });
  },
  addInlineCycle: (state) => {
    // A schema under a path that refers to itself by pointer: not a component, so it is hoisted.
    const p = `/vx-cycle-${state.step}`;
    const base = ["paths", p.replace(/~/g, "~0").replace(/\//g, "~1"), "get", "responses", "200"];
    const pointer = `#/${[...base, ...(state.spec.version === "2.0" ? ["schema"] : ["content", "application~1json", "schema"])].join("/")}`;
    const schema: Json = { type: "object", properties: { next: { $ref: pointer }, label: { type: "string" } } };
    return editRoot({ state, at: ["paths", p], change: () => ({ get: { operationId: `vxCycle${state.step}`, responses: { "200": okResponse(state, schema) } } }), label: "inline cycle (hoisted)" });
  },
  removeSchema: (state) => {
    const name = pick(state.rng, schemaNames(state));
    return name === undefined ? undefined : editRoot({ state, at: [...schemaSection(state), name], change: () => undefined, label: `remove schema ${name}` });
  },
  renameSchema: (state) => {
    const name = pick(state.rng, schemaNames(state));
    if (!name) return undefined;
    const section = getIn(rootValue(state), schemaSection(state)) as JsonObject;
    const renamed: JsonObject = {};
    for (const [key, value] of Object.entries(section)) renamed[key === name ? `${name}Renamed` : key] = value;
    return editRoot({ state, at: schemaSection(state), change: () => renamed, label: `rename schema ${name}` });
  },
  aliasSchema: (state) => {
    const a = pick(state.rng, schemaNames(state));
    const b = pick(state.rng, schemaNames(state));
    return a && b ? editRoot({ state, at: [...schemaSection(state), `VxAlias${state.step}`], change: () => ({ $ref: schemaRef(state, b) }), label: `alias of ${b}` }) : undefined;
  },
  modelHintOnOperation: (state) => {
    const op = pick(state.rng, operationsOf(state));
    const model = pick(state.rng, [...(state.spec.db?.models.map((m) => m.name) ?? []), "Pet", "NoSuchModel"]);
    return op && editRoot({ state, at: ["paths", op[0], op[1], "x-vx-model"], change: () => model ?? null, label: `x-vx-model ${model}` });
  },
  modelHintOnSchema: (state) => {
    const name = pick(state.rng, schemaNames(state));
    const model = pick(state.rng, [...(state.spec.db?.models.map((m) => m.name) ?? []), "Pet"]);
    return name === undefined ? undefined : editRoot({ state, at: [...schemaSection(state), name, "x-vx-model"], change: () => model ?? null, label: `schema x-vx-model ${model}` });
  },
  describe: (state) => {
    const op = pick(state.rng, operationsOf(state));
    return op && editRoot({ state, at: ["paths", op[0], op[1], "description"], change: () => `described ${state.step}`, label: "describe operation" });
  },
  describeSchema: (state) => {
    const name = pick(state.rng, schemaNames(state));
    return name === undefined ? undefined : editRoot({ state, at: [...schemaSection(state), name, "description"], change: () => `described ${state.step}`, label: "describe schema" });
  },
  breakRef: (state) => {
    const refs: (string | number)[][] = [];
    const walk = (value: Json, at: (string | number)[]): void => {
      if (refs.length > 2000) return;
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...at, i]));
      else if (isObject(value)) {
        if (typeof value.$ref === "string") refs.push(at);
        for (const [k, v] of Object.entries(value)) walk(v, [...at, k]);
      }
    };
    walk(getIn(rootValue(state), ["paths"]) ?? null, ["paths"]);
    const at = pick(state.rng, refs);
    const target = pick(state.rng, [...schemaNames(state).map((n) => schemaRef(state, n)), "#/nowhere/at/all"]);
    return at && target ? editRoot({ state, at: [...at, "$ref"], change: () => target, label: `re-point $ref to ${target}` }) : undefined;
  },
  sharedBadParameter: (state) => {
    // A shared (cached) parameter with a diagnostic, used by two operations: reused reads must still report it once.
    const ops = operationsOf(state);
    const a = pick(state.rng, ops);
    const b = pick(state.rng, ops);
    if (!a || !b) return undefined;
    const v2 = state.spec.version === "2.0";
    const parameter: Json = v2 ? { name: `vxBad${state.step}`, in: "query", type: "strange" } : { name: `vxBad${state.step}`, in: "query", schema: { type: "strange" } };
    const section = v2 ? ["parameters"] : ["components", "parameters"];
    let value = updateIn(rootValue(state), [...section, `VxBad${state.step}`], () => parameter);
    const ref: Json = { $ref: `#/${section.join("/")}/VxBad${state.step}` };
    for (const op of [a, b]) value = updateIn(value, ["paths", op[0], op[1], "parameters"], (old) => [...(Array.isArray(old) ? old : []), ref]);
    return { files: withFile({ state, key: state.spec.rootKey, value }), label: `shared bad parameter on ${a.join(" ")} and ${b.join(" ")}` };
  },
  sharedBadResponse: (state) => {
    if (state.spec.version === "2.0") return undefined;
    const ops = operationsOf(state);
    const a = pick(state.rng, ops);
    const b = pick(state.rng, ops);
    if (!a || !b) return undefined;
    let value = updateIn(rootValue(state), ["components", "responses", `VxBad${state.step}`], () => okResponse(state, { type: "object", properties: { x: { type: "strange" } } }));
    for (const op of [a, b]) value = updateIn(value, ["paths", op[0], op[1], "responses", "418"], () => ({ $ref: `#/components/responses/VxBad${state.step}` }));
    return { files: withFile({ state, key: state.spec.rootKey, value }), label: `shared bad response on ${a.join(" ")} and ${b.join(" ")}` };
  },
  aliasReferenced: (state) => {
    // A new component naming a place `$ref`s already reach (another file, a path's schema): those `$ref`s become refs to it.
    const refs: string[] = [];
    const rootDir = path.dirname(state.spec.rootKey);
    for (const file of state.files.values()) {
      const walk = (value: Json): void => {
        if (Array.isArray(value)) value.forEach(walk);
        else if (isObject(value)) {
          if (typeof value.$ref === "string" && !value.$ref.includes("/schemas/") && !value.$ref.startsWith("#/definitions/")) {
            const [location = "", fragment] = value.$ref.split("#");
            const target = location === "" ? (file.key === state.spec.rootKey ? "" : path.relative(rootDir, file.key)) : path.relative(rootDir, path.resolve(path.dirname(file.key), location));
            refs.push(`${target}${fragment === undefined ? "" : `#${fragment}`}`);
          }
          Object.values(value).forEach(walk);
        }
      };
      walk(file.value as Json);
    }
    const ref = pick(state.rng, refs);
    return ref === undefined ? undefined : editRoot({ state, at: [...schemaSection(state), `VxNamed${state.step}`], change: () => ({ $ref: ref }), label: `name ${ref}` });
  },
  rootSecurity: (state) => editRoot({ state, at: ["security"], change: (old) => (old === undefined ? [{ vxScheme: [] }] : undefined), label: "toggle root security" }),
  securityScheme: (state) =>
    editRoot({ state, at: state.spec.version === "2.0" ? ["securityDefinitions", "vxScheme"] : ["components", "securitySchemes", "vxScheme"], change: (old) => (old === undefined ? { type: "apiKey", name: "X-Key", in: "header" } : undefined), label: "toggle security scheme" }),
  rootConsumes: (state) => (state.spec.version === "2.0" ? editRoot({ state, at: ["produces"], change: (old) => (old === undefined ? ["application/xml"] : undefined), label: "toggle produces" }) : undefined),
  editOtherFile: (state) => {
    const others = [...state.files.values()].filter((f) => f.key !== state.spec.rootKey && isObject(f.value));
    const file = pick(state.rng, others);
    if (!file) return undefined;
    const objects: (string | number)[][] = [];
    const walk = (value: Json, at: (string | number)[]): void => {
      if (isObject(value)) {
        objects.push(at);
        for (const [k, v] of Object.entries(value)) walk(v, [...at, k]);
      } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...at, i]));
    };
    walk(file.value as Json, []);
    const at = pick(state.rng, objects) ?? [];
    const change = (old: Json | undefined): Json => (isObject(old) && old.$ref === undefined ? { ...old, description: `edited ${state.step}`, ...(old.type === "number" ? { type: "integer" } : {}) } : { type: "string" });
    return { files: withFile({ state, key: file.key, value: updateIn(file.value as Json, at, change) }), label: `edit ${file.file} at /${at.join("/")}` };
  },
};

// ---------------------------------------------------------------------------------------------------------------------

function compare({ memo, fresh, log }: { memo: RunResult; fresh: RunResult; log: string[] }): void {
  if (isDeepStrictEqual(memo.api, fresh.api) && isDeepStrictEqual(memo.diagnostics, fresh.diagnostics) && isDeepStrictEqual(memo.names, fresh.names)) return;
  const context = `after edits:\n${log.join("\n")}`;
  expect(memo.diagnostics, context).toStrictEqual(fresh.diagnostics);
  expect(memo.names, context).toStrictEqual(fresh.names);
  expect(memo.api.schemas, context).toStrictEqual(fresh.api.schemas);
  expect(memo.api.operations, context).toStrictEqual(fresh.api.operations);
  expect(memo.api, context).toStrictEqual(fresh.api);
}

/**
 * Operations and schemas with the same raw object as before and equal content: how many are the previous run's very
 * objects, and how many are not (read again because something they depend on changed without changing them, e.g. a
 * `$ref`'d response object given a key the reader ignores; or an older entry came back).
 */
function countIdentity({ previous, current, previousRoot, currentRoot, spec }: { previous: RunResult; current: RunResult; previousRoot: Json; currentRoot: Json; spec: Spec }): { same: number; other: number } {
  let same = 0;
  let other = 0;
  const before = new Map(previous.api.operations.map((op) => [`${op.method} ${op.path}`, op]));
  for (const op of current.api.operations) {
    const old = before.get(`${op.method} ${op.path}`);
    const raw = getIn(currentRoot, ["paths", op.path]);
    if (!old || !isObject(raw) || raw !== getIn(previousRoot, ["paths", op.path]) || !pathItemUnits.get(raw)) continue;
    if (!isDeepStrictEqual(op, old)) continue;
    if (op === old) same++;
    else other++;
  }
  const section = spec.version === "2.0" ? ["definitions"] : ["components", "schemas"];
  const schemasBefore = new Map<string, NamedSchema>(previous.api.schemas.map((s) => [s.name, s]));
  for (const schema of current.api.schemas) {
    const old = schemasBefore.get(schema.name);
    const raw = getIn(currentRoot, [...section, schema.name]);
    if (!old || !isObject(raw) || raw !== getIn(previousRoot, [...section, schema.name]) || !schemaUnits.get(raw)) continue;
    if (!isDeepStrictEqual(schema, old)) continue;
    if (schema === old) same++;
    else other++;
  }
  return { same, other };
}

async function differential({ file, prisma, steps, seed }: { file: string; prisma?: string; steps: number; seed: number }): Promise<{ same: number; other: number; log: string[] }> {
  const spec = await loadSpec({ file, ...(prisma ? { prisma } : {}) });
  const rng = seededRandom(seed);
  let files = spec.files;
  let previous = run({ spec, files });
  deepFreeze(previous.api);
  compare({ memo: previous, fresh: run({ spec, files: copied(files) }), log: ["(none)"] });
  const log: string[] = [];
  const names = Object.keys(edits);
  let same = 0;
  let other = 0;
  for (let step = 0; step < steps; step++) {
    const state: EditState = { spec, files, rng, step };
    let edit: { files: Files; label: string } | undefined;
    for (let tries = 0; !edit && tries < 10; tries++) {
      const name = pick(rng, names) as string;
      const made = (edits[name] as Edit)(state);
      if (made) edit = { files: made.files, label: `${step}: ${name}: ${made.label}` };
    }
    if (!edit) continue;
    log.push(edit.label);
    // These change what every unit may depend on (scheme names, root members, files behind `$ref`s, component names):
    // units are read again, so equal results need not be the same objects.
    const global = /: (securityScheme|rootSecurity|rootConsumes|editOtherFile|removeSchema|renameSchema|aliasReferenced):/.test(edit.label);
    const previousRoot = (files.get(spec.rootKey) as SpecFile).value as Json;
    files = edit.files;
    const current = run({ spec, files });
    compare({ memo: current, fresh: run({ spec, files: copied(files) }), log });
    if (!global) {
      const counts = countIdentity({ previous, current, previousRoot, currentRoot: (files.get(spec.rootKey) as SpecFile).value as Json, spec });
      same += counts.same;
      other += counts.other;
    }
    deepFreeze(current.api);
    previous = current;
  }
  return { same, other, log };
}

describe("reader memo: memoized runs equal fresh ones after random edits", () => {
  const cases: { name: string; file: string; prisma?: string; steps: number }[] = [
    { name: "museum", file: path.join(corpus, "redocly-museum/openapi.yaml"), steps: 40 },
    { name: "petstore-expanded", file: path.join(corpus, "oai-petstore-expanded/petstore-expanded.yaml"), steps: 40 },
    { name: "callbacks", file: path.join(corpus, "oai-callback-example/callback-example.yaml"), steps: 20 },
    { name: "webhooks (3.1)", file: path.join(corpus, "oai-webhook-example/webhook-example.yaml"), steps: 20 },
    { name: "trello (Swagger 2.0)", file: path.join(corpus, "apisguru-trello/swagger.yaml"), steps: 12 },
    { name: "petstore-separate-v2 (multi-file Swagger 2.0)", file: path.join(corpus, "oai-petstore-separate-v2/spec/swagger.yaml"), steps: 40 },
    { name: "multi-file with a hoisted cycle", file: path.join(fixtures, "openapi/multi/openapi.yaml"), steps: 40 },
    { name: "v3.0 petstore (discriminators, x-vx-model)", file: path.join(fixtures, "openapi/v3.0/petstore.yaml"), steps: 40 },
    { name: "v2.0 petstore", file: path.join(fixtures, "openapi/v2.0/petstore.yaml"), steps: 30 },
    { name: "v3.1", file: path.join(fixtures, "openapi/v3.1/api.yaml"), steps: 30 },
    { name: "bad refs", file: path.join(fixtures, "openapi/bad/refs.yaml"), steps: 20 },
    { name: "bad path parameters", file: path.join(fixtures, "openapi/bad/path-params.yaml"), steps: 20 },
    { name: "library + Prisma (binding, drift)", file: path.join(fixtures, "binding/library.yaml"), prisma: path.join(fixtures, "binding/library.prisma"), steps: 40 },
    { name: "bookstore + Prisma", file: path.join(fixtures, "bookstore/openapi.yaml"), prisma: path.join(fixtures, "bookstore/schema.prisma"), steps: 30 },
    { name: "petstore-v2 + Prisma", file: path.join(fixtures, "petstore-v2/swagger.yaml"), prisma: path.join(fixtures, "petstore-v2/schema.prisma"), steps: 25 },
    { name: "discord", file: path.join(corpus, "discord/openapi.json"), steps: 6 },
  ];
  it.each(cases)("$name", async ({ file, prisma, steps }) => {
    for (const seed of [1, 2]) {
      const { same, other, log } = await differential({ file, ...(prisma ? { prisma } : {}), steps, seed });
      expect(log.length).toBeGreaterThan(0);
      expect(same).toBeGreaterThan(0);
      expect(other, `${other} equal but new objects against ${same} kept, after:\n${log.join("\n")}`).toBeLessThanOrEqual(same / 10);
    }
  }, 240_000);

  it.each([
    { name: "museum", file: path.join(corpus, "redocly-museum/openapi.yaml") },
    { name: "petstore-expanded", file: path.join(corpus, "oai-petstore-expanded/petstore-expanded.yaml") },
    { name: "v3.0 petstore", file: path.join(fixtures, "openapi/v3.0/petstore.yaml") },
    { name: "library + Prisma", file: path.join(fixtures, "binding/library.yaml"), prisma: path.join(fixtures, "binding/library.prisma") },
  ])("$name: after an operation edit every other operation and every schema is the same object; after a schema edit every operation and every other schema", async ({ file, prisma }) => {
    const spec = await loadSpec({ file, ...(prisma ? { prisma } : {}) });
    const rng = seededRandom(7);
    const first = run({ spec, files: spec.files });
    const state: EditState = { spec, files: spec.files, rng, step: 0 };
    const [p, m] = pick(rng, operationsOf(state)) as [string, string];
    const opEdit = editRoot({ state, at: ["paths", p, m, "parameters"], change: (old) => [...(Array.isArray(old) ? old : []), { name: "vxEdit", in: "query", schema: { type: "string" } }], label: "" });
    const second = run({ spec, files: opEdit.files });
    for (const op of second.api.operations) {
      const old = first.api.operations.find((o) => o.method === op.method && o.path === op.path);
      if (op.path === p) expect(op).not.toBe(old);
      else expect(op, `${op.method} ${op.path}`).toBe(old);
    }
    second.api.schemas.forEach((schema, i) => expect(schema).toBe(first.api.schemas[i]));

    const next: EditState = { spec, files: opEdit.files, rng, step: 1 };
    const withProperties = schemaNames(next).filter((n) => isObject(getIn(rootValue(next), [...schemaSection(next), n, "properties"])));
    const name = pick(rng, withProperties) as string;
    const schemaEdit = editRoot({ state: next, at: [...schemaSection(next), name, "properties", "vxEdit"], change: () => ({ type: "integer" }), label: "" });
    const third = run({ spec, files: schemaEdit.files });
    third.api.operations.forEach((op, i) => expect(op, `${op.method} ${op.path}`).toBe(second.api.operations[i]));
    third.api.schemas.forEach((schema, i) => (schema.name === name ? expect(schema).not.toBe(second.api.schemas[i]) : expect(schema, schema.name).toBe(second.api.schemas[i])));
    compare({ memo: third, fresh: run({ spec, files: copied(schemaEdit.files) }), log: ["op edit", "schema edit"] });
  });

  it("re-reads an unchanged path item whose inlined target an earlier unit now hoists (discriminator mapping)", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "vx-memo-"));
    const file = path.join(dir, "api.yaml");
    const target = "#/paths/~1b/get/responses/200/content/application~1json/schema";
    const ok = (schema: Json): Json => ({ "200": { description: "ok", content: { "application/json": { schema } } } });
    const doc: Json = {
      openapi: "3.0.3",
      info: { title: "t", version: "1" },
      paths: { "/a": { get: { operationId: "a", responses: ok({ $ref: target }) } }, "/b": { get: { operationId: "b", responses: ok({ type: "object", properties: { kind: { type: "string" } } }) } } },
      components: { schemas: { Holder: { type: "object" } } },
    };
    await writeFile(file, JSON.stringify(doc));
    const spec = await loadSpec({ file });
    const state: EditState = { spec, files: spec.files, rng: seededRandom(1), step: 0 };
    run({ spec, files: spec.files });
    const edited = editRoot({ state, at: ["components", "schemas", "Holder"], change: () => ({ oneOf: [{ $ref: target }], discriminator: { propertyName: "kind", mapping: { b: target } } }), label: "" });
    const memo = run({ spec, files: edited.files });
    compare({ memo, fresh: run({ spec, files: copied(edited.files) }), log: ["discriminator mapping hoists a path schema"] });
    expect(memo.api.schemas).toHaveLength(2);
  });

  it("gives one-shot results equal to a run with the memo cleared", async () => {
    const spec = await loadSpec({ file: path.join(fixtures, "openapi/v3.0/petstore.yaml") });
    const first = run({ spec, files: spec.files });
    clearReaderMemo();
    const again = run({ spec, files: spec.files });
    expect(again).toStrictEqual(first);
    expect(again.api.schemas.every((s, i) => s !== first.api.schemas[i])).toBe(true);
  });
});
