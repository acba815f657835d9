import type { ApiModel, NamedSchema, SchemaNode } from "../../src/ir/types.js";
import type { NameTable } from "../../src/naming/NameTable.js";
import { delimitedDoc, layoutDoc, type Doc } from "./layoutDoc.js";
import type { OperationView, ParameterView } from "./operationView.js";
import { docCommentDoc } from "./docComment.js";
import { joinPieces } from "./joinPieces.js";
import { memoPiece, type PieceReads } from "./memoPiece.js";
import type { PrintedText } from "./printedText.js";
import { groupDescription, groupViews, type ViewGroup } from "./groupViews.js";
import { RenderRun } from "./renderRun.js";
import { importLiteral } from "./projectLayout.js";
import { renderTemplate } from "./renderTemplate.js";
import { tsString } from "../../src/emit/tsString.js";
import { planOperationAuth, type OperationAuthPlan } from "./planOperationAuth.js";
import { atom, isHiddenProperty, objectDoc, propertyKey, typeAfter, typeDoc, unionDoc, type TypeDoc, type TypeVariant } from "./printType.js";

export interface SourceFile {
  path: string;
  /** A string is formatted by prettier; printed text knows whether it is laid out (see `PrintedText`). */
  content: string | PrintedText;
}

function isVariantFree({ named, forcedReadOnly }: { named: NamedSchema; forcedReadOnly: ReadonlySet<string> }): boolean {
  const free = (node: SchemaNode): boolean => {
    switch (node.kind) {
      case "object":
        return (
          node.properties.every((p) => !p.schema.readOnly && !p.schema.writeOnly && !forcedReadOnly.has(`${named.name}/${p.name}`) && free(p.schema)) &&
          (typeof node.additionalProperties === "boolean" || free(node.additionalProperties))
        );
      case "array":
        return free(node.items) && (node.prefixItems ?? []).every(free);
      case "union":
      case "intersection":
        return node.members.every(free);
      default:
        return true;
    }
  };
  return free(named.schema);
}

function schemaDeclaration({ named, variant, forcedReadOnly, reads }: { named: NamedSchema; variant: TypeVariant; forcedReadOnly: ReadonlySet<string>; reads: PieceReads }): string {
  const type = typeDoc({ node: named.schema, variant, refName: (name) => reads.schemaType(name), forcedReadOnly, schemaName: named.name, docs: true });
  const comment = docCommentDoc([named.schema.title, named.schema.description, named.schema.deprecated ? "@deprecated" : undefined]);
  return layoutDoc({ doc: [...comment, typeAfter({ type, separator: `export type ${reads.schemaType(named.name)} =` }), ";"] });
}

/**
 * The declarations of a named schema, request and response (most schemas have no readOnly or writeOnly property:
 * their two types are the same text, laid out once). Reused while the schema object, the names it prints and the
 * database-filled properties are the same.
 */
const schemaDeclarations = memoPiece({
  name: "schemaType",
  key: "named",
  render: ({ named, forcedReadOnly }: { named: NamedSchema; forcedReadOnly: ReadonlySet<string> }, reads): { request: string; response: string } => {
    const request = schemaDeclaration({ named, variant: "request", forcedReadOnly, reads });
    const same = isVariantFree({ named, forcedReadOnly });
    return { request, response: same ? request : schemaDeclaration({ named, variant: "response", forcedReadOnly, reads }) };
  },
});

const variantHeaders: Record<TypeVariant, string> = {
  request: layoutDoc({ doc: docCommentDoc(["The schemas of the API as clients send them: readOnly properties (and fields the database fills) are left out."]) }).trimEnd(),
  response: layoutDoc({ doc: docCommentDoc(["The schemas of the API as the server answers them: writeOnly properties are left out."]) }).trimEnd(),
};

/** One module of named-schema types in one variant (request: no readOnly properties; response: no writeOnly). */
export function renderSchemaTypes({
  api,
  names,
  variant,
  forcedReadOnly,
  path,
  run = new RenderRun({ names, schemas: api.schemas, forcedReadOnly }),
}: {
  api: ApiModel;
  names: NameTable;
  variant: TypeVariant;
  forcedReadOnly: ReadonlySet<string>;
  path: string;
  /** The render's context (made from `names` and `forcedReadOnly` when not given). */
  run?: RenderRun;
}): SourceFile {
  const parts: string[] = [variantHeaders[variant]];
  for (const named of api.schemas) parts.push(schemaDeclarations({ inputs: { named, forcedReadOnly: run.forcedReadOnly }, run })[variant]);
  if (api.schemas.length === 0) parts.push("export {};");
  return { path, content: joinPieces({ slot: `schemaTypes:${variant}:${path}`, parts, separator: "\n\n", suffix: "\n", laidOut: true }) };
}

/** An object type of one parameter group (`path`, `query`...), each parameter with its description. */
function paramGroupType({ params, refName }: { params: ParameterView[]; refName: (n: string) => string }): TypeDoc {
  if (params.length === 0) return atom("Record<string, never>");
  const members = params.map((p): Doc => [
    ...docCommentDoc([p.parameter.description, p.parameter.deprecated ? "@deprecated" : undefined]),
    typeAfter({ type: typeDoc({ node: p.schema, variant: "request", refName, docs: true }), separator: `${propertyKey(p.name)}${p.required ? "" : "?"}:` }),
  ]);
  return { doc: objectDoc(members), shape: "object" };
}

function bodyType({ schema, typed, variant, refName }: { schema: SchemaNode | null; typed: boolean; variant: TypeVariant; refName: (n: string) => string }): TypeDoc {
  if (!typed) return unionDoc([atom("string"), atom("Uint8Array")]);
  return schema ? typeDoc({ node: schema, variant, refName, docs: true }) : atom("unknown");
}

/** A file part's schema: a string of `format: binary` (3.0, Swagger's `type: file`) or 3.1's `contentMediaType` without `contentEncoding`. */
function isFileNode(node: SchemaNode): boolean {
  return node.kind === "string" && (node.format === "binary" || (node.contentMediaType !== undefined && node.contentEncoding === undefined));
}

/**
 * A multipart body's type: the object of its parts (a reference to a named schema followed), each file part an
 * `UploadedFile` (a list of them for an array of files), every other part typed by its schema. `undefined` when the
 * body is not an object with properties (typed by its schema as it is) or has no file part.
 */
function multipartBodyType({ schema, refName, reads }: { schema: SchemaNode | null; refName: (n: string) => string; reads: PieceReads }): TypeDoc | undefined {
  const node = schema?.kind === "ref" ? reads.schemas.get(schema.name)?.schema : schema;
  if (node?.kind !== "object") return undefined;
  const fileOf = (n: SchemaNode): TypeDoc | undefined => {
    const target = n.kind === "ref" ? reads.schemas.get(n.name)?.schema : n;
    if (target === undefined) return undefined;
    if (isFileNode(target)) return atom("UploadedFile");
    if (target.kind === "array" && isFileNode(target.items.kind === "ref" ? (reads.schemas.get(target.items.name)?.schema ?? target.items) : target.items)) return atom("UploadedFile[]");
    return undefined;
  };
  if (!node.properties.some((p) => fileOf(p.schema) !== undefined)) return undefined;
  const members: Doc[] = [];
  for (const prop of node.properties) {
    if (isHiddenProperty({ schema: prop.schema, variant: "request", forced: false })) continue;
    const type = fileOf(prop.schema) ?? typeDoc({ node: prop.schema, variant: "request", refName, docs: true });
    const docs = docCommentDoc([prop.schema.description, prop.schema.deprecated ? "@deprecated" : undefined]);
    members.push([...docs, typeAfter({ type, separator: `${propertyKey(prop.name)}${prop.required ? "" : "?"}:` })]);
  }
  const extra = node.additionalProperties;
  if (extra !== false && extra !== true && extra.kind !== "unknown") members.push("[key: string]: unknown");
  return { doc: objectDoc(members), shape: "object" };
}

/** `{` members one per line `}`: interface bodies. */
function blockDoc(members: readonly Doc[]): Doc {
  return delimitedDoc({ open: "{", close: "}", items: members, separator: ";", breaks: true });
}

/** One operation's three declarations (request, response, handler) and the status range types they use. */
interface OperationTypesPiece {
  text: string;
  ranges: string[];
  /** Whether it names request (`Req.`) or response (`Res.`) schema types. */
  usesReq: boolean;
  usesRes: boolean;
  /** Whether it names the schemes' principal types (`SchemePrincipals`). */
  usesPrincipals: boolean;
  /** Whether it names `UploadedFile` (a multipart body with file parts). */
  usesFiles: boolean;
}

/** By operation view (the operation and its names); reused while the schema type names it prints are the same. */
const operationTypes = memoPiece({
  name: "operationTypes",
  key: "view",
  render: ({ view, schemeNames }: { view: OperationView; schemeNames: ReadonlySet<string> }, reads) => computeOperationTypes({ view, schemeNames, run: reads }),
});

/**
 * An operation's auth type: per alternative an object of the principals of its schemes, the other schemes absent
 * (`?: undefined`, so `if (context.auth.bearerAuth)` tells the alternatives apart); empty for an open operation.
 */
function authType(plan: OperationAuthPlan): TypeDoc {
  if (plan.kind === "open") return atom("Readonly<Record<string, never>>");
  if (plan.kind === "none") return atom("never");
  const members = plan.alternatives.map((alternative): TypeDoc => {
    const fields = plan.schemes.map((scheme) =>
      alternative.includes(scheme) ? `readonly ${propertyKey(scheme)}: SchemePrincipals[${tsString(scheme)}]` : `readonly ${propertyKey(scheme)}?: undefined`,
    );
    return { doc: objectDoc(fields), shape: "object" };
  });
  return members.length === 1 && members[0] ? members[0] : unionDoc(members);
}

function computeOperationTypes({ view, schemeNames, run }: { view: OperationView; schemeNames: ReadonlySet<string>; run: PieceReads }): OperationTypesPiece {
  let usesReq = false;
  let usesRes = false;
  const req = (n: string) => {
    usesReq = true;
    return `Req.${run.schemaType(n)}`;
  };
  const res = (n: string) => {
    usesRes = true;
    return `Res.${run.schemaType(n)}`;
  };
  const ranges = new Set<string>();
  const parts: string[] = [];
  const declare = (doc: Doc) => parts.push(layoutDoc({ doc }));
  const t = view.names.type;
  const { op } = view;
  const files = view.body?.isMultipart ? multipartBodyType({ schema: view.body.schema, refName: req, reads: run }) : undefined;
  const body = view.body ? (files ?? bodyType({ schema: view.body.schema, typed: view.body.isJson || view.body.isForm || view.body.isMultipart, variant: "request", refName: req })) : undefined;
  declare([
    ...docCommentDoc([`${op.method.toUpperCase()} ${op.path}: what the handler of ${op.operationId} receives (validated).`]),
    `export interface ${t}Request `,
    blockDoc([
      typeAfter({ type: paramGroupType({ params: view.params.path, refName: req }), separator: "params:" }),
      typeAfter({ type: paramGroupType({ params: view.params.query, refName: req }), separator: "query:" }),
      typeAfter({ type: paramGroupType({ params: view.params.header, refName: req }), separator: "headers:" }),
      typeAfter({ type: paramGroupType({ params: view.params.cookie, refName: req }), separator: "cookies:" }),
      typeAfter({ type: body && view.body && !view.body.required ? unionDoc([body, atom("undefined")]) : (body ?? atom("undefined")), separator: "body:" }),
    ]),
  ]);
  const members = view.responses.map((r): TypeDoc => {
    if (r.statusType.startsWith("Status")) ranges.add(r.statusType);
    const headers = r.response.headers;
    const fields: Doc[] = [
      `status: ${r.statusType}`,
      r.body ? typeAfter({ type: bodyType({ schema: r.body.schema, typed: r.body.isJson, variant: "response", refName: res }), separator: "body:" }) : "body?: undefined",
      headers.length === 0
        ? "headers?: Record<string, string>"
        : typeAfter({
            type: {
              doc: objectDoc(
                headers.map((h) => typeAfter({ type: typeDoc({ node: h.schema, variant: "response", refName: res }), separator: `${propertyKey(h.name)}${h.required ? "" : "?"}:` })),
              ),
              shape: "object",
            },
            separator: `headers${headers.some((h) => h.required) ? "" : "?"}:`,
          }),
    ];
    return { doc: objectDoc(fields), shape: "object" };
  });
  declare([
    ...docCommentDoc([`The responses ${op.operationId} documents, and only those.`]),
    typeAfter({ type: members.length > 0 ? unionDoc(members) : atom("never"), separator: `export type ${t}Response =` }),
    ";",
  ]);
  const auth = planOperationAuth({ op, schemeNames });
  declare([
    ...docCommentDoc([
      auth.kind === "open"
        ? `Who calls ${op.operationId}: anyone (it requires no security), so \`context.auth\` is empty.`
        : `Who calls ${op.operationId}: the principals of the security alternative that let the request in, by scheme (\`context.auth\`).`,
    ]),
    typeAfter({ type: authType(auth), separator: `export type ${t}Auth =` }),
    ";",
  ]);
  declare([
    ...docCommentDoc([op.summary, op.description, op.deprecated ? "@deprecated" : undefined]),
    `export type ${t}Handler = (input: `,
    objectDoc([`request: ${t}Request`, `context: HandlerContext<${t}Auth>`]),
    `) => Promise<${t}Response>;`,
  ]);
  return { text: parts.join("\n\n"), ranges: [...ranges], usesReq, usesRes, usesPrincipals: auth.kind === "principals", usesFiles: files !== undefined };
}

/** A group's handlers interface, by its module's path: reused while its name, tag and members are the same. */
const handlersInterface = memoPiece({
  name: "handlersInterface",
  key: "path",
  render: ({ type, tag, file, members }: { path: string; type: string; tag: string | undefined; file: string; members: readonly string[] }) =>
    layoutDoc({ doc: [...docCommentDoc([`The handlers of ${groupDescription({ type, tag, file })}.`]), `export interface ${type}Handlers `, blockDoc(members)] }),
});

/** The modules an operation types module imports, as specifiers seen from it. */
export interface OperationTypesImports {
  /** The handler context type. */
  context: string;
  /** The schemes' principal types. */
  principals: string;
  /** The file parts' type (`UploadedFile`). */
  uploadedFile: string;
  request: string;
  response: string;
  http: string;
}

/** One group's module: its operations' request, response and handler types, and `<Group>Handlers`. */
function renderGroupTypes({
  group,
  views,
  path,
  imports,
  schemeNames,
  run,
}: {
  group: ViewGroup["group"];
  views: OperationView[];
  path: string;
  imports: OperationTypesImports;
  schemeNames: ReadonlySet<string>;
  run: RenderRun;
}): SourceFile {
  const ranges = new Set<string>();
  const parts: string[] = [];
  let usesReq = false;
  let usesRes = false;
  let usesPrincipals = false;
  let usesFiles = false;
  for (const view of views) {
    const piece = operationTypes({ inputs: { view, schemeNames }, run });
    for (const range of piece.ranges) ranges.add(range);
    usesReq ||= piece.usesReq;
    usesRes ||= piece.usesRes;
    usesPrincipals ||= piece.usesPrincipals;
    usesFiles ||= piece.usesFiles;
    parts.push(piece.text);
  }
  const sorted = [...views].sort((a, b) => (a.names.handler < b.names.handler ? -1 : a.names.handler > b.names.handler ? 1 : 0));
  const members = sorted.map((v) => `${v.names.handler}: ${v.names.type}Handler`);
  parts.push(handlersInterface({ inputs: { path, type: group.type, tag: group.tag, file: group.file, members } }));
  // Imported only what the group's types name (laid out by the template: these modules skip prettier).
  const header = {
    context: tsString(imports.context),
    principals: usesPrincipals ? tsString(imports.principals) : undefined,
    uploadedFile: usesFiles ? tsString(imports.uploadedFile) : undefined,
    request: usesReq ? tsString(imports.request) : undefined,
    response: usesRes ? tsString(imports.response) : undefined,
    http: tsString(imports.http),
  };
  const prefix = renderTemplate({ plugin: "shared", file: "types/operationGroupImports.ejs", data: { imports: header, ranges: [...ranges].sort() } });
  return { path, content: joinPieces({ slot: `operationTypes:${path}`, parts, separator: "\n\n", prefix, suffix: "\n", laidOut: true }) };
}

/**
 * Request, response and handler types of every operation (oapi-codegen's strict server), one module per group
 * (`<dir>/<group>.ts`: an operation's first tag), and `index`, which re-exports them all and declares `Handlers`, the
 * contract of every handler, from each group's `<Group>Handlers`. Importers use the index; a change to one operation
 * rewrites its group's module only.
 */
export function renderOperationTypes({
  views,
  names,
  path,
  dir,
  imports,
  schemeNames,
  run = new RenderRun({ names, schemas: [], forcedReadOnly: new Set() }),
}: {
  views: OperationView[];
  names: NameTable;
  /** The security schemes the spec defines (an alternative naming another can never pass). */
  schemeNames: ReadonlySet<string>;
  /** The index module. */
  path: string;
  /** The folder of the group modules, next to the index (`operations` for `operations.ts`). */
  dir: string;
  /** Specifiers as seen from a group module. */
  imports: OperationTypesImports;
  /** The render's context (made from `names` when not given). */
  run?: RenderRun;
}): { index: SourceFile; groups: SourceFile[] } {
  const groups = groupViews(views);
  const files = groups.map(({ group, views: members }) => renderGroupTypes({ group, views: members, path: `${dir}/${group.file}.ts`, imports, schemeNames, run }));
  const data = {
    folder: dir.slice(dir.lastIndexOf("/") + 1),
    groups: groups.map(({ group }) => ({ type: group.type, from: importLiteral({ from: path, to: `${dir}/${group.file}.ts` }) })),
  };
  return { index: { path, content: renderTemplate({ plugin: "shared", file: "types/operations.ts.ejs", data }) }, groups: files };
}
