import type { JsonValue, Operation, Parameter, ParameterLocation, PartEncoding, Response, SchemaNode } from "../../src/ir/types.js";
import type { NameTable, OperationNames } from "../../src/naming/NameTable.js";
import { memoPiece } from "./memoPiece.js";
import type { RenderRun } from "./renderRun.js";

export interface ParameterView {
  /** Name as documented (`X-Request-Id`); header names are lower-cased (how Node receives them). */
  name: string;
  in: ParameterLocation;
  required: boolean;
  schema: SchemaNode;
  jsonSchema: JsonValue;
  parameter: Parameter;
}

export interface BodyView {
  required: boolean;
  mediaType: string;
  /** JSON and urlencoded form bodies are validated and typed; anything else is passed through as a string/bytes. */
  isJson: boolean;
  /** `application/x-www-form-urlencoded`: parsed (bracket notation), typed by the schema, then validated like JSON. */
  isForm: boolean;
  /** `multipart/form-data`: text parts typed like a form, JSON parts parsed, file parts `UploadedFile`s; validated like JSON. */
  isMultipart: boolean;
  /** The multipart or form body's `encoding` (each part's allowed media types, a form's array styles); else empty. */
  encoding: readonly PartEncoding[];
  schema: SchemaNode | null;
  jsonSchema: JsonValue | null;
}

export interface ResponseView {
  /** `200`, `4XX`, `default`. */
  status: string;
  /** The status as a TypeScript type: `200`, `Status4XX`, `number`. */
  statusType: string;
  /** A numeric status when the response names exactly one. */
  code: number | undefined;
  body: { mediaType: string; isJson: boolean; schema: SchemaNode | null; jsonSchema: JsonValue | null } | undefined;
  response: Response;
}

export interface OperationView {
  op: Operation;
  names: OperationNames;
  params: Record<ParameterLocation, ParameterView[]>;
  body: BodyView | undefined;
  responses: ResponseView[];
  /** The first documented 2xx response. */
  success: ResponseView | undefined;
}

export function isJsonMediaType(mediaType: string): boolean {
  return mediaType === "application/json" || /^application\/[^;]*\+json\b/.test(mediaType) || /^application\/json\s*;/.test(mediaType);
}

/** `application/x-www-form-urlencoded`, with or without parameters, in any case. */
export function isFormMediaType(mediaType: string): boolean {
  return /^application\/x-www-form-urlencoded\s*(?:;|$)/i.test(mediaType);
}

/** `multipart/form-data`, with or without parameters, in any case. */
export function isMultipartMediaType(mediaType: string): boolean {
  return /^multipart\/form-data\s*(?:;|$)/i.test(mediaType);
}

function pickContent<T extends { mediaType: string }>(content: T[]): T | undefined {
  return (
    content.find((c) => c.mediaType === "application/json") ??
    content.find((c) => isJsonMediaType(c.mediaType)) ??
    content.find((c) => isFormMediaType(c.mediaType)) ??
    content.find((c) => isMultipartMediaType(c.mediaType)) ??
    content[0]
  );
}

function statusType(status: string): { type: string; code: number | undefined } {
  if (/^\d{3}$/.test(status)) return { type: status, code: Number(status) };
  const range = /^([1-5])XX$/i.exec(status);
  if (range) return { type: `Status${range[1]}XX`, code: undefined };
  return { type: "number", code: undefined };
}

/** The facts about one operation every generator needs, computed once. */
export function operationView({ op, names }: { op: Operation; names: NameTable }): OperationView {
  const params: Record<ParameterLocation, ParameterView[]> = { path: [], query: [], header: [], cookie: [] };
  for (const parameter of op.parameters) {
    const name = parameter.in === "header" ? parameter.name.toLowerCase() : parameter.name;
    params[parameter.in].push({ name, in: parameter.in, required: parameter.required || parameter.in === "path", schema: parameter.schema, jsonSchema: parameter.jsonSchema, parameter });
  }
  let body: BodyView | undefined;
  const content = op.requestBody ? pickContent(op.requestBody.content) : undefined;
  if (op.requestBody && content) {
    const isJson = isJsonMediaType(content.mediaType);
    const isForm = isFormMediaType(content.mediaType);
    const isMultipart = isMultipartMediaType(content.mediaType);
    const encoding = isMultipart || isForm ? (content.encoding ?? []) : [];
    body = { required: op.requestBody.required, mediaType: content.mediaType, isJson, isForm, isMultipart, encoding, schema: content.schema, jsonSchema: content.jsonSchema };
  }
  const responses = op.responses.map((response): ResponseView => {
    const picked = pickContent(response.content);
    const { type, code } = statusType(response.status);
    return {
      status: response.status,
      statusType: type,
      code,
      body: picked ? { mediaType: picked.mediaType, isJson: isJsonMediaType(picked.mediaType), schema: picked.schema, jsonSchema: picked.jsonSchema } : undefined,
      response,
    };
  });
  const success = responses.find((r) => r.code !== undefined && r.code >= 200 && r.code < 300) ?? responses.find((r) => r.status === "2XX");
  return { op, names: names.operation(op.operationId), params, body, responses, success };
}

/** The names an operation view reads, as a table answering for that one operation. */
function oneOperation(names: OperationNames): NameTable {
  const none = (): never => {
    throw new Error("an operation view reads only its operation's names");
  };
  return { operation: () => names, schemaType: none, model: none, enumType: none, securityScheme: none };
}

/** Views by operation: the same object while the operation and its names are (downstream pieces are keyed by it). */
const viewPiece = memoPiece({
  name: "operationView",
  key: "op",
  render: ({ op, handler, type, file, group }: { op: Operation; handler: string; type: string; file: string; group: readonly [string | undefined, string, string] }) =>
    operationView({ op, names: oneOperation({ handler, type, file, group: { tag: group[0], file: group[1], type: group[2] } }) }),
});

/** `operationView`, the previous run's view when the operation object and its resolved names are the same. */
export function reusedOperationView({ op, run }: { op: Operation; run: RenderRun }): OperationView {
  const n = run.names.operation(op.operationId);
  return viewPiece({ inputs: { op, handler: n.handler, type: n.type, file: n.file, group: [n.group.tag, n.group.file, n.group.type] }, run });
}
