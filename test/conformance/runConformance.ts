import { readFile } from "node:fs/promises";
import { isDeepStrictEqual } from "node:util";
import { parse as parseYaml } from "yaml";
import { exampleFromSchema, invalidVariants, type ValueContext } from "./exampleFromSchema.js";
import type { Json, JsonObject, SourceDocument, SourceOperation, SourceParameter } from "./sourceDocument.js";

/**
 * The conformance suite: drives any generated server (whatever its target) over HTTP and judges every answer against
 * the source OpenAPI document, read independently of vx-gen (see sourceDocument.ts). The same cases for every target:
 * CRUD round trips, 404 and 409, 400 for every kind of invalid input in the error format, unknown properties, the
 * no-coercion rule for bodies, pagination, filters and sort, 401 without credentials, `/openapi.json` and `/docs`.
 */
export interface ConformanceCase {
  group: string;
  name: string;
  ok: boolean;
  detail?: string;
}

export interface ConformanceReport {
  cases: ConformanceCase[];
  requests: number;
  /** Cases that could not be run, and why (never counted as passed). */
  skipped: string[];
}

interface Answer {
  status: number;
  headers: Headers;
  body: Json | undefined;
  text: string;
}

interface Resource {
  collection: string;
  create: SourceOperation;
  list: SourceOperation | undefined;
  get: SourceOperation | undefined;
  update: SourceOperation | undefined;
  replace: SourceOperation | undefined;
  remove: SourceOperation | undefined;
  keyParam: string | undefined;
  model: string;
}

/**
 * Whether an answer echoes a sent value: the same value, or for a related record sent by its id (`author: { id: 3 }`)
 * that record, which the answer may show with more of its fields (`{ id: 3, name: "Ann" }`).
 */
function echoes({ answered, sent }: { answered: Json | undefined; sent: Json }): boolean {
  if (isObject(sent) && Object.keys(sent).join() === "id" && isObject(answered)) return sameValue(answered.id, sent.id);
  return sameValue(answered, sent);
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The error format every failure must use: `{"error":{"code","message","details"?,"timestamp"}}`. */
export function errorFormatProblem(body: Json | undefined): string | undefined {
  if (!isObject(body) || Object.keys(body).length !== 1 || !isObject(body.error)) return "not in the error format";
  const e = body.error;
  if (typeof e.code !== "string" || typeof e.message !== "string") return "error without code or message";
  if (typeof e.timestamp !== "string" || Number.isNaN(Date.parse(e.timestamp))) return "error without a timestamp";
  if (e.details !== undefined && !Array.isArray(e.details)) return "error details not a list";
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function singular(segment: string): string {
  return segment
    .toLowerCase()
    .replace(/ies$/, "y")
    .replace(/(s|x|ch|sh)es$/, "$1")
    .replace(/s$/, "");
}

function itemsOf(body: Json | undefined): Json[] | undefined {
  if (Array.isArray(body)) return body;
  if (!isObject(body)) return undefined;
  const arrays = Object.values(body).filter((v): v is Json[] => Array.isArray(v));
  return arrays.length === 1 ? arrays[0] : undefined;
}

/**
 * The record in a body: the value of its only property when that is an object (`{ article: {...} }`, the envelope
 * RealWorld-style APIs wrap records in), else the body itself.
 */
function recordOf(body: Json | undefined): Json | undefined {
  if (!isObject(body)) return body;
  const values = Object.values(body);
  return values.length === 1 && isObject(values[0]) ? values[0] : body;
}

/**
 * A request body schema's record: the schema of its only property when that is an object (`{ user: {...} }`), else the
 * schema itself (as `recordOf` unwraps a body).
 */
function recordSchemaOf({ schema, resolve }: { schema: Json | undefined; resolve: (schema: Json | undefined) => JsonObject }): { record: JsonObject; envelope: string | undefined } {
  const resolved = resolve(schema);
  const properties = isObject(resolved.properties) ? Object.entries(resolved.properties) : [];
  const only = properties.length === 1 ? properties[0] : undefined;
  const inner = only ? resolve(only[1]) : undefined;
  return inner && isObject(inner.properties) ? { record: inner, envelope: only?.[0] } : { record: resolved, envelope: undefined };
}

/** A property a client sends and no answer shows: `writeOnly`, or a password (`format: password`, or so named). */
function sentOnly({ record, name, resolve }: { record: JsonObject; name: string; resolve: (schema: Json | undefined) => JsonObject }): boolean {
  const property = isObject(record.properties) ? resolve(record.properties[name]) : {};
  return property.writeOnly === true || property.format === "password" || /^password$/i.test(name);
}

/** A login (`POST /users/login`): a POST to a path ending in login, signin or sessions whose record sends a password. */
function isLogin({ op, resolve }: { op: SourceOperation; resolve: (schema: Json | undefined) => JsonObject }): boolean {
  const last = op.path.split("/").filter((s) => s !== "").at(-1) ?? "";
  if (op.method !== "post" || !op.body || !/^(log-?in|sign-?in|sign_in|sessions?)$/i.test(last)) return false;
  const { record } = recordSchemaOf({ schema: op.body.schema, resolve });
  return isObject(record.properties) && Object.keys(record.properties).some((name) => /^password$/i.test(name));
}

/** `inner` in the same envelope as `body` (its only property's name), or `inner` itself when `body` is flat. */
function wrappedLike({ body, inner }: { body: JsonObject; inner: JsonObject }): JsonObject {
  const names = Object.keys(body);
  return recordOf(body) === body || names[0] === undefined ? inner : { [names[0]]: inner };
}

function sameValue(a: Json | undefined, b: Json | undefined): boolean {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) < 1e-9;
  if (typeof a === "string" && typeof b === "string" && /^\d{4}-\d{2}-\d{2}T/.test(a))
    return Date.parse(a) === Date.parse(b);
  return isDeepStrictEqual(a, b);
}

/** Runs every case against the server at `url`; `uniques` names the unique properties of each model (lower case). */
const isJsonObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Every entry of `original` in `served`, unchanged (entries may be added, as the generated accounts' routes are). */
function containsAll({ served, original }: { served: unknown; original: unknown }): boolean {
  if (!isJsonObject(served) || !isJsonObject(original)) return isDeepStrictEqual(served, original);
  return Object.entries(original).every(([key, value]) => key in served && isDeepStrictEqual(served[key], value));
}

/**
 * The served document is the source: equal, except that paths, component schemas and security schemes may have
 * entries added (the accounts routes), each of the source's kept as written.
 */
function servesSource({ served, original }: { served: unknown; original: unknown }): boolean {
  if (!isJsonObject(served) || !isJsonObject(original)) return isDeepStrictEqual(served, original);
  const keys = new Set([...Object.keys(served), ...Object.keys(original)]);
  for (const key of keys) {
    if (key === "paths" ? !containsAll({ served: served[key], original: original[key] ?? {} }) : key === "components" ? false : !isDeepStrictEqual(served[key], original[key])) return false;
  }
  const components = isJsonObject(served.components) ? served.components : {};
  const sourceComponents = isJsonObject(original.components) ? original.components : {};
  for (const key of new Set([...Object.keys(components), ...Object.keys(sourceComponents)])) {
    const added = key === "schemas" || key === "securitySchemes";
    if (added ? !containsAll({ served: components[key], original: sourceComponents[key] ?? {} }) : !isDeepStrictEqual(components[key], sourceComponents[key])) return false;
  }
  return true;
}

export async function runConformance({
  url,
  source,
  specFile,
  uniques = {},
  credentials,
}: {
  url: string;
  source: SourceDocument;
  specFile: string;
  uniques?: Record<string, string[]>;
  /**
   * Headers that authenticate a caller (`authorization: Bearer <token>` of an account the server made): sent with
   * every request but the 401 checks, so the resources whose create is secured are driven too. Without them those
   * resources are left out.
   */
  credentials?: Record<string, string>;
}): Promise<ConformanceReport> {
  const report: ConformanceReport = { cases: [], requests: 0, skipped: [] };
  let counter = 1000;
  const context: ValueContext = { resolve: source.resolve, next: () => ++counter, direction: "request" };
  const record = (group: string, name: string, problem: string | undefined) => {
    report.cases.push({
      group,
      name,
      ok: problem === undefined,
      ...(problem === undefined ? {} : { detail: problem }),
    });
  };

  const send = async ({
    method,
    path,
    query = [],
    body,
    raw,
    contentType,
    anonymous = false,
  }: {
    method: string;
    path: string;
    query?: [string, string][];
    body?: Json;
    raw?: string;
    contentType?: string;
    /** Without the credentials (the 401 checks). */
    anonymous?: boolean;
  }): Promise<Answer> => {
    report.requests++;
    const search = query.length > 0 ? `?${new URLSearchParams(query).toString()}` : "";
    const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
    const headers = {
      ...(anonymous ? {} : credentials),
      ...(payload === undefined ? {} : { "content-type": contentType ?? "application/json" }),
    };
    const response = await fetch(`${url}${source.basePath}${path}${search}`, {
      method: method.toUpperCase(),
      ...(payload === undefined ? {} : { body: payload }),
      headers,
    });
    const text = await response.text();
    let parsed: Json | undefined;
    try {
      parsed = text === "" ? undefined : (JSON.parse(text) as Json);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };

  /** What is wrong with an answer of `op` (undefined when nothing): documented status, schema, error format, no 5xx. */
  const judge = ({ op, answer }: { op: SourceOperation | undefined; answer: Answer }): string | undefined => {
    const status = String(answer.status);
    if (answer.status >= 500) return `answered ${status}: ${answer.text.slice(0, 200)}`;
    if (answer.status >= 400) {
      const problem = errorFormatProblem(answer.body);
      if (problem) return `${status} ${problem}: ${answer.text.slice(0, 200)}`;
    }
    if (!op) return undefined;
    const documented = op.responses.has(status) || op.responses.has(`${status[0]}XX`) || op.responses.has("default");
    if (!documented && answer.status < 400) return `undocumented status ${status} for ${op.operationId}`;
    const validate = op.responses.get(status) ?? op.responses.get(`${status[0]}XX`);
    if (validate && answer.body !== undefined && !validate(answer.body)) {
      return `${status} body does not match the documented schema: ${JSON.stringify(validate.errors?.slice(0, 3))}`;
    }
    if (validate && answer.body === undefined && answer.status !== 204)
      return `${status} without the documented JSON body`;
    return undefined;
  };

  const expectStatus = ({
    op,
    answer,
    status,
    code,
  }: {
    op: SourceOperation | undefined;
    answer: Answer;
    status: number | number[];
    code?: string;
  }): string | undefined => {
    const statuses = Array.isArray(status) ? status : [status];
    if (!statuses.includes(answer.status))
      return `expected ${statuses.join(" or ")}, got ${answer.status}: ${answer.text.slice(0, 300)}`;
    const problem = judge({ op, answer });
    if (problem) return problem;
    if (code && isObject(answer.body) && isObject(answer.body.error) && answer.body.error.code !== code)
      return `expected error code ${code}, got ${String(answer.body.error.code)}`;
    return undefined;
  };

  // Resources: a collection path with a JSON create, and the operations on its items (`/things/{id}`).
  const ops = source.operations;
  const resources: Resource[] = [];
  const logins = ops.filter((o) => isLogin({ op: o, resolve: source.resolve }));
  for (const create of ops.filter((o) => o.method === "post" && o.body && !o.path.endsWith("}") && !logins.includes(o))) {
    const itemPattern = new RegExp(`^${escapeRegExp(create.path)}/\\{([^}/]+)\\}$`);
    const itemOps = ops.filter((o) => itemPattern.test(o.path));
    const segments = create.path.split("/").filter((s) => s !== "" && !s.startsWith("{"));
    resources.push({
      collection: create.path,
      create,
      list: ops.find((o) => o.method === "get" && o.path === create.path),
      get: itemOps.find((o) => o.method === "get"),
      update: itemOps.find((o) => o.method === "patch"),
      replace: itemOps.find((o) => o.method === "put"),
      remove: itemOps.find((o) => o.method === "delete"),
      keyParam: itemOps.map((o) => itemPattern.exec(o.path)?.[1]).find((p) => p !== undefined),
      model: singular(segments.at(-1) ?? ""),
    });
  }
  const reachable = (r: { create: { secured: boolean } }) => !r.create.secured || credentials !== undefined;
  const byKeyParam = (name: string) => resources.find((r) => r.keyParam === name && reachable(r));

  /** The record's key: the property named like the item path's parameter, else `id` (`{authorId}` -> `id`). */
  const keyOf = ({ resource, created: body }: { resource: Resource; created: Json | undefined }): Json | undefined => {
    const created = recordOf(body);
    if (!isObject(created)) return undefined;
    const p = resource.keyParam;
    return p !== undefined && p in created ? created[p] : created.id;
  };

  const existing = new Map<Resource, Json>();
  const fill = async (path: string, values: Record<string, Json | undefined> = {}): Promise<string | undefined> => {
    let out = path;
    for (const match of path.matchAll(/\{([^}]+)\}/g)) {
      const name = match[1] as string;
      let value = values[name];
      if (value === undefined) {
        const parent = byKeyParam(name);
        value = parent ? await ensure(parent) : undefined;
      }
      if (value === undefined || value === null) return undefined;
      out = out.replace(match[0], encodeURIComponent(String(value)));
    }
    return out;
  };

  /**
   * A valid create body, with foreign keys (`authorId`) pointing at records created first, and objects naming a related
   * record by its id (`author: { id }`, a resource whose collection is `/authors`) connecting to one created first.
   */
  const bodyFor = async (op: SourceOperation): Promise<JsonObject | undefined> => {
    if (!op.body) return undefined;
    const value = exampleFromSchema({ schema: op.body.schema, context });
    if (!isObject(value)) return undefined;
    for (const name of Object.keys(value)) {
      const parent = /[a-z](Id|_id)$/.test(name) ? byKeyParam(name) : undefined;
      if (parent && parent.collection !== op.path) {
        const key = await ensure(parent);
        if (key !== undefined) value[name] = key;
      }
      const sent = value[name];
      const related = isObject(sent) && Object.keys(sent).join() === "id" ? resources.find((r) => r.model === singular(name) && !r.create.secured) : undefined;
      if (related && related.collection !== op.path) {
        const key = await ensure(related);
        if (key !== undefined) value[name] = { id: key };
      }
    }
    return op.body.judge(value) ? value : undefined;
  };

  async function ensure(resource: Resource): Promise<Json | undefined> {
    const known = existing.get(resource);
    if (known !== undefined) return known;
    const created = await createOne(resource);
    const key = created ? keyOf({ resource, created: created.body }) : undefined;
    if (key !== undefined) existing.set(resource, key);
    return key;
  }

  async function createOne(
    resource: Resource,
  ): Promise<{ sent: JsonObject; body: Json | undefined; answer: Answer } | undefined> {
    const sent = await bodyFor(resource.create);
    const path = await fill(resource.collection);
    if (!sent || path === undefined) return undefined;
    const answer = await send({ method: "post", path, body: sent });
    return answer.status >= 200 && answer.status < 300 ? { sent, body: answer.body, answer } : undefined;
  }

  // Service routes.
  const served = await fetch(`${url}/openapi.json`);
  report.requests++;
  const original = (
    specFile.endsWith(".json")
      ? JSON.parse(await readFile(specFile, "utf8"))
      : parseYaml(await readFile(specFile, "utf8"))
  ) as Json;
  const servedBody = (await served.json()) as Json;
  record(
    "service",
    "/openapi.json serves the source document",
    served.status === 200 && servesSource({ served: servedBody, original })
      ? undefined
      : `status ${served.status}, serves the source: ${servesSource({ served: servedBody, original })}`,
  );
  const docs = await fetch(`${url}/docs/`);
  report.requests++;
  const docsText = await docs.text();
  record(
    "service",
    "/docs serves Swagger UI",
    docs.status === 200 && /<html/i.test(docsText) && !/https?:\/\/(cdn|unpkg|cdnjs|jsdelivr)/.test(docsText)
      ? undefined
      : `status ${docs.status}`,
  );
  const unknownRoute = await send({ method: "get", path: "/no-such-route-for-conformance" });
  record(
    "service",
    "an unknown route is 404 NOT_FOUND in the error format",
    expectStatus({ op: undefined, answer: unknownRoute, status: 404, code: "NOT_FOUND" }),
  );

  // Secured operations answer 401 without credentials, in the error format.
  for (const op of ops.filter((o) => o.secured)) {
    const path = await fill(
      op.path,
      Object.fromEntries(
        op.parameters
          .filter((p) => p.in === "path")
          .map((p) => [p.name, exampleFromSchema({ schema: p.schema, context }) ?? 1]),
      ),
    );
    if (path === undefined) {
      report.skipped.push(`${op.operationId}: no path values`);
      continue;
    }
    const body = op.body ? exampleFromSchema({ schema: op.body.schema, context }) : undefined;
    const answer = await send({ method: op.method, path, anonymous: true, ...(body === undefined ? {} : { body }) });
    record(
      "security",
      `${op.operationId}: 401 without credentials`,
      expectStatus({ op, answer, status: 401, code: "UNAUTHORIZED" }),
    );
  }

  // Accounts a create registered (its record sends a password): the logins sign them in.
  const accounts: { sent: JsonObject }[] = [];
  for (const resource of resources.filter(reachable)) {
    const group = `crud ${resource.collection}`;
    const created = await createOne(resource);
    if (!created) {
      report.skipped.push(`${group}: no valid create body could be built or the create failed`);
      const sent = await bodyFor(resource.create);
      const path = await fill(resource.collection);
      if (sent && path !== undefined) {
        const answer = await send({ method: "post", path, body: sent });
        record(
          group,
          `${resource.create.operationId}: a valid body is created`,
          expectStatus({ op: resource.create, answer, status: [200, 201] }),
        );
      }
      continue;
    }
    record(
      group,
      `${resource.create.operationId}: a valid body is created`,
      judge({ op: resource.create, answer: created.answer }),
    );
    // A writeOnly property (a password) is sent and never answered.
    const { record: sentSchema } = recordSchemaOf({ schema: resource.create.body?.schema, resolve: source.resolve });
    const sentRecord = recordOf(created.sent);
    const answered = recordOf(created.body);
    if (isObject(sentRecord) && Object.keys(sentRecord).some((name) => sentOnly({ record: sentSchema, name, resolve: source.resolve }))) accounts.push({ sent: sentRecord });
    const echoed = Object.entries(isObject(sentRecord) ? sentRecord : {}).filter(
      ([name, value]) => !sentOnly({ record: sentSchema, name, resolve: source.resolve }) && !(isObject(answered) && echoes({ answered: answered[name], sent: value })),
    );
    record(
      group,
      `${resource.create.operationId}: the answer echoes what was sent`,
      echoed.length === 0
        ? undefined
        : `differs in ${echoed.map(([n]) => n).join(", ")}: ${JSON.stringify(created.body)}`,
    );
    const key = keyOf({ resource, created: created.body });
    const itemPath = (op: SourceOperation | undefined) =>
      op && resource.keyParam && key !== undefined
        ? fill(op.path, { [resource.keyParam]: key })
        : Promise.resolve(undefined);

    const getPath = await itemPath(resource.get);
    if (resource.get && getPath !== undefined) {
      const answer = await send({ method: "get", path: getPath });
      record(
        group,
        `${resource.get.operationId}: reads back what was created`,
        expectStatus({ op: resource.get, answer, status: 200 }) ??
          (isDeepStrictEqual(answer.body, created.body)
            ? undefined
            : `read ${JSON.stringify(answer.body)}, created ${JSON.stringify(created.body)}`),
      );
      const keyParameter = resource.get.parameters.find((p) => p.name === resource.keyParam);
      const unknown = keyParameter ? unknownKey(keyParameter) : undefined;
      const unknownPath =
        unknown === undefined ? undefined : await fill(resource.get.path, { [resource.keyParam as string]: unknown });
      if (unknownPath !== undefined) {
        const missing = await send({ method: "get", path: unknownPath });
        record(
          group,
          `${resource.get.operationId}: 404 NOT_FOUND for an unknown ${resource.keyParam} (${JSON.stringify(unknown)})`,
          expectStatus({ op: resource.get, answer: missing, status: 404, code: "NOT_FOUND" }),
        );
      }
    }
    if (resource.list) await listCases({ resource, group, key, created: recordOf(created.body) });
    const updatePath = await itemPath(resource.update);
    if (resource.update?.body && updatePath !== undefined) {
      const patch = await patchFor(resource.update);
      if (patch) {
        const answer = await send({ method: resource.update.method, path: updatePath, body: patch });
        const problem = expectStatus({ op: resource.update, answer, status: 200 });
        const differs = Object.entries(patch).filter(
          ([n, v]) => !(isObject(answer.body) && sameValue(answer.body[n], v)),
        );
        record(
          group,
          `${resource.update.operationId}: a partial update changes what it names`,
          problem ?? (differs.length === 0 ? undefined : `not applied: ${differs.map(([n]) => n).join(", ")}`),
        );
      } else report.skipped.push(`${group}: no valid partial update body`);
    }
    const replacePath = await itemPath(resource.replace);
    if (resource.replace?.body && replacePath !== undefined) {
      const full = await bodyFor(resource.replace);
      if (full) {
        const answer = await send({ method: "put", path: replacePath, body: full });
        record(
          group,
          `${resource.replace.operationId}: a full replacement is stored`,
          expectStatus({ op: resource.replace, answer, status: 200 }),
        );
      }
    }
    await invalidBodyCases({ op: resource.create, group, path: await fill(resource.collection) });
    if (resource.update && updatePath !== undefined)
      await invalidBodyCases({ op: resource.update, group, path: updatePath });
    await conflictCase({ resource, group });
    const removePath = await itemPath(resource.remove);
    if (resource.remove && removePath !== undefined) {
      const answer = await send({ method: "delete", path: removePath });
      record(
        group,
        `${resource.remove.operationId}: deletes`,
        expectStatus({ op: resource.remove, answer, status: [200, 204] }),
      );
      if (resource.get && getPath !== undefined) {
        const gone = await send({ method: "get", path: getPath });
        record(
          group,
          `${resource.get.operationId}: 404 after the delete`,
          expectStatus({ op: resource.get, answer: gone, status: 404, code: "NOT_FOUND" }),
        );
      }
    }
  }

  // Request bodies that are not JSON, or not JSON at all.
  const target = resources.find(reachable);
  if (target) {
    const path = await fill(target.collection);
    if (path !== undefined) {
      const malformed = await send({ method: "post", path, raw: '{"unterminated": ' });
      record(
        "bodies",
        `${target.create.operationId}: malformed JSON is 400`,
        expectStatus({ op: target.create, answer: malformed, status: 400 }),
      );
      const plain = await send({ method: "post", path, raw: "hello", contentType: "text/plain" });
      record(
        "bodies",
        `${target.create.operationId}: a text/plain body is 415 UNSUPPORTED_MEDIA_TYPE`,
        expectStatus({ op: target.create, answer: plain, status: 415, code: "UNSUPPORTED_MEDIA_TYPE" }),
      );
    }
  }

  // Parameters that break their schema: 400 naming the parameter, before any handler runs.
  for (const op of ops.filter((o) => !o.secured)) {
    for (const parameter of op.parameters.filter((p) => p.in === "path" || p.in === "query")) {
      for (const [label, value] of invalidParameterValues(parameter)) {
        if (parameter.judge(typeof value === "string" && isNumeric(parameter) ? Number(value) : value)) continue;
        const pathValues = Object.fromEntries(
          op.parameters
            .filter((p) => p.in === "path")
            .map((p) => [p.name, p === parameter ? value : validParameterValue(p)]),
        );
        const path = await fill(op.path, pathValues);
        if (path === undefined) continue;
        const query: [string, string][] = parameter.in === "query" ? [[parameter.name, String(value)]] : [];
        const body = op.body ? await bodyFor(op) : undefined;
        const answer = await send({ method: op.method, path, query, ...(body ? { body } : {}) });
        const problem =
          expectStatus({ op, answer, status: 400, code: "VALIDATION_ERROR" }) ??
          namesField({ answer, field: parameter.name });
        record("parameters", `${op.operationId}: ${parameter.in} ${parameter.name} ${label} is 400`, problem);
      }
    }
  }
  // A login signs in an account a create registered, and refuses a wrong password.
  for (const login of logins) {
    const group = `sign-in ${login.path}`;
    const { record: schema, envelope } = recordSchemaOf({ schema: login.body?.schema, resolve: source.resolve });
    const names = isObject(schema.properties) ? Object.keys(schema.properties) : [];
    const account = accounts.find(({ sent }) => names.every((name) => name in sent));
    const path = await fill(login.path);
    if (!account || path === undefined) {
      report.skipped.push(`${group}: no account registered with ${names.join(", ")}`);
      continue;
    }
    const credentials = Object.fromEntries(names.map((name) => [name, account.sent[name] as Json]));
    const wrap = (record: JsonObject): JsonObject => (envelope === undefined ? record : { [envelope]: record });
    const signedIn = await send({ method: "post", path, anonymous: true, body: wrap(credentials) });
    record(group, `${login.operationId}: the credentials of a registered account sign in`, expectStatus({ op: login, answer: signedIn, status: [200, 201] }));
    const password = names.find((name) => /^password$/i.test(name)) ?? "password";
    const refused = await send({ method: "post", path, anonymous: true, body: wrap({ ...credentials, [password]: "not the password, surely" }) });
    record(group, `${login.operationId}: a wrong password is refused`, expectStatus({ op: login, answer: refused, status: [401, 403, 422], code: refused.status === 401 ? "UNAUTHORIZED" : undefined }));
  }
  return report;

  function isNumeric(p: SourceParameter): boolean {
    const type = p.schema.type;
    return type === "integer" || type === "number";
  }

  function validParameterValue(p: SourceParameter): Json {
    return exampleFromSchema({ schema: p.schema, context }) ?? 1;
  }

  function unknownKey(p: SourceParameter): Json | undefined {
    const s = p.schema;
    let value: Json | undefined;
    if (s.type === "integer" || s.type === "number") value = typeof s.maximum === "number" ? s.maximum : 2_000_000_000;
    else value = exampleFromSchema({ schema: s, context: { ...context, next: () => 987_654_321 } });
    return value !== undefined && p.judge(value) ? value : undefined;
  }

  function invalidParameterValues(p: SourceParameter): [string, Json][] {
    const s = p.schema;
    const out: [string, Json][] = [];
    if (s.type === "integer" || s.type === "number") {
      out.push(["not a number", "abc"]);
      if (typeof s.minimum === "number") out.push(["below its minimum", String(s.minimum - 1)]);
      if (typeof s.maximum === "number") out.push(["above its maximum", String(s.maximum + 1)]);
    }
    if (Array.isArray(s.enum)) out.push(["not in its enum", "not-a-member"]);
    if (s.type === "string" && typeof s.maxLength === "number")
      out.push(["longer than maxLength", "x".repeat(s.maxLength + 1)]);
    if (s.format === "date") out.push(["not a date", "2024-13-45"]);
    return out;
  }

  function namesField({ answer, field }: { answer: Answer; field: string }): string | undefined {
    const details =
      isObject(answer.body) && isObject(answer.body.error) && Array.isArray(answer.body.error.details)
        ? answer.body.error.details
        : [];
    const named = details.some(
      (d) =>
        isObject(d) &&
        ((typeof d.field === "string" && (d.field === field || d.field.split(/[.[\]]/).includes(field))) ||
          (typeof d.message === "string" && d.message.includes(field))),
    );
    return named ? undefined : `the error does not name ${field}: ${answer.text.slice(0, 300)}`;
  }

  async function patchFor(op: SourceOperation): Promise<JsonObject | undefined> {
    const full = await bodyFor(op);
    if (!full) return undefined;
    const scalar = Object.entries(full).find(([, v]) => typeof v === "string" || typeof v === "number");
    if (!scalar) return undefined;
    const patch = { [scalar[0]]: scalar[1] } as JsonObject;
    return op.body?.judge(patch) ? patch : undefined;
  }

  async function invalidBodyCases({
    op,
    group,
    path,
  }: {
    op: SourceOperation;
    group: string;
    path: string | undefined;
  }): Promise<void> {
    const valid = await bodyFor(op);
    if (!valid || !op.body || path === undefined) return;
    const variants = invalidVariants({ schema: op.body.schema, valid, context });
    for (const [name, value] of Object.entries(valid)) {
      if (typeof value === "number")
        variants.push({
          name: `${name} as a numeric string (bodies are never coerced)`,
          field: name,
          value: { ...valid, [name]: String(value) },
        });
    }
    for (const variant of variants) {
      if (op.body.judge(variant.value)) continue;
      const answer = await send({ method: op.method, path, body: variant.value });
      const problem =
        expectStatus({ op, answer, status: 400, code: "VALIDATION_ERROR" }) ??
        namesField({ answer, field: variant.field });
      record(group, `${op.operationId}: 400 for ${variant.name}`, problem);
    }
  }

  async function conflictCase({ resource, group }: { resource: Resource; group: string }): Promise<void> {
    const unique = uniques[resource.model] ?? [];
    if (unique.length === 0) return;
    const first = await createOne(resource);
    const path = await fill(resource.collection);
    if (!first || path === undefined) return;
    const firstRecord = recordOf(first.sent);
    if (!isObject(firstRecord)) return;
    const duplicated = Object.keys(firstRecord).filter((n) => unique.includes(n));
    if (duplicated.length === 0) return;
    const body = await bodyFor(resource.create);
    const againRecord = recordOf(body);
    if (!body || !isObject(againRecord)) return;
    const again = wrappedLike({ body, inner: { ...againRecord, ...Object.fromEntries(duplicated.map((n) => [n, firstRecord[n] as Json])) } });
    const answer = await send({ method: "post", path, body: again });
    record(
      group,
      `${resource.create.operationId}: 409 CONFLICT on a duplicate ${duplicated.join(", ")}`,
      expectStatus({ op: resource.create, answer, status: 409, code: "CONFLICT" }),
    );
  }

  async function listCases({
    resource,
    group,
    key,
    created,
  }: {
    resource: Resource;
    group: string;
    key: Json | undefined;
    /** The created record (unwrapped): a list of one column's values (`{ tags: ["a"] }`) lists one of its values. */
    created: Json | undefined;
  }): Promise<void> {
    const list = resource.list as SourceOperation;
    const path = await fill(list.path);
    if (path === undefined) return;
    await createOne(resource);
    await createOne(resource);
    const all = await send({ method: "get", path });
    const items = itemsOf(all.body);
    const keyName =
      resource.keyParam && items?.[0] && isObject(items[0]) && resource.keyParam in items[0] ? resource.keyParam : "id";
    record(
      group,
      `${list.operationId}: lists the created record`,
      expectStatus({ op: list, answer: all, status: 200 }) ??
        (items?.some((i) => isObject(i) && keyName !== undefined && sameValue(i[keyName], key)) ||
        items?.some((i) => !isObject(i) && isObject(created) && Object.values(created).some((v) => sameValue(v, i)))
          ? undefined
          : `no item with ${keyName} ${JSON.stringify(key)}`),
    );
    const names = new Set(list.parameters.map((p) => p.name));
    if (names.has("limit")) {
      const page = await send({ method: "get", path, query: [["limit", "1"]] });
      record(
        group,
        `${list.operationId}: limit=1 gives at most one item`,
        expectStatus({ op: list, answer: page, status: 200 }) ??
          ((itemsOf(page.body)?.length ?? 99) <= 1 ? undefined : `got ${itemsOf(page.body)?.length}`),
      );
      if (names.has("offset")) {
        const second = await send({
          method: "get",
          path,
          query: [
            ["limit", "1"],
            ["offset", "1"],
          ],
        });
        const a = itemsOf(page.body)?.[0];
        const b = itemsOf(second.body)?.[0];
        record(
          group,
          `${list.operationId}: offset=1 moves to the next item`,
          expectStatus({ op: list, answer: second, status: 200 }) ??
            (a !== undefined && b !== undefined && !isDeepStrictEqual(a, b) ? undefined : "same item or none"),
        );
      }
      if (names.has("cursor") && isObject(page.body)) {
        const cursor = Object.entries(page.body).find(([n, v]) => /cursor/i.test(n) && v !== null)?.[1];
        if (cursor !== undefined) {
          const next = await send({
            method: "get",
            path,
            query: [
              ["limit", "1"],
              ["cursor", String(cursor)],
            ],
          });
          const a = itemsOf(page.body)?.[0];
          const b = itemsOf(next.body)?.[0];
          record(
            group,
            `${list.operationId}: the next cursor gives the next page`,
            expectStatus({ op: list, answer: next, status: 200 }) ??
              (b !== undefined && !isDeepStrictEqual(a, b) ? undefined : "same item or none"),
          );
        } else
          record(
            group,
            `${list.operationId}: a page of one, out of three or more, has a next cursor`,
            "no cursor in the page",
          );
      }
    }
    const sample = items?.find((i) => isObject(i) && keyName !== undefined && sameValue(i[keyName], key));
    for (const parameter of list.parameters.filter(
      (p) => p.in === "query" && !["limit", "offset", "cursor", "sort", "page"].includes(p.name),
    )) {
      if (!isObject(sample) || !(parameter.name in sample)) continue;
      const value = sample[parameter.name];
      if (value === null || typeof value === "object") continue;
      const answer = await send({ method: "get", path, query: [[parameter.name, String(value)]] });
      const found = itemsOf(answer.body) ?? [];
      record(
        group,
        `${list.operationId}: filter ${parameter.name}=${String(value)}`,
        expectStatus({ op: list, answer, status: 200 }) ??
          (found.length > 0 && found.every((i) => isObject(i) && sameValue(i[parameter.name], value))
            ? undefined
            : `${found.length} items, not all with that value`),
      );
    }
    const sort = list.parameters.find((p) => p.name === "sort" && p.in === "query");
    for (const value of Array.isArray(sort?.schema.enum) ? sort.schema.enum : []) {
      if (typeof value !== "string") continue;
      const property = value.replace(/^-/, "");
      const answer = await send({ method: "get", path, query: [["sort", value]] });
      const values = (itemsOf(answer.body) ?? []).map((i) => (isObject(i) ? i[property] : undefined));
      const comparable = values.filter((v): v is number | string => typeof v === "number" || typeof v === "string");
      const ordered = comparable.every(
        (v, i) =>
          i === 0 ||
          (value.startsWith("-") ? (comparable[i - 1] as typeof v) >= v : (comparable[i - 1] as typeof v) <= v),
      );
      record(
        group,
        `${list.operationId}: sort=${value} orders by ${property}`,
        expectStatus({ op: list, answer, status: 200 }) ??
          (comparable.length >= 2 && ordered ? undefined : `values ${JSON.stringify(values)}`),
      );
    }
  }
}
