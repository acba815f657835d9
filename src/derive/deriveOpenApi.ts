import { basename, dirname, resolve } from "node:path";
import type { DbModel, Diagnostic, JsonValue, Model } from "../ir/types.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";
import { camelCase, kebabCase, pascalCase, pluralize } from "../naming/caseConversion.js";
import type { SchemaObject } from "./fieldSchema.js";
import { manyToManyIds } from "./manyToManyIds.js";
import { modelFields } from "./modelFields.js";
import { cursorField, planModelApi, type DerivedAction, type ModelApiNames } from "./planModelApi.js";
import { planNestedLists, type PlannedModel } from "./planNestedLists.js";
import { vxDirectives } from "./vxDirectives.js";
import type { DeriveOptions } from "./DeriveOptions.js";

export interface DeriveOpenApiResult {
  /** The OpenAPI 3.1 document, as plain data (print it with `yamlDocument`). */
  document: { [key: string]: JsonValue };
  /** Per model given operations: name, actions derived (sorted by model name). */
  models: { model: string; kind: "model" | "view"; actions: DerivedAction[] }[];
  operations: number;
  diagnostics: Diagnostic[];
}

/** Hands out names once: a name taken gets the lowest free numeric suffix (`Error2`), in the order asked. */
function allocator(taken: Iterable<string>): (wanted: string) => string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  return (wanted) => {
    let name = wanted;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${wanted}${n}`;
    used.add(name.toLowerCase());
    return name;
  };
}

const errorSchema: SchemaObject = {
  type: "object",
  description: "The error format of every error response.",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "timestamp"],
      properties: {
        code: { type: "string", description: "VALIDATION_ERROR, NOT_FOUND, CONFLICT..." },
        message: { type: "string" },
        details: { type: "array", items: { type: "object", required: ["field", "message"], properties: { field: { type: "string" }, message: { type: "string" } } } },
        timestamp: { type: "string", format: "date-time" },
      },
    },
  },
};

function errorResponses(error: string): SchemaObject {
  const answer = (description: string) => ({ description, content: { "application/json": { schema: { $ref: `#/components/schemas/${error}` } } } });
  return {
    BadRequest: answer("The request is invalid (each problem in `details`)."),
    Conflict: answer("The request conflicts with stored data (a unique column, or a record other records refer to)."),
    NotFound: answer("No such record."),
  };
}

const pagingParameters: SchemaObject = {
  Limit: { name: "limit", in: "query", description: "How many records at most.", schema: { type: "integer", minimum: 1, maximum: 100, default: 20 } },
  Offset: { name: "offset", in: "query", description: "How many records to skip.", schema: { type: "integer", minimum: 0, default: 0 } },
};

/** Folder names that say nothing about the project (`prisma/schema.prisma`): the title comes from the folder above. */
const genericNames = new Set(["schema", "main", "prisma", "db", "database", "src"]);

/** The document's title: the schema file's name, or its project folder's (`fixtures/bookstore/schema.prisma` -> `bookstore API`). */
function documentTitle(file: string): string {
  let path = resolve(file);
  let name = basename(path).replace(/\.prisma$/, "");
  while (genericNames.has(name.toLowerCase()) && dirname(path) !== path) {
    path = dirname(path);
    name = basename(path);
  }
  return name === "" || genericNames.has(name.toLowerCase()) ? "API" : `${name} API`;
}

/** Whether the config's `derive.include` / `derive.exclude` let a model (or view) into the document. */
function selected({ name, options }: { name: string; options: DeriveOptions }): boolean {
  return (options.include === undefined || options.include.includes(name)) && !(options.exclude ?? []).includes(name);
}

/** VX607 for each name `derive.include` or `derive.exclude` gives that is no model or view (a typo would pass silently). */
function unknownModelNames({ db, options }: { db: DbModel; options: DeriveOptions }): Diagnostic[] {
  const names = new Set([...db.models, ...db.views].map((m) => m.name));
  const lists = [["include", options.include ?? []], ["exclude", options.exclude ?? []]] as const;
  return lists.flatMap(([key, list]) =>
    list
      .filter((name) => !names.has(name))
      .map((name) =>
        createDiagnostic({ code: "VX607", message: `derive.${key} names '${name}', which is no model or view of the Prisma schema; it is ignored`, location: { file: db.file }, help: `models: ${[...names].sort().slice(0, 12).join(", ")}` }),
      ),
  );
}

const byName = <T>(entries: [string, T][]): [string, T][] => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * Derives an OpenAPI 3.1 document from a Prisma schema: per model list, create, get, replace, update and delete, bound
 * to the model by `x-vx-model` (with `views`, list and get of each view, read-only); enums as named schemas; the error
 * format and its responses.
 * Deterministic: models and enums by name, paths and schemas sorted, properties in the schema's field order.
 * Returns data, never text; `@vx.hidden` models and fields are left out, and so are models `options` leaves out
 * (`include`, `exclude`). `options` also sets the Decimal form, the server URL (`basePath`) and the paging of lists.
 */
export function deriveOpenApi({ db, views = false, options = {} }: { db: DbModel; views?: boolean; options?: DeriveOptions }): DeriveOpenApiResult {
  const decimal = options.decimal ?? "string";
  const diagnostics: Diagnostic[] = [...unknownModelNames({ db, options })];
  const visible: Model[] = [];
  for (const model of [...db.models, ...db.views].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const directives = vxDirectives(model.documentation);
    const location = { file: model.source.file, line: model.source.line, column: model.source.column };
    for (const word of directives.unknown)
      diagnostics.push(createDiagnostic({ code: "VX603", message: `unknown directive @vx.${word} on ${model.kind} ${model.name}; it is ignored`, location, help: "derive reads @vx.hidden, @vx.readOnly, @vx.pii and @vx.path" }));
    if (directives.hidden || !selected({ name: model.name, options })) continue;
    if (model.kind === "view" && !views) {
      diagnostics.push(
        createDiagnostic({
          code: "VX606",
          message: `view ${model.name} is left out of the derived API: generated projects have no repository for views, so its operations would answer 501 until you write them`,
          location,
          help: "`vx-gen derive openapi --views` derives its list and get operations (read-only) for handlers you write",
        }),
      );
      continue;
    }
    visible.push(model);
  }
  const shown = new Set(visible.map((m) => m.name));
  const schemaName = allocator([...visible.map((m) => m.name), ...db.enums.map((e) => e.name)]);
  const enumNames = new Map(db.enums.map((e) => [e.name, e.name]));
  const enumRef = (name: string) => enumNames.get(name);
  const error = schemaName("ErrorBody");
  const pathName = allocator([]);
  const operationId = allocator([]);
  const tagName = allocator([]);

  const schemas: [string, SchemaObject][] = [[error, errorSchema]];
  for (const e of db.enums) {
    const description = vxDirectives(e.documentation).description;
    schemas.push([e.name, { type: "string", ...(description !== undefined ? { description } : {}), enum: e.values.map((v) => v.name) }]);
  }
  const paths: [string, SchemaObject][] = [];
  const tags: SchemaObject[] = [];
  const models: DeriveOpenApiResult["models"] = [];
  let operations = 0;
  const planned: PlannedModel[] = [];
  for (const model of visible) {
    const pascal = pascalCase(model.name);
    const plural = pluralize(pascal);
    const chosen = vxDirectives(model.documentation).path;
    if (typeof chosen === "object")
      diagnostics.push(createDiagnostic({ code: "VX603", message: `@vx.path on ${model.name} needs one path segment (letters, digits, - and _), not '${chosen.invalid}'; it is ignored`, location: { file: model.source.file, line: model.source.line, column: model.source.column } }));
    const collection = typeof chosen === "string" ? chosen : kebabCase(plural);
    const names: ModelApiNames = {
      schema: model.name,
      create: schemaName(`${model.name}Create`),
      patch: schemaName(`${model.name}Patch`),
      replace: schemaName(`${model.name}Replace`),
      page: schemaName(`${model.name}Page`),
      collectionPath: `/${pathName(collection === "" ? "records" : collection)}`,
      tag: tagName(collection === "" ? model.name : collection),
      parameterStem: camelCase(model.name),
      operationIds: {
        list: operationId(`list${plural === pascal ? `${pascal}Records` : plural}`),
        get: operationId(`get${pascal}`),
        create: operationId(`create${pascal}`),
        update: operationId(`update${pascal}`),
        replace: operationId(`replace${pascal}`),
        delete: operationId(`delete${pascal}`),
      },
    };
    const columns = modelFields({ model, enumRef, decimal });
    diagnostics.push(...columns.diagnostics);
    const description = vxDirectives(model.documentation).description;
    const ids = model.kind === "view" ? [] : manyToManyIds({ model, db, shown });
    const cursor = options.pagination === "cursor" ? cursorField({ model, fields: columns.fields }) : undefined;
    if (options.pagination === "cursor" && !cursor && model.kind === "model")
      diagnostics.push(createDiagnostic({ code: "VX608", message: `${model.name} has no single-field id the API shows (Int, BigInt or String): its lists page by limit and offset`, location: { file: model.source.file, line: model.source.line, column: model.source.column } }));
    const api = planModelApi({ model, fields: columns.fields, ids, names, enumRef, description, decimal, cursor });
    if (!api.key && !api.compoundKey)
      diagnostics.push(
        createDiagnostic({
          code: "VX602",
          message: `${model.kind} ${model.name} has no id or unique (single-field or compound) whose columns the API shows: only its collection (${model.kind === "view" ? "list" : "list, create"}) is derived`,
          location: { file: model.source.file, line: model.source.line, column: model.source.column },
          help: "add an @id or @unique (or @@id / @@unique over visible columns) to serve its records one by one",
        }),
      );
    schemas.push(...api.schemas);
    paths.push(...api.paths);
    tags.push({ name: names.tag, ...(description !== undefined ? { description } : { description: `${model.kind === "view" ? "View" : "Model"} ${model.name}` }) });
    models.push({ model: model.name, kind: model.kind, actions: api.actions });
    operations += api.actions.length;
    planned.push({ model, names, fields: columns.fields, api });
  }
  const nested = planNestedLists({ db, planned, operationId, enumRef, decimal });
  paths.push(...nested.paths);
  operations += nested.operations;
  const document = {
    openapi: "3.1.0",
    info: { title: documentTitle(db.file), version: "1.0.0", description: `Derived by vx-gen from the Prisma schema ${basename(db.file)}: one collection per model.` },
    ...(options.basePath !== undefined ? { servers: [{ url: options.basePath, description: "The base path of every route (the config's derive.basePath)." }] } : {}),
    tags: [...tags].sort((a, b) => (String(a.name) < String(b.name) ? -1 : 1)),
    paths: Object.fromEntries(byName(paths)),
    components: { schemas: Object.fromEntries(byName(schemas)), parameters: pagingParameters, responses: errorResponses(error) },
  } satisfies { [key: string]: JsonValue };
  diagnostics.push(
    createDiagnostic({
      code: "VX600",
      message: `derived ${operations} operations over ${visible.length} models from the Prisma schema ${db.file}`,
      location: { file: db.file },
    }),
  );
  return { document, models, operations, diagnostics };
}
