import type { ApiModel, NamedSchema, SchemaNode } from "../../src/ir/types.js";
import type { NameTable } from "../../src/naming/NameTable.js";
import { delimitedDoc, layoutDoc, type Doc } from "./layoutDoc.js";
import type { OperationView, ParameterView } from "./operationView.js";
import { docCommentDoc } from "./docComment.js";
import { atom, objectDoc, propertyKey, typeAfter, typeDoc, unionDoc, type TypeDoc, type TypeVariant } from "./printType.js";

export interface SourceFile {
  path: string;
  content: string;
}

/**
 * Declarations already laid out for the other variant, by named schema (most schemas have no readOnly or writeOnly
 * property: their request and response types are the same text, laid out once). Keyed by the IR object, so a new IR
 * (the next `watch` run) never sees old text.
 */
const laidOutOnce = new WeakMap<NamedSchema, { names: NameTable; text: string }>();

/** Whether a named schema prints the same in requests and responses: no readOnly, writeOnly or database-filled property in its own tree. */
function sameInBothVariants({ named, forcedReadOnly }: { named: NamedSchema; forcedReadOnly: ReadonlySet<string> }): boolean {
  const known = variantFree.get(named);
  if (known?.forcedReadOnly === forcedReadOnly) return known.free;
  const answer = isVariantFree({ named, forcedReadOnly });
  variantFree.set(named, { forcedReadOnly, free: answer });
  return answer;
}

const variantFree = new WeakMap<NamedSchema, { forcedReadOnly: ReadonlySet<string>; free: boolean }>();

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

/** One module of named-schema types in one variant (request: no readOnly properties; response: no writeOnly). */
export function renderSchemaTypes({
  api,
  names,
  variant,
  forcedReadOnly,
  path,
}: {
  api: ApiModel;
  names: NameTable;
  variant: TypeVariant;
  forcedReadOnly: ReadonlySet<string>;
  path: string;
}): SourceFile {
  const parts: string[] = [
    layoutDoc({
      doc: docCommentDoc([
        variant === "request"
          ? "The schemas of the API as clients send them: readOnly properties (and fields the database fills) are left out."
          : "The schemas of the API as the server answers them: writeOnly properties are left out.",
      ]),
    }).trimEnd(),
  ];
  for (const named of api.schemas) {
    const same = sameInBothVariants({ named, forcedReadOnly });
    const shared = same ? laidOutOnce.get(named) : undefined;
    if (shared?.names === names) {
      parts.push(shared.text);
      continue;
    }
    const type = typeDoc({ node: named.schema, variant, refName: (n) => names.schemaType(n), forcedReadOnly, schemaName: named.name, docs: true });
    const comment = docCommentDoc([named.schema.title, named.schema.description, named.schema.deprecated ? "@deprecated" : undefined]);
    const text = layoutDoc({ doc: [...comment, typeAfter({ type, separator: `export type ${names.schemaType(named.name)} =` }), ";"] });
    if (same) laidOutOnce.set(named, { names, text });
    parts.push(text);
  }
  if (api.schemas.length === 0) parts.push("export {};");
  return { path, content: parts.join("\n\n") + "\n" };
}

/** `Status1XX` ... `Status5XX`: the statuses an OpenAPI range response (`4XX`) allows. */
export function renderHttpTypes({ path }: { path: string }): SourceFile {
  const lines = ["/** The status codes of an OpenAPI response range such as `4XX`. */"];
  for (let group = 1; group <= 5; group++) {
    const codes = Array.from({ length: 100 }, (_, i) => String(group * 100 + i));
    lines.push(`export type Status${group}XX = ${codes.join(" | ")};`);
  }
  return { path, content: lines.join("\n") + "\n" };
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

function bodyType({ schema, isJson, variant, refName }: { schema: SchemaNode | null; isJson: boolean; variant: TypeVariant; refName: (n: string) => string }): TypeDoc {
  if (!isJson) return unionDoc([atom("string"), atom("Uint8Array")]);
  return schema ? typeDoc({ node: schema, variant, refName, docs: true }) : atom("unknown");
}

/** `{` members one per line `}`: interface bodies. */
function blockDoc(members: readonly Doc[]): Doc {
  return delimitedDoc({ open: "{", close: "}", items: members, separator: ";", breaks: true });
}

/** Request, response and handler types of every operation, and the `Handlers` contract (oapi-codegen's strict server). */
export function renderOperationTypes({
  views,
  names,
  path,
  contextImport,
  schemaImports,
}: {
  views: OperationView[];
  names: NameTable;
  path: string;
  /** Module specifier of the handler context type. */
  contextImport: string;
  schemaImports: { request: string; response: string; http: string };
}): SourceFile {
  const req = (n: string) => `Req.${names.schemaType(n)}`;
  const res = (n: string) => `Res.${names.schemaType(n)}`;
  const ranges = new Set<string>();
  const parts: string[] = [];
  const declare = (doc: Doc) => parts.push(layoutDoc({ doc }));
  for (const view of views) {
    const t = view.names.type;
    const { op } = view;
    const body = view.body ? bodyType({ schema: view.body.schema, isJson: view.body.isJson, variant: "request", refName: req }) : undefined;
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
        r.body ? typeAfter({ type: bodyType({ schema: r.body.schema, isJson: r.body.isJson, variant: "response", refName: res }), separator: "body:" }) : "body?: undefined",
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
    declare([
      ...docCommentDoc([op.summary, op.description, op.deprecated ? "@deprecated" : undefined]),
      `export type ${t}Handler = (input: `,
      objectDoc([`request: ${t}Request`, "context: HandlerContext"]),
      `) => Promise<${t}Response>;`,
    ]);
  }
  const sorted = [...views].sort((a, b) => (a.names.handler < b.names.handler ? -1 : a.names.handler > b.names.handler ? 1 : 0));
  declare([...docCommentDoc(["One handler per operation."]), "export interface Handlers ", sorted.length > 0 ? blockDoc(sorted.map((v) => `${v.names.handler}: ${v.names.type}Handler`)) : "{}"]);
  const imports = [
    `import type { HandlerContext } from "${contextImport}";`,
    `import type * as Req from "${schemaImports.request}";`,
    `import type * as Res from "${schemaImports.response}";`,
  ];
  if (ranges.size > 0) imports.push(`import type { ${[...ranges].sort().join(", ")} } from "${schemaImports.http}";`);
  return { path, content: `${imports.join("\n")}\n\n${parts.join("\n\n")}\n` };
}
