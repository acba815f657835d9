import type { AccountsAction, AccountsColumn, AccountsModel } from "../../src/ir/types.js";
import type { NameTable } from "../../src/naming/NameTable.js";
import { jsDocText } from "../../src/emit/jsDocText.js";
import { objectKey } from "../../src/emit/objectKey.js";
import { templateText } from "../../src/emit/templateText.js";
import { tsString } from "../../src/emit/tsString.js";
import type { OperationView } from "./operationView.js";
import { cookieInsecureVariable, type AuthVariable } from "./renderSecurity.js";
import { importLiteral, projectLayout as at } from "./projectLayout.js";
import { renderTemplate } from "./renderTemplate.js";

/** The accounts' run-time modules (runtime/shared/src/generated/accounts/), copied into a project with accounts. */
export const accountsRuntimeModules = [
  "accountStores",
  "memoryAccountStores",
  "accountsSettings",
  "accessTokens",
  "lockoutSeconds",
  "passwordHash",
  "redisDenyList",
  "createAccounts",
  "prismaAccountStores",
  "isUniqueViolation",
  "accountsHttp",
  "sessionCookieJar",
] as const;

/** Their tests, shipped with them (runtime/shared/test/generated/accounts/). */
export const accountsRuntimeTests = [
  "accountsHttp.test",
  "accessTokens.test",
  "accountsSettings.test",
  "accountStoresContract",
  "createAccounts.test",
  "fakePrismaAccountsClient",
  "lockoutSeconds.test",
  "memoryAccountStores.test",
  "passwordHash.test",
  "prismaAccountStores.test",
  "redisDenyList.test",
  "sessionCookieJar.test",
] as const;

/** The tables the accounts keep (the generator adds them to the project's Prisma schema). */
export const accountsPrismaModels = `// Sessions, revoked tokens, lockout and MFA of the generated accounts (vx-gen).
model VxRefreshToken {
  tokenHash String    @id
  family    String
  userId    String
  expiresAt DateTime
  usedAt    DateTime?
  revoked   Boolean   @default(false)
  createdAt DateTime  @default(now())

  @@index([family])
  @@index([userId])
}

model VxRevokedToken {
  jti       String   @id
  expiresAt DateTime

  @@index([expiresAt])
}

model VxLoginThrottle {
  key         String    @id
  failures    Int
  lockedUntil DateTime?
}

model VxMfa {
  userId       String  @id
  secret       String
  confirmed    Boolean
  lastUsedStep Int?
}

model VxRecoveryCode {
  userId   String
  codeHash String

  @@id([userId, codeHash])
}
`;

/** How a registration field from the JSON body becomes the column's value (the validator checked its type). */
function fieldValue({ column, model }: { column: AccountsColumn; model: string }): string {
  const value = `fields[${tsString(column.field)}]`;
  if (column.isEnum) return `${value} as Prisma.${model}CreateInput[${tsString(column.field)}]`;
  switch (column.type) {
    case "Int":
    case "Float":
      return `Number(${value})`;
    case "Boolean":
      return `${value} === true`;
    case "DateTime":
      return `new Date(String(${value}))`;
    default:
      return `String(${value})`;
  }
}

/** How `toUser` reads the roles: the column's value(s), through `roleNames` where the API spells them differently. */
function rolesExpr({ roles, spelled }: { roles: AccountsColumn | undefined; spelled: boolean }): { code: string; note: string } {
  if (!roles) return { code: "[]", note: "and users have no roles" };
  const access = `row.${roles.field}`;
  const note = `roles from \`${roles.field}\`${spelled ? " as the API spells them (`roleNames`)" : ""}`;
  const one = (value: string) => (spelled ? `roleNames[${value}]` : value);
  if (roles.list) return { code: spelled ? `${access}.map((role) => roleNames[role])` : `[...${access}]`, note };
  if (!roles.required) return { code: `${access} === null ? [] : [${one(access)}]`, note };
  return { code: `[${one(access)}]`, note };
}

function idParse({ accounts }: { accounts: AccountsModel }): string {
  if (!accounts.id.numeric) return "      const key = id;";
  return [
    "      if (!/^-?[0-9]{1,18}$/.test(id)) return undefined;",
    `      const key = ${accounts.id.type === "BigInt" ? "BigInt(id)" : "Number(id)"};`,
  ].join("\n");
}

/** `src/generated/accounts/userStore.ts`: the user model's rows as the accounts read and write them. */
export function renderUserStore({ accounts, names }: { accounts: AccountsModel; names: NameTable }): string {
  const from = at.accounts("userStore");
  const { identifier, password, roles, id } = accounts;
  const selected = [id.field, identifier.field, password.field, ...(roles ? [roles.field] : [])];
  const spelling = accounts.roleSpelling;
  const roleCode = rolesExpr({ roles, spelled: spelling !== undefined });
  const createFields = accounts.registerFields.map((c) => `, ${objectKey(c.field)}: ${fieldValue({ column: c, model: accounts.model })}`).join("");
  return renderTemplate({
    plugin: "shared",
    file: "accounts/userStore.ts.ejs",
    data: {
      imports: { prismaClient: importLiteral({ from, to: at.prismaClient }) },
      model: accounts.model,
      delegate: names.model(accounts.model).variable,
      selectCode: selected.map((f) => `${f}: true`).join(", "),
      idField: id.field,
      identifierField: identifier.field,
      passwordField: password.field,
      rolesExpr: roleCode.code,
      roleNames:
        spelling && roles
          ? { enumName: roles.type, entries: spelling.map((p) => `${objectKey(p.stored)}: ${tsString(p.api)}`).join(", ") }
          : undefined,
      rolesNote: roleCode.note,
      identifierNote: accounts.identifierIsEmail
        ? "An e-mail address as stored and looked up: trimmed and in lower case, so `Ann@x.org` and `ann@x.org` are one account."
        : "An identifier as stored and looked up: trimmed.",
      normalizeExpr: accounts.identifierIsEmail ? "identifier.trim().toLowerCase()" : "identifier.trim()",
      idParseCode: idParse({ accounts }),
      createFieldsCode: createFields,
      fieldsUnused: accounts.registerFields.length === 0,
    },
  });
}

/** `src/generated/accounts/projectAccounts.ts`: the accounts built from the environment, and the verifiers' hooks. */
export function renderProjectAccounts({ accounts, title }: { accounts: AccountsModel; title: string }): string {
  const from = at.accounts("projectAccounts");
  return renderTemplate({
    plugin: "shared",
    file: "accounts/projectAccounts.ts.ejs",
    data: {
      imports: {
        prismaClient: importLiteral({ from, to: at.prismaClient }),
        createVerifiers: importLiteral({ from, to: at.auth("createVerifiers") }),
      },
      model: accounts.model,
      issuerLiteral: tsString(title),
    },
  });
}

/** `src/generated/accounts/handlers.ts`: the handler of each accounts route. */
export function renderAccountsHandlers({ accounts, views }: { accounts: AccountsModel; views: OperationView[] }): string {
  const from = at.accountsHandlers;
  const byAction = new Map<AccountsAction, OperationView>();
  for (const view of views) if (view.op.binding.kind === "accounts") byAction.set(view.op.binding.action, view);
  const h: Partial<Record<AccountsAction, { name: string; type: string }>> = {};
  const paths: Partial<Record<AccountsAction, string>> = {};
  for (const [action, view] of byAction) {
    h[action] = { name: view.names.handler, type: view.names.type };
    paths[action] = jsDocText(view.op.path).replace(/\n/g, " ");
  }
  return renderTemplate({
    plugin: "shared",
    file: "accounts/handlers.ts.ejs",
    data: {
      imports: {
        operations: importLiteral({ from, to: at.operationTypes }),
        http: importLiteral({ from, to: at.accounts("accountsHttp") }),
        cookies: importLiteral({ from, to: at.accounts("sessionCookieJar") }),
        apiKeysHttp: importLiteral({ from, to: at.auth("apiKeysHttp") }),
      },
      refreshPathLiteral: tsString(byAction.get("refresh")?.op.path ?? ""),
      h,
      paths,
      mfa: accounts.mfa,
      identifierKey: objectKey(accounts.identifier.field),
      idExpr: accounts.id.numeric ? "Number(user.id)" : "user.id",
      schemeLiteral: tsString(accounts.bearerScheme),
      tokenTypeCode: accounts.tokenScheme === "Bearer" ? "" : `, tokenType: ${tsString(accounts.tokenScheme)}`,
    },
  });
}

/** The accounts' settings, for .env.example and the README (JWT_SECRET becomes required: tokens are signed with it). */
export function accountsVariables(): AuthVariable[] {
  return [
    {
      name: "JWT_SECRET",
      meaning:
        "HS256 secret the accounts sign access tokens with (and verify them), at least 32 bytes. TOTP secrets are encrypted under a key derived from it: changing it invalidates every access token (refresh tokens still work) and leaves enrolled authenticators unreadable (their users sign in with a recovery code and enroll again)",
      required: "yes",
    },
    { name: "ACCESS_TOKEN_TTL", meaning: "lifetime of access tokens (default 15m; 900, 15m, 12h, 30d)", required: "no" },
    { name: "REFRESH_TOKEN_TTL", meaning: "lifetime of refresh tokens (default 30d)", required: "no" },
    { name: "LOGIN_MAX_FAILURES", meaning: "failed logins before an account is locked out (default 5)", required: "no" },
    { name: "LOGIN_LOCKOUT_BASE", meaning: "first lockout, doubled at each further failure (default 30s)", required: "no" },
    { name: "LOGIN_LOCKOUT_MAX", meaning: "longest lockout (default 15m)", required: "no" },
    { name: "PASSWORD_MIN_LENGTH", meaning: "shortest password registration accepts (default 10, at least 10)", required: "no" },
    { name: "TOTP_ISSUER", meaning: "issuer shown by authenticator apps (default: the API's title)", required: "no" },
    {
      name: "AUTH_COOKIES",
      meaning:
        "on: login, MFA login and refresh set the tokens as HttpOnly, Secure, SameSite cookies instead of answering them, with a readable CSRF cookie that requests authenticated by a cookie echo in x-csrf-token on POST, PUT, PATCH and DELETE (403 CSRF_FAILED); logout clears them (default off)",
      required: "no",
    },
    { name: "AUTH_COOKIE_SAMESITE", meaning: "SameSite of the cookies: strict (default) or lax", required: "no" },
  ];
}

/**
 * The default verifiers' variables with the accounts' (theirs win: JWT_SECRET is then required, and the other JWT key
 * sources are gone, since the tokens the accounts sign with JWT_SECRET must verify with it).
 */
export function withAccountsVariables(auth: AuthVariable[]): AuthVariable[] {
  const mine = [...accountsVariables(), cookieInsecureVariable];
  const names = new Set([...mine.map((v) => v.name), "JWT_PUBLIC_KEY", "JWT_JWKS_URL", "JWT_JWKS_FILE"]);
  return [...mine.slice(0, 1), ...auth.filter((v) => !names.has(v.name)), ...mine.slice(1)];
}

/**
 * A valid value of a registration field for the generated test (the first value of an enum): numbers and strings
 * vary with the test's account `sequence`, so a unique column (`username`) takes a second account too.
 */
function exampleOf({ column, enumFirst }: { column: AccountsColumn; enumFirst: (name: string) => string | undefined }): string {
  if (column.isEnum) return tsString(enumFirst(column.type) ?? "");
  switch (column.type) {
    case "Int":
    case "Float":
      return "sequence";
    case "Boolean":
      return "true";
    case "DateTime":
      return tsString("2024-01-01T00:00:00.000Z");
    default:
      return "`Test user ${sequence}`";
  }
}

/** `test/generated/accounts/accounts.test.ts`: the accounts routes end to end through the project's test client. */
export function renderAccountsTests({
  accounts,
  views,
  enumFirst,
}: {
  accounts: AccountsModel;
  views: OperationView[];
  enumFirst: (name: string) => string | undefined;
}): string {
  const paths: Partial<Record<AccountsAction, string>> = {};
  for (const view of views) if (view.op.binding.kind === "accounts") paths[view.op.binding.action] = tsString(view.op.path);
  const extra = accounts.registerFields.map((c) => `, ${objectKey(c.field)}: ${exampleOf({ column: c, enumFirst })}`).join("");
  const spec = specSignIn(views);
  return renderTemplate({
    plugin: "shared",
    file: "accounts/accounts.test.ts.ejs",
    data: {
      paths,
      mfa: accounts.mfa,
      identifierKey: objectKey(accounts.identifier.field),
      identifierExample: accounts.identifierIsEmail ? "`user${sequence}@example.com`" : "`user${sequence}`",
      extraFieldsCode: extra,
      registeredRolesCode: registeredRoles(accounts),
      tokenSchemeText: templateText(accounts.tokenScheme),
      spec,
      tokenSchemeLiteral: tsString(accounts.tokenScheme),
    },
  });
}

/** `field` reads of the access token in a sign-in's answer (`created.body.user.token`), when the answer shows one. */
function tokenRead({ view, answer }: { view: OperationView; answer: string }): string | undefined {
  const binding = view.op.binding;
  if (binding.kind !== "bound" || binding.signIn?.token === undefined) return undefined;
  const envelope = binding.responseEnvelope?.kind === "wrap" ? binding.responseEnvelope.property : undefined;
  const record = envelope === undefined ? `${answer}.body` : `field({ value: ${answer}.body, name: ${tsString(envelope)} })`;
  return `field({ value: ${record}, name: ${tsString(binding.signIn.token)} })`;
}

/**
 * The API's own sign-up and login (`POST /users`, `POST /users/login`, bound to the accounts), for the test that they
 * sign up, sign in and refuse as the accounts' routes do; undefined without a sign-up of the spec's.
 */
function specSignIn(views: OperationView[]) {
  const of = (action: "register" | "login") => views.find((v) => v.op.binding.kind === "bound" && v.op.binding.action === action && v.op.binding.signIn);
  const register = of("register");
  const binding = register?.op.binding;
  if (!register || binding?.kind !== "bound" || !binding.signIn) return undefined;
  const login = of("login");
  const envelope = binding.requestEnvelope?.property;
  return {
    titleLiteral: tsString(`${register.op.operationId}${login ? ` and ${login.op.operationId}` : ""}: the API's own sign-up${login ? " and login" : ""}, served by the accounts, answer a working token`),
    requestWrapCode: envelope === undefined ? "record" : `({ ${objectKey(envelope)}: record })`,
    identifierKey: objectKey(binding.signIn.identifier),
    passwordKey: objectKey(binding.signIn.password),
    register: { pathLiteral: tsString(register.op.path), status: register.success?.code ?? 201, tokenCode: tokenRead({ view: register, answer: "created" }) },
    login: login ? { pathLiteral: tsString(login.op.path), status: login.success?.code ?? 200, tokenCode: tokenRead({ view: login, answer: "signedIn" }) } : undefined,
  };
}

/** The roles of a new account as `/auth/me` answers them (its column's default, as the API spells it), when known. */
function registeredRoles(accounts: AccountsModel): string | undefined {
  const { roles, roleSpelling } = accounts;
  if (!roles) return "[]";
  if (roles.list || roles.defaultText === undefined) return roles.required ? undefined : "[]";
  const stored = roles.defaultText;
  return `[${tsString(roleSpelling?.find((p) => p.stored === stored)?.api ?? stored)}]`;
}
