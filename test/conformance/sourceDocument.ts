import SwaggerParser from "@apidevtools/swagger-parser";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/**
 * The source OpenAPI document as the conformance suite reads it: with swagger-parser and Ajv only, never with
 * vx-gen's own reader, so that a constraint the generator dropped everywhere is still a constraint here.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface SourceParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  /** A JSON Schema with no `$ref` left at its top (resolved); nested refs resolve through `resolve`. */
  schema: JsonObject;
  /** Where Ajv finds the schema (a pointer into the document, or a standalone schema for Swagger 2.0). */
  judge: ValidateFunction;
  style: string;
  explode: boolean;
}

export interface SourceOperation {
  operationId: string;
  method: string;
  /** The path as the spec writes it (`/authors/{authorId}`), without the base path. */
  path: string;
  parameters: SourceParameter[];
  body: { schema: JsonObject; required: boolean; judge: ValidateFunction } | undefined;
  /** Documented statuses; a JSON body schema's validator where the response has one. */
  responses: Map<string, ValidateFunction | undefined>;
  secured: boolean;
}

export interface SourceDocument {
  document: JsonObject;
  version: "2.0" | "3.0" | "3.1";
  basePath: string;
  operations: SourceOperation[];
  /** Follows local `$ref`s (`#/components/schemas/X`) to the schema object. */
  resolve: (schema: Json | undefined) => JsonObject;
}

const methods = ["get", "put", "post", "delete", "patch", "head", "options"];

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function pointerGet({ document, pointer }: { document: JsonObject; pointer: string }): Json | undefined {
  let node: Json | undefined = document;
  for (const raw of pointer
    .replace(/^#\/?/, "")
    .split("/")
    .filter((t) => t !== "")) {
    const token = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    node = isObject(node) ? node[token] : Array.isArray(node) ? node[Number(token)] : undefined;
  }
  return node;
}

function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** OpenAPI 3.0 / Swagger 2.0 schema dialect to JSON Schema 2020-12, in place: nullable, boolean exclusive bounds. */
function toJsonSchemaDialect(node: Json, seen = new Set<object>()): void {
  if (typeof node !== "object" || node === null || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const item of node) toJsonSchemaDialect(item, seen);
    return;
  }
  if ((node.nullable === true || node["x-nullable"] === true) && typeof node.type === "string") {
    node.type = [node.type, "null"];
    if (Array.isArray(node.enum) && !node.enum.includes(null)) node.enum = [...node.enum, null];
  }
  for (const [bound, limit] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (node[bound] === true && typeof node[limit] === "number") {
      node[bound] = node[limit];
      delete node[limit];
    } else if (node[bound] === false) delete node[bound];
  }
  if (node.type === "file") delete node.type;
  for (const value of Object.values(node)) toJsonSchemaDialect(value, seen);
}

/**
 * A request (readOnly properties are not required) or response (writeOnly ones are not) reading of the document:
 * OpenAPI's readOnly/writeOnly rule, which plain JSON Schema validators do not apply.
 */
function directional({ document, drop }: { document: JsonObject; drop: "readOnly" | "writeOnly" }): JsonObject {
  const copy = structuredClone(document);
  const resolveProperty = (schema: Json | undefined): Json | undefined => {
    let node = schema;
    for (let i = 0; i < 10 && isObject(node) && typeof node.$ref === "string" && node.$ref.startsWith("#"); i++) {
      node = pointerGet({ document: copy, pointer: node.$ref });
    }
    return node;
  };
  const walk = (node: Json, seen: Set<object>): void => {
    if (typeof node !== "object" || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach((item) => walk(item, seen));
    if (Array.isArray(node.required) && isObject(node.properties)) {
      const properties = node.properties;
      node.required = node.required.filter((name) => {
        const property = typeof name === "string" ? resolveProperty(properties[name]) : undefined;
        return !(isObject(property) && property[drop] === true);
      });
    }
    for (const value of Object.values(node)) walk(value, seen);
  };
  walk(copy, new Set());
  return copy;
}

function createAjv(document: JsonObject): Ajv2020.default {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true, logger: false, validateFormats: true });
  addFormats.default(ajv);
  ajv.addSchema(document as object, "source");
  return ajv;
}

const schemaKeywords = [
  "type",
  "format",
  "enum",
  "const",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "items",
  "minItems",
  "maxItems",
  "uniqueItems",
  "default",
];

/** Reads and normalises the source document at `file` (YAML or JSON, OpenAPI 2.0, 3.0 or 3.1). */
export async function loadSourceDocument(file: string): Promise<SourceDocument> {
  const document = (await SwaggerParser.bundle(file)) as unknown as JsonObject;
  const version =
    typeof document.swagger === "string" ? "2.0" : String(document.openapi).startsWith("3.0") ? "3.0" : "3.1";
  if (version !== "3.1") toJsonSchemaDialect(document);
  const requests = createAjv(directional({ document, drop: "readOnly" }));
  const responses = createAjv(directional({ document, drop: "writeOnly" }));
  const at = (ajv: Ajv2020.default, pointer: string): ValidateFunction => ajv.compile({ $ref: `source${pointer}` });

  const resolve = (schema: Json | undefined): JsonObject => {
    let node = schema;
    for (let i = 0; i < 20 && isObject(node) && typeof node.$ref === "string"; i++)
      node = pointerGet({ document, pointer: node.$ref });
    return isObject(node) ? node : {};
  };
  const resolvePointer = (pointer: string): { node: JsonObject; pointer: string } => {
    let current = pointer;
    let node = pointerGet({ document, pointer: current });
    for (let i = 0; i < 20 && isObject(node) && typeof node.$ref === "string"; i++) {
      current = node.$ref;
      node = pointerGet({ document, pointer: current });
    }
    return { node: isObject(node) ? node : {}, pointer: current };
  };

  const basePath = (() => {
    if (version === "2.0") return typeof document.basePath === "string" ? document.basePath.replace(/\/$/, "") : "";
    const servers = Array.isArray(document.servers) ? document.servers : [];
    const first = servers[0];
    const url = isObject(first) && typeof first.url === "string" ? first.url : "";
    try {
      return new URL(url, "http://localhost").pathname.replace(/\/$/, "");
    } catch {
      return "";
    }
  })();

  const paths = isObject(document.paths) ? document.paths : {};
  const globalSecured =
    Array.isArray(document.security) &&
    document.security.some((alt) => isObject(alt) && Object.keys(alt).length > 0) &&
    !document.security.some((alt) => isObject(alt) && Object.keys(alt).length === 0);
  const operations: SourceOperation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    const itemPointer = `#/paths/${escapeToken(path)}`;
    for (const method of methods) {
      const op = item[method];
      if (!isObject(op)) continue;
      const opPointer = `${itemPointer}/${method}`;
      const parameters = new Map<string, SourceParameter>();
      let body: SourceOperation["body"];
      const declared = [
        ...(Array.isArray(item.parameters) ? item.parameters.map((_, i) => `${itemPointer}/parameters/${i}`) : []),
        ...(Array.isArray(op.parameters) ? op.parameters.map((_, i) => `${opPointer}/parameters/${i}`) : []),
      ];
      for (const declaredAt of declared) {
        const { node: p, pointer } = resolvePointer(declaredAt);
        const where = p.in;
        if (where === "body" && isObject(p.schema)) {
          body = { schema: resolve(p.schema), required: p.required === true, judge: at(requests, `${pointer}/schema`) };
          continue;
        }
        if (where !== "path" && where !== "query" && where !== "header" && where !== "cookie") continue;
        const name = String(p.name);
        let schema: JsonObject;
        let judge: ValidateFunction;
        if (version === "2.0") {
          schema = Object.fromEntries(Object.entries(p).filter(([k]) => schemaKeywords.includes(k)));
          judge = requests.compile(schema);
        } else {
          schema = resolve(p.schema);
          judge = at(requests, `${pointer}/schema`);
        }
        const style =
          typeof p.style === "string"
            ? p.style
            : version === "2.0" && p.collectionFormat === "multi"
              ? "form"
              : where === "query" || where === "cookie"
                ? "form"
                : "simple";
        const explode =
          typeof p.explode === "boolean"
            ? p.explode
            : version === "2.0"
              ? p.collectionFormat === "multi"
              : style === "form";
        parameters.set(`${where}:${name}`, {
          name,
          in: where,
          required: p.required === true,
          schema,
          judge,
          style,
          explode,
        });
      }
      if (version !== "2.0" && op.requestBody !== undefined) {
        const { node: requestBody, pointer } = resolvePointer(`${opPointer}/requestBody`);
        const content = isObject(requestBody.content) ? requestBody.content : {};
        if (isObject(content["application/json"])) {
          body = {
            schema: resolve(content["application/json"].schema),
            required: requestBody.required === true,
            judge: at(requests, `${pointer}/content/application~1json/schema`),
          };
        }
      }
      const responseMap = new Map<string, ValidateFunction | undefined>();
      for (const status of Object.keys(isObject(op.responses) ? op.responses : {})) {
        const { node: response, pointer } = resolvePointer(`${opPointer}/responses/${escapeToken(status)}`);
        let judge: ValidateFunction | undefined;
        if (version === "2.0" && response.schema !== undefined) judge = at(responses, `${pointer}/schema`);
        const content = isObject(response.content) ? response.content : {};
        if (
          version !== "2.0" &&
          isObject(content["application/json"]) &&
          content["application/json"].schema !== undefined
        ) {
          judge = at(responses, `${pointer}/content/application~1json/schema`);
        }
        responseMap.set(status, judge);
      }
      const security = Array.isArray(op.security) ? op.security : undefined;
      const secured =
        security === undefined
          ? globalSecured
          : security.length > 0 && !security.some((alt) => isObject(alt) && Object.keys(alt).length === 0);
      operations.push({
        operationId: typeof op.operationId === "string" ? op.operationId : `${method} ${path}`,
        method,
        path,
        parameters: [...parameters.values()],
        body,
        responses: responseMap,
        secured,
      });
    }
  }
  return { document, version, basePath, operations, resolve };
}
