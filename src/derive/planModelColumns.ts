import type { ObjectProperty, SchemaNode } from "../ir/types.js";
import { derefSchema } from "../binding/schemaLookup.js";
import { pluralize, squashName } from "../naming/caseConversion.js";
import { columnAttributes } from "./columnAttributes.js";
import type { DeriveContext } from "./DeriveContext.js";
import type { ModelKey } from "./planModelKey.js";
import { enumCandidateOf } from "./planPrismaEnums.js";
import type { PlannedField } from "./PrismaSchemaPlan.js";
import { prismaColumnType } from "./prismaColumnType.js";
import { prismaIdentifier } from "./prismaIdentifier.js";
import type { RelationRequest } from "./RelationRequest.js";

/** One model being planned: its fields so far, the names they use, the relations its properties ask for. */
export interface ModelDraft {
  name: string;
  schema: string;
  fields: PlannedField[];
  /** Lower-cased field names taken (Prisma field names must be unique; case-insensitively to be safe). */
  used: Set<string>;
  relations: RelationRequest[];
  notes: string[];
  /** Enum name -> its first value's Prisma name (for defaults chosen later). */
  enumFirstValue: Map<string, string>;
}

/** A free field name on the draft: `wanted`, else `wanted2`, `wanted3`... (taken at once). */
export function claimName({ draft, wanted }: { draft: ModelDraft; wanted: string }): string {
  let name = wanted;
  for (let n = 2; draft.used.has(name.toLowerCase()); n++) name = `${wanted}${n}`;
  draft.used.add(name.toLowerCase());
  return name;
}

const stripNull = (node: SchemaNode): SchemaNode => (node.kind === "union" ? (node.members.filter((m) => m.kind !== "null").length === 1 ? (node.members.find((m) => m.kind !== "null") ?? node) : node) : node);

/** The model a property refers to as a nested object (`$ref`), or a list of them. */
function refTarget({ node, ctx }: { node: SchemaNode; ctx: DeriveContext }): { target: string; many: boolean } | undefined {
  const outer = stripNull(node);
  const one = (n: SchemaNode) => {
    const inner = stripNull(n);
    const name = inner.kind === "ref" ? inner.name : inner.kind === "intersection" && inner.members.length === 1 && inner.members[0]?.kind === "ref" ? inner.members[0].name : undefined;
    return name !== undefined ? ctx.modelOfSchema.get(name) : undefined;
  };
  const single = one(outer);
  if (single !== undefined) return { target: single, many: false };
  const resolved = derefSchema({ node: outer, schemas: ctx.schemas });
  const item = resolved.kind === "array" ? one(resolved.items) : undefined;
  return item !== undefined ? { target: item, many: true } : undefined;
}

/** `authorId` -> Author, `tagIds` -> Tag (many): a property naming another model's key. */
function keyTarget({ property, ctx, self }: { property: ObjectProperty; ctx: DeriveContext; self: string }): { target: string; stem: string; many: boolean } | undefined {
  const match = /^(.+?)[_-]?(ids|id)$/i.exec(property.name);
  if (!match?.[1] || !match[2]) return undefined;
  const many = match[2].toLowerCase() === "ids";
  const target = ctx.modelOfWord.get(squashName(match[1]));
  if (target === undefined || target === self) return undefined;
  const resolved = derefSchema({ node: stripNull(property.schema), schemas: ctx.schemas });
  if (many !== (resolved.kind === "array")) return undefined;
  return { target, stem: match[1], many };
}

function isReadOnly({ node, ctx }: { node: SchemaNode; ctx: DeriveContext }): boolean {
  return node.readOnly || derefSchema({ node, schemas: ctx.schemas }).readOnly;
}

/** The column of one property (the id's type and default come from the key). */
function column({ property, name, key, ctx, draft }: { property: ObjectProperty; name: string; key: ModelKey; ctx: DeriveContext; draft: ModelDraft }): PlannedField {
  const candidate = enumCandidateOf({ node: property.schema, schemas: ctx.schemas, model: draft.schema, property: property.name });
  const enumPlan = candidate ? ctx.enumOf.get(candidate.original) : undefined;
  const mapped = prismaColumnType({ node: property.schema, schemas: ctx.schemas, provider: ctx.provider, property: property.name, enumName: () => enumPlan?.name });
  const isId = key.idProperty === property.name;
  const notes = mapped.note !== undefined ? [mapped.note] : [];
  const type = isId ? key.idType : mapped.type;
  if (isId && type !== mapped.type) notes.push(`the API types it ${mapped.type}, its path parameter ${type}: the parameter wins`);
  const attributes = columnAttributes({ property, type, mapped, isId, key, enumPlan, readOnly: isReadOnly({ node: property.schema, ctx }), notes });
  return { name, type, list: mapped.list && !isId, optional: attributes.optional, attributesCode: attributes.code, notes, property: property.name };
}

/**
 * The fields of a model from its schema's properties, in the schema's order: columns (typed by `prismaColumnType`,
 * the id by the model's key), and relation requests for nested `$ref`s and `xxxId` / `xxxIds` properties (whose
 * relation fields `planRelations` adds). A model whose API shows no id gets a surrogate `id` first.
 */
export function planModelColumns({ draft, properties, key, ctx }: { draft: ModelDraft; properties: ObjectProperty[]; key: ModelKey; ctx: DeriveContext }): void {
  const names = new Map(properties.map((p) => [p.name, claimName({ draft, wanted: prismaIdentifier({ name: p.name, style: "camel", fallback: "field" }) })]));
  if (key.idProperty === undefined) {
    // The API never shows this key, so the database fills it: uuid() for a String (a path's string parameter), else autoincrement().
    const filled = key.idDefault ?? (key.idType === "String" ? "uuid()" : "autoincrement()");
    draft.fields.push({ name: claimName({ draft, wanted: "id" }), type: key.idType, list: false, optional: false, attributesCode: ["@id", `@default(${filled})`, ...(key.idNativeCode !== undefined ? [key.idNativeCode] : [])], notes: key.notes });
  }
  const refs = new Map<string, string>();
  for (const property of properties) {
    const ref = key.idProperty === property.name ? undefined : refTarget({ node: property.schema, ctx });
    if (ref && !ref.many) refs.set(squashName(`${property.name}id`), property.name);
  }
  for (const property of properties) {
    const name = names.get(property.name) ?? property.name;
    const isId = key.idProperty === property.name;
    const ref = isId ? undefined : refTarget({ node: property.schema, ctx });
    if (ref) {
      draft.relations.push({ from: draft.name, field: name, target: ref.target, kind: ref.many ? "many" : "one", claimed: true, required: property.required && !property.schema.nullable, property: property.name });
      continue;
    }
    const byKey = isId || refs.has(squashName(property.name)) ? undefined : keyTarget({ property, ctx, self: draft.name });
    if (byKey?.many) {
      draft.relations.push({ from: draft.name, field: prismaIdentifier({ name: pluralize(byKey.stem), style: "camel", fallback: "field" }), target: byKey.target, kind: "many", claimed: false, required: false, property: property.name });
      continue;
    }
    const field = column({ property, name, key, ctx, draft });
    if (isId) field.notes.push(...key.notes);
    draft.fields.push(field);
    if (byKey) draft.relations.push({ from: draft.name, field: prismaIdentifier({ name: byKey.stem, style: "camel", fallback: "field" }), target: byKey.target, kind: "one", claimed: false, fkColumn: name, required: !field.optional, property: property.name });
  }
  for (const [fk, refProperty] of refs) {
    const relation = draft.relations.find((r) => r.property === refProperty);
    const existing = properties.find((p) => squashName(p.name) === fk);
    if (relation && existing) relation.fkColumn = names.get(existing.name);
  }
}
