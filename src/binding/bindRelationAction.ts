import type { Diagnostic, HttpMethod, Model, Operation, RelationAction, RelationField } from "../ir/types.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";
import { pluralize, squashName } from "../naming/caseConversion.js";
import { actorRelations } from "./actorRelation.js";

/** A path segment after the record's key: a literal word or a parameter. */
export type TailSegment = { kind: "literal"; value: string } | { kind: "param"; name: string };

/** What the relation action found: the action and its relation, or nothing (another shape). */
export type RelationActionMatch = { action: "connect" | "disconnect"; relation: RelationAction; why: string };

const actions: Partial<Record<HttpMethod, "connect" | "disconnect">> = { post: "connect", put: "connect", delete: "disconnect" };

/** A to-many relation whose other side is a list too: a many-to-many (implicit or self) relation, connectable by key. */
function manyToMany({ relation, models }: { relation: RelationField; models: ReadonlyMap<string, Model> }): boolean {
  if (!relation.isList) return false;
  const other = models.get(relation.type);
  return other?.fields.some((f) => f.kind === "relation" && f.relationName === relation.relationName && f.isList && f !== relation) ?? false;
}

function relationNamed({ model, name }: { model: Model; name: string }): RelationField | undefined {
  const field = model.fields.find((f) => f.kind === "relation" && f.name === name);
  return field?.kind === "relation" ? field : undefined;
}

/** The to-many relation a literal names by its name or plural (`tags`, `tag` -> `Article.tags`). */
function relationBySegment({ model, segment }: { model: Model; segment: string }): RelationField | undefined {
  const word = squashName(segment);
  const plural = squashName(pluralize(segment));
  const found = model.fields.filter((f): f is RelationField => f.kind === "relation" && f.isList && (squashName(f.name) === word || squashName(f.name) === plural));
  return found.length === 1 ? found[0] : undefined;
}

function problem({ op, message, code, help }: { op: Operation; message: string; code: "VX321" | "VX322"; help: string }): Diagnostic {
  const pointer = op.relationHint ? op.relationHint.source.pointer : op.source.pointer;
  return createDiagnostic({ code, message, location: { file: op.source.file, pointer }, help });
}

/**
 * `POST|PUT|DELETE /<records>/{key}/<verb>`: the caller joins or leaves the record's relation that lists the verb's
 * actors (`/articles/{slug}/favorite` -> `Article.favoritedBy`, `/profiles/{username}/follow` -> `User.followers`),
 * a many-to-many relation to the user model; `x-vx-relation` names it outright.
 */
function callerAction({ op, model, verb, models, userModel, diagnostics }: { op: Operation; model: Model; verb: string; models: ReadonlyMap<string, Model>; userModel: string | undefined; diagnostics: Diagnostic[] }): RelationActionMatch | undefined {
  const action = actions[op.method];
  if (!action) return undefined;
  const hint = op.relationHint?.relation;
  if (hint !== undefined) {
    const relation = relationNamed({ model, name: hint });
    if (!relation || !manyToMany({ relation, models }) || relation.type !== userModel) {
      const why = userModel === undefined ? "the project has no accounts (mark the user schema `x-vx-auth: user`), so no caller is known" : `it is not a many-to-many relation of ${model.name} to the user model ${userModel}`;
      diagnostics.push(problem({ op, code: "VX321", message: `x-vx-relation of ${op.method.toUpperCase()} ${op.path} names '${hint}': ${why}`, help: "name a many-to-many relation of the bound model to the user model (`favoritedBy User[]`)" }));
      return undefined;
    }
    return { action, relation: { relation: hint, target: { kind: "caller" }, via: "extension" }, why: `x-vx-relation: ${hint}` };
  }
  if (userModel === undefined) return undefined;
  const found = actorRelations({ model, word: verb, userModel }).filter((relation) => manyToMany({ relation, models }));
  if (found.length > 1) {
    diagnostics.push(problem({ op, code: "VX322", message: `${op.method.toUpperCase()} ${op.path}: '${verb}' names ${found.map((f) => `${model.name}.${f.name}`).join(" and ")}; it is served by a handler you write`, help: "say which with `x-vx-relation: <relation>` on the operation" }));
    return undefined;
  }
  const [only] = found;
  return only ? { action, relation: { relation: only.name, target: { kind: "caller" }, via: "heuristic" }, why: `'${verb}' names the caller's relation ${model.name}.${only.name}` } : undefined;
}

/**
 * `PUT|POST|DELETE /<records>/{key}/<relation>/{relatedKey}`: the related record the last parameter selects (by its id
 * or a unique field) joins or leaves the relation (`/articles/{slug}/tags/{name}` -> `Article.tags`, `Tag.name`).
 */
function pathAction({ op, model, segment, parameter, models, matchKey, diagnostics }: { op: Operation; model: Model; segment: string; parameter: string; models: ReadonlyMap<string, Model>; matchKey: (input: { parameter: string; model: Model }) => string | undefined; diagnostics: Diagnostic[] }): RelationActionMatch | undefined {
  const action = actions[op.method];
  if (!action) return undefined;
  const hint = op.relationHint?.relation;
  const relation = hint !== undefined ? relationNamed({ model, name: hint }) : relationBySegment({ model, segment });
  const related = relation ? models.get(relation.type) : undefined;
  const field = related ? matchKey({ parameter, model: related }) : undefined;
  if (!relation || !related || !manyToMany({ relation, models }) || field === undefined) {
    if (hint !== undefined) diagnostics.push(problem({ op, code: "VX321", message: `x-vx-relation of ${op.method.toUpperCase()} ${op.path} names '${hint}', which is not a many-to-many relation of ${model.name} whose records {${parameter}} selects`, help: "name a many-to-many relation of the bound model, and the related record's id or unique field as the last path parameter" }));
    return undefined;
  }
  const via = hint !== undefined ? "extension" : "heuristic";
  return { action, relation: { relation: relation.name, target: { kind: "path", parameter, field }, via }, why: `${hint !== undefined ? `x-vx-relation: ${hint}` : `'${segment}' names ${model.name}.${relation.name}`}, {${parameter}} selects ${related.name}.${field}` };
}

/**
 * The relation action of an operation on a record's sub-path (`tail`: the segments after the record's key), or
 * undefined when the path is not one: `/<verb>` for the caller, `/<relation>/{key}` for a path record.
 */
export function bindRelationAction({ op, model, tail, models, userModel, matchKey, diagnostics }: { op: Operation; model: Model; tail: TailSegment[]; models: ReadonlyMap<string, Model>; userModel: string | undefined; matchKey: (input: { parameter: string; model: Model }) => string | undefined; diagnostics: Diagnostic[] }): RelationActionMatch | undefined {
  const [first, second] = tail;
  if (tail.length === 1 && first?.kind === "literal") return callerAction({ op, model, verb: first.value, models, userModel, diagnostics });
  if (tail.length === 2 && first?.kind === "literal" && second?.kind === "param") return pathAction({ op, model, segment: first.value, parameter: second.name, models, matchKey, diagnostics });
  return undefined;
}
