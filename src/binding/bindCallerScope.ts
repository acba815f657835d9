import type { CallerScope, Diagnostic, Model, Operation, RelationField } from "../ir/types.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";
import { squashName } from "../naming/caseConversion.js";
import { actorRelations } from "./actorRelation.js";

type Tail = { kind: "literal"; value: string } | { kind: "param"; name: string };

const relationOf = ({ model, name }: { model: Model; name: string }) => model.fields.find((f): f is RelationField => f.kind === "relation" && f.name === name);

/**
 * `GET /<records>/feed`: the records whose one to-one relation to the user model (`Article.author`) is a user the
 * caller follows (the user model's one relation naming the actors of `follow`, `followers`).
 */
function feedScope({ model, user }: { model: Model; user: Model }): CallerScope | undefined {
  const toUser = model.fields.filter((f): f is RelationField => f.kind === "relation" && !f.isList && f.type === user.name);
  const followers = actorRelations({ model: user, word: "follow", userModel: user.name });
  const [relation] = toUser;
  const [callerIn] = followers;
  return toUser.length === 1 && followers.length === 1 && relation && callerIn ? { relation: relation.name, callerIn: callerIn.name, via: "heuristic" } : undefined;
}

/** `x-vx-scope` checked against the models: the relation exists and ties the records to the caller; else the problem. */
function hintedScope({ hint, model, user, models }: { hint: NonNullable<Operation["scopeHint"]>; model: Model; user: Model; models: ReadonlyMap<string, Model> }): CallerScope | string {
  const relation = relationOf({ model, name: hint.relation });
  if (!relation) return `x-vx-scope names '${hint.relation}', which is no relation of model ${model.name}`;
  if (hint.callerIn === undefined) {
    if (relation.type !== user.name) return `x-vx-scope names ${model.name}.${hint.relation}, which is no relation to the user model ${user.name}: say which of its relations holds the caller with \`callerIn\``;
    return { relation: relation.name, ...(relation.isList ? { many: true as const } : {}), via: "extension" };
  }
  const related = models.get(relation.type);
  const callerIn = related ? relationOf({ model: related, name: hint.callerIn }) : undefined;
  if (relation.isList) return `x-vx-scope with callerIn needs a to-one relation, and ${model.name}.${hint.relation} is a list`;
  if (!related || !callerIn || !callerIn.isList || callerIn.type !== user.name) return `x-vx-scope callerIn names '${hint.callerIn}', which is no to-many relation of ${relation.type} to the user model ${user.name}`;
  return { relation: relation.name, callerIn: callerIn.name, via: "extension" };
}

/**
 * A list scoped to the caller, in a project with accounts (`user`: the user model): `x-vx-scope` on a GET of the
 * collection or of a word after it (VX332 when it names no relation tying the records to the caller), else `GET
 * /<records>/feed` by the feed heuristic. Undefined for any other operation.
 */
export function bindCallerScope({ op, model, tail, user, models, diagnostics }: { op: Operation; model: Model; tail: readonly Tail[]; user: Model | undefined; models: ReadonlyMap<string, Model>; diagnostics: Diagnostic[] }): CallerScope | undefined {
  const listPath = op.method === "get" && (tail.length === 0 || (tail.length === 1 && tail[0]?.kind === "literal"));
  const hint = op.scopeHint;
  if (hint) {
    const scope = listPath && user ? hintedScope({ hint, model, user, models }) : `x-vx-scope applies to a GET of a collection (\`/articles\`, \`/articles/mine\`)${user ? "" : " in a project with accounts (mark the user schema `x-vx-auth: user`)"}`;
    if (typeof scope !== "string") return scope;
    diagnostics.push(createDiagnostic({ code: "VX332", message: scope, location: { file: hint.source.file, pointer: hint.source.pointer }, help: "write `x-vx-scope: { relation: author }`, `{ relation: favoritedBy }` or `{ relation: author, callerIn: followers }` with the Prisma schema's relation names" }));
    return undefined;
  }
  const [segment] = tail;
  if (!user || !listPath || tail.length !== 1 || segment?.kind !== "literal" || squashName(segment.value) !== "feed") return undefined;
  return feedScope({ model, user });
}

/** What `inspect` and the binding's reason say of a scope. */
export function describeScope(scope: CallerScope): string {
  const whose = scope.callerIn !== undefined ? `whose ${scope.relation} has the caller in ${scope.callerIn}` : scope.many ? `whose ${scope.relation} include the caller` : `whose ${scope.relation} is the caller`;
  return `${scope.callerIn !== undefined ? "a feed" : "the caller's records"}: the records ${whose} (${scope.via})`;
}
