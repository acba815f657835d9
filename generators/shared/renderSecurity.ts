import type { SecurityScheme } from "../../src/ir/types.js";
import type { NameTable } from "../../src/naming/NameTable.js";
import { docComment } from "./docComment.js";
import { objectKey } from "../../src/emit/objectKey.js";
import { tsString } from "../../src/emit/tsString.js";
import { typeKey } from "../../src/emit/typeKey.js";

export interface SchemeView {
  scheme: SecurityScheme;
  /** `verifyBearerAuth` */
  verifier: string;
  /** `bearer-auth` (src/security/<file>.ts) */
  file: string;
}

/** One user-owned verifier per security scheme, named by the resolver (sorted by scheme name). */
export function schemeViews({ schemes, names }: { schemes: SecurityScheme[]; names: NameTable }): SchemeView[] {
  return [...schemes]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((scheme) => ({ scheme, ...names.securityScheme(scheme.name) }));
}

function describe(scheme: SecurityScheme): string {
  switch (scheme.kind) {
    case "apiKey":
      return `an API key in the ${scheme.in} \`${scheme.paramName}\``;
    case "http":
      return `HTTP ${scheme.scheme} authentication${scheme.bearerFormat ? ` (${scheme.bearerFormat})` : ""}`;
    case "oauth2":
      return `OAuth 2 (${scheme.flows.map((f) => f.flow).join(", ")}); check the bearer token and its scopes`;
    case "openIdConnect":
      return `OpenID Connect (${scheme.openIdConnectUrl})`;
    case "mutualTLS":
      return "mutual TLS (check the client certificate)";
  }
}

/** The target-independent security contract: what a verifier receives and answers, and one verifier per scheme. */
export function renderSecurityTypes({ schemes }: { schemes: SchemeView[] }): string {
  const lines = [
    `/** The parts of a request a verifier may look at. */`,
    `export interface SecurityRequest {`,
    `  headers: Record<string, string | string[] | undefined>;`,
    `  query: Record<string, unknown>;`,
    `  cookies: Record<string, string>;`,
    `}`,
    ``,
    `/** \`ok: true\` lets the request through (\`principal\` reaches the handler's \`context.auth\`); \`forbidden\` answers 403 instead of 401. */`,
    `export type SecurityResult = { ok: true; principal?: unknown } | { ok: false; forbidden?: boolean; message?: string };`,
    ``,
    `export type SecurityVerifier = (input: { request: SecurityRequest; scopes: string[] }) => Promise<SecurityResult>;`,
    ``,
    `/** One verifier per security scheme of the spec. */`,
    schemes.length === 0
      ? `// The spec defines no security scheme.\nexport interface SecurityVerifiers {} // eslint-disable-line @typescript-eslint/no-empty-object-type`
      : `export interface SecurityVerifiers {\n${schemes.map((s) => `  ${typeKey(s.scheme.name)}: SecurityVerifier;`).join("\n")}\n}`,
  ];
  return lines.join("\n") + "\n";
}

export function renderVerifierIndex({ schemes }: { schemes: SchemeView[] }): string {
  const lines = [`import type { SecurityVerifiers } from "./types.js";`];
  for (const s of schemes) lines.push(`import { ${s.verifier} } from "../../security/${s.file}.js";`);
  lines.push("");
  lines.push(`/** The verifiers you wrote (src/security/), by scheme. */`);
  lines.push(`export const verifiers: SecurityVerifiers = {${schemes.map((s) => `\n  ${objectKey(s.scheme.name)}: ${s.verifier},`).join("")}\n};`);
  return lines.join("\n") + "\n";
}

/** The user-owned verifier of one scheme: denies every request (401) until written. */
export function renderVerifierScaffold({ scheme }: { scheme: SchemeView }): { content: string; declaration: { name: string; code: string } } {
  const code = `${docComment([
    `Verifies ${describe(scheme.scheme)} for the operations that require \`${scheme.scheme.name}\`.`,
    `It denies every request (401 UNAUTHORIZED) until you write it: return \`{ ok: true, principal }\` for a valid caller.`,
    scheme.scheme.description,
  ])}export const ${scheme.verifier}: SecurityVerifier = async ({ request, scopes }) => {
  void request;
  void scopes;
  return { ok: false, message: ${tsString(`${scheme.scheme.name} is not configured`)} };
};`;
  return {
    content: `import type { SecurityVerifier } from "../generated/security/types.js";\n\n${code}\n`,
    declaration: { name: scheme.verifier, code },
  };
}

