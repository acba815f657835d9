import type { NamedSchema, RelationField, SchemaNode } from "../../src/ir/types.js";
import type { NameTable } from "../../src/naming/NameTable.js";
import { pascalCase } from "../../src/naming/caseConversion.js";
import { derefSchema, objectProperties } from "../../src/binding/schemaLookup.js";
import { arrayItems, propertySchema } from "../../src/binding/envelopeNodes.js";
import { apiToDb, dbToApi, type ConvertContext } from "./convertValue.js";
import { findModelField, squash } from "./modelSchemas.js";
import { resolveListFilter, type ListFilter } from "./resolveListFilter.js";
import type { ColumnField, ModelView } from "./modelView.js";
import type { OperationView, ParameterView } from "./operationView.js";
import type { MapperPlanner, RelatedFlags } from "./planMapper.js";
import { printType, propertyKey } from "./printType.js";
import { objectKey } from "../../src/emit/objectKey.js";
import { propertyAccess } from "../../src/emit/propertyAccess.js";
import { tsString } from "../../src/emit/tsString.js";
import { derivedSlug } from "../../src/binding/derivedSlug.js";
import { callerIdType } from "./callerIdType.js";
import type { OwnerInBody } from "../../src/targets/TargetPlugin.js";

/**
 * A generated handler as data: what it calls and returns, printed by `model/handlers.ts.ejs`. Fields ending in `Code`
 * are expressions already made safe for the module (property accesses by `propertyAccess`, keys by `objectKey` or
 * `propertyKey`, value conversions by `convertValue`, literals by `tsString`); the rest are identifiers.
 */
export interface BoundHandlerPlan {
  action: "get" | "create" | "update" | "replace" | "delete" | "list" | "connect" | "disconnect" | "register" | "login";
  status: number;
  /** The model's service (`context.services.<service>`). */
  service: string;
  /** A nested route's parent: fetched first (NOT_FOUND when missing), `parentRecord`. */
  parent: { service: string; getter: string; keyCode: string; field: string } | undefined;
  /**
   * A nested item route (`/articles/{slug}/comments/{id}`): the record must belong to the parent. `fkCode` reads its
   * foreign key on `scoped` (the record, fetched first); another parent's record answers NOT_FOUND (`messageLiteral`).
   */
  scope: { fkCode: string; messageLiteral: string } | undefined;
  /**
   * The record the path selects: `<service>.getBy<suffix>(valueCode)` and the like; `field` names the key in an update's
   * input (`key` for a compound key, whose `valueCode` is the object `{ a: ..., b: ... }`).
   */
  key: { suffix: string; field: string; valueCode: string } | undefined;
  /**
   * The request body mapped to Prisma data by this mapper function (given the parent record's key when nested, and the
   * caller as `owner` when it creates an owner-scoped row).
   */
  data: { fn: string; parentField: string | undefined; owner: boolean; slug: boolean; caller: boolean; bodyCode: string } | undefined;
  /**
   * A create deriving its slug column (`slug` from `title`): `createWithSlug({ text: <textCode>, maxLength, columns,
   * create: (slug) => ... })` retries `-2`, `-3`, ... on a conflict on the column (`columnLiterals`, by `tsString`).
   */
  slug: { textCode: string; maxLength: number | undefined; columnLiterals: string[] } | undefined;
  /**
   * Owner-scoped (`x-vx-owner`): `const owner = ownerOf(context.auth)` first; the key's owned variants
   * (`getOwnedBy<Key>({ <key>, owner })`), `<keyCode>: owner` in a list's where; `rejected`: body properties mapped to
   * the owner column that answer 400 when sent (empty when the config ignores them: the mapper never writes them).
   */
  owner: { keyCode: string; rejected: { name: string; accessCode: string; nameLiteral: string }[] } | undefined;
  /**
   * Related records a create/update/replace connects by key (`author: { id }` sets `authorId`), checked first:
   * `<service>.<getter>(<keyCode>)` answers NOT_FOUND when there is none (`sentCode`: the test that the body sent it).
   */
  references: { service: string; getter: string; keyCode: string; sentCode: string | undefined }[];
  /** The mapper function that turns the record into the response body; undefined when the response has no body. */
  response: string | undefined;
  /** The property wrapping the mapped record in the response (`{ article: ... }`, by `objectKey`); undefined: flat. */
  responseKeyCode: string | undefined;
  list: ListPlan | undefined;
  /** A relation action: the update's `data` adds (`connect`) or removes (`disconnect`) one record of the relation. */
  relation: RelationPlan | undefined;
  /**
   * The caller's record key, read when the handler needs it (`callerKey`/`viewerKey` of `context.auth`, converted to
   * `typeLiteral`): `required` for a relation action of the caller (403 without one), optional for flags on reads.
   */
  caller: { required: boolean; typeLiteral: string } | undefined;
  /**
   * The response shows flags of the caller (`favorited`): `const callerIn = await <service>.callerIn({ ids, caller })`
   * before mapping, each record mapped with `{ row, callerIn: callerIn.get(<idCode>) }` (`idCode` reads `record`'s id).
   */
  callerIn: { idCode: string } | undefined;
  /**
   * The spec's own sign-up or login (`register`, `login`): `const { <destructureCode> } = <bodyCode>` names
   * `identifier`, `password` (and `fields`, the other columns registration takes), then the accounts' `signUp` or
   * `login` gives `signedIn` (refusals thrown as the accounts' routes throw them; a login with a second factor on is
   * sent to the accounts' own route, `loginPathLiteral`), and the record is read by its id (`key`).
   */
  signIn: { destructureCode: string; bodyCode: string; fields: boolean; loginPathLiteral: string } | undefined;
  /**
   * Flags of the caller inside nested records (`author.following`): per relation, `const <variable> = await
   * context.services.<service>.callerIn({ ids: <idsCode>, caller })` before mapping (`idsCode` over `record`, or over
   * `records` in a list: `listIdsCode`), handed to the mapper as `relatedArgCode` (over `record`).
   */
  related: { variable: string; service: string; idsCode: string; listIdsCode: string }[];
  relatedArgCode: string | undefined;
  /** The access token the response mapper takes (`user.token`): the new one of a sign-in, or the caller's own. */
  token: { code: string; fromCaller: boolean } | undefined;
  /** Mapper functions and enum tables the handler calls. */
  mapperImports: Set<string>;
  enumImports: Set<string>;
  usesSort: boolean;
  usesPrisma: boolean;
}

/**
 * `data: { <relationKeyCode>: { <op>: { <idKeyCode>: <idCode> } } }`: the caller (`idCode` is `caller`), or the related
 * record a path parameter selects, fetched first (`related`: NOT_FOUND when missing; `idCode` is `related.<id>`).
 */
export interface RelationPlan {
  op: "connect" | "disconnect";
  relationKeyCode: string;
  idKeyCode: string;
  idCode: string;
  related: { service: string; getter: string; keyCode: string } | undefined;
}

/** One condition on a column: `<opKey>: <valueCode>` when the parameter at `accessCode` was sent. */
export interface RangeCondition {
  accessCode: string;
  opKey: string;
  valueCode: string;
}

/**
 * A member of a list's `where`: the parent's foreign key, the owner column, one equality filter (`valueCode` converts
 * `accessCode`; when `list`, it is the converted list and the member is `{ in: ... }`), a column's several conditions
 * (`price: { gte, lte }`), or a relation's: its record's field (`fieldKeyCode`) compared by `condition`, in `some`
 * related record when `many` (`article: { slug: ... }`, `tags: { some: { name: ... } }`).
 */
export type WhereMember =
  | { kind: "parent"; keyCode: string }
  | { kind: "owner"; keyCode: string }
  /**
   * A list scoped to the caller: a feed, `<relationKeyCode>: { <callerInKeyCode>: { some: { <userIdKeyCode>: caller } }
   * }`; the caller's records, `<relationKeyCode>: { <userIdKeyCode>: caller }` (`{ some: ... }` when `many`).
   */
  | { kind: "scope"; relationKeyCode: string; callerInKeyCode: string | undefined; many: boolean; userIdKeyCode: string }
  | { kind: "filter"; accessCode: string; keyCode: string; valueCode: string; list: boolean }
  | { kind: "range"; keyCode: string; conditions: RangeCondition[] }
  | { kind: "relation"; keyCode: string; many: boolean; fieldKeyCode: string; condition: RangeCondition };

/** A list operation: filters, sort, paging, and the page object around the items (when the response is one). */
export interface ListPlan {
  model: string;
  /** `where` members: the parent's foreign key, then the filters in parameter order, then the owner column. */
  where: WhereMember[];
  sort: { accessCode: string; allowed: { keyCode: string; valueLiteral: string }[]; parameterLiteral: string; directionAccessCode: string | undefined } | undefined;
  /** `alwaysSet`: a documented default or a required parameter makes `limit` a number (no test for undefined). */
  limit: { accessCode: string; defaultValue: number | undefined; alwaysSet: boolean } | undefined;
  offset: { accessCode: string } | undefined;
  page: { accessCode: string } | undefined;
  cursor: { accessCode: string; valueCode: string } | undefined;
  /** One item of the response from `record`: its mapper call, or one column's value (a column list). */
  itemCode: string;
  /** The page object's members in document order; undefined when the response is the array itself. */
  envelope: EnvelopeMember[] | undefined;
  /** Whether a member is the total count of the filtered query (`const total = await <service>.count(where)`). */
  countsTotal: boolean;
  /**
   * A list scoped to the caller (a feed, `x-vx-scope`), unless a sort parameter says another order: newest first by
   * the model's creation time (a DateTime column defaulting to `now()`, `createdAt`), `fieldLiteral` by `tsString`;
   * then by id, as every list.
   */
  newestFirst: { fieldLiteral: string } | undefined;
}

export type EnvelopeMember =
  | { kind: "items" | "total" | "limit" | "offset" | "page" | "hasMore" | "nullCursor"; keyCode: string }
  | { kind: "nextCursor"; keyCode: string; nullable: boolean; valueCode: string }
  /** A nested object of the page (`meta: { total }`), its own members filled the same way. */
  | { kind: "object"; keyCode: string; members: EnvelopeMember[] };

export interface PlanBoundHandlerInput {
  view: OperationView;
  views: Map<string, ModelView>;
  mappers: MapperPlanner;
  names: NameTable;
  schemas: Map<string, NamedSchema>;
  convert: (input: { enumImports: Set<string> }) => ConvertContext;
  /** What an owner-scoped operation does with a body that sets the owner column (`options.auth.ownerInBody`). */
  ownerInBody: OwnerInBody;
  /** The accounts' own login route (`/auth/login`), where a login with a second factor is finished. */
  accountsLoginPath?: string | undefined;
}

const limitNames = new Set(["limit", "pagesize", "perpage", "size", "take", "maxresults"]);
const offsetNames = new Set(["offset", "skip"]);
const pageNames = new Set(["page", "pagenumber"]);
const cursorNames = new Set(["cursor", "after", "startingafter", "pagetoken"]);
const sortNames = new Set(["sort", "sortby", "orderby"]);
const directionNames = new Set(["order", "direction", "sortorder", "sortdirection", "sortdir"]);


function defaultNumber(param: ParameterView | undefined): number | undefined {
  const d = param?.schema.default;
  return typeof d === "number" ? d : undefined;
}

/** What a list operation's query parameter does, by its name (the same names the handler plan reads). */
export type ListParameterRole = "limit" | "offset" | "page" | "cursor" | "sort" | "direction";

export function listParameterRole(name: string): ListParameterRole | undefined {
  const word = squash(name);
  const roles: [Set<string>, ListParameterRole][] = [
    [limitNames, "limit"],
    [offsetNames, "offset"],
    [pageNames, "page"],
    [cursorNames, "cursor"],
    [sortNames, "sort"],
    [directionNames, "direction"],
  ];
  return roles.find(([names]) => names.has(word))?.[1];
}

/** The mapper call of a handler: the record to its response body, the request body to Prisma data. */
interface Mapping {
  input: PlanBoundHandlerInput;
  model: ModelView;
  plan: BoundHandlerPlan;
}

function responseMapper({ input, model, plan }: Mapping): string | { reason: string } {
  const { view, names, mappers } = input;
  const success = view.success;
  const body = success?.body?.schema;
  if (!success?.body || !success.body.isJson || !body) return { reason: "the success response has no JSON body" };
  const envelope = view.op.binding.kind === "bound" ? view.op.binding.responseEnvelope : undefined;
  const wrapped = envelope?.kind === "wrap" ? envelope.property : undefined;
  const node = wrapped === undefined ? body : propertySchema({ node: body, name: wrapped, schemas: input.schemas });
  if (!node) return { reason: `the response has no property '${wrapped ?? ""}' to wrap the record in` };
  plan.responseKeyCode = wrapped === undefined ? undefined : objectKey(wrapped);
  const fnName = node.kind === "ref" ? `toApi${names.schemaType(node.name)}` : `${view.names.handler}Response`;
  const result = mappers.toApi({ view: model, node, fnName });
  if (!result.ok) return { reason: result.reason };
  if (result.callerIn === true) {
    const flagged = callerFlags({ input, model, plan });
    if ("reason" in flagged) return flagged;
  }
  if (result.related && result.related.length > 0) {
    const asked = relatedFlags({ input, plan, related: result.related });
    if ("reason" in asked) return asked;
  }
  if (result.token === true) {
    const token = tokenOf(input.view);
    if (!token) return { reason: "the answer shows the caller's access token, which only a sign-up, a login or the caller's own record can give" };
    plan.token = token;
  }
  plan.mapperImports.add(result.fn);
  return result.fn;
}

/**
 * Nested records showing flags of the caller (`author.following`): the caller is read (optional), and each related
 * model's `callerIn` asked for the records' related ids; `relatedArgCode` hands each record's answer to the mapper.
 */
function relatedFlags({ input, plan, related }: { input: PlanBoundHandlerInput; plan: BoundHandlerPlan; related: RelatedFlags[] }): { ok: true } | { reason: string } {
  if (!readCaller({ plan, id: input.mappers.userId(), required: false })) return { reason: "the caller's flags of nested records need the user model's id" };
  const args: string[] = [];
  plan.related = [];
  for (const r of related) {
    const service = input.views.get(r.relatedModel)?.names.variable;
    if (!service) return { reason: `model ${r.relatedModel} has no repository to ask which records hold the caller` };
    const nested = (object: string) => propertyAccess({ object, name: r.relation });
    const id = (object: string) => propertyAccess({ object: nested(object), name: r.idField });
    const variable = `${r.relation}CallerIn`;
    plan.related.push({
      variable,
      service,
      idsCode: r.optional ? `${nested("record")} === null ? [] : [${id("record")}]` : `[${id("record")}]`,
      listIdsCode: r.optional ? `records.flatMap((record) => (${nested("record")} === null ? [] : [${id("record")}]))` : `records.map((record) => ${id("record")})`,
    });
    args.push(`${propertyKey(r.relation)}: ${r.optional ? `${nested("record")} === null ? undefined : ` : ""}${variable}.get(${id("record")})`);
  }
  plan.relatedArgCode = `related: { ${args.join(", ")} }`;
  return { ok: true };
}

/** Where an answer's access token comes from: a sign-up's or login's new one, else the token the caller sent. */
function tokenOf(view: OperationView): BoundHandlerPlan["token"] {
  const binding = view.op.binding;
  if (binding.kind !== "bound") return undefined;
  if (binding.action === "register" || binding.action === "login") return { code: "signedIn.tokens.accessToken", fromCaller: false };
  return binding.callerRecord ? { code: "callerToken({ auth: context.auth })", fromCaller: true } : undefined;
}

/** A sign-up's or login's reading of the body, and the new account's record read by its id. */
function signInPlan({ input, model, plan }: Mapping): NonNullable<BoundHandlerPlan["signIn"]> | { reason: string } {
  const binding = input.view.op.binding;
  const body = input.view.body;
  const signIn = binding.kind === "bound" ? binding.signIn : undefined;
  const id = model.idField;
  const type = id ? callerIdType(id) : undefined;
  if (!signIn || !body?.schema || !id || type === undefined) return { reason: `${model.model.name} has no Int, BigInt or String id to read the signed-in account by` };
  const record = requestRecord({ input, node: body.schema });
  if ("reason" in record) return record;
  const properties = objectProperties({ node: record.node, schemas: input.schemas }) ?? [];
  const fields = properties.some((p) => p.name !== signIn.identifier && p.name !== signIn.password);
  plan.key = { suffix: pascalCase(id.name), field: id.name, valueCode: type === "number" ? "Number(signedIn.user.id)" : type === "bigint" ? "BigInt(signedIn.user.id)" : "signedIn.user.id" };
  const named = ({ property, as }: { property: string; as: string }) => (property === as ? as : `${objectKey(property)}: ${as}`);
  const destructureCode = `${named({ property: signIn.identifier, as: "identifier" })}, ${named({ property: signIn.password, as: "password" })}${fields ? ", ...fields" : ""}`;
  return { destructureCode, bodyCode: record.bodyCode, fields, loginPathLiteral: tsString(input.accountsLoginPath ?? "/auth/login") };
}

/**
 * The handler reads the caller as an id like `id` (`callerKey`, 403 without one, when any use is `required`; else
 * `viewerKey`, undefined for an anonymous caller); false when no subject can name such an id.
 */
function readCaller({ plan, id, required }: { plan: BoundHandlerPlan; id: ColumnField | undefined; required: boolean }): boolean {
  const type = id ? callerIdType(id) : undefined;
  if (type === undefined) return false;
  plan.caller = { required: required || plan.caller?.required === true, typeLiteral: tsString(type) };
  return true;
}

/** A response with flags of the caller: the caller is read (optional unless the action needs one) and `callerIn` asked. */
function callerFlags({ input, model, plan }: Mapping): { ok: true } | { reason: string } {
  if (!model.idField || !readCaller({ plan, id: input.mappers.userId(), required: false })) return { reason: `${model.model.name} has no single id to ask which records hold the caller` };
  plan.callerIn = { idCode: propertyAccess({ object: "record", name: model.idField.name }) };
  return { ok: true };
}

function dataMapper({ input, model, plan, mode, parentFk }: Mapping & { mode: "create" | "update" | "replace"; parentFk: ParentFk | undefined }): BoundHandlerPlan["data"] | { reason: string } {
  const { view, mappers } = input;
  const body = view.body;
  if (!body || !body.isJson || !body.schema) return { reason: "the request has no JSON body" };
  if (!body.required) return { reason: "the request body is optional" };
  const record = requestRecord({ input, node: body.schema });
  if ("reason" in record) return record;
  const fnName = `${view.names.handler}Data`;
  const parent = parentFk ? { field: parentFk.column, tsType: model.keys.find((k) => k.field === parentFk.column)?.tsType ?? tsTypeOf(parentFk.column) } : undefined;
  const owner = model.owner && plan.owner ? model.owner : undefined;
  const slug = mode === "create" ? slugPlan({ input, model, bodyCode: record.bodyCode }) : undefined;
  const slugColumn = slug?.column;
  const callerColumn = callerFk({ input, model, plan, mode });
  if (callerColumn && "reason" in callerColumn) return callerColumn;
  const caller = callerColumn?.column;
  const result = mappers.fromApi({ view: model, node: record.node, fnName, mode, ...(parent ? { parent } : {}), ...(owner ? { owner } : {}), ...(slugColumn ? { slug: slugColumn } : {}), ...(caller ? { caller } : {}) });
  if (!result.ok) return { reason: result.reason };
  plan.mapperImports.add(result.fn);
  // Anything but an explicit "ignore" rejects: an unknown value never lets the owner through silently.
  if (plan.owner && input.ownerInBody !== "ignore") {
    plan.owner.rejected = (result.ownerProperties ?? []).map((name) => ({ name, accessCode: propertyAccess({ object: record.bodyCode, name }), nameLiteral: tsString(name) }));
  }
  plan.slug = slug?.plan;
  const ctx = input.convert({ enumImports: plan.enumImports });
  for (const connect of result.connects ?? []) {
    const related = input.views.get(connect.relatedModel);
    const key = related?.keys.find((k) => k.field.name === connect.keyField);
    if (!related || !key) continue;
    const access = propertyAccess({ object: record.bodyCode, name: connect.property });
    const keyCode = apiToDb({ field: key.field, node: connect.keyNode, v: propertyAccess({ object: access, name: connect.keyProperty }), ctx });
    if (keyCode === undefined) continue;
    plan.references.push({ service: related.names.variable, getter: `getBy${pascalCase(connect.keyField)}`, keyCode, sentCode: sentTest({ access, optional: connect.optional, nullable: connect.nullable }) });
  }
  return { fn: result.fn, parentField: parentFk?.parentField, owner: owner !== undefined && mode === "create", slug: slug !== undefined, caller: caller !== undefined, bodyCode: record.bodyCode };
}

/** A create's foreign key the caller fills (`authorId`): the column, with the caller read as the user model's id. */
function callerFk({ input, model, plan, mode }: Mapping & { mode: "create" | "update" | "replace" }): { column: ColumnField } | { reason: string } | undefined {
  const binding = input.view.op.binding;
  const filled = binding.kind === "bound" && mode === "create" ? binding.callerColumn : undefined;
  if (!filled) return undefined;
  const column = model.columns.find((c) => c.name === filled.field);
  if (!column || !readCaller({ plan, id: input.mappers.userId(), required: true })) return { reason: `${model.model.name}.${filled.field} cannot hold the caller's id` };
  return { column };
}

/** The test that a body holds an object it may leave out or send as null (undefined: it always holds one). */
function sentTest({ access, optional, nullable }: { access: string; optional: boolean; nullable: boolean }): string | undefined {
  const tests = [...(optional ? [`${access} !== undefined`] : []), ...(nullable ? [`${access} !== null`] : [])];
  return tests.length === 0 ? undefined : tests.join(" && ");
}

/**
 * A create's derived slug (`derivedSlug`): made from the body's slug when the client sent it (an optional property),
 * else from its source property (`title`).
 */
function slugPlan({ input, model, bodyCode }: { input: PlanBoundHandlerInput; model: ModelView; bodyCode: string }): { column: ColumnField; plan: NonNullable<BoundHandlerPlan["slug"]> } | undefined {
  const derived = derivedSlug({ op: input.view.op, model: model.model, schemas: input.schemas });
  const column = derived ? model.columns.find((c) => c.name === derived.column.name) : undefined;
  if (!derived || !column) return undefined;
  const source = propertyAccess({ object: bodyCode, name: derived.source });
  const textCode = derived.sent === undefined ? source : `${propertyAccess({ object: bodyCode, name: derived.sent })} ?? ${source}`;
  const columnLiterals = [...new Set([column.name, column.dbName])].map((name) => tsString(name));
  return { column, plan: { textCode, maxLength: derived.maxLength, columnLiterals } };
}

/** The record in the request body: the body itself, or its required wrapping property (`request.body.article`). */
function requestRecord({ input, node }: { input: PlanBoundHandlerInput; node: SchemaNode }): { node: SchemaNode; bodyCode: string } | { reason: string } {
  const binding = input.view.op.binding;
  const envelope = binding.kind === "bound" ? binding.requestEnvelope : undefined;
  if (!envelope) return { node, bodyCode: "request.body" };
  const property = objectProperties({ node, schemas: input.schemas })?.find((p) => p.name === envelope.property);
  if (!property?.required) return { reason: `the request body's wrapping property '${envelope.property}' is not required` };
  return { node: property.schema, bodyCode: propertyAccess({ object: "request.body", name: envelope.property }) };
}

/** The parent of a nested route: its foreign key column here, and the parent's key field (`parentRecord.<field>`). */
interface ParentFk {
  column: ColumnField;
  parentField: string;
}

/**
 * The plan of a handler that serves a bound CRUD operation through the model's service and data mapper, or the reason
 * it cannot (the operation then gets a scaffold handler answering 501 until the user writes it).
 */
export function planBoundHandler(input: PlanBoundHandlerInput): BoundHandlerPlan | { reason: string } {
  const { view, views, schemas } = input;
  const binding = view.op.binding;
  if (binding.kind !== "bound") return { reason: binding.reason };
  const model = views.get(binding.model);
  if (!model) return { reason: `model ${binding.model} has no repository` };
  if (binding.action === "custom") return { reason: `${binding.reason}: a custom action` };
  const success = view.success;
  if (!success) return { reason: "no 2xx response is documented" };
  const plan: BoundHandlerPlan = {
    action: "get",
    status: success.code ?? 200,
    service: model.names.variable,
    parent: undefined,
    scope: undefined,
    key: undefined,
    data: undefined,
    response: undefined,
    responseKeyCode: undefined,
    list: undefined,
    mapperImports: new Set(),
    enumImports: new Set(),
    usesSort: false,
    usesPrisma: false,
    owner: undefined,
    slug: undefined,
    references: [],
    relation: undefined,
    caller: undefined,
    callerIn: undefined,
    signIn: undefined,
    token: undefined,
    related: [],
    relatedArgCode: undefined,
  };
  const ctx = input.convert({ enumImports: plan.enumImports });
  if (binding.owner) {
    const owner = model.owner;
    if (!owner || owner.name !== binding.owner.field) return { reason: `${model.model.name} has no owner column ${binding.owner.field}` };
    if (binding.key && (binding.key.field === owner.name || binding.key.field === "owner")) {
      return { reason: `the key ${binding.key.field} cannot be scoped to its owner` };
    }
    plan.owner = { keyCode: propertyKey(owner.name), rejected: [] };
  }

  // The record selected by the path (get/update/replace/delete).
  if (binding.key) {
    const { key } = binding;
    const keyView = model.keys.find((k) => k.field.name === key.field);
    const param = view.params.path.find((p) => p.name === key.parameter);
    if (!keyView || !param) return { reason: `path parameter ${key.parameter} does not select a unique ${model.model.name}` };
    const value = apiToDb({ field: keyView.field, node: derefSchema({ node: param.schema, schemas }), v: propertyAccess({ object: "request.params", name: param.name }), ctx });
    if (value === undefined) return { reason: `path parameter ${key.parameter} does not convert to ${model.model.name}.${key.field}` };
    plan.key = { suffix: pascalCase(key.field), field: key.field, valueCode: value };
  }

  // The caller's own record (`GET /user`): its id is the caller's.
  if (binding.callerRecord) {
    const id = model.idField;
    if (!id || !readCaller({ plan, id, required: true })) return { reason: `${model.model.name} has no Int, BigInt or String id to find the caller's record by` };
    plan.key = { suffix: pascalCase(id.name), field: id.name, valueCode: "caller" };
  }

  // A compound key (`/memberships/{userId}/{groupId}`): the key object of Prisma's compound where, one member per column.
  if (binding.compoundKey) {
    const keyed = compoundKeyPlan({ input, model, parts: binding.compoundKey, ctx, owned: plan.owner !== undefined });
    if ("reason" in keyed) return keyed;
    plan.key = keyed;
  }

  // The parent of a nested route (`/authors/{authorId}/books`): must exist, and scopes the records.
  let parentFk: ParentFk | undefined;
  if (binding.parent) {
    const { parent } = binding;
    const parentModel = views.get(parent.model);
    const relation = model.model.fields.find((f): f is RelationField => f.kind === "relation" && f.name === parent.relationField);
    const fkName = relation?.fromFields[0];
    const column = model.columns.find((c) => c.name === fkName);
    const parentKey = parentModel?.keys.find((k) => k.field.name === parent.field);
    const param = view.params.path.find((p) => p.name === parent.parameter);
    if (!parentModel || !relation || !column || !parentKey || !param || relation.toFields[0] !== parent.field) {
      return { reason: `the nested route under ${parent.model} has no usable relation` };
    }
    const value = apiToDb({ field: parentKey.field, node: derefSchema({ node: param.schema, schemas }), v: propertyAccess({ object: "request.params", name: param.name }), ctx });
    if (value === undefined) return { reason: `path parameter ${parent.parameter} does not convert to ${parent.model}.${parent.field}` };
    plan.parent = { service: parentModel.names.variable, getter: `getBy${pascalCase(parent.field)}`, keyCode: value, field: parent.field };
    parentFk = { column, parentField: parent.field };
  }

  const action = binding.action;
  const mapping: Mapping = { input, model, plan };
  switch (action) {
    case "get":
    case "delete": {
      if (!plan.key) return { reason: "no key parameter" };
      if (action === "delete" && !success.body) break;
      const response = responseMapper(mapping);
      if (typeof response !== "string") return response;
      plan.response = response;
      break;
    }
    case "create":
    case "update":
    case "replace": {
      if (action !== "create" && !plan.key) return { reason: "no key parameter" };
      const data = dataMapper({ ...mapping, mode: action, parentFk });
      if (!data || "reason" in data) return data ?? { reason: "the request has no JSON body" };
      plan.data = data;
      const response = responseMapper(mapping);
      if (typeof response === "string") plan.response = response;
      else if (success.body) return response;
      break;
    }
    case "list": {
      const listed = planList({ input, model, plan, ctx, parentFk });
      if ("reason" in listed) return listed;
      plan.list = listed;
      break;
    }
    case "connect":
    case "disconnect": {
      if (!plan.key || !binding.relation) return { reason: "no key parameter" };
      const related = relationPlan({ input, model, plan, ctx, op: action, relation: binding.relation });
      if ("reason" in related) return related;
      plan.relation = related;
      if (!success.body) break;
      const response = responseMapper(mapping);
      if (typeof response !== "string") return response;
      plan.response = response;
      break;
    }
    case "register":
    case "login": {
      const signIn = signInPlan(mapping);
      if ("reason" in signIn) return signIn;
      plan.signIn = signIn;
      const response = responseMapper(mapping);
      if (typeof response !== "string") return response;
      plan.response = response;
      break;
    }
    default:
      return { reason: `action ${action} is not served automatically` };
  }
  if (parentFk && plan.key && action !== "create" && action !== "list") {
    plan.scope = { fkCode: propertyAccess({ object: "scoped", name: parentFk.column.name }), messageLiteral: tsString(`${model.model.name} not found`) };
  }
  plan.action = action;
  return plan;
}

/** A relation action's update: the caller's record or the path's related record joins or leaves the relation. */
function relationPlan({ input, model, plan, ctx, op, relation }: { input: PlanBoundHandlerInput; model: ModelView; plan: BoundHandlerPlan; ctx: ConvertContext; op: "connect" | "disconnect"; relation: NonNullable<Extract<OperationView["op"]["binding"], { kind: "bound" }>["relation"]> }): RelationPlan | { reason: string } {
  const field = model.model.fields.find((f): f is RelationField => f.kind === "relation" && f.name === relation.relation);
  const relatedView = field ? input.views.get(field.type) : undefined;
  const idField = relatedView?.idField;
  if (!field || !relatedView || !idField) return { reason: `${model.model.name}.${relation.relation} has no related model with a single id` };
  const base = { op, relationKeyCode: propertyKey(field.name), idKeyCode: propertyKey(idField.name) };
  const target = relation.target;
  if (target.kind === "caller") {
    if (!readCaller({ plan, id: idField, required: true })) return { reason: `the caller's id ${relatedView.model.name}.${idField.name} is not an Int, BigInt or String` };
    return { ...base, idCode: "caller", related: undefined };
  }
  const keyView = relatedView.keys.find((k) => k.field.name === target.field);
  const param = input.view.params.path.find((p) => p.name === target.parameter);
  const value = keyView && param ? apiToDb({ field: keyView.field, node: derefSchema({ node: param.schema, schemas: input.schemas }), v: propertyAccess({ object: "request.params", name: param.name }), ctx }) : undefined;
  if (value === undefined) return { reason: `path parameter ${target.parameter} does not convert to ${relatedView.model.name}.${target.field}` };
  return { ...base, idCode: propertyAccess({ object: "related", name: idField.name }), related: { service: relatedView.names.variable, getter: `getBy${pascalCase(target.field)}`, keyCode: value } };
}

/**
 * The record a compound key selects: `<service>.getBy<A>And<B>(key)` with `key` the object `{ a: <value>, b: <value> }`
 * (each path parameter converted to its column), which the services pass to Prisma's compound where.
 */
function compoundKeyPlan({ input, model, parts, ctx, owned }: { input: PlanBoundHandlerInput; model: ModelView; parts: { parameter: string; field: string }[]; ctx: ConvertContext; owned: boolean }): NonNullable<BoundHandlerPlan["key"]> | { reason: string } {
  const names = parts.map((p) => p.field);
  const compound = model.compoundKeys.find((k) => k.fields.length === names.length && k.fields.every((f, i) => f.field.name === names[i]));
  if (!compound) return { reason: `path parameters ${parts.map((p) => p.parameter).join(", ")} do not select a unique ${model.model.name}` };
  if (owned) return { reason: `the compound key ${names.join(", ")} cannot be scoped to its owner` };
  const members: string[] = [];
  for (const [i, part] of parts.entries()) {
    const param = input.view.params.path.find((p) => p.name === part.parameter);
    const column = compound.fields[i]?.field;
    const value = param && column ? apiToDb({ field: column, node: derefSchema({ node: param.schema, schemas: input.schemas }), v: propertyAccess({ object: "request.params", name: param.name }), ctx }) : undefined;
    if (value === undefined) return { reason: `path parameter ${part.parameter} does not convert to ${model.model.name}.${part.field}` };
    members.push(`${propertyKey(part.field)}: ${value}`);
  }
  return { suffix: compound.suffix, field: "key", valueCode: `{ ${members.join(", ")} }` };
}

function tsTypeOf(column: ColumnField): string {
  if (column.kind === "enum") return `$Enums.${column.type}`;
  return column.type === "BigInt" ? "bigint" : column.type === "String" ? "string" : "number";
}

/** `request.query.<name>` (by `propertyAccess`). */
function queryAccess(param: ParameterView): string {
  return propertyAccess({ object: "request.query", name: param.name });
}

function planList({
  input,
  model,
  plan,
  ctx,
  parentFk,
}: {
  input: PlanBoundHandlerInput;
  model: ModelView;
  plan: BoundHandlerPlan;
  ctx: ConvertContext;
  parentFk: ParentFk | undefined;
}): ListPlan | { reason: string } {
  const { view, schemas } = input;
  const success = view.success;
  const node = success?.body?.schema;
  if (!success?.body?.isJson || !node) return { reason: "the list has no JSON body" };
  const shape = listShape({ input, node });
  if ("reason" in shape) return shape;
  const { itemNode, envelope } = shape;
  const itemCode = listItemCode({ input, model, plan, ctx, shape });
  if (typeof itemCode !== "string") return itemCode;

  const query = view.params.query;
  const find = (set: Set<string>) => query.find((p) => set.has(squash(p.name)));
  const limitParam = find(limitNames);
  const offsetParam = find(offsetNames);
  const pageParam = offsetParam ? undefined : find(pageNames);
  const cursorParam = model.idField ? find(cursorNames) : undefined;
  const sortParam = find(sortNames);
  const directionParam = find(directionNames);
  const used = new Set([limitParam, offsetParam, pageParam, cursorParam, sortParam, directionParam].filter((p) => p !== undefined));
  plan.usesPrisma = true;
  const limitDefault = defaultNumber(limitParam);
  const limit = limitParam ? { accessCode: queryAccess(limitParam), defaultValue: limitDefault, alwaysSet: limitDefault !== undefined || limitParam.required } : undefined;
  const filters = planFilters({ input, model, ctx, used, owner: plan.owner ? model.owner : undefined });
  if ("reason" in filters) return filters;
  const scoped = callerScope({ input, plan });
  if (scoped && "reason" in scoped) return scoped;
  const list: ListPlan = {
    model: model.model.name,
    where: [
      ...(parentFk ? [{ kind: "parent" as const, keyCode: propertyKey(parentFk.column.name) }] : []),
      ...filters,
      // Last, so nothing before it can widen the list to rows of others.
      ...(plan.owner ? [{ kind: "owner" as const, keyCode: plan.owner.keyCode }] : []),
      ...(scoped ? [scoped] : []),
    ],
    sort: sortParam ? planSort({ input, model, plan, sortParam, directionParam, itemNode }) : undefined,
    limit,
    offset: offsetParam ? { accessCode: queryAccess(offsetParam) } : undefined,
    page: pageParam && limit ? { accessCode: queryAccess(pageParam) } : undefined,
    cursor: undefined,
    itemCode,
    envelope: undefined,
    countsTotal: false,
    newestFirst: scoped ? newestFirst(model) : undefined,
  };
  if (cursorParam && model.idField) {
    const conv = apiToDb({ field: model.idField, node: derefSchema({ node: cursorParam.schema, schemas }), v: "cursorValue", ctx });
    if (conv !== undefined) list.cursor = { accessCode: queryAccess(cursorParam), valueCode: conv };
  }
  if (!envelope) return list;
  const members = planEnvelope({ input, model, ctx, envelope, list, hasPage: list.page !== undefined });
  if ("reason" in members) return members;
  list.envelope = members;
  list.countsTotal = countsTotal(members);
  return list;
}

/** A feed's member of the where (`author: { followers: { some: { id: caller } } }`), the caller read first. */
/** The column a scoped list is newest first by: a sortable DateTime defaulting to `now()` (`createdAt` when several). */
function newestFirst(model: ModelView): ListPlan["newestFirst"] {
  const created = model.sortable.filter((c) => c.kind === "scalar" && c.type === "DateTime" && c.default?.kind === "now" && !c.isUpdatedAt);
  const column = created.find((c) => c.name === "createdAt") ?? created[0];
  return column ? { fieldLiteral: tsString(column.name) } : undefined;
}

function callerScope({ input, plan }: { input: PlanBoundHandlerInput; plan: BoundHandlerPlan }): Extract<WhereMember, { kind: "scope" }> | { reason: string } | undefined {
  const binding = input.view.op.binding;
  const scope = binding.kind === "bound" ? binding.scope : undefined;
  if (!scope) return undefined;
  const userId = input.mappers.userId();
  if (!userId || !readCaller({ plan, id: userId, required: true })) return { reason: "the list's caller has no Int, BigInt or String id" };
  return { kind: "scope", relationKeyCode: propertyKey(scope.relation), callerInKeyCode: scope.callerIn === undefined ? undefined : propertyKey(scope.callerIn), many: scope.many === true, userIdKeyCode: propertyKey(userId.name) };
}

function countsTotal(members: EnvelopeMember[]): boolean {
  return members.some((m) => m.kind === "total" || (m.kind === "object" && countsTotal(m.members)));
}

/** A page object's properties, the array among them and the path of the total count (from the binding). */
interface PageShape {
  props: { name: string; required: boolean; schema: SchemaNode }[];
  arrayProp: string;
  total: readonly string[] | undefined;
}

/** Where a list's items are: the response array, or a page's array property; `column` for a column list. */
interface ListShape {
  itemNode: SchemaNode;
  envelope: PageShape | undefined;
  column: string | undefined;
}

function listShape({ input, node }: { input: PlanBoundHandlerInput; node: SchemaNode }): ListShape | { reason: string } {
  const { schemas } = input;
  const binding = input.view.op.binding;
  const bound = binding.kind === "bound" ? binding.responseEnvelope : undefined;
  const column = bound?.kind === "columnList" ? bound.field : undefined;
  const placed = bound?.kind === "page" || bound?.kind === "columnList" ? bound : undefined;
  const props = objectProperties({ node, schemas }) ?? [];
  const arrays = props.filter((p) => arrayItems({ node: p.schema, schemas }) !== undefined);
  const arrayProp = placed ? placed.items : derefSchema({ node, schemas }).kind === "array" ? undefined : arrays.length === 1 ? arrays[0]?.name : "";
  if (arrayProp === undefined) {
    const items = arrayItems({ node, schemas });
    return items ? { itemNode: items, envelope: undefined, column } : { reason: "the list response is not an array" };
  }
  const itemNode = arrayItems({ node: propertySchema({ node, name: arrayProp, schemas }), schemas });
  if (!itemNode) return { reason: "the list response is neither an array nor a page object with one array" };
  return { itemNode, envelope: { props, arrayProp, total: placed?.total }, column };
}

/** One item of the response from `record`: the item mapper's call, or the listed column's value. */
function listItemCode({ input, model, plan, ctx, shape }: { input: PlanBoundHandlerInput; model: ModelView; plan: BoundHandlerPlan; ctx: ConvertContext; shape: ListShape }): string | { reason: string } {
  const { view, names, mappers, schemas } = input;
  const { itemNode, column } = shape;
  if (column !== undefined) {
    const field = model.columns.find((c) => c.name === column);
    const value = field ? dbToApi({ field, node: derefSchema({ node: itemNode, schemas }), v: propertyAccess({ object: "record", name: field.name }), ctx }) : undefined;
    if (!field || !field.isRequired || value === undefined) return { reason: `the list's items do not convert from ${model.model.name}.${column}` };
    return value;
  }
  const fnName = itemNode.kind === "ref" ? `toApi${names.schemaType(itemNode.name)}` : `${view.names.handler}Item`;
  const mapped = mappers.toApi({ view: model, node: itemNode, fnName });
  if (!mapped.ok) return { reason: mapped.reason };
  plan.mapperImports.add(mapped.fn);
  if (mapped.related && mapped.related.length > 0) {
    const asked = relatedFlags({ input, plan, related: mapped.related });
    if ("reason" in asked) return asked;
  }
  const given: string[] = [];
  if (mapped.callerIn === true) {
    const flagged = callerFlags({ input, model, plan });
    if ("reason" in flagged) return flagged;
    given.push(`callerIn: callerIn.get(${plan.callerIn?.idCode ?? "record"})`);
  }
  if (plan.relatedArgCode !== undefined) given.push(plan.relatedArgCode);
  return given.length === 0 ? `${mapped.fn}(record)` : `${mapped.fn}({ row: record, ${given.join(", ")} })`;
}

/**
 * Filters (`resolveListFilter`): query parameters naming a column (equality; enums mapped, lists as `in`), one end of a
 * range on a number or date column (`minPrice`, `createdAfter`; the ends of one column joined in one member), or a
 * relation (its related record's unique field). Any other query parameter (not paging or sorting) is a reason not to
 * generate the list: a filter the handler ignored would answer every row to a caller who asked for some. A parameter
 * on the owner column is left to the owner condition (the caller's own rows, whatever it says).
 */
function planFilters({
  input,
  model,
  ctx,
  used,
  owner,
}: {
  input: PlanBoundHandlerInput;
  model: ModelView;
  ctx: ConvertContext;
  used: Set<ParameterView>;
  owner: ColumnField | undefined;
}): ListPlan["where"] | { reason: string } {
  const { view, schemas, views } = input;
  const models = new Map([...views].map(([name, v]) => [name, v.model]));
  const where: ListPlan["where"] = [];
  // A trial conversion must not import an enum table the module then never uses.
  const trial: ConvertContext = { ...ctx, useEnumTable: () => undefined };
  for (const param of view.params.query) {
    if (used.has(param)) continue;
    const unusable = `the query parameter '${param.name}'`;
    const schema = derefSchema({ node: param.schema, schemas });
    const list = schema.kind === "array";
    const node = list ? derefSchema({ node: schema.items, schemas }) : schema;
    const converts = (field: ColumnField) => apiToDb({ field, node, v: "value", ctx: trial }) !== undefined;
    const filter = resolveListFilter({ model: model.model, models, name: param.name, node, hint: param.parameter.filterHint, converts });
    if ("reason" in filter) return { reason: `${unusable} ${filter.reason}` };
    const v = queryAccess(param);
    const conv = apiToDb({ field: filter.field, node, v: list ? "item" : v, ctx });
    if (conv === undefined) return { reason: `${unusable} does not convert to ${filter.field.name}` };
    if (list && filter.op !== "equals") return { reason: `${unusable} is a list, which cannot be one end of a range` };
    // A list goes as it is when its items need no conversion (no identity `.map`).
    const condition: RangeCondition = { accessCode: v, opKey: list ? "in" : filter.op, valueCode: list ? (conv === "item" ? v : `${v}.map((item) => ${conv})`) : conv };
    // Always the caller's own rows: the owner condition, last in `where`, decides.
    if (filter.kind === "column" && owner && filter.field.name === owner.name) continue;
    const name = `${model.model.name}.${filter.kind === "relation" ? filter.relation.name : filter.field.name}`;
    const again = filter.kind === "relation" ? addRelation({ where, filter, condition }) : addCondition({ where, keyCode: propertyKey(filter.field.name), condition });
    if (again) return { reason: `${unusable} ${filter.kind === "relation" ? `filters by ${name}` : `compares ${name} with ${condition.opKey}`} again (another parameter does)` };
  }
  return where;
}

/** A relation's member (one per relation); true when another parameter has it already. */
function addRelation({ where, filter, condition }: { where: ListPlan["where"]; filter: Extract<ListFilter, { kind: "relation" }>; condition: RangeCondition }): boolean {
  const keyCode = propertyKey(filter.relation.name);
  if (where.some((w) => w.kind === "relation" && w.keyCode === keyCode)) return true;
  where.push({ kind: "relation", keyCode, many: filter.many, fieldKeyCode: propertyKey(filter.field.name), condition });
  return false;
}

/**
 * A column's condition: an equality filter alone, else with the column's other conditions in one member (`price: {
 * gte, lte }`, an equality among them as `equals`); true when another parameter makes the same comparison already
 * (the second would win).
 */
function addCondition({ where, keyCode, condition }: { where: ListPlan["where"]; keyCode: string; condition: RangeCondition }): boolean {
  const at = where.findIndex((w) => (w.kind === "filter" || w.kind === "range") && w.keyCode === keyCode);
  const found = where[at];
  if (!found && condition.opKey === "equals") {
    where.push({ kind: "filter", accessCode: condition.accessCode, keyCode, valueCode: condition.valueCode, list: false });
    return false;
  }
  if (!found && condition.opKey === "in") {
    where.push({ kind: "filter", accessCode: condition.accessCode, keyCode, valueCode: condition.valueCode, list: true });
    return false;
  }
  const before: RangeCondition[] =
    found?.kind === "range" ? found.conditions : found?.kind === "filter" ? [{ accessCode: found.accessCode, opKey: found.list ? "in" : "equals", valueCode: found.valueCode }] : [];
  if (before.some((c) => c.opKey === condition.opKey)) return true;
  const member: WhereMember = { kind: "range", keyCode, conditions: [...before, condition] };
  if (at >= 0) where.splice(at, 1, member);
  else where.push(member);
  return false;
}

/** Sorting on a whitelist: the parameter's enum values, else the sortable fields the items show. */
function planSort({
  input,
  model,
  plan,
  sortParam,
  directionParam,
  itemNode,
}: {
  input: PlanBoundHandlerInput;
  model: ModelView;
  plan: BoundHandlerPlan;
  sortParam: ParameterView;
  directionParam: ParameterView | undefined;
  itemNode: SchemaNode;
}): ListPlan["sort"] {
  const { schemas } = input;
  const allowed = new Map<string, string>();
  const sortSchema = derefSchema({ node: sortParam.schema, schemas });
  const itemSchema = sortSchema.kind === "array" ? derefSchema({ node: sortSchema.items, schemas }) : sortSchema;
  const sortable = new Set(model.sortable.map((f) => f.name));
  if (itemSchema.kind === "enum") {
    for (const value of itemSchema.values) {
      if (typeof value !== "string") continue;
      const name = value.replace(/^[-+]/, "").replace(/:(asc|desc)$/i, "");
      const field = findModelField({ model: model.model, property: name });
      if (field && sortable.has(field.name)) allowed.set(name, field.name);
    }
  } else {
    for (const prop of objectProperties({ node: itemNode, schemas }) ?? []) {
      const field = findModelField({ model: model.model, property: prop.name });
      if (field && sortable.has(field.name)) allowed.set(prop.name, field.name);
    }
  }
  if (allowed.size === 0 || (itemSchema.kind !== "string" && itemSchema.kind !== "enum")) return undefined;
  plan.usesSort = true;
  const dirSchema = directionParam ? derefSchema({ node: directionParam.schema, schemas }) : undefined;
  const direction = directionParam && dirSchema?.kind === "enum" && dirSchema.values.every((v) => v === "asc" || v === "desc") ? queryAccess(directionParam) : undefined;
  return {
    accessCode: queryAccess(sortParam),
    allowed: [...allowed.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([api, db]) => ({ keyCode: objectKey(api), valueLiteral: tsString(db) })),
    parameterLiteral: tsString(sortParam.name),
    directionAccessCode: direction,
  };
}

/** The page object's members, each filled from what the list knows (or the reason a required one cannot be). */
function planEnvelope({
  input,
  model,
  ctx,
  envelope,
  list,
  hasPage,
}: {
  input: PlanBoundHandlerInput;
  model: ModelView;
  ctx: ConvertContext;
  envelope: PageShape;
  list: ListPlan;
  hasPage: boolean;
}): EnvelopeMember[] | { reason: string } {
  const { schemas } = input;
  const members: EnvelopeMember[] = [];
  const [totalHead, ...totalRest] = envelope.total ?? [];
  for (const prop of envelope.props) {
    // An object literal's key (`["__proto__"]` defines the property; bare or quoted it would set the prototype).
    const keyCode = objectKey(prop.name);
    const word = squash(prop.name);
    const schema = derefSchema({ node: prop.schema, schemas });
    const numeric = schema.kind === "integer" || schema.kind === "number";
    if (prop.name === envelope.arrayProp) members.push({ kind: "items", keyCode });
    else if (prop.name === totalHead && totalRest.length === 0 && numeric) members.push({ kind: "total", keyCode });
    else if (prop.name === totalHead) {
      const props = objectProperties({ node: prop.schema, schemas }) ?? [];
      const nested = planEnvelope({ input, model, ctx, envelope: { props, arrayProp: "", total: totalRest }, list, hasPage });
      if ("reason" in nested) return nested;
      members.push({ kind: "object", keyCode, members: nested });
    }
    else if (["total", "count", "totalcount", "totalitems", "totalresults"].includes(word) && numeric) members.push({ kind: "total", keyCode });
    else if (limitNames.has(word) && numeric) members.push({ kind: "limit", keyCode });
    else if (offsetNames.has(word) && numeric) members.push({ kind: "offset", keyCode });
    else if (pageNames.has(word) && hasPage && numeric) members.push({ kind: "page", keyCode });
    else if (["nextcursor", "next", "cursor", "nextpagetoken"].includes(word) && model.idField) {
      const nullable = prop.schema.nullable || schema.nullable;
      const conv = dbToApi({ field: model.idField, node: schema, v: `lastRecord.${model.idField.name}`, ctx });
      if (conv === undefined || !list.limit) {
        if (conv !== undefined && nullable) members.push({ kind: "nullCursor", keyCode });
        else if (prop.required) return { reason: `page property '${prop.name}' cannot be filled` };
        continue;
      }
      members.push({ kind: "nextCursor", keyCode, nullable, valueCode: conv });
    } else if (["hasmore", "hasnext", "hasnextpage"].includes(word) && schema.kind === "boolean") {
      members.push({ kind: "hasMore", keyCode });
    } else if (prop.required) {
      return { reason: `page property '${prop.name}' is not one vx-gen fills (${printType({ node: prop.schema, variant: "response", refName: (n) => n })})` };
    }
  }
  return members;
}
