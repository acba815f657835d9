import { prismaString } from "../emit/prismaString.js";
import { camelCase, pluralize } from "../naming/caseConversion.js";
import { claimName, type ModelDraft } from "./planModelColumns.js";
import type { PlannedField } from "./PrismaSchemaPlan.js";
import type { RelationRequest } from "./RelationRequest.js";

const pairKey = ({ from, target }: { from: string; target: string }) => (from < target ? `${from}|${target}` : `${target}|${from}`);
const order = (a: RelationRequest, b: RelationRequest) => (a.from !== b.from ? (a.from < b.from ? -1 : 1) : a.property < b.property ? -1 : a.property > b.property ? 1 : 0);

interface RelationRun {
  drafts: Map<string, ModelDraft>;
  /** Relations per pair of models: a pair with more than one, or a self relation, needs names. */
  perPair: Map<string, number>;
  count: number;
}

const idOf = (draft: ModelDraft) => draft.fields.find((f) => f.attributesCode.includes("@id"));

function nameCode({ run, request }: { run: RelationRun; request: RelationRequest }): string | undefined {
  const named = request.from === request.target || (run.perPair.get(pairKey(request)) ?? 0) > 1;
  return named ? prismaString(`${request.from}_${request.field}`) : undefined;
}

/** The foreign key column of a `one` request: the property's own (when its type fits the target's id), else a new one. */
function foreignKey({ request, from, targetId }: { request: RelationRequest; from: ModelDraft; targetId: PlannedField }): PlannedField | undefined {
  const own = request.fkColumn === undefined ? undefined : from.fields.find((f) => f.name === request.fkColumn);
  const native = targetId.attributesCode.filter((a) => a.startsWith("@db."));
  if (own && own.type === targetId.type && !own.list) {
    // A foreign key has its key's database type (PostgreSQL refuses a text column referring to a uuid one).
    own.attributesCode = [...own.attributesCode.filter((a) => !a.startsWith("@db.")), ...native];
    return own;
  }
  if (own) {
    own.notes.push(`named like a key of ${request.target}, but typed ${own.type} where ${request.target}.${targetId.name} is ${targetId.type}: not a relation`);
    if (!request.claimed) return undefined;
  }
  const fk: PlannedField = { name: claimName({ draft: from, wanted: `${request.field}Id` }), type: targetId.type, list: false, optional: !request.required, attributesCode: native, notes: [`the foreign key of ${request.field} (the API nests the ${request.target} object)`] };
  from.fields.push(fk);
  return fk;
}

function addOne({ run, request }: { run: RelationRun; request: RelationRequest }): void {
  const from = run.drafts.get(request.from);
  const target = run.drafts.get(request.target);
  const targetId = target ? idOf(target) : undefined;
  if (!from || !target || !targetId) return;
  const fk = foreignKey({ request, from, targetId });
  if (!fk) return;
  const name = nameCode({ run, request });
  const field = request.claimed ? request.field : claimName({ draft: from, wanted: request.field });
  from.fields.push({ name: field, type: target.name, list: false, optional: fk.optional, attributesCode: [`@relation(${name !== undefined ? `${name}, ` : ""}fields: [${fk.name}], references: [${targetId.name}])`], notes: [], property: request.property });
  const oneToOne = fk.attributesCode.includes("@unique");
  const back = claimName({ draft: target, wanted: oneToOne ? camelCase(request.from) : camelCase(pluralize(request.from)) });
  target.fields.push({ name: back, type: from.name, list: !oneToOne, optional: oneToOne, attributesCode: name !== undefined ? [`@relation(${name})`] : [], notes: [`the other side of ${from.name}.${field}`] });
  run.count++;
}

function addMany({ run, request, pending }: { run: RelationRun; request: RelationRequest; pending: RelationRequest[] }): void {
  const from = run.drafts.get(request.from);
  const target = run.drafts.get(request.target);
  if (!from || !target) return;
  const mirror = request.from === request.target ? undefined : pending.find((q) => q.kind === "many" && q.from === request.target && q.target === request.from);
  if (mirror) pending.splice(pending.indexOf(mirror), 1);
  const name = nameCode({ run, request });
  const attributes = name !== undefined ? [`@relation(${name})`] : [];
  const field = request.claimed ? request.field : claimName({ draft: from, wanted: request.field });
  from.fields.push({ name: field, type: target.name, list: true, optional: false, attributesCode: attributes, notes: [], property: request.property });
  const backName = mirror ? (mirror.claimed ? mirror.field : claimName({ draft: target, wanted: mirror.field })) : claimName({ draft: target, wanted: request.from === request.target ? `${field}Of` : camelCase(pluralize(request.from)) });
  target.fields.push({ name: backName, type: from.name, list: true, optional: false, attributesCode: attributes, notes: mirror ? [] : [`the other side of ${from.name}.${field} (many-to-many)`], ...(mirror ? { property: mirror.property } : {}) });
  run.count++;
}

/**
 * Adds the relation fields the models' properties ask for, with the back-relations that make the schema valid: a
 * foreign key (`authorId`) gets `author Author @relation(...)` and `books Book[]` on Author (a unique foreign key a
 * one-to-one); a list of ids or of nested objects an implicit many-to-many (two requests that mirror each other are
 * one relation). Relations between the same two models, and self relations, are named. In sorted order: the result
 * never depends on the order models or properties were found. Returns how many relations were added.
 */
export function planRelations({ drafts }: { drafts: Map<string, ModelDraft> }): number {
  const pending = [...drafts.values()].flatMap((d) => d.relations).sort(order);
  const perPair = new Map<string, number>();
  for (const r of pending) perPair.set(pairKey(r), (perPair.get(pairKey(r)) ?? 0) + 1);
  for (const r of pending) {
    const mirrored = r.kind === "many" && r.from !== r.target && pending.some((q) => q.kind === "many" && q.from === r.target && q.target === r.from);
    if (mirrored && r.from > r.target) perPair.set(pairKey(r), (perPair.get(pairKey(r)) ?? 1) - 1);
  }
  const run: RelationRun = { drafts, perPair, count: 0 };
  while (pending.length > 0) {
    const request = pending.shift();
    if (!request) break;
    if (request.kind === "one") addOne({ run, request });
    else addMany({ run, request, pending });
  }
  return run.count;
}
