import type { JsonValue } from "../../src/ir/types.js";
import { lineCommentText } from "../../src/emit/lineCommentText.js";
import type { OperationSchemas } from "../shared/buildValidationSchemas.js";
import { groupDescription, groupViews } from "../shared/groupViews.js";
import { joinPieces } from "../shared/joinPieces.js";
import { delimitedDoc, hardline, indent, layoutDoc, type Doc } from "../shared/layoutDoc.js";
import type { OperationView } from "../shared/operationView.js";
import { memoPiece } from "../shared/memoPiece.js";
import type { SourceFile } from "../shared/renderTypes.js";
import { arrayDoc, literalDoc, objectLiteralDoc, propertyDoc, stringPropertyDoc } from "../shared/scriptDoc.js";
import { fastifyPath } from "./fastifyPath.js";

/** A validator module an operation uses: its file stem under the validation folder and the name it is imported as. */
export interface ValidatorModule {
  local: string;
  file: string;
}

/** What one row of a route table says, decided from the operation (the data `RouteDefinition` describes). */
interface RouteRow {
  operationId: string;
  method: string;
  url: string;
  handler: string;
  /** The validator modules' names, spread into one object when there are several. */
  validators: string[];
  /** `[documented name, router key]` for path parameters the router cannot name as documented. */
  pathKeys: [string, string][];
  body: boolean;
  security: { scheme: string; scopes: string[] }[][];
  /** Whether a requirement names a scheme the spec does not define (always denied: said in a comment). */
  unknownScheme: boolean;
}

function routeRow({ view, schemeNames, validators }: { view: OperationView; schemeNames: ReadonlySet<string>; validators: readonly string[] }): RouteRow {
  const { op } = view;
  const { url, keys } = fastifyPath(op.path);
  return {
    operationId: op.operationId,
    method: op.method.toUpperCase(),
    url,
    handler: view.names.handler,
    validators: [...validators],
    pathKeys: [...keys],
    body: view.body !== undefined,
    security: op.security.map((alt) => alt.schemes.map((s) => ({ scheme: s.name, scopes: [...s.scopes] }))),
    unknownScheme: op.security.some((alt) => alt.schemes.some((s) => !schemeNames.has(s.name))),
  };
}

/** `{` one member per line `}` (a route row is always written expanded). */
function expandedObjectDoc(members: readonly Doc[]): Doc {
  return delimitedDoc({ open: "{", close: "}", items: members, separator: ",", breaks: true });
}

/** A row's members that come from the operation's schemas: parameters, response schemas, media types. */
function schemaMembers(schemas: OperationSchemas | undefined): Doc[] {
  const members: Doc[] = [];
  const add = (key: string, value: JsonValue | undefined) => {
    if (value !== undefined && !(typeof value === "object" && value !== null && Object.keys(value).length === 0)) members.push(propertyDoc({ key, value: literalDoc(value) }));
  };
  add("parameters", schemas?.parameters);
  add("response", schemas?.response);
  add("consumes", schemas?.consumes);
  add("produces", schemas?.produces);
  return members;
}

/** One route of a table, laid out as prettier would. */
function routeRowDoc({ row, schemas }: { row: RouteRow; schemas: OperationSchemas | undefined }): Doc {
  const validators = row.validators.length === 1 ? row.validators[0] : objectLiteralDoc(row.validators.map((local) => `...${local}`));
  const members: Doc[] = [
    stringPropertyDoc({ key: "operationId", text: row.operationId }),
    stringPropertyDoc({ key: "method", text: row.method }),
    stringPropertyDoc({ key: "url", text: row.url }),
    stringPropertyDoc({ key: "handler", text: row.handler }),
    ...(validators === undefined ? [] : [propertyDoc({ key: "validators", value: validators })]),
    ...schemaMembers(schemas),
    ...(row.pathKeys.length > 0 ? [propertyDoc({ key: "pathKeys", value: literalDoc(row.pathKeys) })] : []),
    ...(row.body ? [propertyDoc({ key: "body", value: "true" })] : []),
  ];
  if (row.security.length > 0) {
    const comment = row.unknownScheme ? ["// names a security scheme the spec does not define: always denied", hardline] : [];
    members.push([...comment, propertyDoc({ key: "security", value: literalDoc(row.security) })]);
  }
  return expandedObjectDoc(members);
}

/** Laid-out rows by the operation's schemas object, reused while the row's own data is the same too. */
/**
 * A route row laid out at the table's depth (two spaces), with the comma that ends it; reused while the view, the
 * scheme names, its validator modules and its schemas (one object per operation while unchanged) are the same.
 */
const rowText = memoPiece({
  name: "routeRow",
  key: "view",
  render: ({ view, schemeNames, validators, schemas }: { view: OperationView; schemeNames: ReadonlySet<string>; validators: readonly string[]; schemas: OperationSchemas | undefined }) =>
    layoutDoc({ doc: indent([hardline, routeRowDoc({ row: routeRow({ view, schemeNames, validators }), schemas }), ","]) }).slice(1),
});

/** `/** text *\/` on one line (neither `*\/` nor a line break in the text can end it early). */
function lineComment(text: string): string {
  return `/** ${lineCommentText(text)} */`;
}

/** A group's routes variable: `booksRoutes` for the group type `Books`. */
function tableName(groupType: string): string {
  return `${groupType.charAt(0).toLowerCase()}${groupType.slice(1)}Routes`;
}

/**
 * The Fastify route tables: one module per group of operations (`<dir>/<group>.ts`, an operation's first tag), each a
 * list of `RouteDefinition` rows (method, URL, handler, validators imported by name, parameter definitions, response
 * schemas, media types, security: all known at generation time), and `index` (`routes.ts`), every group's routes in one
 * list that routeTable.ts's `registerRoutes` registers. A change to one operation rewrites its group's module only.
 */
export function renderRoutes({
  views,
  schemeNames,
  operations,
  validatorModules,
  path,
  dir,
  validationDir,
}: {
  views: OperationView[];
  schemeNames: ReadonlySet<string>;
  /** Each operation's schemas (parameters, response schemas, media types), by operationId. */
  operations: Readonly<Record<string, OperationSchemas>>;
  /** The validator modules of each operation, by operationId. */
  validatorModules: ReadonlyMap<string, readonly ValidatorModule[]>;
  /** The index module (`routes.ts`). */
  path: string;
  /** The folder of the group modules, next to the index (`routes`). */
  dir: string;
  /** The validation folder as seen from a group module (`../../validation`). */
  validationDir: string;
}): { index: SourceFile; groups: SourceFile[] } {
  const groups = groupViews(views);
  const files = groups.map(({ group, views: members }) => {
    const file = `${dir}/${group.file}.ts`;
    const imports = new Map<string, string>();
    const rows = members.map((view) => {
      const id = view.op.operationId;
      const modules = validatorModules.get(id) ?? [];
      for (const m of modules) imports.set(m.local, m.file);
      const schemas = Object.hasOwn(operations, id) ? operations[id] : undefined;
      return rowText({ inputs: { view, schemeNames, validators: modules.map((m) => m.local), schemas } });
    });
    const head = [
      ...[...imports].map(([local, stem]) => `import ${local} from "${validationDir}/${stem}.js";`),
      `import type { RouteDefinition } from "../routeTable.js";`,
      "",
      lineComment(`The routes of ${groupDescription(group)}, in path order.`),
      `export const ${tableName(group.type)}: readonly RouteDefinition[] = [`,
    ].join("\n");
    const content = joinPieces({ slot: `routes:${file}`, parts: rows, separator: "\n", prefix: `${head}\n`, suffix: "\n];\n", laidOut: true });
    return { path: file, content };
  });
  const folder = dir.slice(dir.lastIndexOf("/") + 1);
  const lines = [`import type { RouteDefinition } from "./routeTable.js";`];
  for (const { group } of groups) lines.push(`import { ${tableName(group.type)} } from "./${folder}/${group.file}.js";`);
  lines.push("");
  lines.push(lineComment(`Every operation's route: each tag's are in its module (${folder}/).`));
  const all = arrayDoc({ items: groups.map(({ group }) => `...${tableName(group.type)}`) });
  lines.push(layoutDoc({ doc: ["export const routes: readonly RouteDefinition[] = ", all, ";"] }));
  return { index: { path, content: `${lines.join("\n")}\n` }, groups: files };
}
