import { createHash } from "node:crypto";
import { basename, resolve } from "node:path";
import type { ApiModel, Diagnostic, NamedSchema, ObjectProperty, SchemaNode } from "../ir/types.js";
import { accountsTables } from "../accounts/addAccounts.js";
import { schemaAffixes } from "../binding/bindOperations.js";
import { derefSchema, objectProperties } from "../binding/schemaLookup.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";
import { prismaString } from "../emit/prismaString.js";
import { allocateNames, type NameCandidate } from "../naming/allocateNames.js";
import { camelCase, pluralize, squashName } from "../naming/caseConversion.js";
import type { SourceDocument } from "../parsers/openapi/SourceDocument.js";
import { getAtPointer, isRecord, splitPointer } from "../parsers/openapi/jsonPointer.js";
import type { DeriveContext } from "./DeriveContext.js";
import { findResources, type Resource } from "./findResources.js";
import { planAccountsColumns } from "./planAccountsColumns.js";
import { planCreateDefaults } from "./planCreateDefaults.js";
import { planModelColumns, type ModelDraft } from "./planModelColumns.js";
import { planModelKey, type ModelKey } from "./planModelKey.js";
import { enumCandidateOf, planPrismaEnum, type EnumCandidate } from "./planPrismaEnums.js";
import { planRelations } from "./planRelations.js";
import type { DerivedProvider, PlannedEnum, PrismaSchemaPlan } from "./PrismaSchemaPlan.js";
import { printPrismaSchema } from "./printPrismaSchema.js";
import { prismaIdentifier } from "./prismaIdentifier.js";

export interface DerivePrismaResult {
  plan: PrismaSchemaPlan;
  /** The schema's text (what `derive prisma` writes). */
  text: string;
  models: number;
  enums: number;
  relations: number;
  /** Guesses commented with `///`. */
  guesses: number;
  diagnostics: Diagnostic[];
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Named object schemas its properties nest (`$ref`, lists of them), transitively: they become models too. */
function nestedSchemas({ roots, schemas }: { roots: string[]; schemas: Map<string, NamedSchema> }): string[] {
  const seen = new Set(roots);
  const queue = [...roots];
  const visit = (node: SchemaNode) => {
    const inner = node.kind === "union" ? node.members.filter((m) => m.kind !== "null") : [node];
    for (const member of inner) {
      const item = member.kind === "ref" ? member : derefSchema({ node: member, schemas });
      const ref = item.kind === "array" ? item.items : item;
      if (ref.kind !== "ref" || seen.has(ref.name) || !objectProperties({ node: ref, schemas })) continue;
      seen.add(ref.name);
      queue.push(ref.name);
    }
  };
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    const named = schemas.get(name);
    for (const property of named ? (objectProperties({ node: named.schema, schemas }) ?? []) : []) visit(property.schema);
  }
  return [...seen].sort(byName);
}

/** A model's name: the schema's, without an affix (`BookResponse` -> `Book`) when its collection says so (`/books`). */
function modelBase({ schema, resource }: { schema: string; resource: Resource | undefined }): string {
  const base = prismaIdentifier({ name: schema, style: "pascal", fallback: "Model" });
  const stripped = squashName(schema).replace(schemaAffixes, "");
  const served = (resource?.collections ?? []).map(squashName);
  if (stripped === "" || stripped === squashName(schema) || served.some((c) => c === squashName(schema) || c === squashName(pluralize(schema)))) return base;
  if (!served.some((c) => c === stripped || c === squashName(pluralize(stripped)))) return base;
  const kept = prismaIdentifier({ name: schema, style: "pascal", fallback: "Model" });
  const at = kept.toLowerCase().indexOf(stripped);
  return at >= 0 ? prismaIdentifier({ name: kept.slice(at, at + stripped.length), style: "pascal", fallback: "Model" }) : base;
}

function rawLookup(sources: readonly SourceDocument[]): (node: SchemaNode) => unknown {
  const byKey = new Map(sources.map((s) => [s.key, s.value]));
  return (node) => {
    const value = byKey.get(resolve(node.source.file)) ?? byKey.get(node.source.file);
    const segments = splitPointer(node.source.pointer.replace(/^#/, ""));
    return value === undefined || !segments ? undefined : getAtPointer({ value, segments });
  };
}

interface Naming {
  models: Map<string, string>;
  enums: Map<string, PlannedEnum>;
}

function nameEverything({ modelSchemas, resources, schemas, diagnostics }: { modelSchemas: string[]; resources: Map<string, Resource>; schemas: Map<string, NamedSchema>; diagnostics: Diagnostic[] }): Naming {
  const enumCandidates = new Map<string, EnumCandidate>();
  for (const schema of modelSchemas) {
    const named = schemas.get(schema);
    for (const property of named ? (objectProperties({ node: named.schema, schemas }) ?? []) : []) {
      const candidate = enumCandidateOf({ node: property.schema, schemas, model: schema, property: property.name });
      if (candidate && !enumCandidates.has(candidate.original)) enumCandidates.set(candidate.original, candidate);
    }
  }
  const candidates: NameCandidate[] = [
    ...modelSchemas.map((schema): NameCandidate => ({ original: schema, base: modelBase({ schema, resource: resources.get(schema) }), source: (schemas.get(schema) as NamedSchema).source, what: "model" })),
    ...[...enumCandidates.values()].map((c): NameCandidate => ({ original: c.original, base: c.base, source: c.node.source, what: "enum" })),
  ];
  const names = allocateNames({ candidates, taken: new Set(accountsTables), diagnostics, help: "rename one of the schemas, or edit the derived Prisma schema" });
  const enums = new Map<string, PlannedEnum>();
  for (const c of [...enumCandidates.values()].sort((a, b) => byName(a.original, b.original))) enums.set(c.original, planPrismaEnum({ name: names.get(c.original) ?? c.base, node: c.node }));
  return { models: new Map(modelSchemas.map((s) => [s, names.get(s) ?? s])), enums };
}

function wordsOf({ naming, resources }: { naming: Naming; resources: Map<string, Resource> }): Map<string, string> {
  const words = new Map<string, string>();
  for (const [schema, model] of [...naming.models.entries()].sort(([a], [b]) => byName(a, b)))
    for (const word of [model, pluralize(camelCase(model)), schema, ...(resources.get(schema)?.collections ?? [])]) if (!words.has(squashName(word))) words.set(squashName(word), model);
  return words;
}

/**
 * A model's properties: its schema's, then those only its collection's request bodies have (`NewPet` adding
 * `callbackUrl`), optional: clients send them, the API never shows them. Bodies in sorted pointer order.
 */
function propertiesOf({ schema, resource, schemas }: { schema: string; resource: Resource | undefined; schemas: Map<string, NamedSchema> }): ObjectProperty[] {
  const own = objectProperties({ node: (schemas.get(schema) as NamedSchema).schema, schemas }) ?? [];
  const known = new Set(own.map((p) => squashName(p.name)));
  const extra: ObjectProperty[] = [];
  const bodies = [...(resource?.bodies ?? [])].sort((a, b) => byName(`${a.source.file}#${a.source.pointer}`, `${b.source.file}#${b.source.pointer}`));
  for (const body of bodies)
    for (const property of objectProperties({ node: body, schemas }) ?? []) {
      if (known.has(squashName(property.name))) continue;
      known.add(squashName(property.name));
      extra.push({ ...property, required: false });
    }
  return [...own, ...extra];
}

function markedUnique({ properties, ctx }: { properties: { name: string; schema: SchemaNode }[]; ctx: DeriveContext }): Set<string> {
  return new Set(properties.filter((p) => { const raw = ctx.rawOf(p.schema); return isRecord(raw) && raw["x-vx-unique"] === true; }).map((p) => p.name));
}

/**
 * Derives a Prisma schema from an OpenAPI document (read into the IR): a model per resource schema (`findResources`)
 * and per named object they nest, ids from the item paths' parameters, columns typed by `prismaColumnType`, enums,
 * relations from `xxxId` / `xxxIds` properties and nested `$ref`s with their back-relations, unique columns from path
 * keys and `x-vx-unique`, and a `///` comment on every guess. Names from the naming module's `allocateNames`, sorted:
 * the output never depends on the order of the document. Returns data and text, never writes.
 */
export function derivePrisma({ api, sources = [], provider, file }: { api: ApiModel; sources?: readonly SourceDocument[]; provider: DerivedProvider; file: string }): DerivePrismaResult {
  const diagnostics: Diagnostic[] = [];
  const found = findResources(api);
  // A resource written inline (`$ref`s to whole files are read inline) is a named schema here, named after its path.
  const inline = found.flatMap((r): NamedSchema[] => (r.inline ? [{ kind: "namedSchema", name: r.schema, schema: r.inline, jsonSchema: null, source: r.inline.source }] : []));
  const schemas = new Map([...api.schemas, ...inline].map((s) => [s.name, s]));
  const resources = new Map(found.map((r) => [r.schema, r]));
  const modelSchemas = nestedSchemas({ roots: found.map((r) => r.schema), schemas });
  const naming = nameEverything({ modelSchemas, resources, schemas, diagnostics });
  const ctx: DeriveContext = { schemas, provider, modelOfSchema: naming.models, modelOfWord: wordsOf({ naming, resources }), enumOf: naming.enums, rawOf: rawLookup(sources) };
  const enumFirstValue = new Map([...naming.enums.values()].flatMap((e) => (e.values[0] ? [[e.name, e.values[0].name] as const] : [])));
  const drafts = new Map<string, ModelDraft>();
  const keys = new Map<string, { key: ModelKey; properties: ReturnType<typeof objectProperties> }>();
  for (const schema of modelSchemas) {
    const name = naming.models.get(schema) ?? schema;
    const properties = propertiesOf({ schema, resource: resources.get(schema), schemas });
    const key = planModelKey({ model: name, keys: resources.get(schema)?.keys ?? [], properties, schemas, markedUnique: markedUnique({ properties, ctx }), provider });
    keys.set(schema, { key, properties });
    drafts.set(name, { name, schema, fields: [], used: new Set(), relations: [], notes: resources.has(schema) ? [] : ["vx-gen guessed: no collection serves it; a model because another model nests it"], enumFirstValue });
  }
  for (const draft of drafts.values()) {
    const planned = keys.get(draft.schema);
    if (planned) planModelColumns({ draft, properties: planned.properties ?? [], key: planned.key, ctx });
    if (schemas.get(draft.schema)?.authRole === "user") planAccountsColumns({ draft });
    planCreateDefaults({ draft, createBodies: resources.get(draft.schema)?.createBodies ?? [], schemas });
  }
  const relations = planRelations({ drafts });
  const models = [...drafts.values()].sort((a, b) => byName(a.name, b.name)).map((d) => ({ name: d.name, schema: d.schema, fields: d.fields, ...tableName(d) }));
  const enums = [...naming.enums.values()].sort((a, b) => byName(a.name, b.name));
  const plan: PrismaSchemaPlan = { provider, from: basename(file), models, enums };
  const guesses = models.reduce((n, m) => n + m.notes.length + m.fields.reduce((k, f) => k + f.notes.length, 0), 0) + enums.reduce((n, e) => n + e.notes.length, 0);
  diagnostics.push(...summary({ file, models: models.length, enums: enums.length, relations, guesses }));
  return { plan, text: printPrismaSchema(plan), models: models.length, enums: enums.length, relations, guesses, diagnostics };
}

/** Longest table name kept: PostgreSQL cuts identifiers at 63 bytes, so `<table>_pkey` of two long names could collide. */
const longestTable = 40;

/** A long model's table: its name cut, with a hash of the whole name, so constraint names stay short and distinct. */
function tableName(draft: ModelDraft): { notes: string[]; mapCode?: string } {
  if (draft.name.length <= longestTable) return { notes: draft.notes };
  const table = `${draft.name.slice(0, longestTable - 9)}_${createHash("sha256").update(draft.name).digest("hex").slice(0, 8)}`;
  return { notes: [...draft.notes, `vx-gen guessed: the table is ${table}: database constraint names are cut at 63 characters`], mapCode: `@@map(${prismaString(table)})` };
}

function summary({ file, models, enums, relations, guesses }: { file: string; models: number; enums: number; relations: number; guesses: number }): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (models === 0)
    out.push(createDiagnostic({ code: "VX622", message: `the OpenAPI document ${file} has no collection path exchanging a named object schema: the derived Prisma schema has no model`, location: { file }, help: "CRUD-shaped paths look like `/books` and `/books/{bookId}` answering `$ref: '#/components/schemas/Book'`" }));
  if (guesses > 0) out.push(createDiagnostic({ code: "VX621", message: `the derived Prisma schema makes ${guesses} guesses the document does not settle; each is a \`/// vx-gen guessed:\` comment on its model or field`, location: { file } }));
  out.push(createDiagnostic({ code: "VX620", message: `derived ${models} models, ${enums} enums and ${relations} relations from the OpenAPI document ${file}`, location: { file } }));
  return out;
}
