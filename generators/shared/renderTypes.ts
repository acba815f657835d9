import type { ApiModel, SchemaNode } from "../../src/ir/types.js";
import type { NameTable } from "../../src/naming/NameTable.js";
import { docComment } from "./docComment.js";
import type { OperationView, ParameterView } from "./operationView.js";
import { printType, propertyKey, type TypeVariant } from "./printType.js";

export interface SourceFile {
  path: string;
  content: string;
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
    docComment([
      variant === "request"
        ? "The schemas of the API as clients send them: readOnly properties (and fields the database fills) are left out."
        : "The schemas of the API as the server answers them: writeOnly properties are left out.",
    ]),
  ];
  for (const named of api.schemas) {
    const type = printType({ node: named.schema, variant, refName: (n) => names.schemaType(n), forcedReadOnly, schemaName: named.name });
    parts.push(`${docComment([named.schema.title, named.schema.description, named.schema.deprecated ? "@deprecated" : undefined])}export type ${names.schemaType(named.name)} = ${type};`);
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

function paramGroupType({ params, refName }: { params: ParameterView[]; refName: (n: string) => string }): string {
  if (params.length === 0) return "Record<string, never>";
  const lines = params.map((p) => `${docComment([p.parameter.description, p.parameter.deprecated ? "@deprecated" : undefined])}${propertyKey(p.name)}${p.required ? "" : "?"}: ${printType({ node: p.schema, variant: "request", refName })};`);
  return `{ ${lines.join(" ")} }`;
}

function bodyType({ schema, isJson, variant, refName }: { schema: SchemaNode | null; isJson: boolean; variant: TypeVariant; refName: (n: string) => string }): string {
  if (!isJson) return "string | Uint8Array";
  return schema ? printType({ node: schema, variant, refName }) : "unknown";
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
  for (const view of views) {
    const t = view.names.type;
    const { op } = view;
    const requestBody = view.body
      ? `body: ${bodyType({ schema: view.body.schema, isJson: view.body.isJson, variant: "request", refName: req })}${view.body.required ? "" : " | undefined"};`
      : "body: undefined;";
    parts.push(
      `${docComment([`${op.method.toUpperCase()} ${op.path}: what the handler of ${op.operationId} receives (validated).`])}export interface ${t}Request {
        params: ${paramGroupType({ params: view.params.path, refName: req })};
        query: ${paramGroupType({ params: view.params.query, refName: req })};
        headers: ${paramGroupType({ params: view.params.header, refName: req })};
        cookies: ${paramGroupType({ params: view.params.cookie, refName: req })};
        ${requestBody}
      }`,
    );
    const members = view.responses.map((r) => {
      if (r.statusType.startsWith("Status")) ranges.add(r.statusType);
      const bodyPart = r.body ? `body: ${bodyType({ schema: r.body.schema, isJson: r.body.isJson, variant: "response", refName: res })};` : "body?: undefined;";
      const headers = r.response.headers;
      const headersPart =
        headers.length === 0
          ? "headers?: Record<string, string>;"
          : `headers${headers.some((h) => h.required) ? "" : "?"}: { ${headers
              .map((h) => `${propertyKey(h.name)}${h.required ? "" : "?"}: ${printType({ node: h.schema, variant: "response", refName: res })};`)
              .join(" ")} };`;
      return `{ status: ${r.statusType}; ${bodyPart} ${headersPart} }`;
    });
    parts.push(
      `${docComment([`The responses ${op.operationId} documents, and only those.`])}export type ${t}Response = ${members.length > 0 ? members.map((m) => `\n  | ${m}`).join("") : "never"};`,
    );
    parts.push(
      `${docComment([op.summary, op.description, op.deprecated ? "@deprecated" : undefined])}export type ${t}Handler = (input: { request: ${t}Request; context: HandlerContext }) => Promise<${t}Response>;`,
    );
  }
  const sorted = [...views].sort((a, b) => (a.names.handler < b.names.handler ? -1 : a.names.handler > b.names.handler ? 1 : 0));
  parts.push(
    `${docComment(["One handler per operation."])}export interface Handlers {\n${sorted.map((v) => `  ${v.names.handler}: ${v.names.type}Handler;`).join("\n")}\n}`,
  );
  const imports = [
    `import type { HandlerContext } from "${contextImport}";`,
    `import type * as Req from "${schemaImports.request}";`,
    `import type * as Res from "${schemaImports.response}";`,
  ];
  if (ranges.size > 0) imports.push(`import type { ${[...ranges].sort().join(", ")} } from "${schemaImports.http}";`);
  return { path, content: `${imports.join("\n")}\n\n${parts.join("\n\n")}\n` };
}
