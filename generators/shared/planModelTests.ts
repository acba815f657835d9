import type { JsonValue, NamedSchema, RelationAction, SchemaNode } from "../../src/ir/types.js";
import { propertyAccess } from "../../src/emit/propertyAccess.js";
import { propertyKey } from "./printType.js";
import { collectionItemSchema, derefSchema, objectProperties } from "../../src/binding/schemaLookup.js";
import { delegateName } from "./renderRepository.js";
import { exampleValue } from "./exampleValue.js";
import { invalidBodies, invalidParameter } from "./invalidCases.js";
import { findModelField } from "./modelSchemas.js";
import { referenceOverrides } from "./referenceOverrides.js";
import { planListQueryTest, type ListQueryTest } from "./planListQueryTest.js";
import { unknownKey } from "./unknownKey.js";
import type { ModelView } from "./modelView.js";
import type { OperationView } from "./operationView.js";
import type { HandlerAssignment } from "./renderHandlers.js";
import { objectKey } from "../../src/emit/objectKey.js";
import { templateText } from "../../src/emit/templateText.js";
import { tsJson } from "../../src/emit/tsJson.js";
import { lineCommentText } from "../../src/emit/lineCommentText.js";

/*
 * The generated tests of a model's operations as data, printed by `test/model.test.ts.ejs`. Fields ending in `Code`
 * are TypeScript expressions made safe here (`tsJson` values, `templateText` in URL templates, `objectKey` keys);
 * `...Literal` fields are string literals; the rest are identifiers and numbers.
 */

export interface TestRenderInput {
  model: ModelView;
  assignments: HandlerAssignment[];
  views: Map<string, ModelView>;
  schemas: Map<string, NamedSchema>;
  forcedReadOnly: ReadonlySet<string>;
  /**
   * Operations that cannot pass on a database pushed from the schema, by model and action (`create`, `delete`), with
   * why: a create that needs a trigger (VX207), a delete Prisma's emulated referential actions cannot run (VX208). Their
   * tests are todo.
   */
  untested?: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/**
 * A request body: records created first (`const <variable> = await api.factories.<factory>()`), then the example
 * value (`valueCode`, by `tsJson`) with the properties that must name those records overridden (`[<variable>.<field>]`
 * for an id list).
 */
export interface BodyPlan {
  /** `argsCode`: the factory's overrides (`{ projectId: dataset1.projectId }`), when a column is shared with a record made before. */
  setup: { variable: string; factory: string; argsCode?: string }[];
  valueCode: string;
  /** `nestedKeyCode`: the key of a nested object connecting by it (`author: { id: author1.id }`), by `objectKey`. */
  overrides: { keyCode: string; variable: string; field: string; list: boolean; nestedKeyCode?: string }[];
}

/** A request of a test: method literal and URL expression. */
export interface RequestPlan {
  methodLiteral: string;
  urlCode: string;
}

export interface RoundTripTest {
  kind: "roundTrip";
  titleLiteral: string;
  body: BodyPlan;
  create: RequestPlan & { status: number };
  /** The created record's key property (the later steps are there only when it is). */
  keyLiteral: string | undefined;
  /** The created record in the answer: `created.body`, or inside its envelope (`field({ value: created.body, name: "article" })`). */
  recordCode: string;
  get: { urlCode: string; status: number } | undefined;
  list: { urlCode: string; status: number; keyKeyCode: string } | undefined;
  update: (RequestPlan & { body: BodyPlan; status: number }) | undefined;
  replace: (RequestPlan & { body: BodyPlan; status: number }) | undefined;
  remove: (RequestPlan & { status: number; getUrlCode: string | undefined }) | undefined;
}

export type ModelTest =
  | RoundTripTest
  | { kind: "createEchoed"; titleLiteral: string; body: BodyPlan; create: RequestPlan & { status: number } }
  | { kind: "createConflict"; titleLiteral: string; body: BodyPlan; create: RequestPlan & { status: number } }
  | { kind: "invalidBody"; titleLiteral: string; body: BodyPlan; request: RequestPlan; fieldLiteral: string }
  | { kind: "notFound"; titleLiteral: string; body: BodyPlan | undefined; request: RequestPlan }
  | { kind: "invalidParameter"; titleLiteral: string; urlCode: string; fieldLiteral: string }
  | { kind: "invalidQuery"; titleLiteral: string; urlCode: string; nameLiteral: string; valueLiteral: string }
  | ({ kind: "listQuery" } & ListQueryTest)
  | {
      kind: "uniqueConflict";
      titleLiteral: string;
      create: RequestPlan & { status: number };
      taken: BodyPlan;
      other: BodyPlan;
      change: BodyPlan;
      uniqueKeyCode: string;
      /** The taken record's unique value as sent (the response may not show it: a write-only field). */
      takenUniqueCode: string;
      request: RequestPlan;
    }
  | {
      kind: "nestedCreate";
      titleLiteral: string;
      parentFactory: string;
      body: BodyPlan;
      request: RequestPlan & { status: number };
      list: { status: number; keyKeyCode: string; keyLiteral: string; recordCode: string } | undefined;
      missingUrlCode: string;
    }
  | { kind: "nestedList"; titleLiteral: string; parentFactory: string; urlCode: string; status: number; missingUrlCode: string }
  | { kind: "secured"; titleLiteral: string; request: RequestPlan; withBody: boolean }
  /** A test not written, and why (`it.todo`). */
  | { kind: "todo"; titleLiteral: string; reasonComment: string }
  | OwnershipTest
  | RelationActionTest
  /** `shown`: a key column the response shows (`propertyLiteral` in the record at `recordCode`), compared with the user's. */
  | { kind: "callerRecord"; titleLiteral: string; factory: string; idField: string; request: RequestPlan & { status: number }; shown: { propertyLiteral: string; field: string; recordCode: string } | undefined };

/**
 * A relation action and its undoing (`POST|DELETE /articles/{slug}/favorite`): a record and a related one made with the
 * factories, the connect twice (the relation holds it once: `api.prisma.<delegate>` reads the relation's ids), the
 * disconnect (it holds nothing). `caller`: the related record is the caller's user (`actAs` its id).
 */
export interface RelationActionTest {
  kind: "relationAction";
  titleLiteral: string;
  factory: string;
  relatedFactory: string;
  caller: boolean;
  delegate: string;
  idKeyCode: string;
  idField: string;
  relationKeyCode: string;
  relationField: string;
  relatedIdKeyCode: string;
  relatedIdField: string;
  connect: RequestPlan & { status: number };
  disconnect: (RequestPlan & { status: number }) | undefined;
}

/**
 * Owner-scoped operations (`x-vx-owner`), driven as two callers (`actAs`): rows of each made with the factory, the
 * list shows only the caller's, get/update/replace/delete of the other's row is 404 and leaves it as it was, a create
 * sets the owner from the caller, a body setting the owner is 400 (unless the config ignores it).
 */
export interface OwnershipTest {
  kind: "ownership";
  titleLiteral: string;
  factory: string;
  /** Prisma Client's delegate of the model (`api.prisma.<delegate>`) and the key field the rows are compared by. */
  delegate: string;
  keyField: string;
  /** The callers' subjects as literals, and the factory arguments making a row of each. */
  mine: { subjectLiteral: string; argsCode: string };
  theirs: { subjectLiteral: string; argsCode: string };
  list: { urlCode: string; status: number; keyKeyCode: string } | undefined;
  get: { urlCode: string; theirsUrlCode: string; status: number } | undefined;
  /** Each answers 404 NOT_FOUND for the other caller's row. */
  others: (RequestPlan & { body: BodyPlan | undefined })[];
  create: (RequestPlan & { status: number; body: BodyPlan; ownerLiteral: string | undefined }) | undefined;
  rejected: (RequestPlan & { body: BodyPlan; ownerKeyCode: string }) | undefined;
}

export interface ModelTestsPlan {
  modelName: string;
  describeLiteral: string;
  tests: ModelTest[];
  /**
   * A create of the model takes the caller as a foreign key (`authorId`): the file's requests act as a user made with
   * `factory` (their `idField`) unless a test names another caller.
   */
  defaultCaller: { factory: string; idField: string } | undefined;
}

function actionOf(a: HandlerAssignment): string | undefined {
  return a.view.op.binding.kind === "bound" ? a.view.op.binding.action : undefined;
}

function keyOf(a: HandlerAssignment | undefined) {
  return a && a.view.op.binding.kind === "bound" ? a.view.op.binding.key : undefined;
}

const literal = (value: JsonValue): string => tsJson(value);

/** The subject of the test caller the generated tests act as unless they name another (`actAs`). */
export const defaultTestSubject = "test-user";

/** An empty table keyed by spec names (null prototype: `__proto__` and `constructor` are names like any other). */
export function byName(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

/** A path with its parameters filled from TypeScript expressions (`/books/${...}`); the rest is template text. */
export function pathExpr({ path, values }: { path: string; values: Record<string, string> }): string {
  const parts = path.split(/(\{[^}]+\})/).map((part) => {
    const name = /^\{([^}]+)\}$/.exec(part)?.[1];
    if (name === undefined) return templateText(part);
    return Object.hasOwn(values, name) ? `\${encodeURIComponent(String(${values[name]}))}` : "x";
  });
  return "`" + parts.join("") + "`";
}

function isObject(value: JsonValue | undefined): value is Record<string, JsonValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether a (dereferenced) schema allows null. */
function acceptsNull(node: SchemaNode): boolean {
  return node.nullable || node.kind === "null" || (node.kind === "union" && node.members.some((m) => m.kind === "null" || m.nullable));
}

export function jsonBody(view: OperationView): SchemaNode | undefined {
  return view.body?.isJson && view.body.schema ? view.body.schema : undefined;
}

/** The API property of a response shape standing for `fieldName` of the model. */
/** The response's wrapping property when the binder found one (`{ article: {...} }`). */
function responseWrapper(view: OperationView): string | undefined {
  const binding = view.op.binding;
  return binding.kind === "bound" && binding.responseEnvelope?.kind === "wrap" ? binding.responseEnvelope.property : undefined;
}

/** The record in the answer `answer` (`created` unless named): its body, or the property the binder found wrapping it. */
function recordCode({ view, answer = "created" }: { view: OperationView; answer?: string }): string {
  const wrapper = responseWrapper(view);
  return wrapper === undefined ? `${answer}.body` : `field({ value: ${answer}.body, name: ${literal(wrapper)} })`;
}

function responseProperty({ view, model, fieldName, schemas }: { view: OperationView; model: ModelView; fieldName: string; schemas: Map<string, NamedSchema> }): string | undefined {
  const body = view.success?.body?.schema;
  const wrapper = responseWrapper(view);
  const node = body && wrapper !== undefined ? objectProperties({ node: body, schemas })?.find((p) => p.name === wrapper)?.schema : body;
  if (!node) return undefined;
  for (const prop of objectProperties({ node, schemas }) ?? []) {
    if (findModelField({ model: model.model, property: prop.name })?.name === fieldName) return prop.name;
  }
  return undefined;
}

/** Numbers the records a test creates for its bodies (`author1`, `author2`). */
interface Counter {
  n: number;
}

/**
 * A body whose properties that must point at existing records (foreign keys, `tagIds`) are overridden by the keys of
 * records the test creates first. `keep` is the property an invalid case breaks.
 */
function bodyWithReferences({ value: sent, model, views, counter, keep }: { value: JsonValue; model: ModelView; views: Map<string, ModelView>; counter: Counter; keep?: string }): BodyPlan {
  if (typeof sent !== "object" || sent === null || Array.isArray(sent)) return { setup: [], valueCode: literal(sent), overrides: [] };
  const value = withoutOwner({ value: sent, model, ...(keep === undefined ? {} : { keep }) });
  const setup: BodyPlan["setup"] = [];
  /** The record created for a composite relation, which gives all of its columns. */
  const composites = new Map<string, string>();
  /** The columns of composite keys given so far, with their source: a second key sharing one is made with its value. */
  const given = new Map<string, string>();
  const overrides = referenceOverrides({ value, model, views, ...(keep === undefined ? {} : { keep }) }).map(({ property, target, to, list, nestedKey, composite }) => {
    let variable = composite === undefined ? undefined : composites.get(composite.relation);
    if (variable === undefined) {
      variable = `${target.names.variable}${++counter.n}`;
      const shared = (composite?.columns ?? []).filter((c) => given.has(c.column)).map((c) => `${objectKey(c.to)}: ${given.get(c.column) ?? ""}`);
      // A referenced text column the record may leave null (`blockInstanceId String? @unique`) gets a value of its own.
      const referenced = composite === undefined ? target.columns.find((c) => c.name === to) : undefined;
      if (referenced && !referenced.isRequired && referenced.kind === "scalar" && referenced.type === "String") shared.push(`${objectKey(to)}: crypto.randomUUID()`);
      setup.push({ variable, factory: target.names.variable, ...(shared.length > 0 ? { argsCode: `{ ${shared.join(", ")} }` } : {}) });
      if (composite !== undefined) composites.set(composite.relation, variable);
      for (const c of composite?.columns ?? []) if (!given.has(c.column)) given.set(c.column, `${variable}.${c.to}`);
    }
    return { keyCode: objectKey(property), variable, field: to, list, ...(nestedKey === undefined ? {} : { nestedKeyCode: objectKey(nestedKey) }) };
  });
  return { setup, valueCode: literal(value), overrides };
}

/** The body properties standing for the model's owner column (`x-vx-owner`): the server sets it, tests never send it. */
function ownerProperties({ value, model }: { value: Record<string, JsonValue>; model: ModelView }): string[] {
  const owner = model.owner;
  return owner ? Object.keys(value).filter((name) => findModelField({ model: model.model, property: name }) === owner) : [];
}

/** A body without the owner's properties (but `keep`, the one an invalid case breaks: the validator answers first). */
function withoutOwner({ value, model, keep }: { value: Record<string, JsonValue>; model: ModelView; keep?: string }): Record<string, JsonValue> {
  const dropped = new Set(ownerProperties({ value, model }).filter((name) => name !== keep));
  if (dropped.size === 0) return value;
  return Object.fromEntries(Object.entries(value).filter(([name]) => !dropped.has(name)));
}

/** The source of a key no record has, valid for the parameter `name` of `view` (a 404, never a 400). */
function missingKey({ view, name, model, fieldName, schemas }: { view: OperationView; name: string; model: ModelView; fieldName: string; schemas: Map<string, NamedSchema> }): string {
  const node = view.params.path.find((p) => p.name === name)?.schema;
  return literal(unknownKey({ node, column: model.columns.find((c) => c.name === fieldName), schemas }));
}

function methodLiteral(view: OperationView): string {
  return literal(view.op.method.toUpperCase());
}

/** What the tests of one model share while they are planned. */
interface Planning extends TestRenderInput {
  mine: HandlerAssignment[];
  find: (action: string) => HandlerAssignment | undefined;
}

/** Round trip: create -> get -> list -> update -> replace -> delete -> 404. */
function roundTrip({ p, create, valid }: { p: Planning; create: HandlerAssignment; valid: JsonValue }): RoundTripTest {
  const { model, views, schemas, forcedReadOnly } = p;
  const counter: Counter = { n: 0 };
  const [get, list, update, replace, remove] = ["get", "list", "update", "replace", "delete"].map((a) => p.find(a));
  const steps = ["create"];
  const test: RoundTripTest = {
    kind: "roundTrip",
    titleLiteral: "",
    body: bodyWithReferences({ value: valid, model, views, counter }),
    create: { methodLiteral: methodLiteral(create.view), urlCode: pathExpr({ path: create.view.op.path, values: {} }), status: create.view.success?.code ?? 201 },
    keyLiteral: undefined,
    recordCode: recordCode({ view: create.view }),
    get: undefined,
    list: undefined,
    update: undefined,
    replace: undefined,
    remove: undefined,
  };
  const keyed = [get, update, replace, remove].filter((a): a is HandlerAssignment => a !== undefined && keyOf(a) !== undefined);
  const keyField = keyOf(get ?? keyed[0])?.field;
  const keyProp = keyField ? responseProperty({ view: create.view, model, fieldName: keyField, schemas }) : undefined;
  if (keyField && keyProp) {
    test.keyLiteral = literal(keyProp);
    const url = (a: HandlerAssignment) => pathExpr({ path: a.view.op.path, values: { [keyOf(a)?.parameter ?? ""]: "key" } });
    const getsByKey = get !== undefined && keyOf(get)?.field === keyField;
    if (get && getsByKey) {
      test.get = { urlCode: url(get), status: get.view.success?.code ?? 200 };
      steps.push("get");
    }
    if (list) {
      test.list = { urlCode: pathExpr({ path: list.view.op.path, values: {} }), status: list.view.success?.code ?? 200, keyKeyCode: objectKey(keyProp) };
      steps.push("list");
    }
    for (const [action, a, seed] of [
      ["update", update, 3],
      ["replace", replace, 4],
    ] as const) {
      const bodyNode = a ? jsonBody(a.view) : undefined;
      if (!a || keyOf(a)?.field !== keyField || !bodyNode) continue;
      const value = exampleValue({ node: bodyNode, schemas, variant: "request", seed, forcedReadOnly, optional: true });
      if (value === undefined) continue;
      test[action] = { methodLiteral: methodLiteral(a.view), urlCode: url(a), body: bodyWithReferences({ value, model, views, counter }), status: a.view.success?.code ?? 200 };
      steps.push(action);
    }
    if (remove && keyOf(remove)?.field === keyField) {
      test.remove = { methodLiteral: methodLiteral(remove.view), urlCode: url(remove), status: remove.view.success?.code ?? 204, getUrlCode: get && getsByKey ? url(get) : undefined };
      steps.push("delete");
    }
  }
  test.titleLiteral = literal(`${steps.join(" -> ")} round trip`);
  return test;
}

/** The tests that create records: round trip, nulls, 409 on a duplicate, 400 for invalid bodies. */
function createTests(p: Planning): ModelTest[] {
  const { model, views, schemas, forcedReadOnly } = p;
  const create = p.find("create");
  const node = create ? jsonBody(create.view) : undefined;
  if (!create || !node) return [];
  const valid = exampleValue({ node, schemas, variant: "request", seed: 1, forcedReadOnly, optional: true });
  if (valid === undefined) return [];
  const tests: ModelTest[] = [roundTrip({ p, create, valid })];
  const request = { methodLiteral: methodLiteral(create.view), urlCode: pathExpr({ path: create.view.op.path, values: {} }) };
  const status = create.view.success?.code ?? 201;
  const opId = create.view.op.operationId;

  // Every optional property that may be null, sent as null, comes back null.
  const nullable = isObject(valid)
    ? (objectProperties({ node, schemas }) ?? []).filter((prop) => !prop.required && prop.name in valid && acceptsNull(derefSchema({ node: prop.schema, schemas }))).map((prop) => prop.name)
    : [];
  if (isObject(valid) && nullable.length > 0) {
    // Values of its own (seed 3): its unique columns never meet the round trip's record, deleted or not (an API without
    // a delete, or one whose delete is todo).
    const own = exampleValue({ node, schemas, variant: "request", seed: 3, forcedReadOnly, optional: true });
    const nulled = { ...(isObject(own) ? own : valid), ...Object.fromEntries(nullable.map((name) => [name, null])) };
    tests.push({
      kind: "createEchoed",
      titleLiteral: literal(`${opId}: ${nullable.join(", ")} sent as null ${nullable.length === 1 ? "comes" : "come"} back null`),
      body: bodyWithReferences({ value: nulled, model, views, counter: { n: 0 } }),
      create: { ...request, status },
    });
  }

  // 409 on a unique conflict: the same body twice.
  const uniqueProps = Object.keys(valid as object).filter((name) => {
    const f = findModelField({ model: model.model, property: name });
    return f && (f.kind === "scalar" || f.kind === "enum") && model.keys.some((k) => k.field === f) && f !== model.idField;
  });
  if (uniqueProps.length > 0) {
    const seeded = exampleValue({ node, schemas, variant: "request", seed: 2, forcedReadOnly, optional: true }) ?? valid;
    tests.push({
      kind: "createConflict",
      titleLiteral: literal(`${opId}: 409 CONFLICT on a duplicate ${uniqueProps.join(", ")}`),
      body: bodyWithReferences({ value: seeded, model, views, counter: { n: 0 } }),
      create: { ...request, status },
    });
  }

  // 400 for bodies the schema rejects.
  if (isObject(valid)) {
    for (const bad of invalidBodies({ node, valid, schemas, forcedReadOnly })) {
      tests.push({
        kind: "invalidBody",
        titleLiteral: literal(`${opId}: 400 VALIDATION_ERROR for a body with ${bad.what}`),
        body: bodyWithReferences({ value: bad.value, model, views, counter: { n: 0 }, keep: bad.field }),
        request,
        fieldLiteral: literal(bad.field),
      });
    }
  }
  return tests;
}

/** 404 and 400 on the key parameter of the get, 400 on an invalid query parameter of the list, the list's query. */
function readTests(p: Planning): ModelTest[] {
  const { model, schemas } = p;
  const tests: ModelTest[] = [];
  const get = p.find("get");
  const key = keyOf(get);
  if (get && key) {
    const opId = get.view.op.operationId;
    const missing = missingKey({ view: get.view, name: key.parameter, model, fieldName: key.field, schemas });
    tests.push({
      kind: "notFound",
      titleLiteral: literal(`${opId}: 404 NOT_FOUND for an unknown ${key.parameter}`),
      body: undefined,
      request: { methodLiteral: literal("GET"), urlCode: pathExpr({ path: get.view.op.path, values: { [key.parameter]: missing } }) },
    });
    const param = get.view.params.path.find((x) => x.name === key.parameter);
    const bad = param ? invalidParameter(derefSchema({ node: param.schema, schemas })) : undefined;
    if (param && bad) {
      tests.push({
        kind: "invalidParameter",
        titleLiteral: literal(`${opId}: 400 VALIDATION_ERROR for a ${key.parameter} ${bad.what}`),
        urlCode: pathExpr({ path: get.view.op.path, values: { [key.parameter]: literal(String(bad.value)) } }),
        fieldLiteral: literal(param.name),
      });
    }
  }
  const list = p.find("list");
  if (!list) return tests;
  const param = list.view.params.query.find((x) => invalidParameter(derefSchema({ node: x.schema, schemas })) !== undefined);
  const bad = param ? invalidParameter(derefSchema({ node: param.schema, schemas })) : undefined;
  const listUrl = pathExpr({ path: list.view.op.path, values: {} });
  if (param && bad) {
    tests.push({
      kind: "invalidQuery",
      titleLiteral: literal(`${list.view.op.operationId}: 400 VALIDATION_ERROR for a query ${param.name} ${bad.what}`),
      urlCode: listUrl,
      nameLiteral: literal(param.name),
      valueLiteral: literal(String(bad.value)),
    });
  }
  const owner = list.plan?.owner && model.owner ? { field: model.owner.name, subject: defaultTestSubject } : undefined;
  const query = planListQueryTest({ list: list.view, model, schemas, url: listUrl, owner });
  if (query) tests.push({ kind: "listQuery", ...query });
  return tests;
}

/** 404 for every keyed operation on an unknown key; 409 when an update takes another record's unique value. */
function keyedTests(p: Planning): ModelTest[] {
  const { model, views, schemas, forcedReadOnly } = p;
  const tests: ModelTest[] = [];
  const [update, replace, remove, create] = ["update", "replace", "delete", "create"].map((a) => p.find(a));
  for (const a of [update, replace, remove]) {
    const key = keyOf(a);
    if (!a || !key) continue;
    const node = jsonBody(a.view);
    const example = node ? exampleValue({ node, schemas, variant: "request", seed: 6, forcedReadOnly, optional: true }) : undefined;
    if (node && example === undefined) continue;
    const missing = missingKey({ view: a.view, name: key.parameter, model, fieldName: key.field, schemas });
    tests.push({
      kind: "notFound",
      titleLiteral: literal(`${a.view.op.operationId}: 404 NOT_FOUND for an unknown ${key.parameter}`),
      body: example !== undefined ? bodyWithReferences({ value: example, model, views, counter: { n: 0 } }) : undefined,
      request: { methodLiteral: methodLiteral(a.view), urlCode: pathExpr({ path: a.view.op.path, values: { [key.parameter]: missing } }) },
    });
  }
  const createNode = create ? jsonBody(create.view) : undefined;
  // The tests share one database: each conflict test creates its own two records (seeds 7/8, then 12/13), so a
  // replace test after an update test does not stumble on the update test's unique values.
  const conflictSeeds = [
    [7, 8],
    [12, 13],
  ] as const;
  for (const a of create && createNode ? [update, replace] : []) {
    const key = keyOf(a);
    const node = a ? jsonBody(a.view) : undefined;
    const [firstSeed, secondSeed] = conflictSeeds[tests.filter((t) => t.kind === "uniqueConflict").length] ?? conflictSeeds[1];
    if (!a || !key || !node || !create || !createNode) continue;
    const first = exampleValue({ node: createNode, schemas, variant: "request", seed: firstSeed, forcedReadOnly, optional: true });
    const second = exampleValue({ node: createNode, schemas, variant: "request", seed: secondSeed, forcedReadOnly, optional: true });
    const change = exampleValue({ node, schemas, variant: "request", seed: secondSeed, forcedReadOnly, optional: true });
    const keyProp = responseProperty({ view: create.view, model, fieldName: key.field, schemas });
    if (!isObject(first) || !isObject(second) || !isObject(change) || !keyProp) continue;
    const unique = Object.keys(change).find((name) => {
      const f = findModelField({ model: model.model, property: name });
      return f !== undefined && f !== model.idField && (f.kind === "scalar" || f.kind === "enum") && model.keys.some((k) => k.field === f) && name in first;
    });
    if (!unique) continue;
    const counter: Counter = { n: 0 };
    const taken = bodyWithReferences({ value: first, model, views, counter });
    tests.push({
      kind: "uniqueConflict",
      titleLiteral: literal(`${a.view.op.operationId}: 409 CONFLICT when ${unique} is another record's`),
      create: { methodLiteral: methodLiteral(create.view), urlCode: pathExpr({ path: create.view.op.path, values: {} }), status: create.view.success?.code ?? 201 },
      taken,
      other: bodyWithReferences({ value: second, model, views, counter }),
      change: bodyWithReferences({ value: change, model, views, counter }),
      uniqueKeyCode: objectKey(unique),
      takenUniqueCode: takenValueCode({ body: taken, sent: first, property: unique, model }),
      request: { methodLiteral: methodLiteral(a.view), urlCode: pathExpr({ path: a.view.op.path, values: { [key.parameter]: `field({ value: other.body, name: ${literal(keyProp)} })` } }) },
    });
  }
  return tests;
}

/**
 * The source of the value the conflict test's `taken` record got for `property` from its request: the record made first for it (a
 * reference), the example value sent, or (the owner column, which the server sets) the value the response shows.
 */
function takenValueCode({ body, sent, property, model }: { body: BodyPlan; sent: Record<string, JsonValue>; property: string; model: ModelView }): string {
  const reference = body.overrides.find((o) => o.keyCode === objectKey(property));
  if (reference && !reference.list && reference.nestedKeyCode === undefined) return `${reference.variable}.${reference.field}`;
  const value = sent[property];
  if (reference || value === undefined || ownerProperties({ value: sent, model }).includes(property)) return `field({ value: taken.body, name: ${literal(property)} })`;
  return literal(value);
}

/** Nested routes: create and list under an existing parent, 404 under a missing one. */
function nestedTests(p: Planning): ModelTest[] {
  const { model, views, schemas, forcedReadOnly, mine } = p;
  const tests: ModelTest[] = [];
  for (const nested of mine.filter((a) => a.view.op.binding.kind === "bound" && a.view.op.binding.parent)) {
    const binding = nested.view.op.binding;
    if (binding.kind !== "bound" || !binding.parent) continue;
    const parent = views.get(binding.parent.model);
    if (!parent) continue;
    const parentParam = binding.parent.parameter;
    const titleLiteral = literal(`${nested.view.op.operationId}: under an existing ${parent.model.name}, 404 under a missing one`);
    const url = pathExpr({ path: nested.view.op.path, values: { [parentParam]: `parent.${binding.parent.field}` } });
    const missingUrlCode = pathExpr({
      path: nested.view.op.path,
      values: { [parentParam]: missingKey({ view: nested.view, name: parentParam, model: parent, fieldName: binding.parent.field, schemas }) },
    });
    const node = jsonBody(nested.view);
    if (binding.action === "create" && node) {
      const value = exampleValue({ node, schemas, variant: "request", seed: 5, forcedReadOnly, optional: true });
      if (value === undefined) continue;
      const sibling = mine.find((a) => a !== nested && a.view.op.path === nested.view.op.path && actionOf(a) === "list");
      const keyProp = model.idField ? responseProperty({ view: nested.view, model, fieldName: model.idField.name, schemas }) : undefined;
      tests.push({
        kind: "nestedCreate",
        titleLiteral,
        parentFactory: parent.names.variable,
        body: bodyWithReferences({ value, model, views, counter: { n: 0 } }),
        request: { methodLiteral: methodLiteral(nested.view), urlCode: url, status: nested.view.success?.code ?? 201 },
        list: sibling && keyProp ? { status: sibling.view.success?.code ?? 200, keyKeyCode: objectKey(keyProp), keyLiteral: literal(keyProp), recordCode: recordCode({ view: nested.view }) } : undefined,
        missingUrlCode,
      });
    } else if (binding.action === "list") {
      tests.push({ kind: "nestedList", titleLiteral, parentFactory: parent.names.variable, urlCode: url, status: nested.view.success?.code ?? 200, missingUrlCode });
    }
  }
  return tests;
}

/** The URL of a relation action for `record` and `related` (the key from the record, a path target's from the related). */
function relationUrl({ a, key, relation }: { a: HandlerAssignment; key: { parameter: string; field: string }; relation: RelationAction }): string {
  const values: Record<string, string> = byName();
  values[key.parameter] = propertyAccess({ object: "record", name: key.field });
  if (relation.target.kind === "path") values[relation.target.parameter] = propertyAccess({ object: "related", name: relation.target.field });
  return pathExpr({ path: a.view.op.path, values });
}

/** Each connecting relation action of the model, with the disconnecting one of the same path and relation. */
function relationActionTests(p: Planning): ModelTest[] {
  const { model, views, mine } = p;
  const tests: ModelTest[] = [];
  const idField = model.idField;
  for (const a of mine) {
    const binding = a.view.op.binding;
    if (binding.kind !== "bound" || binding.action !== "connect" || !binding.relation || !binding.key || !idField || binding.owner) continue;
    const { relation, key } = binding;
    const field = model.model.fields.find((f) => f.kind === "relation" && f.name === relation.relation);
    const related = field ? views.get(field.type) : undefined;
    if (!related?.idField) continue;
    const undo = mine.find((o) => o.view.op.binding.kind === "bound" && o.view.op.binding.action === "disconnect" && o.view.op.path === a.view.op.path && o.view.op.binding.relation?.relation === relation.relation);
    const who = relation.target.kind === "caller" ? "the caller" : `the ${related.model.name} of {${relation.target.parameter}}`;
    tests.push({
      kind: "relationAction",
      titleLiteral: literal(`${a.view.op.operationId}: adds ${who} to ${model.model.name}.${relation.relation} once${undo ? `; ${undo.view.op.operationId} removes them` : ""}`),
      factory: model.names.variable,
      relatedFactory: related.names.variable,
      caller: relation.target.kind === "caller",
      delegate: delegateName(model.model.name),
      idKeyCode: propertyKey(idField.name),
      idField: idField.name,
      relationKeyCode: propertyKey(relation.relation),
      relationField: relation.relation,
      relatedIdKeyCode: propertyKey(related.idField.name),
      relatedIdField: related.idField.name,
      connect: { methodLiteral: methodLiteral(a.view), urlCode: relationUrl({ a, key, relation }), status: a.view.success?.code ?? 200 },
      disconnect: undo && undo.view.op.binding.kind === "bound" && undo.view.op.binding.key ? { methodLiteral: methodLiteral(undo.view), urlCode: relationUrl({ a: undo, key: undo.view.op.binding.key, relation }), status: undo.view.success?.code ?? 200 } : undefined,
    });
  }
  return tests;
}

/** `GET /user`: the caller's own record for a user (a key column it shows is theirs), 403 for a caller who is none. */
function callerRecordTests({ p, self }: { p: Planning; self: HandlerAssignment[] }): ModelTest[] {
  return self
    .filter((a) => a.view.op.method === "get" && p.model.idField)
    .map((a) => {
      const shown = p.model.keys.map((k) => ({ field: k.field.name, property: responseProperty({ view: a.view, model: p.model, fieldName: k.field.name, schemas: p.schemas }) })).find((k) => k.property !== undefined);
      return {
        kind: "callerRecord" as const,
        titleLiteral: literal(`${a.view.op.operationId}: the caller's own ${p.model.model.name}; 403 FORBIDDEN for a caller who is no user`),
        factory: p.model.names.variable,
        idField: p.model.idField?.name ?? "",
        request: { methodLiteral: methodLiteral(a.view), urlCode: pathExpr({ path: a.view.op.path, values: {} }), status: a.view.success?.code ?? 200 },
        shown: shown?.property === undefined ? undefined : { propertyLiteral: literal(shown.property), field: shown.field, recordCode: recordCode({ view: a.view, answer: "mine" }) },
      };
    });
}

/** Operations protected by a security requirement are never open. */
function securedTests(p: Planning): ModelTest[] {
  const { model, schemas, mine } = p;
  const secured = mine.filter((a) => a.view.op.security.length > 0 && a.view.op.security.every((alt) => alt.schemes.length > 0));
  return secured.map((s) => {
    const values: Record<string, string> = byName();
    for (const x of s.view.params.path) values[x.name] = missingKey({ view: s.view, name: x.name, model, fieldName: keyOf(s)?.parameter === x.name ? (keyOf(s)?.field ?? "") : "", schemas });
    return {
      kind: "secured",
      titleLiteral: literal(`${s.view.op.operationId}: 401 UNAUTHORIZED without credentials (the verifiers deny by default)`),
      request: { methodLiteral: methodLiteral(s.view), urlCode: pathExpr({ path: s.view.op.path, values }) },
      withBody: jsonBody(s.view) !== undefined,
    };
  });
}

/** Two callers, each with a row: what each operation scoped to its owner lets one do with the other's row. */
function ownershipTests(p: Planning): ModelTest[] {
  const { model, views, schemas, forcedReadOnly } = p;
  const owner = model.owner;
  const scoped = (action: string) => {
    const a = p.find(action);
    return a?.plan?.owner ? a : undefined;
  };
  const [list, get, update, replace, remove, create] = ["list", "get", "update", "replace", "delete", "create"].map(scoped);
  const keyed = [get, update, replace, remove].filter((a): a is HandlerAssignment => a !== undefined && keyOf(a) !== undefined);
  const keyField = keyOf(keyed[0])?.field;
  const keyColumn = model.columns.find((c) => c.name === keyField);
  // Rows are addressed by their key as the factory returns it: a String or Int key is the same in the URL and the API.
  if (!owner || !keyField || !keyColumn || keyColumn.kind !== "scalar" || (keyColumn.type !== "String" && keyColumn.type !== "Int")) return [];
  const subjects = { mine: "owner-a", theirs: "owner-b" };
  const args = (subject: string) => `{ ${objectKey(owner.name)}: ${literal(subject)} }`;
  const url = (a: HandlerAssignment, row: "mine" | "theirs") => pathExpr({ path: a.view.op.path, values: { [keyOf(a)?.parameter ?? ""]: `${row}.${keyField}` } });
  const others: OwnershipTest["others"] = [];
  for (const [a, seed] of [[get, 0], [update, 9], [replace, 10], [remove, 0]] as const) {
    if (!a || keyOf(a)?.field !== keyField) continue;
    const node = jsonBody(a.view);
    const example = node ? exampleValue({ node, schemas, variant: "request", seed, forcedReadOnly, optional: true }) : undefined;
    if (node && example === undefined) continue;
    const body = example === undefined ? undefined : bodyWithReferences({ value: example, model, views, counter: { n: 0 } });
    others.push({ methodLiteral: methodLiteral(a.view), urlCode: url(a, "theirs"), body });
  }
  const keyProp = list ? itemKeyProperty({ view: list.view, model, fieldName: keyField, schemas }) : undefined;
  const createNode = create ? jsonBody(create.view) : undefined;
  const valid = createNode ? exampleValue({ node: createNode, schemas, variant: "request", seed: 11, forcedReadOnly, optional: true }) : undefined;
  const ownerProp = create ? responseProperty({ view: create.view, model, fieldName: owner.name, schemas }) : undefined;
  const rejected = create?.plan?.owner?.rejected[0];
  const rejectedName = rejected?.name;
  const test: OwnershipTest = {
    kind: "ownership",
    titleLiteral: literal(`${model.model.name}: each caller reads and changes only their own rows (x-vx-owner: ${owner.name})`),
    factory: model.names.variable,
    delegate: delegateName(model.model.name),
    keyField,
    mine: { subjectLiteral: literal(subjects.mine), argsCode: args(subjects.mine) },
    theirs: { subjectLiteral: literal(subjects.theirs), argsCode: args(subjects.theirs) },
    list: list && keyProp ? { urlCode: pathExpr({ path: list.view.op.path, values: {} }), status: list.view.success?.code ?? 200, keyKeyCode: objectKey(keyProp) } : undefined,
    get: get && keyOf(get)?.field === keyField ? { urlCode: url(get, "mine"), theirsUrlCode: url(get, "theirs"), status: get.view.success?.code ?? 200 } : undefined,
    others,
    create: undefined,
    rejected: undefined,
  };
  if (create && isObject(valid)) {
    const request = { methodLiteral: methodLiteral(create.view), urlCode: pathExpr({ path: create.view.op.path, values: {} }) };
    test.create = { ...request, status: create.view.success?.code ?? 201, body: bodyWithReferences({ value: valid, model, views, counter: { n: 0 } }), ownerLiteral: ownerProp === undefined ? undefined : literal(ownerProp) };
    if (rejectedName !== undefined) {
      test.rejected = { ...request, body: bodyWithReferences({ value: valid, model, views, counter: { n: 0 } }), ownerKeyCode: objectKey(rejectedName) };
    }
  }
  return test.list || test.get || others.length > 0 || test.create ? [test] : [];
}

/** The item property of a list response standing for `fieldName` (the items of an array or of a page object's array). */
function itemKeyProperty({ view, model, fieldName, schemas }: { view: OperationView; model: ModelView; fieldName: string; schemas: Map<string, NamedSchema> }): string | undefined {
  const node = view.success?.body?.schema;
  const item = node ? collectionItemSchema({ node, schemas }) : undefined;
  for (const prop of item ? (objectProperties({ node: item, schemas }) ?? []) : []) {
    if (findModelField({ model: model.model, property: prop.name })?.name === fieldName) return prop.name;
  }
  return undefined;
}

/** The tests of a model's generated operations, or undefined when none of its operations is generated. */
export function planModelTests(input: TestRenderInput): ModelTestsPlan | undefined {
  const { model, assignments } = input;
  const bound = assignments.filter((a) => a.kind === "bound" && a.model === model);
  if (bound.length === 0) return undefined;
  // The caller's own record (`GET /user`) has tests of its own: the CRUD tests address records by a path key.
  const isSelf = (a: HandlerAssignment) => a.view.op.binding.kind === "bound" && a.view.op.binding.callerRecord === true;
  // A feed lists what the caller follows: the blog's probe and your tests drive it (a generated list test would see nothing).
  const isFeed = (a: HandlerAssignment) => a.view.op.binding.kind === "bound" && a.view.op.binding.scope !== undefined;
  const reasons = input.untested?.get(model.model.name);
  const untested = (a: HandlerAssignment) => reasons?.has(actionOf(a) ?? "") === true;
  const mine = bound.filter((a) => !isSelf(a) && !isFeed(a) && !untested(a));
  const top = mine.filter((a) => a.view.op.binding.kind === "bound" && !a.view.op.binding.parent);
  const p: Planning = { ...input, mine, find: (action) => top.find((a) => actionOf(a) === action) };
  const fills = bound.map((a) => a.view.op.binding).find((b) => b.kind === "bound" && b.callerColumn !== undefined);
  const userModel = fills?.kind === "bound" && fills.callerColumn ? model.model.fields.find((f) => f.kind === "relation" && f.name === fills.callerColumn?.relation)?.type : undefined;
  const user = userModel === undefined ? undefined : input.views.get(userModel);
  return {
    defaultCaller: user?.idField ? { factory: user.names.variable, idField: user.idField.name } : undefined,
    modelName: model.model.name,
    describeLiteral: literal(model.model.name),
    tests: [
      ...createTests(p),
      ...readTests(p),
      ...keyedTests(p),
      ...nestedTests(p),
      ...ownershipTests(p),
      ...relationActionTests(p),
      ...callerRecordTests({ p, self: bound.filter(isSelf) }),
      ...securedTests({ ...p, mine: bound }),
      ...bound.filter(untested).map((a): ModelTest => {
        const action = actionOf(a) ?? "";
        const what = action === "create" ? "creates a record" : "deletes the record";
        return { kind: "todo", titleLiteral: literal(`${a.view.op.operationId}: ${what}`), reasonComment: lineCommentText(reasons?.get(action) ?? "") };
      }),
    ],
  };
}
