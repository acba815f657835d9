import { readFile } from "node:fs/promises";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { IrDocument, JsonValue, Operation } from "../../../src/ir/types.js";
import { derefSchema, indexSchemas, jsonContentSchema } from "../../../src/binding/schemaLookup.js";
import { exampleValue } from "../../../generators/shared/exampleValue.js";
import { invalidBodies, invalidParameter } from "../../../generators/shared/invalidCases.js";
import { modelSchemas } from "../../../generators/shared/modelSchemas.js";

interface Schemas {
  response: object;
  operations: Record<string, { response: Record<string, object> }>;
}

/** The response schemas and each operation's, as vx-gen wrote them next to the code (the files schemas.json lists). */
async function readSchemas(projectDir: string): Promise<Schemas> {
  const dir = join(projectDir, "src/generated/validation");
  const read = async (file: string): Promise<unknown> => JSON.parse(await readFile(join(dir, file), "utf8"));
  const index = (await read("schemas.json")) as { response: string; operations: string[] };
  const operations: Schemas["operations"] = {};
  for (const file of index.operations) Object.assign(operations, await read(file));
  return { response: (await read(index.response)) as object, operations };
}

export interface BlackBoxReport {
  requests: number;
  valid: number;
  invalid: number;
  failures: string[];
  statuses: Record<string, number>;
}

const methodOrder = ["post", "get", "put", "patch", "delete"];

function fill({ path, values }: { path: string; values: Record<string, string> }): string {
  return path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(values[name] ?? "1"));
}

function isErrorFormat(body: unknown): boolean {
  if (typeof body !== "object" || body === null) return false;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== "object" || error === null) return false;
  const e = error as Record<string, unknown>;
  return (
    Object.keys(body).length === 1 &&
    typeof e.code === "string" &&
    typeof e.message === "string" &&
    Array.isArray(e.details) &&
    typeof e.timestamp === "string" &&
    !Number.isNaN(Date.parse(e.timestamp))
  );
}

/**
 * Drives a started server from the outside: for every operation a valid request built from its schemas (creates
 * first), then invalid ones (a body missing a required property or breaking a constraint, a bad path or query
 * parameter). Valid requests must not be rejected (no 400) and nothing may answer 5xx (501 only for operations whose
 * handler is the user's); every body must match the schema documented for its status; failures use the error format.
 */
export async function blackBox({ ir, url, basePath, projectDir, scaffolded }: { ir: IrDocument; url: string; basePath: string; projectDir: string; scaffolded: Set<string> }): Promise<BlackBoxReport> {
  const api = ir.api;
  if (!api) throw new Error("no API");
  const schemas = indexSchemas(api);
  const { forcedReadOnly } = modelSchemas({ api, db: ir.db });
  const documents = await readSchemas(projectDir);
  const ajv = new Ajv2020.default({ strict: false, allErrors: true, logger: false });
  addFormats.default(ajv);
  ajv.addSchema(documents.response);
  const report: BlackBoxReport = { requests: 0, valid: 0, invalid: 0, failures: [], statuses: {} };
  let seed = 100;

  const send = async ({ op, path, query, body }: { op: Operation; path: string; query?: Record<string, string>; body?: JsonValue }) => {
    const search = query && Object.keys(query).length > 0 ? `?${new URLSearchParams(query).toString()}` : "";
    const response = await fetch(`${url}${basePath}${path}${search}`, {
      method: op.method.toUpperCase(),
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      parsed = text;
    }
    report.requests++;
    report.statuses[String(response.status)] = (report.statuses[String(response.status)] ?? 0) + 1;
    return { status: response.status, body: parsed };
  };

  const check = ({ op, status, body, label }: { op: Operation; status: number; body: unknown; label: string }) => {
    const where = `${label} ${op.method.toUpperCase()} ${op.path} -> ${status}`;
    if (status >= 500 && !(status === 501 && scaffolded.has(op.operationId))) report.failures.push(`${where}: server error ${JSON.stringify(body)}`);
    const documented = documents.operations[op.operationId]?.response ?? {};
    const key = String(status) in documented ? String(status) : `${String(status)[0]}xx` in documented ? `${String(status)[0]}xx` : "default" in documented ? "default" : undefined;
    if (status >= 400 && !isErrorFormat(body)) report.failures.push(`${where}: not the error format: ${JSON.stringify(body)}`);
    if (key !== undefined) {
      const schema = documented[key];
      if (schema) {
        const validate = ajv.compile(schema);
        if (!validate(body)) report.failures.push(`${where}: body does not match the documented schema: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(body).slice(0, 300)}`);
      }
    } else if (status < 400 && body !== undefined) {
      report.failures.push(`${where}: undocumented status with a body`);
    }
  };

  const operations = [...api.operations].sort((a, b) => methodOrder.indexOf(a.method) - methodOrder.indexOf(b.method) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const op of operations) {
    // It sends JSON: an operation whose body is multipart only (an upload) is probed by the fixture's own tests.
    if (op.requestBody && op.requestBody.content.every((c) => /^multipart\//i.test(c.mediaType))) continue;
    const secured = op.security.length > 0 && op.security.every((alt) => alt.schemes.length > 0);
    const values: Record<string, string> = {};
    for (const p of op.parameters.filter((x) => x.in === "path")) values[p.name] = String(exampleValue({ node: p.schema, schemas, variant: "request", seed: 0 }) ?? "1");
    const query: Record<string, string> = {};
    for (const p of op.parameters.filter((x) => x.in === "query" && x.required)) {
      const v = exampleValue({ node: p.schema, schemas, variant: "request", seed: 0 });
      if (v !== undefined && typeof v !== "object") query[p.name] = String(v);
    }
    const bodySchema = op.requestBody ? jsonContentSchema(op.requestBody.content) : undefined;
    const validBody = bodySchema ? exampleValue({ node: bodySchema, schemas, variant: "request", seed: seed++, optional: true, forcedReadOnly }) : undefined;

    // A valid request.
    const valid = await send({ op, path: fill({ path: op.path, values }), query, ...(validBody === undefined ? {} : { body: validBody }) });
    report.valid++;
    if (valid.status === 400) report.failures.push(`valid ${op.method.toUpperCase()} ${op.path} rejected: ${JSON.stringify(valid.body)}`);
    if (secured && valid.status !== 401 && valid.status !== 403) report.failures.push(`${op.method.toUpperCase()} ${op.path} is secured but answered ${valid.status} without credentials`);
    check({ op, status: valid.status, body: valid.body, label: "valid" });
    const expectedInvalid = secured ? 401 : 400;

    // Invalid bodies.
    if (bodySchema && validBody !== undefined && typeof validBody === "object" && validBody !== null && !Array.isArray(validBody)) {
      for (const bad of invalidBodies({ node: bodySchema, valid: validBody, schemas, forcedReadOnly })) {
        const response = await send({ op, path: fill({ path: op.path, values }), query, body: bad.value });
        report.invalid++;
        if (response.status !== expectedInvalid) report.failures.push(`${op.method.toUpperCase()} ${op.path} with ${bad.what}: expected ${expectedInvalid}, got ${response.status} ${JSON.stringify(response.body)}`);
        check({ op, status: response.status, body: response.body, label: "invalid body" });
      }
    }
    // Invalid path and query parameters.
    for (const p of op.parameters.filter((x) => x.in === "path" || x.in === "query")) {
      const bad = invalidParameter(derefSchema({ node: p.schema, schemas }));
      if (!bad || typeof bad.value === "object" || bad.value === null) continue;
      const badValues = p.in === "path" ? { ...values, [p.name]: String(bad.value) } : values;
      const badQuery = p.in === "query" ? { ...query, [p.name]: String(bad.value) } : query;
      const response = await send({ op, path: fill({ path: op.path, values: badValues }), query: badQuery, ...(validBody === undefined ? {} : { body: validBody }) });
      report.invalid++;
      if (response.status !== expectedInvalid) report.failures.push(`${op.method.toUpperCase()} ${op.path} with ${p.in} ${p.name} ${bad.what}: expected ${expectedInvalid}, got ${response.status} ${JSON.stringify(response.body)}`);
      check({ op, status: response.status, body: response.body, label: `invalid ${p.in}` });
    }
  }
  return report;
}
