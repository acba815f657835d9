import { createDiagnostic } from "../../src/diagnostics/createDiagnostic.js";
import type { ApiModel, Diagnostic, SecurityScheme } from "../../src/ir/types.js";
import type { NameTable } from "../../src/naming/NameTable.js";
import { docComment } from "./docComment.js";
import { wrapWords } from "../../src/emit/wrapWords.js";
import { importLiteral, projectLayout } from "./projectLayout.js";
import { renderTemplate } from "./renderTemplate.js";
import { objectKey } from "../../src/emit/objectKey.js";
import { tsString } from "../../src/emit/tsString.js";
import { tsJson } from "../../src/emit/tsJson.js";
import { typeKey } from "../../src/emit/typeKey.js";
import type { AuthOptions } from "../../src/targets/TargetPlugin.js";

/** The default verifiers' modules (runtime/shared/src/generated/auth/), copied into a project whose spec has schemes. */
export const authRuntimeModules = ["principals", "authSettings", "authCookies", "csrf", "isSecureUrl", "bearerToken", "jwtAuthenticator", "apiKeys", "apiKeyTable", "defaultVerifiers", "basicVerifier", "defaultVerifier", "createVerifiers"] as const;

/** Their tests, shipped with them (runtime/shared/test/generated/auth/): they run in the project too. */
export const authRuntimeTests = ["authFixtures", "apiKeys.test", "apiKeyTable.test", "memoryApiKeyClient", "authCookies.test", "csrf.test", "authSettings.test", "bearerToken.test", "defaultVerifiers.test", "jwtAuthenticator.test", "remoteKeys.test"] as const;

/** The modules of `npm run api-keys` and the admins' API key routes, copied (with their tests) with the VxApiKey table. */
export const apiKeyTableRuntimeModules = ["apiKeysCommand", "apiKeysHttp"] as const;
export const apiKeyTableRuntimeTests = ["apiKeysCommand.test", "apiKeysHttp.test"] as const;

export interface SchemeView {
  scheme: SecurityScheme;
  /** `verifyBearerAuth` */
  verifier: string;
  /** `bearer-auth` (src/security/<file>.ts) */
  file: string;
  /** The project has the generated accounts: HTTP basic checks passwords against its users. */
  accounts: boolean;
  /** API keys live in the VxApiKey table too (usesApiKeyTable): API key schemes accept its keys, API_KEYS is optional. */
  apiKeyTable: boolean;
}

/** One user-owned verifier per security scheme, named by the resolver (sorted by scheme name). */
export function schemeViews({ schemes, names, accounts, apiKeyTable = false }: { schemes: SecurityScheme[]; names: NameTable; accounts: boolean; apiKeyTable?: boolean }): SchemeView[] {
  return [...schemes]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((scheme) => ({ scheme, ...names.securityScheme(scheme.name), accounts, apiKeyTable }));
}

function describe(scheme: SecurityScheme): string {
  switch (scheme.kind) {
    case "apiKey":
      return scheme.tokenScheme === undefined ? `an API key in the ${scheme.in} \`${scheme.paramName}\`` : `a JWT sent as \`Authorization: ${scheme.tokenScheme} <token>\``;
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

/**
 * What vx-gen verifies a scheme with by default (runtime/shared/src/generated/auth/): a JWT for HTTP bearer and OAuth 2
 * (a resource server: the spec's scopes checked per operation), the issuer's keys for OpenID Connect, the keys of
 * API_KEYS for an API key; `deny` where there is no default yet (the scheme denies until its file is written).
 */
export type SchemeDefaultPlan =
  | { kind: "jwt"; tokenScheme?: string }
  | { kind: "oidc"; discoveryUrl: string }
  | { kind: "apiKey"; location: "query" | "header" | "cookie"; name: string; table: boolean }
  | { kind: "basic" }
  | { kind: "deny"; reason: string };

export function planSchemeDefault({ scheme, accounts, apiKeyTable = false }: { scheme: SecurityScheme; accounts: boolean; apiKeyTable?: boolean }): SchemeDefaultPlan {
  switch (scheme.kind) {
    case "apiKey":
      // `Authorization: Token <jwt>`: a JWT under the API's own scheme word (the accounts issue it when there are any).
      if (scheme.tokenScheme !== undefined) return { kind: "jwt", tokenScheme: scheme.tokenScheme };
      return { kind: "apiKey", location: scheme.in, name: scheme.paramName, table: apiKeyTable };
    case "http":
      if (scheme.scheme.toLowerCase() === "bearer") return { kind: "jwt" };
      if (scheme.scheme.toLowerCase() === "basic" && accounts) return { kind: "basic" };
      return {
        kind: "deny",
        reason: scheme.scheme.toLowerCase() === "basic" ? "HTTP basic checks passwords against the generated accounts' users, and this project has none (mark the user schema `x-vx-auth: user`)" : `HTTP ${scheme.scheme} authentication has no default verifier`,
      };
    case "oauth2":
      return { kind: "jwt" };
    case "openIdConnect":
      return { kind: "oidc", discoveryUrl: scheme.openIdConnectUrl };
    case "mutualTLS":
      return { kind: "deny", reason: "mutual TLS is checked by the TLS server, not by a default verifier" };
  }
}

/** The default in words, for the user's scaffold. */
function describeDefault(plan: SchemeDefaultPlan): string {
  switch (plan.kind) {
    case "jwt":
      return `checks the ${plan.tokenScheme === undefined ? "bearer token" : `token of \`Authorization: ${plan.tokenScheme} <token>\``} as a JWT (JWT_SECRET, JWT_PUBLIC_KEY, JWT_JWKS_URL or JWT_JWKS_FILE; JWT_ISSUER and JWT_AUDIENCE when set) and the scopes the operation requires (\`scope\` or \`scp\` claim): 401 without a valid token, 403 without a scope`;
    case "oidc":
      return `checks the bearer token against the keys of the OpenID Connect issuer (${plan.discoveryUrl}, or OIDC_DISCOVERY_URL) and the scopes the operation requires`;
    case "apiKey":
      return plan.table
        ? `accepts the keys of the VxApiKey table (npm run api-keys; unexpired, not revoked, with their scopes, roles and owner) and those listed in API_KEYS (comma-separated), sent in the ${plan.location} \`${plan.name}\``
        : `accepts the keys listed in API_KEYS (comma-separated), sent in the ${plan.location} \`${plan.name}\``;
    case "basic":
      return "checks the user name and password against the accounts' users (HTTP basic; accounts with MFA on cannot use it)";
    case "deny":
      return `denies every request (401): ${plan.reason}`;
  }
}

/**
 * Who a scheme's default verifier lets in (runtime/shared/src/generated/auth/principals.ts), the scaffold's type
 * argument; none for a default that denies everyone.
 */
export function defaultPrincipalType(plan: SchemeDefaultPlan): "JwtPrincipal" | "ApiKeyPrincipal" | "PasswordPrincipal" | undefined {
  switch (plan.kind) {
    case "jwt":
    case "oidc":
      return "JwtPrincipal";
    case "apiKey":
      return "ApiKeyPrincipal";
    case "basic":
      return "PasswordPrincipal";
    case "deny":
      return undefined;
  }
}

/** `VerifierSetup`'s type arguments in a scaffold: the default's principal, or `unknown, never` for one that denies. */
function setupTypeArguments(plan: SchemeDefaultPlan): string {
  return defaultPrincipalType(plan) ?? "unknown, never";
}

/** Schemes vx-gen has no default verifier for: they deny until their file in src/security/ is written. */
export function schemeDiagnostics({ schemes, used }: { schemes: SchemeView[]; used: ReadonlySet<string> }): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const s of schemes) {
    const plan = planSchemeDefault(s);
    if (plan.kind !== "deny" || !used.has(s.scheme.name)) continue;
    diagnostics.push(
      createDiagnostic({
        code: "VX513",
        message: `security scheme "${s.scheme.name}" has no default verifier (${plan.reason}); the operations that require it answer 401 until src/security/${s.file}.ts verifies it`,
        location: { file: s.scheme.source.file, pointer: s.scheme.source.pointer },
        help: `return your own verifier from ${s.verifier} in src/security/${s.file}.ts`,
      }),
    );
  }
  return diagnostics;
}

/** The schemes some operation requires (sorted): only theirs are set up, and only their settings are read. */
export function usedSchemes(api: ApiModel): Set<string> {
  const used = new Set<string>();
  for (const op of api.operations) for (const alternative of op.security) for (const { name } of alternative.schemes) used.add(name);
  return used;
}

/** An environment variable the default verifiers read, for .env.example and the README. */
export interface AuthVariable {
  name: string;
  /** What it sets (fixed text, no spec string). */
  meaning: string;
  /** Start-up stops without it (one of a group: `oneOf`). */
  required: "yes" | "oneOf" | "no";
}

/** Cookies without `Secure` (an API key in a cookie, the accounts' cookies): the CSRF cookie loses its prefix. */
export const cookieInsecureVariable: AuthVariable = {
  name: "AUTH_COOKIE_INSECURE",
  meaning:
    "on: cookies without Secure (and without their name prefixes), for http://localhost only; refused when NODE_ENV is production, warned at start-up",
  required: "no",
};

/** The variables the used schemes' defaults read (none when every used scheme's default denies). */
export function authVariables({ schemes, used }: { schemes: SchemeView[]; used: ReadonlySet<string> }): AuthVariable[] {
  const plans = schemes.filter((s) => used.has(s.scheme.name)).map((s) => planSchemeDefault(s));
  const kinds = new Set(plans.map((p) => p.kind));
  const table = plans.some((p) => p.kind === "apiKey" && p.table);
  const vars: AuthVariable[] = [];
  if (kinds.has("jwt")) {
    vars.push(
      { name: "JWT_SECRET", meaning: "HS256 secret of the tokens, at least 32 bytes", required: "oneOf" },
      { name: "JWT_PUBLIC_KEY", meaning: "PEM public key of the tokens (RS256, ES256/384/512 or EdDSA by key type)", required: "oneOf" },
      { name: "JWT_JWKS_URL", meaning: "JWKS URL of the token issuer (https; keys cached and rotated by kid)", required: "oneOf" },
      { name: "JWT_JWKS_FILE", meaning: "JWKS file (re-read when it changes)", required: "oneOf" },
    );
  }
  if (kinds.has("oidc")) vars.push({ name: "OIDC_DISCOVERY_URL", meaning: "OpenID Connect discovery URL (default: the spec's openIdConnectUrl)", required: "no" });
  if (kinds.has("jwt") || kinds.has("oidc")) {
    vars.push(
      { name: "JWT_ISSUER", meaning: "required `iss` of the tokens", required: "no" },
      { name: "JWT_AUDIENCE", meaning: "accepted `aud` values (comma-separated)", required: "no" },
      { name: "JWT_CLOCK_TOLERANCE", meaning: "seconds of clock skew allowed on exp/nbf (default 30)", required: "no" },
      { name: "JWT_ROLES_CLAIM", meaning: "claim holding the caller's roles (default roles; dotted paths allowed)", required: "no" },
    );
  }
  if (kinds.has("apiKey"))
    vars.push(
      table
        ? { name: "API_KEYS", meaning: "API keys accepted besides those of the VxApiKey table (npm run api-keys), comma-separated, each at least 24 characters", required: "no" }
        : { name: "API_KEYS", meaning: "accepted API keys, comma-separated, each at least 24 characters", required: "yes" },
    );
  if (schemes.some((s) => used.has(s.scheme.name) && s.scheme.kind === "apiKey" && s.scheme.in === "cookie")) vars.push(cookieInsecureVariable);
  return vars;
}

/** The target-independent security contract: what a verifier receives and answers, and one verifier per scheme. */
export function renderSecurityTypes(): string {
  const imports = { schemePrincipals: importLiteral({ from: projectLayout.securityTypes, to: projectLayout.schemePrincipals }) };
  return renderTemplate({ plugin: "shared", file: "security/types.ts.ejs", data: { imports } });
}

/** `security/schemePrincipals.ts`: each scheme's principal, read from the type of the user's setup of its verifier. */
export function renderSchemePrincipals({ schemes }: { schemes: SchemeView[] }): string {
  const from = projectLayout.schemePrincipals;
  const data = {
    imports: { types: importLiteral({ from, to: projectLayout.securityTypes }) },
    schemes: schemes.map((s) => ({ verifier: s.verifier, typeKey: typeKey(s.scheme.name), from: importLiteral({ from, to: projectLayout.verifierScaffold(s.file) }) })),
  };
  return renderTemplate({ plugin: "shared", file: "security/schemePrincipals.ts.ejs", data });
}

/** `security/verifiers.ts`: each scheme's default, and the verifiers as the user's setups make them. */
export function renderVerifierIndex({ schemes, used }: { schemes: SchemeView[]; used: ReadonlySet<string> }): string {
  const from = projectLayout.securityVerifiers;
  const data = {
    imports: {
      types: importLiteral({ from, to: projectLayout.securityTypes }),
      createVerifiers: importLiteral({ from, to: projectLayout.auth("createVerifiers") }),
      principals: importLiteral({ from, to: projectLayout.auth("principals") }),
      schemePrincipals: importLiteral({ from, to: projectLayout.schemePrincipals }),
    },
    principalTypes: [...new Set(schemes.flatMap((s) => defaultPrincipalType(planSchemeDefault(s)) ?? []))].sort(),
    schemes: schemes.map((s) => {
      const plan = planSchemeDefault(s);
      return {
        defaultPrincipal: defaultPrincipalType(plan) ?? "never",
        verifier: s.verifier,
        objectKey: objectKey(s.scheme.name),
        keyLiteral: tsString(s.scheme.name),
        from: importLiteral({ from, to: projectLayout.verifierScaffold(s.file) }),
        kindLiteral: tsString(plan.kind),
        used: used.has(s.scheme.name),
        ...(plan.kind === "oidc" ? { discoveryUrlLiteral: tsString(plan.discoveryUrl) } : {}),
        ...(plan.kind === "jwt" && plan.tokenScheme !== undefined ? { tokenSchemeLiteral: tsString(plan.tokenScheme) } : {}),
        ...(plan.kind === "apiKey" ? { locationLiteral: tsString(plan.location), nameLiteral: tsString(plan.name), table: plan.table } : {}),
        ...(plan.kind === "deny" ? { reasonLiteral: tsString(plan.reason) } : {}),
      };
    }),
  };
  return renderTemplate({ plugin: "shared", file: "security/verifiers.ts.ejs", data });
}

/** The user-owned setup of one scheme's verifier: vx-gen's default (`generated()`) until the user changes it. */
export function renderVerifierScaffold({ scheme }: { scheme: SchemeView }): { content: string; declaration: { name: string; code: string } } {
  const plan = planSchemeDefault(scheme);
  const prose = [
    `Verifies ${describe(scheme.scheme)} for the operations that require \`${scheme.scheme.name}\`.`,
    `\`generated()\` is vx-gen's default verifier of the scheme, which ${describeDefault(plan)}.`,
    plan.kind === "deny"
      ? "Return a verifier of your own: `{ ok: true, principal }` lets a caller in (the principal reaches the handler's `context.auth`)."
      : "Return it as is, wrap it (e.g. look the caller up in your database, answer `{ ok: false, forbidden: true }` for a caller you know but refuse) or replace it; a setup that never calls `generated()` needs none of its settings.",
    plan.kind === "deny"
      ? "Replace `unknown` in `VerifierSetup<unknown, never>` with your principal's type: the handlers' `context.auth` is typed by it."
      : `The type argument is who your verifier lets in, and types the handlers' \`context.auth\`: to let in a caller of your own, write \`VerifierSetup<Caller, ${defaultPrincipalType(plan) ?? "unknown"}>\` and map the principal \`generated()\` returns.`,
  ];
  const docCode = docComment([...prose.flatMap((text) => wrapWords({ text, width: 114 })), scheme.scheme.description]);
  const code = renderTemplate({ plugin: "shared", file: "security/verifierDeclaration.ts.ejs", data: { docCode, verifier: scheme.verifier, setupTypeArguments: setupTypeArguments(plan) } }).trimEnd();
  const at = projectLayout.verifierScaffold(scheme.file);
  const imports = { types: importLiteral({ from: at, to: projectLayout.securityTypes }), principals: importLiteral({ from: at, to: projectLayout.auth("principals") }) };
  return {
    content: renderTemplate({ plugin: "shared", file: "security/verifierScaffold.ts.ejs", data: { imports, principalType: defaultPrincipalType(plan), declarationCode: code } }),
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
