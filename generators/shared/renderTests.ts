import type { JsonValue, NamedSchema, SchemaNode } from "../../src/ir/types.js";
import { derefSchema, objectProperties } from "../../src/binding/schemaLookup.js";
import { exampleValue } from "./exampleValue.js";
import { invalidBodies, invalidParameter } from "./invalidCases.js";
import { findModelField } from "./modelSchemas.js";
import { referenceOverrides } from "./referenceOverrides.js";
import { renderListQueryTest } from "./renderBehaviourTests.js";
import { unknownKey } from "./unknownKey.js";
import type { ModelView } from "./modelView.js";
import type { OperationView } from "./operationView.js";
import type { HandlerAssignment } from "./renderHandlers.js";
import { groupViews } from "./groupViews.js";
import { joinPieces } from "./joinPieces.js";
import { memoPiece } from "./memoPiece.js";
import type { RenderRun } from "./renderRun.js";
import type { SourceFile } from "./renderTypes.js";
import { lineCommentText } from "../../src/emit/lineCommentText.js";
import { objectKey } from "../../src/emit/objectKey.js";
import { templateText } from "../../src/emit/templateText.js";
import { tsJson } from "../../src/emit/tsJson.js";

export interface TestRenderInput {
  model: ModelView;
  assignments: HandlerAssignment[];
  views: Map<string, ModelView>;
  schemas: Map<string, NamedSchema>;
  forcedReadOnly: ReadonlySet<string>;
}

interface Writer {
  lines: string[];
  setup: string[];
  counter: number;
}

function actionOf(a: HandlerAssignment): string | undefined {
  return a.view.op.binding.kind === "bound" ? a.view.op.binding.action : undefined;
}

function literal(value: JsonValue): string {
  return tsJson(value);
}

/** An empty table keyed by spec names (null prototype: `__proto__` and `constructor` are names like any other). */
function byName(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

/** A path with its parameters filled from TypeScript expressions (`/books/${...}`); the rest is template text. */
function pathExpr({ path, values }: { path: string; values: Record<string, string> }): string {
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

function jsonBody(view: OperationView): SchemaNode | undefined {
  return view.body?.isJson && view.body.schema ? view.body.schema : undefined;
}

/** The API property of a response shape standing for `fieldName` of the model. */
function responseProperty({ view, model, fieldName, schemas }: { view: OperationView; model: ModelView; fieldName: string; schemas: Map<string, NamedSchema> }): string | undefined {
  const node = view.success?.body?.schema;
  if (!node) return undefined;
  for (const prop of objectProperties({ node, schemas }) ?? []) {
    if (findModelField({ model: model.model, property: prop.name })?.name === fieldName) return prop.name;
  }
  return undefined;
}

/**
 * Overrides for properties that must point at existing records (foreign keys, `tagIds`): creates those records with
 * the factories first and returns the TypeScript source of the body. `keep` is the property an invalid case breaks.
 */
function bodyWithReferences({ value, model, views, w, keep }: { value: JsonValue; model: ModelView; views: Map<string, ModelView>; w: Writer; keep?: string }): string {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return literal(value);
  const overrides = referenceOverrides({ value, model, views, ...(keep === undefined ? {} : { keep }) }).map(({ property, target, to, list }) => {
    const variable = `${target.names.variable}${++w.counter}`;
    w.lines.push(`    const ${variable} = await api.factories.${target.names.variable}();`);
    return `${objectKey(property)}: ${list ? `[${variable}.${to}]` : `${variable}.${to}`}`;
  });
  return overrides.length === 0 ? literal(value) : `{ ...${literal(value)}, ${overrides.join(", ")} }`;
}

/** The source of a key no record has, valid for the parameter `name` of `view` (a 404, never a 400). */
function missingKey({ view, name, model, fieldName, schemas }: { view: OperationView; name: string; model: ModelView; fieldName: string; schemas: Map<string, NamedSchema> }): string {
  const node = view.params.path.find((p) => p.name === name)?.schema;
  return literal(unknownKey({ node, column: model.columns.find((c) => c.name === fieldName), schemas }));
}

/** `test/generated/<model>.test.ts`: real tests of a model's generated operations against a fresh database. */
export function renderModelTests(input: TestRenderInput): string | undefined {
  const { model, assignments, views, schemas, forcedReadOnly } = input;
  const mine = assignments.filter((a) => a.kind === "bound" && a.model === model);
  if (mine.length === 0) return undefined;
  const top = mine.filter((a) => a.view.op.binding.kind === "bound" && !a.view.op.binding.parent);
  const find = (action: string, list = top) => list.find((a) => actionOf(a) === action);
  const create = find("create");
  const get = find("get");
  const list = find("list");
  const update = find("update");
  const replace = find("replace");
  const remove = find("delete");
  const secured = mine.filter((a) => a.view.op.security.length > 0 && a.view.op.security.every((alt) => alt.schemes.length > 0));
  const tests: string[] = [];
  const T = model.model.name;

  const keyOf = (a: HandlerAssignment | undefined) => (a && a.view.op.binding.kind === "bound" ? a.view.op.binding.key : undefined);

  // Round trip: create -> get -> list -> update -> replace -> delete -> 404.
  if (create && jsonBody(create.view)) {
    const w: Writer = { lines: [], setup: [], counter: 0 };
    const node = jsonBody(create.view) as SchemaNode;
    const valid = exampleValue({ node, schemas, variant: "request", seed: 1, forcedReadOnly, optional: true });
    if (valid !== undefined) {
      const steps: string[] = [];
      w.lines.push(`    const body = ${bodyWithReferences({ value: valid, model, views, w })};`);
      w.lines.push(`    const created = await api.request({ method: ${literal(create.view.op.method.toUpperCase())}, url: ${pathExpr({ path: create.view.op.path, values: {} })}, body });`);
      w.lines.push(`    expect(created.status, JSON.stringify(created.body)).toBe(${create.view.success?.code ?? 201});`);
      w.lines.push(`    expect(created.body).toMatchObject(echoed({ sent: body, received: created.body }));`);
      steps.push("create");
      const keyed = [get, update, replace, remove].filter((a): a is HandlerAssignment => a !== undefined && keyOf(a) !== undefined);
      const keyField = keyOf(get ?? keyed[0])?.field;
      const keyProp = keyField ? responseProperty({ view: create.view, model, fieldName: keyField, schemas }) : undefined;
      if (keyField && keyProp) {
        w.lines.push(`    const key = field({ value: created.body, name: ${literal(keyProp)} });`);
        const url = (a: HandlerAssignment) => pathExpr({ path: a.view.op.path, values: { [keyOf(a)?.parameter ?? ""]: "key" } });
        if (get && keyOf(get)?.field === keyField) {
          w.lines.push(`    const fetched = await api.request({ method: "GET", url: ${url(get)} });`);
          w.lines.push(`    expect(fetched.status).toBe(${get.view.success?.code ?? 200});`);
          w.lines.push(`    expect(fetched.body).toEqual(created.body);`);
          steps.push("get");
        }
        if (list) {
          const listPath = pathExpr({ path: list.view.op.path, values: {} });
          w.lines.push(`    const listed = await api.request({ method: "GET", url: ${listPath} });`);
          w.lines.push(`    expect(listed.status).toBe(${list.view.success?.code ?? 200});`);
          w.lines.push(`    expect(items(listed.body)).toContainEqual(expect.objectContaining({ ${objectKey(keyProp)}: key }));`);
          steps.push("list");
        }
        if (update && keyOf(update)?.field === keyField && jsonBody(update.view)) {
          const patch = exampleValue({ node: jsonBody(update.view) as SchemaNode, schemas, variant: "request", seed: 3, forcedReadOnly, optional: true });
          if (patch !== undefined) {
            w.lines.push(`    const patch = ${bodyWithReferences({ value: patch, model, views, w })};`);
            w.lines.push(`    const updated = await api.request({ method: ${literal(update.view.op.method.toUpperCase())}, url: ${url(update)}, body: patch });`);
            w.lines.push(`    expect(updated.status, JSON.stringify(updated.body)).toBe(${update.view.success?.code ?? 200});`);
            w.lines.push(`    expect(updated.body).toMatchObject(echoed({ sent: patch, received: updated.body }));`);
            steps.push("update");
          }
        }
        if (replace && keyOf(replace)?.field === keyField && jsonBody(replace.view)) {
          const full = exampleValue({ node: jsonBody(replace.view) as SchemaNode, schemas, variant: "request", seed: 4, forcedReadOnly, optional: true });
          if (full !== undefined) {
            w.lines.push(`    const replacement = ${bodyWithReferences({ value: full, model, views, w })};`);
            w.lines.push(`    const replaced = await api.request({ method: ${literal(replace.view.op.method.toUpperCase())}, url: ${url(replace)}, body: replacement });`);
            w.lines.push(`    expect(replaced.status, JSON.stringify(replaced.body)).toBe(${replace.view.success?.code ?? 200});`);
            w.lines.push(`    expect(replaced.body).toMatchObject(echoed({ sent: replacement, received: replaced.body }));`);
            steps.push("replace");
          }
        }
        if (remove && keyOf(remove)?.field === keyField) {
          w.lines.push(`    const removed = await api.request({ method: ${literal(remove.view.op.method.toUpperCase())}, url: ${url(remove)} });`);
          w.lines.push(`    expect(removed.status).toBe(${remove.view.success?.code ?? 204});`);
          if (get && keyOf(get)?.field === keyField) {
            w.lines.push(`    expectError({ response: await api.request({ method: "GET", url: ${url(get)} }), code: "NOT_FOUND", status: 404 });`);
          }
          steps.push("delete");
        }
      }
      tests.push(`  it(${literal(`${steps.join(" -> ")} round trip`)}, async () => {\n${w.lines.join("\n")}\n  });`);

      // Every optional property that may be null, sent as null, comes back null.
      const nullable = isObject(valid)
        ? (objectProperties({ node, schemas }) ?? []).filter((p) => !p.required && p.name in valid && acceptsNull(derefSchema({ node: p.schema, schemas }))).map((p) => p.name)
        : [];
      if (isObject(valid) && nullable.length > 0) {
        const z: Writer = { lines: [], setup: [], counter: 0 };
        const nulled = { ...valid, ...Object.fromEntries(nullable.map((name) => [name, null])) };
        z.lines.push(`    const body = ${bodyWithReferences({ value: nulled, model, views, w: z })};`);
        z.lines.push(`    const created = await api.request({ method: ${literal(create.view.op.method.toUpperCase())}, url: ${pathExpr({ path: create.view.op.path, values: {} })}, body });`);
        z.lines.push(`    expect(created.status, JSON.stringify(created.body)).toBe(${create.view.success?.code ?? 201});`);
        z.lines.push(`    expect(created.body).toMatchObject(echoed({ sent: body, received: created.body }));`);
        tests.push(`  it(${literal(`${create.view.op.operationId}: ${nullable.join(", ")} sent as null ${nullable.length === 1 ? "comes" : "come"} back null`)}, async () => {\n${z.lines.join("\n")}\n  });`);
      }

      // 409 on a unique conflict: the same body twice.
      const uniqueProps = Object.keys(valid as object).filter((name) => {
        const f = findModelField({ model: model.model, property: name });
        return f && (f.kind === "scalar" || f.kind === "enum") && model.keys.some((k) => k.field === f) && f !== model.idField;
      });
      if (uniqueProps.length > 0) {
        const c: Writer = { lines: [], setup: [], counter: 0 };
        const seeded = exampleValue({ node, schemas, variant: "request", seed: 2, forcedReadOnly, optional: true }) ?? valid;
        c.lines.push(`    const body = ${bodyWithReferences({ value: seeded, model, views, w: c })};`);
        const url = pathExpr({ path: create.view.op.path, values: {} });
        c.lines.push(`    const first = await api.request({ method: ${literal(create.view.op.method.toUpperCase())}, url: ${url}, body });`);
        c.lines.push(`    expect(first.status, JSON.stringify(first.body)).toBe(${create.view.success?.code ?? 201});`);
        c.lines.push(`    expectError({ response: await api.request({ method: ${literal(create.view.op.method.toUpperCase())}, url: ${url}, body }), code: "CONFLICT", status: 409 });`);
        tests.push(`  it(${literal(`${create.view.op.operationId}: 409 CONFLICT on a duplicate ${uniqueProps.join(", ")}`)}, async () => {\n${c.lines.join("\n")}\n  });`);
      }

      // 400 for bodies the schema rejects.
      if (typeof valid === "object" && valid !== null && !Array.isArray(valid)) {
        for (const bad of invalidBodies({ node, valid, schemas, forcedReadOnly })) {
          const b: Writer = { lines: [], setup: [], counter: 0 };
          b.lines.push(`    const body = ${bodyWithReferences({ value: bad.value, model, views, w: b, keep: bad.field })};`);
          b.lines.push(`    const response = await api.request({ method: ${literal(create.view.op.method.toUpperCase())}, url: ${pathExpr({ path: create.view.op.path, values: {} })}, body });`);
          b.lines.push(`    expectError({ response: response, code: "VALIDATION_ERROR", status: 400 });`);
          b.lines.push(`    expect(fieldsOf(response.body)).toContain(${literal(bad.field)});`);
          tests.push(`  it(${literal(`${create.view.op.operationId}: 400 VALIDATION_ERROR for a body with ${bad.what}`)}, async () => {\n${b.lines.join("\n")}\n  });`);
        }
      }
    }
  }

  // 404 and 400 on the key parameter.
  if (get) {
    const key = keyOf(get);
    if (key) {
      tests.push(
        `  it(${literal(`${get.view.op.operationId}: 404 NOT_FOUND for an unknown ${key.parameter}`)}, async () => {\n    expectError({ response: await api.request({ method: "GET", url: ${pathExpr({ path: get.view.op.path, values: { [key.parameter]: missingKey({ view: get.view, name: key.parameter, model, fieldName: key.field, schemas }) } })} }), code: "NOT_FOUND", status: 404 });\n  });`,
      );
      const param = get.view.params.path.find((p) => p.name === key.parameter);
      const bad = param ? invalidParameter(derefSchema({ node: param.schema, schemas })) : undefined;
      if (param && bad) {
        tests.push(
          `  it(${literal(`${get.view.op.operationId}: 400 VALIDATION_ERROR for a ${key.parameter} ${bad.what}`)}, async () => {\n    const response = await api.request({ method: "GET", url: ${pathExpr({ path: get.view.op.path, values: { [key.parameter]: literal(String(bad.value)) } })} });\n    expectError({ response: response, code: "VALIDATION_ERROR", status: 400 });\n    expect(fieldsOf(response.body)).toContain(${literal(param.name)});\n  });`,
        );
      }
    }
  }
  if (list) {
    const param = list.view.params.query.find((p) => invalidParameter(derefSchema({ node: p.schema, schemas })) !== undefined);
    const bad = param ? invalidParameter(derefSchema({ node: param.schema, schemas })) : undefined;
    if (param && bad) {
      tests.push(
        `  it(${literal(`${list.view.op.operationId}: 400 VALIDATION_ERROR for a query ${param.name} ${bad.what}`)}, async () => {\n    const response = await api.request({ method: "GET", url: ${pathExpr({ path: list.view.op.path, values: {} })} + "?" + new URLSearchParams([[${literal(param.name)}, ${literal(String(bad.value))}]]).toString() });\n    expectError({ response: response, code: "VALIDATION_ERROR", status: 400 });\n    expect(fieldsOf(response.body)).toContain(${literal(param.name)});\n  });`,
      );
    }
  }

  if (list) {
    const query = renderListQueryTest({ list: list.view, model, schemas, url: pathExpr({ path: list.view.op.path, values: {} }) });
    if (query) tests.push(query);
  }

  // 404 for every keyed operation on an unknown key; 409 when an update takes another record's unique value.
  for (const a of [update, replace, remove]) {
    const key = keyOf(a);
    if (!a || !key) continue;
    const k: Writer = { lines: [], setup: [], counter: 0 };
    const node = jsonBody(a.view);
    const example = node ? exampleValue({ node, schemas, variant: "request", seed: 6, forcedReadOnly, optional: true }) : undefined;
    if (node && example === undefined) continue;
    if (example !== undefined) k.lines.push(`    const body = ${bodyWithReferences({ value: example, model, views, w: k })};`);
    const url = pathExpr({ path: a.view.op.path, values: { [key.parameter]: missingKey({ view: a.view, name: key.parameter, model, fieldName: key.field, schemas }) } });
    k.lines.push(`    expectError({ response: await api.request({ method: ${literal(a.view.op.method.toUpperCase())}, url: ${url}${example !== undefined ? ", body" : ""} }), code: "NOT_FOUND", status: 404 });`);
    tests.push(`  it(${literal(`${a.view.op.operationId}: 404 NOT_FOUND for an unknown ${key.parameter}`)}, async () => {\n${k.lines.join("\n")}\n  });`);
  }
  for (const a of create && jsonBody(create.view) ? [update, replace] : []) {
    const key = keyOf(a);
    const node = a ? jsonBody(a.view) : undefined;
    if (!a || !key || !node || !create) continue;
    const createNode = jsonBody(create.view) as SchemaNode;
    const first = exampleValue({ node: createNode, schemas, variant: "request", seed: 7, forcedReadOnly, optional: true });
    const second = exampleValue({ node: createNode, schemas, variant: "request", seed: 8, forcedReadOnly, optional: true });
    const change = exampleValue({ node, schemas, variant: "request", seed: 8, forcedReadOnly, optional: true });
    const keyProp = responseProperty({ view: create.view, model, fieldName: key.field, schemas });
    if (!isObject(first) || !isObject(second) || !isObject(change) || !keyProp) continue;
    const unique = Object.keys(change).find((name) => {
      const f = findModelField({ model: model.model, property: name });
      return f !== undefined && f !== model.idField && (f.kind === "scalar" || f.kind === "enum") && model.keys.some((k) => k.field === f) && name in first;
    });
    if (!unique) continue;
    const u: Writer = { lines: [], setup: [], counter: 0 };
    const createUrl = pathExpr({ path: create.view.op.path, values: {} });
    const method = literal(create.view.op.method.toUpperCase());
    u.lines.push(`    const taken = await api.request({ method: ${method}, url: ${createUrl}, body: ${bodyWithReferences({ value: first, model, views, w: u })} });`);
    u.lines.push(`    expect(taken.status, JSON.stringify(taken.body)).toBe(${create.view.success?.code ?? 201});`);
    u.lines.push(`    const other = await api.request({ method: ${method}, url: ${createUrl}, body: ${bodyWithReferences({ value: second, model, views, w: u })} });`);
    u.lines.push(`    expect(other.status, JSON.stringify(other.body)).toBe(${create.view.success?.code ?? 201});`);
    u.lines.push(`    const change = { ...${bodyWithReferences({ value: change, model, views, w: u })}, ${objectKey(unique)}: field({ value: taken.body, name: ${literal(unique)} }) };`);
    const url = pathExpr({ path: a.view.op.path, values: { [key.parameter]: `field({ value: other.body, name: ${literal(keyProp)} })` } });
    u.lines.push(`    expectError({ response: await api.request({ method: ${literal(a.view.op.method.toUpperCase())}, url: ${url}, body: change }), code: "CONFLICT", status: 409 });`);
    tests.push(`  it(${literal(`${a.view.op.operationId}: 409 CONFLICT when ${unique} is another record's`)}, async () => {\n${u.lines.join("\n")}\n  });`);
  }

  // Nested routes: create and list under an existing parent, 404 under a missing one.
  for (const nested of mine.filter((a) => a.view.op.binding.kind === "bound" && a.view.op.binding.parent)) {
    const binding = nested.view.op.binding;
    if (binding.kind !== "bound" || !binding.parent) continue;
    const parent = views.get(binding.parent.model);
    if (!parent) continue;
    const parentParam = binding.parent.parameter;
    const n: Writer = { lines: [], setup: [], counter: 0 };
    n.lines.push(`    const parent = await api.factories.${parent.names.variable}();`);
    const url = pathExpr({ path: nested.view.op.path, values: { [parentParam]: `parent.${binding.parent.field}` } });
    if (binding.action === "create" && jsonBody(nested.view)) {
      const value = exampleValue({ node: jsonBody(nested.view) as SchemaNode, schemas, variant: "request", seed: 5, forcedReadOnly, optional: true });
      if (value === undefined) continue;
      n.lines.push(`    const body = ${bodyWithReferences({ value, model, views, w: n })};`);
      n.lines.push(`    const created = await api.request({ method: ${literal(nested.view.op.method.toUpperCase())}, url: ${url}, body });`);
      n.lines.push(`    expect(created.status, JSON.stringify(created.body)).toBe(${nested.view.success?.code ?? 201});`);
      n.lines.push(`    expect(created.body).toMatchObject(echoed({ sent: body, received: created.body }));`);
      const sibling = mine.find((a) => a !== nested && a.view.op.path === nested.view.op.path && actionOf(a) === "list");
      const keyProp = model.idField ? responseProperty({ view: nested.view, model, fieldName: model.idField.name, schemas }) : undefined;
      if (sibling && keyProp) {
        n.lines.push(`    const listed = await api.request({ method: "GET", url: ${url} });`);
        n.lines.push(`    expect(listed.status).toBe(${sibling.view.success?.code ?? 200});`);
        n.lines.push(`    expect(items(listed.body)).toContainEqual(expect.objectContaining({ ${objectKey(keyProp)}: field({ value: created.body, name: ${literal(keyProp)} }) }));`);
      }
      n.lines.push(
        `    expectError({ response: await api.request({ method: ${literal(nested.view.op.method.toUpperCase())}, url: ${pathExpr({ path: nested.view.op.path, values: { [parentParam]: missingKey({ view: nested.view, name: parentParam, model: parent, fieldName: binding.parent.field, schemas }) } })}, body }), code: "NOT_FOUND", status: 404 });`,
      );
    } else if (binding.action === "list") {
      n.lines.push(`    const listed = await api.request({ method: "GET", url: ${url} });`);
      n.lines.push(`    expect(listed.status).toBe(${nested.view.success?.code ?? 200});`);
      n.lines.push(`    expect(items(listed.body)).toEqual([]);`);
      n.lines.push(
        `    expectError({ response: await api.request({ method: "GET", url: ${pathExpr({ path: nested.view.op.path, values: { [parentParam]: missingKey({ view: nested.view, name: parentParam, model: parent, fieldName: binding.parent.field, schemas }) } })} }), code: "NOT_FOUND", status: 404 });`,
      );
    } else continue;
    tests.push(`  it(${literal(`${nested.view.op.operationId}: under an existing ${parent.model.name}, 404 under a missing one`)}, async () => {\n${n.lines.join("\n")}\n  });`);
  }

  // Operations protected by a security requirement are never open.
  for (const s of secured) {
    const values: Record<string, string> = byName();
    for (const p of s.view.params.path) values[p.name] = missingKey({ view: s.view, name: p.name, model, fieldName: keyOf(s)?.parameter === p.name ? (keyOf(s)?.field ?? "") : "", schemas });
    tests.push(
      `  it(${literal(`${s.view.op.operationId}: 401 UNAUTHORIZED without credentials (the verifiers deny by default)`)}, async () => {\n    const locked = await createTestApi({ secure: true });\n    try {\n      expectError({ response: await locked.request({ method: ${literal(s.view.op.method.toUpperCase())}, url: ${pathExpr({ path: s.view.op.path, values })}${jsonBody(s.view) ? ", body: {}" : ""} }), code: "UNAUTHORIZED", status: 401 });\n    } finally {\n      await locked.close();\n    }\n  });`,
    );
  }

  return `import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "./support/testApi.js";
import { echoed, expectError, expectSorted, field, fieldsOf, items } from "./support/assertions.js";

// ${T}: generated tests against a fresh database of this file's own.
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(async () => {
  await api.close();
});

describe(${literal(T)}, () => {
${tests.join("\n\n")}
});
`;
}

/** One todo block by operation view; reused while the reason, the database-filled properties and the named schemas its examples followed are the same. */
const todoPiece = memoPiece({
  name: "todoTest",
  key: "view",
  render: ({ view, reason, forcedReadOnly }: { view: OperationView; reason: string | undefined; forcedReadOnly: ReadonlySet<string> }, reads) =>
    todoTest({ a: { view, kind: "scaffold", ...(reason !== undefined ? { reason } : {}) }, schemas: reads.schemas, forcedReadOnly }),
});

function todoTest({ a, schemas, forcedReadOnly }: { a: HandlerAssignment; schemas: Map<string, NamedSchema>; forcedReadOnly: ReadonlySet<string> }): string {
  const { op } = a.view;
  const values: Record<string, string> = byName();
  for (const p of a.view.params.path) values[p.name] = literal(String(exampleValue({ node: p.schema, schemas, variant: "request", seed: 1 }) ?? "x"));
  const query: Record<string, string> = byName();
  for (const p of a.view.params.query.filter((q) => q.required || q.schema.kind !== "object")) {
    const v = exampleValue({ node: p.schema, schemas, variant: "request", seed: 1 });
    if (v !== undefined && typeof v !== "object") query[p.name] = String(v);
  }
  const body = jsonBody(a.view) ? exampleValue({ node: jsonBody(a.view) as SchemaNode, schemas, variant: "request", seed: 1, forcedReadOnly }) : undefined;
  const search = Object.keys(query).length > 0 ? ` + "?" + ${literal(new URLSearchParams(query).toString())}` : "";
  return `describe(${literal(`${op.operationId} (${op.method.toUpperCase()} ${op.path})`)}, () => {
  // Its handler is yours (src/handlers/${a.view.names.file}.ts): ${lineCommentText(a.reason ?? "not bound")}.
  const example = { method: ${literal(op.method.toUpperCase())}, url: ${pathExpr({ path: op.path, values })}${search}${body !== undefined ? `, body: ${literal(body)}` : ""} };
  it.todo(\`write ${templateText(op.operationId)}, then test it with a request like \${JSON.stringify(example)}\`);
});`;
}

/**
 * The todo tests of the operations whose handler is yours, one file per group (`<dir>/<group>.test.ts`, an
 * operation's first tag; groups without such an operation have none): one todo per operation, with an example request.
 * With `run`, `schemas` must be `run.schemas` (its lookups are recorded, so a block is reused only while they hold).
 */
export function renderTodoTests({
  assignments,
  schemas,
  forcedReadOnly,
  dir,
  run,
}: {
  assignments: HandlerAssignment[];
  schemas: Map<string, NamedSchema>;
  forcedReadOnly: ReadonlySet<string>;
  /** The folder of the files (`test/generated/not-generated`). */
  dir: string;
  run?: RenderRun;
}): SourceFile[] {
  const todo = new Map(assignments.filter((a) => a.kind === "scaffold").map((a) => [a.view, a]));
  return groupViews([...todo.keys()]).map(({ views }) => {
    const parts = views.map((view) => {
      const a = todo.get(view) as HandlerAssignment;
      return run && schemas === run.schemas
        ? todoPiece({ inputs: { view: a.view, reason: a.reason, forcedReadOnly }, run })
        : todoTest({ a, schemas, forcedReadOnly });
    });
    const path = `${dir}/${views[0]?.names.group.file ?? ""}.test.ts`;
    return { path, content: joinPieces({ slot: `todoTests:${path}`, parts, separator: "\n\n", prefix: `import { describe, it } from "vitest";\n\n`, suffix: "\n", laidOut: false }) };
  });
}
