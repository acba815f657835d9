import type { SecurityScheme } from "../../src/ir/types.js";
import type { NameTable } from "../../src/naming/NameTable.js";
import { docComment } from "./docComment.js";
import { importLiteral, projectLayout } from "./projectLayout.js";
import { renderTemplate } from "./renderTemplate.js";
import { objectKey } from "../../src/emit/objectKey.js";
import { tsString } from "../../src/emit/tsString.js";
import { tsJson } from "../../src/emit/tsJson.js";
import { typeKey } from "../../src/emit/typeKey.js";
import type { AuthOptions } from "../../src/targets/TargetPlugin.js";

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
  return renderTemplate({ plugin: "shared", file: "security/types.ts.ejs", data: { typeKeys: schemes.map((s) => typeKey(s.scheme.name)) } });
}

export function renderVerifierIndex({ schemes }: { schemes: SchemeView[] }): string {
  const from = projectLayout.securityVerifiers;
  const data = {
    imports: { types: importLiteral({ from, to: projectLayout.securityTypes }) },
    schemes: schemes.map((s) => ({ verifier: s.verifier, objectKey: objectKey(s.scheme.name), from: importLiteral({ from, to: projectLayout.verifierScaffold(s.file) }) })),
  };
  return renderTemplate({ plugin: "shared", file: "security/verifiers.ts.ejs", data });
}

/** The user-owned verifier of one scheme: denies every request (401) until written. */
export function renderVerifierScaffold({ scheme }: { scheme: SchemeView }): { content: string; declaration: { name: string; code: string } } {
  const docCode = docComment([
    `Verifies ${describe(scheme.scheme)} for the operations that require \`${scheme.scheme.name}\`.`,
    `It denies every request (401 UNAUTHORIZED) until you write it: return \`{ ok: true, principal }\` for a valid caller.`,
    scheme.scheme.description,
  ]);
  const messageLiteral = tsString(`${scheme.scheme.name} is not configured`);
  const code = renderTemplate({ plugin: "shared", file: "security/verifierDeclaration.ts.ejs", data: { docCode, verifier: scheme.verifier, messageLiteral } }).trimEnd();
  const imports = { types: importLiteral({ from: projectLayout.verifierScaffold(scheme.file), to: projectLayout.securityTypes }) };
  return {
    content: renderTemplate({ plugin: "shared", file: "security/verifierScaffold.ts.ejs", data: { imports, declarationCode: code } }),
    declaration: { name: scheme.verifier, code },
  };
}

/** The API's authorization settings from the config's `options.auth` (the role hierarchy, the API's allow list). */
export function renderAccessSettings({ auth }: { auth: AuthOptions }): string {
  const from = projectLayout.securityAccess;
  const settings = {
    roleHierarchy: auth.roleHierarchy ?? {},
    ...(auth.ipAllow === undefined ? {} : { ipAllow: auth.ipAllow }),
  };
  return renderTemplate({
    plugin: "shared",
    file: "security/access.ts.ejs",
    data: { imports: { accessCheck: importLiteral({ from, to: projectLayout.runtime("accessCheck") }) }, settingsCode: tsJson(settings) },
  });
}
