import { lineCommentText } from "../../src/emit/lineCommentText.js";
import type { RoutePath } from "../../src/targets/TargetRuntime.js";
import type { OperationSchemas } from "./buildValidationSchemas.js";
import { groupDescription, groupViews } from "./groupViews.js";
import { joinPieces } from "./joinPieces.js";
import { delimitedDoc, hardline, indent, layoutDoc, type Doc } from "./layoutDoc.js";
import type { OperationView } from "./operationView.js";
import { memoPiece } from "./memoPiece.js";
import { planRouteRow, type ApiKeyLocations, type RouteRow, type ValidatorModule } from "./planRouteRow.js";
import { importPath, projectLayout } from "./projectLayout.js";
import type { SourceFile } from "./renderTypes.js";
import { literalDoc, objectLiteralDoc, propertyDoc, stringPropertyDoc } from "./scriptDoc.js";

/** `{` one member per line `}` (a route row is always written expanded). */
function expandedObjectDoc(members: readonly Doc[]): Doc {
  return delimitedDoc({ open: "{", close: "}", items: members, separator: ",", breaks: true });
}

/** A row's data members, each only where the row has it. */
function dataMembers(row: RouteRow): Doc[] {
  const data: [string, RouteRow["parameters"]][] = [
    ["parameters", row.parameters],
    ["response", row.response],
    ["consumes", row.consumes],
    ["produces", row.produces],
    ["formBody", row.formBody],
    ["multipart", row.multipart],
  ];
  const members = data.flatMap(([key, value]) => (value === undefined ? [] : [propertyDoc({ key, value: literalDoc(value) })]));
  if (row.pathKeys.length > 0) members.push(propertyDoc({ key: "pathKeys", value: literalDoc(row.pathKeys) }));
  if (row.body) members.push(propertyDoc({ key: "body", value: "true" }));
  if (row.optionalBody) members.push(propertyDoc({ key: "optionalBody", value: "true" }));
  return members;
}

/** One route of a table, laid out as prettier would. */
function routeRowDoc(row: RouteRow): Doc {
  const validators = row.validators.length === 1 ? row.validators[0] : objectLiteralDoc(row.validators.map((local) => `...${local}`));
  const members: Doc[] = [
    stringPropertyDoc({ key: "operationId", text: row.operationId }),
    stringPropertyDoc({ key: "method", text: row.method }),
    stringPropertyDoc({ key: "url", text: row.url }),
    stringPropertyDoc({ key: "handler", text: row.handler }),
    ...(validators === undefined ? [] : [propertyDoc({ key: "validators", value: validators })]),
    ...dataMembers(row),
  ];
  if (row.security.length > 0) {
    const comment = row.unknownScheme ? ["// names a security scheme the spec does not define: always denied", hardline] : [];
    members.push([...comment, propertyDoc({ key: "security", value: literalDoc(row.security) })]);
  }
  if (row.roles !== undefined) members.push(propertyDoc({ key: "roles", value: literalDoc(row.roles) }));
  if (row.ipAllow !== undefined) members.push(propertyDoc({ key: "ipAllow", value: literalDoc(row.ipAllow) }));
  if (row.rateLimit !== undefined) members.push(propertyDoc({ key: "rateLimit", value: literalDoc(row.rateLimit) }));
  if (row.cacheControl !== undefined) members.push(stringPropertyDoc({ key: "cacheControl", text: row.cacheControl }));
  if (row.audit !== undefined) members.push(propertyDoc({ key: "audit", value: literalDoc(row.audit) }));
  return expandedObjectDoc(members);
}

type RowInputs = {
  view: OperationView;
  schemeNames: ReadonlySet<string>;
  apiKeys: ApiKeyLocations;
  validators: readonly string[];
  schemas: OperationSchemas | undefined;
  routePath: (path: string) => RoutePath;
};

/**
 * A route row laid out at the table's depth (two spaces), with the comma that ends it; reused while the view, the
 * scheme names, its validator modules, its schemas (one object per operation while unchanged) and the path syntax
 * are the same.
 */
const rowText = memoPiece({
  name: "routeRow",
  key: "view",
  render: (inputs: RowInputs) => layoutDoc({ doc: indent([hardline, routeRowDoc(planRouteRow(inputs)), ","]) }).slice(1),
});

/** `/** text *\/` on one line (neither `*\/` nor a line break in the text can end it early). */
export function lineComment(text: string): string {
  return `/** ${lineCommentText(text)} */`;
}

/** A group's routes variable: `booksRoutes` for the group type `Books`. */
function tableName(groupType: string): string {
  return `${groupType.charAt(0).toLowerCase()}${groupType.slice(1)}Routes`;
}

/** A group's route table: the name it exports and its module's stem in the tables' folder. */
export interface RouteTableModule {
  name: string;
  file: string;
}

/**
 * The route tables of a target: one module per group of operations (`<dir>/<group>.ts`, an operation's first tag),
 * each a list of the target's `RouteDefinition` rows (method, URL in the target's syntax, handler, validators imported
 * by name, parameter definitions, response schemas, media types, security, roles, allowed client addresses: all known
 * at generation time). The target prints the index that gathers them (`tables`). A change to one operation rewrites
 * its group's module only.
 */
export function renderRouteTables({
  views,
  schemeNames,
  apiKeys,
  operations,
  validatorModules,
  routePath,
  dir,
  definitions,
}: {
  views: OperationView[];
  schemeNames: ReadonlySet<string>;
  /** The API key schemes' locations (`apiKeyLocations`), for `key: apiKey` rate limits. */
  apiKeys: ApiKeyLocations;
  /** Each operation's schemas (parameters, response schemas, media types), by operationId. */
  operations: Readonly<Record<string, OperationSchemas>>;
  /** The validator modules of each operation, by operationId. */
  validatorModules: ReadonlyMap<string, readonly ValidatorModule[]>;
  /** The target's path syntax. */
  routePath: (path: string) => RoutePath;
  /** The folder of the group modules (`src/generated/fastify/routes`). */
  dir: string;
  /** The target's module declaring `RouteDefinition`. */
  definitions: string;
}): { groups: SourceFile[]; tables: RouteTableModule[] } {
  const groups = groupViews(views);
  const files = groups.map(({ group, views: members }) => {
    const file = `${dir}/${group.file}.ts`;
    const imports = new Map<string, string>();
    const rows = members.map((view) => {
      const id = view.op.operationId;
      const modules = validatorModules.get(id) ?? [];
      for (const m of modules) imports.set(m.local, m.file);
      const schemas = Object.hasOwn(operations, id) ? operations[id] : undefined;
      return rowText({ inputs: { view, schemeNames, apiKeys, validators: modules.map((m) => m.local), schemas, routePath } });
    });
    const validator = (stem: string) => importPath({ from: file, to: `${projectLayout.validationDir}/${stem}.ts` });
    const head = [
      ...[...imports].map(([local, stem]) => `import ${local} from "${validator(stem)}";`),
      `import type { RouteDefinition } from "${importPath({ from: file, to: definitions })}";`,
      "",
      lineComment(`The routes of ${groupDescription(group)}, in path order.`),
      `export const ${tableName(group.type)}: readonly RouteDefinition[] = [`,
    ].join("\n");
    const content = joinPieces({ slot: `routes:${file}`, parts: rows, separator: "\n", prefix: `${head}\n`, suffix: "\n];\n", laidOut: true });
    return { path: file, content };
  });
  return { groups: files, tables: groups.map(({ group }) => ({ name: tableName(group.type), file: group.file })) };
}
