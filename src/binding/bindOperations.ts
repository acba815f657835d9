import type {
  ApiModel,
  Binding,
  DbModel,
  Diagnostic,
  HttpMethod,
  Model,
  NamedSchema,
  Operation,
  OperationAction,
  RelationField,
  ScalarField,
  SchemaNode,
} from "../ir/types.js";
import { isDeepStrictEqual } from "node:util";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";
import { checkFilterHints } from "./checkFilterHints.js";
import { bindOwner, ownerConflicts, ownerWithoutSubject } from "./bindOwner.js";
import { rateLimitWithoutApiKey } from "./rateLimitWithoutApiKey.js";
import { bindEnvelopes, describeEnvelopes, type BoundEnvelopes } from "./bindEnvelopes.js";
import { bindRelationAction } from "./bindRelationAction.js";
import { bindSignIn, type SignInColumns } from "./bindSignIn.js";
import { bindCallerScope, describeScope } from "./bindCallerScope.js";
import { bindCallerColumn } from "./bindCallerColumn.js";
import { responseRecordSchema } from "./envelopeNodes.js";
import { camelCase, pluralize, squashName } from "../naming/caseConversion.js";
import {
  collectionItemSchema,
  derefSchema,
  indexSchemas,
  objectProperties,
  jsonContentSchema,
  schemaName,
  successResponseSchema,
} from "./schemaLookup.js";

/** Suffixes and prefixes API schema names add to a model's name (`BookResponse`, `NewPet`, `CreateBookInput`). */
export const schemaAffixes =
  /^(new|create|update|patch|replace|put)|(response|request|input|dto|body|payload|create|update|patch|data|item|resource|model|entity|out|in|read|write|detail|details)$/;

export interface ModelIndex {
  /** squashed singular and plural names -> model */
  byWord: Map<string, Model>;
  byName: Map<string, Model>;
}

export function indexModels(db: DbModel): ModelIndex {
  const byWord = new Map<string, Model>();
  const byName = new Map<string, Model>();
  // Views after models, so a model wins a name clash; each sorted by name, so the result is order-independent.
  for (const model of [...db.models, ...db.views]) {
    byName.set(model.name, model);
    for (const word of [
      model.name,
      pluralize(camelCase(model.name)),
      model.dbName,
      pluralize(camelCase(model.dbName)),
    ]) {
      const key = squashName(word);
      if (!byWord.has(key)) byWord.set(key, model);
    }
  }
  return { byWord, byName };
}

/** The model an API schema name stands for: exact name, then with common affixes stripped, up to two rounds. */
function modelForSchemaName({ name, index }: { name: string; index: ModelIndex }): Model | undefined {
  let key = squashName(name);
  for (let round = 0; round < 3; round++) {
    const model = index.byWord.get(key);
    if (model) return model;
    const stripped = key.replace(schemaAffixes, "");
    if (stripped === key || stripped === "") return undefined;
    key = stripped;
  }
  return undefined;
}

type Segment = { kind: "literal"; value: string } | { kind: "param"; name: string };

function parsePath(path: string): Segment[] {
  return path
    .split("/")
    .filter((s) => s.length > 0)
    .map((s) => {
      const match = /^\{([^}]+)\}$/.exec(s);
      return match?.[1] !== undefined
        ? { kind: "param" as const, name: match[1] }
        : { kind: "literal" as const, value: s };
    });
}

function scalarFields(model: Model): ScalarField[] {
  return model.fields.filter((f): f is ScalarField => f.kind === "scalar");
}

/** Single fields that identify one record: the single-field primary key first, then single-field uniques. */
function keyFields(model: Model): string[] {
  const keys: string[] = [];
  if (model.primaryKey && model.primaryKey.fields.length === 1 && model.primaryKey.fields[0])
    keys.push(model.primaryKey.fields[0]);
  for (const unique of model.uniques)
    if (unique.fields.length === 1 && unique.fields[0] && !keys.includes(unique.fields[0])) keys.push(unique.fields[0]);
  return keys;
}

/** Matches a path parameter to a key field: `{id}`, `{slug}`, `{bookId}` -> Book.id, `{book_slug}` -> Book.slug. */
function matchKeyField({ parameter, model }: { parameter: string; model: Model }): string | undefined {
  const keys = keyFields(model);
  const param = squashName(parameter);
  const modelWord = squashName(model.name);
  const fieldsByWord = new Map<string, string>();
  for (const field of scalarFields(model)) {
    fieldsByWord.set(squashName(field.name), field.name);
    fieldsByWord.set(squashName(field.dbName), field.name);
  }
  const candidates = [param];
  if (param.startsWith(modelWord) && param.length > modelWord.length) candidates.push(param.slice(modelWord.length));
  for (const candidate of candidates) {
    const field = fieldsByWord.get(candidate);
    if (field && keys.includes(field)) return field;
  }
  // `{petId}` on a model whose single key is named otherwise (e.g. `uuid`): the only key is meant.
  if (/id$/.test(param) && keys.length > 0 && model.primaryKey?.fields.length === 1) return model.primaryKey.fields[0];
  return undefined;
}

/**
 * Matches the path parameters right after the collection (`/memberships/{userId}/{groupId}`) to the fields of a compound
 * `@@id` or `@@unique`: each parameter names one of its fields (`{userId}` or `{user_id}` -> userId), together all of
 * them. The pairs in the compound's field order, or undefined.
 */
function matchCompoundKey({ segments, model }: { segments: Segment[]; model: Model }): { parameter: string; field: string }[] | undefined {
  const end = segments.findIndex((segment) => segment.kind !== "param");
  const parameters = segments.slice(0, end < 0 ? segments.length : end).map((segment) => (segment.kind === "param" ? segment.name : ""));
  if (parameters.length < 2) return undefined;
  const fieldsByWord = new Map<string, string>();
  for (const field of scalarFields(model)) {
    fieldsByWord.set(squashName(field.dbName), field.name);
    fieldsByWord.set(squashName(field.name), field.name);
  }
  for (const field of model.fields.filter((f) => f.kind === "enum")) fieldsByWord.set(squashName(field.name), field.name);
  const compounds = [...(model.primaryKey ? [model.primaryKey.fields] : []), ...model.uniques.map((u) => u.fields)].filter((fields) => fields.length === parameters.length);
  for (const fields of compounds) {
    const matched = new Map<string, string>();
    for (const parameter of parameters) {
      const field = fieldsByWord.get(squashName(parameter));
      if (field !== undefined && fields.includes(field) && !matched.has(field)) matched.set(field, parameter);
    }
    if (matched.size === fields.length) return fields.map((field) => ({ parameter: matched.get(field) ?? "", field }));
  }
  return undefined;
}

const collectionActions: Partial<Record<HttpMethod, OperationAction>> = { get: "list", post: "create" };
const itemActions: Partial<Record<HttpMethod, OperationAction>> = {
  get: "get",
  put: "replace",
  patch: "update",
  delete: "delete",
};
/** Actions that write; a view only serves reads. */
const writeActions = new Set<OperationAction>(["create", "update", "replace", "delete", "connect", "disconnect"]);

interface ModelChoice {
  model: Model;
  via: "extension" | "heuristic";
  why: string;
}

function chooseModel({
  op,
  segments,
  index,
  schemas,
  diagnostics,
}: {
  op: Operation;
  segments: Segment[];
  index: ModelIndex;
  schemas: Map<string, NamedSchema>;
  diagnostics: Diagnostic[];
}): ModelChoice | { unbound: string } {
  if (op.modelHint !== undefined) {
    const model = index.byName.get(op.modelHint);
    if (model) return { model, via: "extension", why: `x-vx-model: ${op.modelHint} on the operation` };
    diagnostics.push(
      createDiagnostic({
        code: "VX300",
        message: `x-vx-model names '${op.modelHint}', which is not a model of the Prisma schema`,
        location: { file: op.source.file, pointer: `${op.source.pointer}/x-vx-model` },
        help: `models: ${[...index.byName.keys()].slice(0, 12).join(", ")}${index.byName.size > 12 ? ", ..." : ""}`,
      }),
    );
    return { unbound: `x-vx-model names unknown model '${op.modelHint}'` };
  }

  // The schemas the operation exchanges: request body, success response, or one item of a collection response.
  const exchanged: { name: string; where: string }[] = [];
  const body = op.requestBody ? jsonContentSchema(op.requestBody.content) : undefined;
  const response = successResponseSchema(op);
  for (const [node, where] of [
    [body, "request body"],
    [response, "response"],
    [response ? collectionItemSchema({ node: response, schemas }) : undefined, "response items"],
    [body ? wrappedSchema({ node: body, schemas }) : undefined, "request envelope"],
    [response ? wrappedSchema({ node: response, schemas }) : undefined, "response envelope"],
  ] as const) {
    if (!node) continue;
    const name = schemaName({ node, schemas });
    if (name) exchanged.push({ name, where });
  }
  for (const { name, where } of exchanged) {
    const hint = schemas.get(name)?.modelHint;
    if (hint === undefined) continue;
    const model = index.byName.get(hint);
    if (model) return { model, via: "extension", why: `x-vx-model: ${hint} on schema ${name} (${where})` };
    const schema = schemas.get(name);
    diagnostics.push(
      createDiagnostic({
        code: "VX300",
        message: `x-vx-model on schema '${name}' names '${hint}', which is not a model of the Prisma schema`,
        ...(schema ? { location: { file: schema.source.file, pointer: `${schema.source.pointer}/x-vx-model` } } : {}),
      }),
    );
  }

  // The last literal path segment naming a model decides; the schema names confirm or stand in for it.
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i];
    if (segment?.kind !== "literal") continue;
    const model = index.byWord.get(squashName(segment.value));
    if (model) return { model, via: "heuristic", why: `path segment '${segment.value}' names model ${model.name}` };
  }
  for (const { name, where } of exchanged) {
    const model = modelForSchemaName({ name, index });
    if (model) return { model, via: "heuristic", why: `${where} schema ${name} matches model ${model.name}` };
  }
  const seen = exchanged.map((e) => `${e.where} schema ${e.name}`).join(", ");
  return { unbound: `no model matches the path${seen ? ` or ${seen}` : ""}` };
}

/** `/user` (the user model's name, singular) or `/me`: a path of the caller's own record, in a project with accounts. */
function callerRecordPath({ op, model, segment, userModel }: { op: Operation; model: Model; segment: Segment | undefined; userModel: string | undefined }): boolean {
  if (userModel !== model.name || segment?.kind !== "literal" || !["get", "put", "patch"].includes(op.method)) return false;
  const word = squashName(segment.value);
  return word === squashName(model.name) || word === "me";
}

/** The schema an object with one property wraps (`{ profile: Profile }` -> `Profile`), when that property is a reference. */
function wrappedSchema({ node, schemas }: { node: SchemaNode; schemas: Map<string, NamedSchema> }): SchemaNode | undefined {
  const properties = objectProperties({ node, schemas });
  const [only] = properties ?? [];
  return properties?.length === 1 && only?.schema.kind === "ref" ? only.schema : undefined;
}

/** Finds the relation field of `model` pointing at `parent` that carries the foreign key. */
function relationTo({ model, parent }: { model: Model; parent: Model }): RelationField | undefined {
  const candidates = model.fields.filter(
    (f): f is RelationField =>
      f.kind === "relation" && f.type === parent.name && !f.isList && f.fromFields.length === 1,
  );
  return candidates.length === 1 ? candidates[0] : undefined;
}

/**
 * Why the documented shapes do not fit a CRUD action (so the operation is bound as custom), or undefined when they fit:
 * a list must answer an array, a page or a column list; get/create/update/replace answer one object (inside its
 * envelope when there is one); a named schema that stands for another model than the path's is a mismatch too.
 */
function shapeMismatch({
  op,
  action,
  model,
  index,
  schemas,
  envelopes,
}: {
  op: Operation;
  action: OperationAction;
  model: Model;
  index: ModelIndex;
  schemas: Map<string, NamedSchema>;
  envelopes: BoundEnvelopes;
}): string | undefined {
  const response = successResponseSchema(op);
  const envelope = envelopes.responseEnvelope;
  if (action === "list") {
    if (!response) return "a list must document a JSON success response";
    if (envelope?.kind === "columnList") return undefined;
    const item = responseRecordSchema({ op, envelope, list: true, schemas });
    if (!item) return "the success response is not an array or a page object with one array property";
    const itemName = schemaName({ node: item, schemas });
    const itemModel = itemName ? modelForSchemaName({ name: itemName, index }) : undefined;
    if (itemModel && itemModel !== model)
      return `the response items are ${itemName}, which stands for model ${itemModel.name}`;
    return undefined;
  }
  if (action === "delete" || !response) return undefined;
  const record = responseRecordSchema({ op, envelope, list: false, schemas }) ?? response;
  const resolved = derefSchema({ node: record, schemas });
  if (resolved.kind === "array") return `${action} answers an array, not one ${model.name}`;
  const name = schemaName({ node: record, schemas });
  const responseModel = name ? modelForSchemaName({ name, index }) : undefined;
  if (responseModel && responseModel !== model)
    return `the response is ${name}, which stands for model ${responseModel.name}`;
  return undefined;
}

function classify({
  op,
  segments,
  choice,
  index,
  schemas,
  userModel,
  signInColumns,
  diagnostics,
}: {
  op: Operation;
  segments: Segment[];
  choice: ModelChoice;
  index: ModelIndex;
  schemas: Map<string, NamedSchema>;
  userModel: string | undefined;
  /** The accounts' columns: the spec's own sign-up and login bind to them. */
  signInColumns: SignInColumns | undefined;
  diagnostics: Diagnostic[];
}): Binding {
  const { model } = choice;
  const base = { kind: "bound" as const, model: model.name, via: choice.via };
  let at = -1;
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i];
    if (segment?.kind === "literal" && index.byWord.get(squashName(segment.value)) === model) {
      at = i;
      break;
    }
  }
  // An explicit x-vx-model on a path that does not name the model (`/bestsellers`): its last literal segment is the
  // collection. A heuristic match through schema names alone stays custom: the path says nothing about the action.
  // `/profiles/{username}/follow`: a verb after the record's key, the collection before it (a relation action).
  const last = segments.length - 1;
  const verbAfterKey = segments[last]?.kind === "literal" && segments[last - 1]?.kind === "param" && segments[last - 2]?.kind === "literal" && op.method !== "get";
  if (at < 0 && choice.via === "extension") at = verbAfterKey ? last - 2 : segments.findLastIndex((segment) => segment.kind === "literal");
  if (at < 0) return { ...base, action: "custom", reason: `${choice.why}; the path has no collection segment for it` };

  const rest = segments.slice(at + 1);
  // `GET|PUT|PATCH /user` (singular, the user model) or `/me`: the caller's own record.
  const self = rest.length === 0 && callerRecordPath({ op, model, segment: segments[at], userModel });
  if (self) {
    const selfAction = itemActions[op.method];
    const envelopes = selfAction ? bindEnvelopes({ op, action: selfAction, model, schemas, diagnostics }) : {};
    const mismatch = selfAction ? shapeMismatch({ op, action: selfAction, model, index, schemas, envelopes }) : "no action";
    if (selfAction && !mismatch && selfAction !== "delete") {
      const explained = describeEnvelopes({ envelopes, model: model.name });
      return { ...base, action: selfAction, callerRecord: true, ...envelopes, reason: `${choice.why}; ${op.method.toUpperCase()} ${op.path} is ${selfAction} of the caller's own ${model.name}${explained.map((line) => `; ${line}`).join("")}` };
    }
  }
  // `POST /users` (a sign-up sending a password), `POST /users/login`: the accounts serve them.
  const signIn = bindSignIn({ op, model, tail: rest, schemas, columns: signInColumns });
  if (signIn?.ok) return { ...base, action: signIn.action, signIn: signIn.signIn, ...signIn.envelopes, reason: `${choice.why}; ${signIn.why}` };
  if (signIn) {
    diagnostics.push(createDiagnostic({ code: "VX331", message: signIn.why, location: { file: op.source.file, pointer: op.source.pointer }, help: "send exactly what the accounts take (the identifier, password and the columns registration asks for), or write the handler yourself" }));
    return { ...base, action: "custom", reason: `${choice.why}; ${signIn.why}` };
  }
  let action: OperationAction | undefined;
  let key: { parameter: string; field: string } | undefined;
  const compoundKey = rest[0]?.kind === "param" ? matchCompoundKey({ segments: rest, model }) : undefined;
  if (rest.length === 0) action = collectionActions[op.method];
  else if (compoundKey) {
    if (rest.length === compoundKey.length) action = itemActions[op.method];
  } else if (rest[0]?.kind === "param") {
    const field = matchKeyField({ parameter: rest[0].name, model });
    if (field === undefined) {
      diagnostics.push(
        createDiagnostic({
          code: "VX309",
          message: `path parameter '${rest[0].name}' of ${op.method.toUpperCase()} ${op.path} matches no id or unique field of model ${model.name}`,
          location: { file: op.source.file, pointer: op.source.pointer },
          related: [
            {
              message: `model ${model.name}`,
              location: { file: model.source.file, line: model.source.line, column: model.source.column },
            },
          ],
          help: `name the parameter after a unique field (${keyFields(model).join(", ") || "the model has none"}) or add x-vx-model to bind it explicitly`,
        }),
      );
      return {
        kind: "unbound",
        reason: `${choice.why}, but path parameter '${rest[0].name}' matches no id or unique field`,
      };
    }
    key = { parameter: rest[0].name, field };
    if (rest.length === 1) action = itemActions[op.method];
  }
  // A list scoped to the caller (`GET /articles/feed`: the articles of authors the caller follows).
  const user = userModel === undefined ? undefined : index.byName.get(userModel);
  const scope = bindCallerScope({ op, model, tail: rest, user, models: index.byName, diagnostics });
  if (scope) action = "list";
  // A relation action on the record (`POST /articles/{slug}/favorite`, `DELETE /articles/{slug}/tags/{name}`).
  const related = key && rest.length > 1 ? bindRelationAction({ op, model, tail: rest.slice(1), models: index.byName, userModel, matchKey: matchKeyField, diagnostics }) : undefined;
  if (related) action = related.action;

  let parent: Extract<Binding, { kind: "bound" }>["parent"];
  const parentParam = segments[at - 1];
  const parentLiteral = segments[at - 2];
  if (parentParam?.kind === "param" && parentLiteral?.kind === "literal") {
    const parentModel = index.byWord.get(squashName(parentLiteral.value));
    const relation = parentModel ? relationTo({ model, parent: parentModel }) : undefined;
    const parentField = parentModel ? matchKeyField({ parameter: parentParam.name, model: parentModel }) : undefined;
    if (parentModel && relation && parentField && relation.toFields[0] === parentField) {
      parent = {
        model: parentModel.name,
        parameter: parentParam.name,
        field: parentField,
        relationField: relation.name,
      };
    } else {
      // `/articles/{slug}/tags/{name}`: not Tag's nested route but a relation action on the Article.
      const onParent = parentModel && parentModel !== model && rest.length === 1 && op.method !== "get";
      const parentChoice: ModelChoice | undefined = onParent ? { model: parentModel, via: "heuristic", why: `path segment '${parentLiteral.value}' names model ${parentModel.name}` } : undefined;
      // Its diagnostics count only when it is one.
      const trial: Diagnostic[] = [];
      const viaParent = parentChoice ? classify({ op, segments, choice: parentChoice, index, schemas, userModel, signInColumns, diagnostics: trial }) : undefined;
      if (viaParent?.kind === "bound" && viaParent.relation) {
        diagnostics.push(...trial);
        return viaParent;
      }
      return {
        ...base,
        action: "custom",
        ...(key ? { key } : {}),
        ...(compoundKey ? { compoundKey } : {}),
        reason: `${choice.why}; nested under ${parentLiteral.value}/{${parentParam.name}} with no matching relation`,
      };
    }
  }

  if (action && model.kind === "view" && writeActions.has(action)) {
    return {
      ...base,
      action: "custom",
      ...(key ? { key } : {}),
      ...(compoundKey ? { compoundKey } : {}),
      reason: `${choice.why}; ${model.name} is a view, which only serves reads`,
    };
  }
  if (!related && op.relationHint && !diagnostics.some((d) => d.code === "VX321" && d.location?.pointer === op.relationHint?.source.pointer)) {
    diagnostics.push(
      createDiagnostic({
        code: "VX321",
        message: `x-vx-relation on ${op.method.toUpperCase()} ${op.path}: the path is not a relation action (/<records>/{key}/<verb> or /<records>/{key}/<relation>/{key}) with POST, PUT or DELETE`,
        location: { file: op.source.file, pointer: op.relationHint.source.pointer },
        help: "use x-vx-relation on an operation such as POST /articles/{slug}/favorite or PUT /articles/{slug}/tags/{name}",
      }),
    );
  }
  // A relation action answers the record as a get does (or nothing).
  const shapeAction = action === "connect" || action === "disconnect" ? "get" : action;
  const envelopes = shapeAction ? bindEnvelopes({ op, action: shapeAction, model, schemas, diagnostics }) : {};
  const mismatch = shapeAction ? shapeMismatch({ op, action: shapeAction, model, index, schemas, envelopes }) : undefined;
  if (mismatch)
    return {
      ...base,
      action: "custom",
      ...(key ? { key } : {}),
      ...(compoundKey ? { compoundKey } : {}),
      ...(parent ? { parent } : {}),
      reason: `${choice.why}; ${mismatch}`,
    };
  const finalAction = action ?? "custom";
  const keyLength = compoundKey?.length ?? 1;
  const shape = rest.length === 0 ? "collection" : rest.length === keyLength ? "item" : "item sub-resource";
  const explained = [...(related ? [related.why] : []), ...(scope ? [describeScope(scope)] : []), ...describeEnvelopes({ envelopes, model: model.name })];
  return {
    ...base,
    action: finalAction,
    ...(key ? { key } : {}),
    ...(compoundKey ? { compoundKey } : {}),
    ...(parent ? { parent } : {}),
    ...(related ? { relation: related.relation } : {}),
    ...(scope ? { scope } : {}),
    ...envelopes,
    reason: `${choice.why}; ${op.method.toUpperCase()} on the ${shape} path${parent ? ` under ${parent.model}` : ""} is ${finalAction}${explained.map((line) => `; ${line}`).join("")}`,
  };
}

/** Bound operations of earlier runs: an operation bound the same way as last run is the very same object. */
const boundCopies = new WeakMap<Operation, { binding: Binding; result: Operation }>();

/** The binding of every operation of a spec read without a Prisma schema: one object (IR objects are never changed). */
const noDbBinding: Binding = Object.freeze({ kind: "unbound", reason: "no Prisma schema given" });

function boundOperation({ op, binding }: { op: Operation; binding: Binding }): Operation {
  const kept = boundCopies.get(op);
  if (kept && (kept.binding === binding || isDeepStrictEqual(kept.binding, binding))) return kept.result;
  const result = { ...op, binding };
  boundCopies.set(op, { binding, result });
  return result;
}

/**
 * Binds every operation to a model (or records why not). Deterministic: depends only on the operation, the path and
 * the models, never on the order operations are visited. Returns a new ApiModel; the input is not changed.
 */
export function bindOperations({
  api,
  db,
  apiKeySubjects = false,
  userModel,
  signIn,
}: {
  api: ApiModel;
  db: DbModel | null;
  /** API keys may name an owner (the VxApiKey table): no VX130 for them. */
  apiKeySubjects?: boolean;
  /** The accounts' user model: relation actions connect the caller's record of it. */
  userModel?: string;
  /** The accounts' columns: the spec's own sign-up and login (`POST /users`, `POST /users/login`) bind to them. */
  signIn?: SignInColumns;
}): {
  api: ApiModel;
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = rateLimitWithoutApiKey({ operations: api.operations, schemes: api.securitySchemes });
  if (!db) {
    for (const op of api.operations) {
      const { diagnostic } = bindOwner({ op, binding: noDbBinding, model: undefined });
      if (diagnostic) diagnostics.push(diagnostic);
    }
    return {
      api: {
        ...api,
        operations: api.operations.map((op) => boundOperation({ op, binding: noDbBinding })),
      },
      diagnostics,
    };
  }
  const index = indexModels(db);
  const schemas = indexSchemas(api);
  const operations = api.operations.map((op): Operation => {
    // The accounts routes come bound (addAccounts): vx-gen serves them from the user model.
    if (op.binding.kind === "accounts") return op;
    const segments = parsePath(op.path);
    const choice = chooseModel({ op, segments, index, schemas, diagnostics });
    const classified: Binding =
      "unbound" in choice
        ? { kind: "unbound", reason: choice.unbound }
        : classify({ op, segments, choice, index, schemas, userModel, signInColumns: signIn, diagnostics });
    const owned = bindOwner({ op, binding: classified, model: "unbound" in choice ? undefined : choice.model });
    const { diagnostic } = owned;
    const binding = bindCallerColumn({ op, binding: owned.binding, model: "unbound" in choice ? undefined : index.byName.get(owned.binding.kind === "bound" ? owned.binding.model : ""), schemas, userModel, diagnostics });
    if (diagnostic) diagnostics.push(diagnostic);
    diagnostics.push(...checkFilterHints({ op, binding, index }));
    return boundOperation({ op, binding });
  });
  diagnostics.push(...ownerConflicts(operations), ...ownerWithoutSubject({ operations, schemes: api.securitySchemes, apiKeySubjects }));
  return { api: { ...api, operations }, diagnostics };
}
