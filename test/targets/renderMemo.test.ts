import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fastifyTarget } from "../../generators/fastify/fastifyTarget.js";
import { modelSchemas } from "../../generators/shared/modelSchemas.js";
import { renderMemoStats, setRenderMemoEnabled } from "../../generators/shared/pieceMemo.js";
import type { ApiModel, DbModel, IrDocument, JsonValue, NamedSchema, ObjectSchema, Operation, SchemaNode } from "../../src/ir/types.js";
import { resolveNames } from "../../src/naming/resolveNames.js";
import { buildIr } from "../../src/pipeline/buildIr.js";
import type { RenderOutput, TargetOptions } from "../../src/targets/TargetPlugin.js";
import { seededRandom } from "../helpers/seededRandom.js";
import { sharedInputPresent } from "../helpers/sharedInput.js";

/**
 * Differential test of the render memo (`memoPiece`, `joinPieces`, finishFiles' previous run): a seeded series of
 * small IR edits made as the reader makes them (every unchanged object shared with the previous IR, changed ones
 * copied), mixed with changes of what else a render is given (target options: `basePath`, `readOnlyInRequests`,
 * `settings`; the database present or not), each rendered with the memo and again with it disabled (a fresh
 * process's render); files and diagnostics must be identical, and the memoized render must have reused most pieces
 * after an IR edit. A renderer reading an option its piece does not declare as an input fails here.
 */

const corpus = join(process.cwd(), "..", "shared", "corpus", "openapi");
const fixtures = join(process.cwd(), "fixtures");

type JsonObject = { [key: string]: JsonValue };

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function pick<T>({ list, next }: { list: readonly T[]; next: () => number }): T | undefined {
  return list[Math.floor(next() * list.length)];
}

function refsIn(node: SchemaNode, out: Set<string> = new Set()): Set<string> {
  switch (node.kind) {
    case "ref":
      out.add(node.name);
      break;
    case "object":
      for (const p of node.properties) refsIn(p.schema, out);
      if (typeof node.additionalProperties === "object") refsIn(node.additionalProperties, out);
      break;
    case "array":
      refsIn(node.items, out);
      for (const p of node.prefixItems ?? []) refsIn(p, out);
      break;
    case "union":
    case "intersection":
      for (const m of node.members) refsIn(m, out);
      break;
    default:
      break;
  }
  return out;
}

function stringNode(source: SchemaNode["source"]): SchemaNode {
  return { kind: "string", nullable: false, readOnly: false, writeOnly: false, deprecated: false, source };
}

function withSchema({ api, index, named }: { api: ApiModel; index: number; named: NamedSchema }): ApiModel {
  const schemas = [...api.schemas];
  schemas[index] = named;
  return { ...api, schemas };
}

function withOperation({ api, index, op }: { api: ApiModel; index: number; op: Operation | undefined }): ApiModel {
  const operations = [...api.operations];
  if (op) operations.splice(index, 1, op);
  else operations.splice(index, 1);
  return { ...api, operations };
}

interface Edit {
  name: string;
  apply: (input: { api: ApiModel; db: DbModel | null; next: () => number; n: number }) => ApiModel | undefined;
}

const objectSchemas = (api: ApiModel) => api.schemas.map((s, i) => ({ s, i })).filter(({ s }) => s.schema.kind === "object" && isObject(s.jsonSchema));

/** Edits as a changed spec gives them: new objects for what changed, the same objects for the rest. */
const edits: Edit[] = [
  {
    name: "add a query parameter to an operation",
    apply: ({ api, next, n }) => {
      const index = Math.floor(next() * api.operations.length);
      const op = api.operations[index];
      if (!op) return undefined;
      const jsonSchema: JsonValue = { type: "string" };
      const param = { kind: "parameter" as const, name: `vxExtra${n}`, in: "query" as const, required: next() < 0.3, deprecated: false, style: "form" as const, explode: true, allowReserved: false, schema: stringNode(op.source), jsonSchema, source: op.source };
      return withOperation({ api, index, op: { ...op, parameters: [...op.parameters, param] } });
    },
  },
  {
    name: "move an operation to another tag's group (an existing tag, a new one, or none)",
    apply: ({ api, next, n }) => {
      const index = Math.floor(next() * api.operations.length);
      const op = api.operations[index];
      if (!op) return undefined;
      const tags = [...new Set(api.operations.flatMap((o) => o.tags.slice(0, 1)))];
      const roll = next();
      const tag = roll < 0.4 ? pick({ list: tags, next }) : roll < 0.7 ? `vx tag ${n}` : undefined;
      return withOperation({ api, index, op: { ...op, tags: tag === undefined ? [] : [tag, ...op.tags] } });
    },
  },
  {
    name: "tag an operation with an existing tag in other case (the groups' files are renamed: `pets`, `pets2`)",
    apply: ({ api, next }) => {
      const tagged = api.operations.map((op, index) => ({ op, index })).filter(({ op }) => op.tags.length > 0);
      const chosen = pick({ list: tagged.length > 0 ? tagged : api.operations.map((op, index) => ({ op, index })), next });
      if (!chosen) return undefined;
      const tag = chosen.op.tags[0] ?? "default";
      const other = tag === tag.toUpperCase() ? `${tag.toLowerCase()}!` : tag.toUpperCase();
      const index = Math.floor(next() * api.operations.length);
      const op = api.operations[index];
      return op ? withOperation({ api, index, op: { ...op, tags: [other] } }) : undefined;
    },
  },
  {
    name: "remove an operation",
    apply: ({ api, next }) => (api.operations.length > 1 ? withOperation({ api, index: Math.floor(next() * api.operations.length), op: undefined }) : undefined),
  },
  {
    name: "add an operation (a copy under a new path and operationId)",
    apply: ({ api, next, n }) => {
      const index = Math.floor(next() * api.operations.length);
      const op = api.operations[index];
      if (!op) return undefined;
      const operations = [...api.operations];
      operations.splice(index + 1, 0, { ...op, operationId: `${op.operationId}Copy${n}`, path: `${op.path}/vx-copy-${n}` });
      return { ...api, operations };
    },
  },
  {
    name: "rename an operation",
    apply: ({ api, next, n }) => {
      const index = Math.floor(next() * api.operations.length);
      const op = api.operations[index];
      return op ? withOperation({ api, index, op: { ...op, operationId: `renamed${n}${op.operationId}` } }) : undefined;
    },
  },
  {
    name: "edit an operation's summary",
    apply: ({ api, next, n }) => {
      const index = Math.floor(next() * api.operations.length);
      const op = api.operations[index];
      return op ? withOperation({ api, index, op: { ...op, summary: `Edited ${n}` } }) : undefined;
    },
  },
  {
    name: "add a property to a named schema (most referenced first)",
    apply: ({ api, next, n }) => {
      const candidates = objectSchemas(api);
      const counts = new Map<string, number>();
      for (const s of api.schemas) for (const ref of refsIn(s.schema)) counts.set(ref, (counts.get(ref) ?? 0) + 1);
      candidates.sort((a, b) => (counts.get(b.s.name) ?? 0) - (counts.get(a.s.name) ?? 0));
      const chosen = next() < 0.5 ? candidates[0] : pick({ list: candidates, next });
      if (!chosen || chosen.s.schema.kind !== "object" || !isObject(chosen.s.jsonSchema)) return undefined;
      const { s, i } = chosen;
      const node = s.schema as ObjectSchema;
      const name = `vxProp${n}`;
      const readOnly = next() < 0.3;
      const jsonSchema = s.jsonSchema as JsonObject;
      const properties = isObject(jsonSchema.properties) ? jsonSchema.properties : {};
      const named: NamedSchema = {
        ...s,
        schema: { ...node, properties: [...node.properties, { name, required: false, schema: { ...stringNode(s.source), readOnly } }] },
        jsonSchema: { ...jsonSchema, properties: { ...properties, [name]: readOnly ? { type: "string", readOnly: true } : { type: "string" } } },
      };
      return withSchema({ api, index: i, named });
    },
  },
  {
    name: "change a property's type",
    apply: ({ api, next }) => {
      const chosen = pick({ list: objectSchemas(api).filter(({ s }) => (s.schema as ObjectSchema).properties.length > 0), next });
      if (!chosen) return undefined;
      const { s, i } = chosen;
      const node = s.schema as ObjectSchema;
      const prop = node.properties[Math.floor(next() * node.properties.length)];
      if (!prop) return undefined;
      const jsonSchema = s.jsonSchema as JsonObject;
      const properties = isObject(jsonSchema.properties) ? jsonSchema.properties : {};
      const named: NamedSchema = {
        ...s,
        schema: { ...node, properties: node.properties.map((p) => (p === prop ? { ...p, schema: { kind: "integer" as const, nullable: false, readOnly: false, writeOnly: false, deprecated: false, source: s.source } } : p)) },
        jsonSchema: { ...jsonSchema, properties: { ...properties, [prop.name]: { type: "integer" } } },
      };
      return withSchema({ api, index: i, named });
    },
  },
  {
    name: "remove a property (database-filled ones first: the properties left out of request types change)",
    apply: ({ api, next }) => {
      const withProps = objectSchemas(api).filter(({ s }) => (s.schema as ObjectSchema).properties.length > 0);
      const filled = withProps.filter(({ s }) => (s.schema as ObjectSchema).properties.some((p) => /^(id|createdAt|updatedAt)$/.test(p.name)));
      const chosen = pick({ list: filled.length > 0 && next() < 0.7 ? filled : withProps, next });
      if (!chosen) return undefined;
      const { s, i } = chosen;
      const node = s.schema as ObjectSchema;
      const prop = node.properties.find((p) => /^(id|createdAt|updatedAt)$/.test(p.name)) ?? node.properties[Math.floor(next() * node.properties.length)];
      if (!prop) return undefined;
      const jsonSchema = s.jsonSchema as JsonObject;
      const properties = { ...(isObject(jsonSchema.properties) ? jsonSchema.properties : {}) };
      delete properties[prop.name];
      const required = Array.isArray(jsonSchema.required) ? jsonSchema.required.filter((r) => r !== prop.name) : undefined;
      const named: NamedSchema = {
        ...s,
        schema: { ...node, properties: node.properties.filter((p) => p !== prop) },
        jsonSchema: { ...jsonSchema, properties, ...(required ? { required } : {}) },
      };
      return withSchema({ api, index: i, named });
    },
  },
  {
    name: "point a property at another named schema",
    apply: ({ api, next }) => {
      const chosen = pick({ list: objectSchemas(api).filter(({ s }) => (s.schema as ObjectSchema).properties.length > 0), next });
      const target = pick({ list: api.schemas, next });
      if (!chosen || !target) return undefined;
      const { s, i } = chosen;
      const node = s.schema as ObjectSchema;
      const prop = node.properties[0];
      if (!prop) return undefined;
      const jsonSchema = s.jsonSchema as JsonObject;
      const properties = isObject(jsonSchema.properties) ? jsonSchema.properties : {};
      const named: NamedSchema = {
        ...s,
        schema: { ...node, properties: [{ ...prop, schema: { kind: "ref", name: target.name, nullable: false, readOnly: false, writeOnly: false, deprecated: false, source: s.source } }, ...node.properties.slice(1)] },
        jsonSchema: { ...jsonSchema, properties: { ...properties, [prop.name]: { $ref: `#/$defs/${encodeURIComponent(target.name.replace(/~/g, "~0").replace(/\//g, "~1"))}` } } },
      };
      return withSchema({ api, index: i, named });
    },
  },
  {
    name: "edit a named schema's description",
    apply: ({ api, next, n }) => {
      const index = Math.floor(next() * api.schemas.length);
      const s = api.schemas[index];
      return s ? withSchema({ api, index, named: { ...s, schema: { ...s.schema, description: `Edited ${n}` } } }) : undefined;
    },
  },
  {
    name: "add a schema whose type name takes an existing schema's (the existing one is renamed)",
    apply: ({ api, next }) => {
      const victim = pick({ list: api.schemas.filter((s) => /^[A-Za-z]/.test(s.name)), next });
      if (!victim) return undefined;
      const name = `-${victim.name}`;
      if (api.schemas.some((s) => s.name === name)) return undefined;
      const schemas = [...api.schemas, { ...victim, name }].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return { ...api, schemas };
    },
  },
  {
    name: "remove a named schema nothing refers to",
    apply: ({ api, next }) => {
      const used = new Set<string>();
      for (const s of api.schemas) for (const ref of refsIn(s.schema)) used.add(ref);
      for (const op of api.operations) {
        for (const p of op.parameters) refsIn(p.schema, used);
        for (const c of op.requestBody?.content ?? []) if (c.schema) refsIn(c.schema, used);
        for (const r of op.responses) {
          for (const c of r.content) if (c.schema) refsIn(c.schema, used);
          for (const h of r.headers) refsIn(h.schema, used);
        }
      }
      const unused = api.schemas.filter((s) => !used.has(s.name) && !JSON.stringify(api.operations.map((o) => o.parameters.map((p) => p.jsonSchema))).includes(s.name));
      const victim = pick({ list: unused, next });
      return victim ? { ...api, schemas: api.schemas.filter((s) => s !== victim) } : undefined;
    },
  },
  {
    name: "unbind an operation",
    apply: ({ api, next, n }) => {
      const bound = api.operations.map((op, index) => ({ op, index })).filter(({ op }) => op.binding.kind === "bound");
      const chosen = pick({ list: bound, next });
      return chosen ? withOperation({ api, index: chosen.index, op: { ...chosen.op, binding: { kind: "unbound", reason: `unbound by edit ${n}` } } }) : undefined;
    },
  },
  {
    name: "unbind every operation of one model (its schemas' database-filled properties are no longer forced readOnly)",
    apply: ({ api, db, next, n }) => {
      const forced = (a: ApiModel) => [...modelSchemas({ api: a, db }).forcedReadOnly].sort().join();
      const unbind = (model: string): ApiModel => ({
        ...api,
        operations: api.operations.map((op) => (op.binding.kind === "bound" && op.binding.model === model ? { ...op, binding: { kind: "unbound" as const, reason: `unbound by edit ${n}` } } : op)),
      });
      const models = [...new Set(api.operations.flatMap((op) => (op.binding.kind === "bound" ? [op.binding.model] : [])))];
      // A model whose schemas then lose forced readOnly properties, although no schema object changed.
      const model = pick({ list: models.filter((m) => forced(unbind(m)) !== forced(api)), next });
      return model ? unbind(model) : undefined;
    },
  },
];

function fingerprint(output: RenderOutput): string {
  return JSON.stringify(output);
}

type Names = ReturnType<typeof resolveNames>["names"];

/** The group file of each operation, by operationId (to tell when an edit renamed a group). */
function groupFiles({ api, names }: { api: ApiModel; names: Names }): Map<string, string> {
  return new Map(api.operations.map((op) => [op.operationId, names.operation(op.operationId).group.file]));
}

/** Whether an operation present before and after moved to another group file. */
function regrouped({ before, after }: { before: Map<string, string>; after: Map<string, string> }): boolean {
  return [...after].some(([id, file]) => before.has(id) && before.get(id) !== file);
}

async function render({ ir, names, options }: { ir: IrDocument; names: Names; options: TargetOptions }): Promise<RenderOutput> {
  return fastifyTarget.render({ ir, names, options });
}

async function fresh({ ir, names, options }: { ir: IrDocument; names: Names; options: TargetOptions }): Promise<RenderOutput> {
  setRenderMemoEnabled(false);
  try {
    return await render({ ir, names, options });
  } finally {
    setRenderMemoEnabled(true);
  }
}

/** What a run is given besides the IR: target options, and whether the database is part of it (`--prisma` or not). */
interface Setting {
  options: TargetOptions;
  withDb: boolean;
}

/** Changes of the setting, one aspect at a time (the values include a base path that needs escaping). */
const settingChanges: { name: string; apply: (input: { setting: Setting; next: () => number }) => Setting }[] = [
  {
    name: "basePath option",
    apply: ({ setting, next }) => {
      const basePath = pick({ list: [undefined, "/v2", "/api/v1/", "/a b/\u00fc`${x}`\"'"], next });
      const { basePath: _old, ...rest } = setting.options;
      return { ...setting, options: basePath === undefined ? rest : { ...rest, basePath } };
    },
  },
  {
    name: "readOnlyInRequests option",
    apply: ({ setting, next }) => {
      const readOnlyInRequests = pick({ list: [undefined, "reject", "ignore"] as const, next });
      const { readOnlyInRequests: _old, ...rest } = setting.options;
      return { ...setting, options: readOnlyInRequests === undefined ? rest : { ...rest, readOnlyInRequests } };
    },
  },
  {
    name: "target settings",
    apply: ({ setting, next }) => ({ ...setting, options: { ...setting.options, settings: { seed: Math.floor(next() * 1000) } } }),
  },
  { name: "database present or not", apply: ({ setting }) => ({ ...setting, withDb: !setting.withDb }) },
];

function totals(): { hits: number; misses: number } {
  let hits = 0;
  let misses = 0;
  for (const { hits: h, misses: m } of Object.values(renderMemoStats())) {
    hits += h;
    misses += m;
  }
  return { hits, misses };
}

async function differential({ openapi, prisma, steps, seed }: { openapi: string; prisma?: string; steps: number; seed: number }): Promise<string[]> {
  const built = await buildIr({ openapi, ...(prisma ? { prisma } : {}), locateInfo: false });
  const first = built.ir.api;
  if (!first) throw new Error(`no API read from ${openapi}`);
  const db = built.ir.db;
  let api: ApiModel = first;
  let setting: Setting = { options: {}, withDb: db !== null };
  const current = (): { ir: IrDocument; names: Names } => {
    const withDb = setting.withDb ? db : null;
    return { ir: { ...built.ir, api, db: withDb }, names: resolveNames({ api, db: withDb }).names };
  };
  // Warm: the memo holds this document's pieces.
  expect(fingerprint(await render({ ...current(), options: setting.options }))).toBe(fingerprint(await fresh({ ...current(), options: setting.options })));
  const next = seededRandom(seed);
  const applied: string[] = [];
  let previousForced = [...modelSchemas({ api: first, db }).forcedReadOnly].sort().join();
  let previousGroups = groupFiles({ api: first, names: current().names });
  for (let n = 0; applied.length < steps && n < steps * 4; n++) {
    // One step in four changes the setting, the others edit the IR.
    const changeSetting = next() < 0.25;
    let name: string;
    if (changeSetting) {
      const change = settingChanges[Math.floor(next() * settingChanges.length)];
      if (!change || (change.name.startsWith("database") && db === null)) continue;
      setting = change.apply({ setting, next });
      name = `${change.name} -> ${JSON.stringify(setting)}`;
    } else {
      const edit = edits[Math.floor(next() * edits.length)];
      const edited = edit ? edit.apply({ api, db: setting.withDb ? db : null, next, n }) : undefined;
      if (!edit || !edited) continue;
      api = edited;
      name = edit.name;
    }
    const { ir, names } = current();
    const forced = [...modelSchemas({ api, db: ir.db }).forcedReadOnly].sort().join();
    const groups = groupFiles({ api, names });
    const before = totals();
    const memoized = await render({ ir, names, options: setting.options });
    const after = totals();
    const expected = await fresh({ ir, names, options: setting.options });
    applied.push(name);
    const context = `${openapi} step ${applied.length}: ${name}`;
    expect(memoized.diagnostics, context).toEqual(expected.diagnostics);
    expect(memoized.files.map((f) => f.path), context).toEqual(expected.files.map((f) => f.path));
    for (const [i, file] of expected.files.entries()) expect(memoized.files[i], `${context}: ${file.path}`).toEqual(file);
    // Small IR edits reuse most pieces; not when the database-filled properties or the groups' files changed (every
    // piece depending on them is redone: on a small spec, one operation more or less can rename a group).
    const hits = after.hits - before.hits;
    const misses = after.misses - before.misses;
    if (!changeSetting && forced === previousForced && !regrouped({ before: previousGroups, after: groups })) expect(hits, `${context}: ${hits} reused, ${misses} computed`).toBeGreaterThan(misses);
    previousForced = forced;
    previousGroups = groups;
  }
  expect(applied.filter((a) => a.includes(" -> ")).length, "setting changes among the steps").toBeGreaterThan(0);
  return applied;
}

const corpusSpecs = [
  { name: "redocly-museum", file: "redocly-museum/openapi.yaml", steps: 24 },
  { name: "oai-petstore-expanded", file: "oai-petstore-expanded/petstore-expanded.yaml", steps: 16 },
  { name: "apisguru-trello", file: "apisguru-trello/swagger.yaml", steps: 12 },
];

describe("render memo: memoized renders equal fresh ones after IR edits", () => {
  it("bookstore (OpenAPI + Prisma: bound handlers, repositories, tests)", async () => {
    const applied = await differential({ openapi: join(fixtures, "bookstore", "openapi.yaml"), prisma: join(fixtures, "bookstore", "schema.prisma"), steps: 24, seed: 7 });
    expect(applied.length).toBe(24);
  }, 240_000);

  for (const spec of corpusSpecs) {
    it.skipIf(!sharedInputPresent({ path: join(corpus, spec.file), what: `render memo differential on ${spec.name}` }))(spec.name, async () => {
      const applied = await differential({ openapi: join(corpus, spec.file), steps: spec.steps, seed: spec.name.length });
      expect(applied.length).toBe(spec.steps);
    }, 240_000);
  }
});
