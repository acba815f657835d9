import type { AccountsAction, AccountsColumn, DbEnum, JsonValue } from "../ir/types.js";
import type { AccountsDecision } from "./planAccounts.js";

/** operationId of each accounts route: prefixed, so a spec's own `login` keeps its name. */
export const accountsOperationIds: Readonly<Record<AccountsAction, string>> = {
  register: "authRegister",
  login: "authLogin",
  loginMfa: "authLoginMfa",
  refresh: "authRefresh",
  logout: "authLogout",
  me: "authMe",
  totpEnrol: "authTotpEnrol",
  totpConfirm: "authTotpConfirm",
  totpDisable: "authTotpDisable",
  auditEvents: "adminAuditEvents",
  apiKeysList: "adminListApiKeys",
  apiKeysCreate: "adminCreateApiKey",
  apiKeysRotate: "adminRotateApiKey",
  apiKeysRevoke: "adminRevokeApiKey",
};

/** The admins' routes to the API keys (`VxApiKey`), beside the audit log's. */
export const apiKeysPath = "/admin/api-keys";

/** The admins' route to the audit log (`x-vx-roles: [admin]`), beside the accounts routes. */
export const auditEventsPath = "/admin/audit-events";

/** The audit log's query parameters: a page (limit, offset) of one model's or one record's events. */
function auditEventsParameters(): JsonValue[] {
  const query = (name: string, schema: JsonValue, description: string): JsonValue => ({ name, in: "query", required: false, description, schema });
  return [
    query("limit", { type: "integer", minimum: 1, maximum: 100, default: 20 }, "Events per page (newest first)"),
    query("offset", { type: "integer", minimum: 0, default: 0 }, "Events to skip"),
    query("model", { type: "string", minLength: 1, maxLength: 200 }, "Only this model's events"),
    query("recordId", { type: "string", minLength: 1, maxLength: 200 }, "Only this record's events"),
  ];
}

/** An audit event as the admin route answers it (runtime/auditEvents.ts). */
function auditEventSchema(): JsonValue {
  const text = { type: "string" };
  const optional = { type: ["string", "null"] };
  const properties: Record<string, JsonValue> = {
    id: text,
    at: { type: "string", format: "date-time" },
    principalId: optional,
    model: text,
    recordId: optional,
    operationId: optional,
    action: { type: "string", description: "create, update or delete" },
    ip: optional,
    requestId: optional,
    fields: { type: "array", items: text },
    changes: { type: "object", additionalProperties: true, description: "The values written, secret and personal fields masked" },
  };
  return { type: "object", additionalProperties: false, required: Object.keys(properties), properties };
}

/** An API key as the admin routes answer it (runtime/auth/apiKeyTable.ts `ApiKeyView`): never its digest. */
function apiKeySchema(): JsonValue {
  const time = { type: "string", format: "date-time" };
  const optionalTime = { type: ["string", "null"], format: "date-time" };
  const list = { type: "array", items: { type: "string" } };
  const properties: Record<string, JsonValue> = {
    id: { type: "string" },
    prefix: { type: "string", description: "Public: the start of the key (vxk_<prefix>_...), to tell keys apart" },
    name: { type: "string" },
    ownerId: { type: ["string", "null"], description: "The user the key acts for (its principal's subject)" },
    scopes: list,
    roles: list,
    createdAt: time,
    lastUsedAt: { ...optionalTime, description: "Updated at most once a minute" },
    expiresAt: optionalTime,
    revokedAt: optionalTime,
  };
  return { type: "object", additionalProperties: false, required: Object.keys(properties), properties };
}

/** The admins' API key routes: list, create, rotate (a new secret, shown once) and revoke, all `x-vx-roles: [admin]`. */
function apiKeyPaths({ secured, tags }: { secured: JsonValue; tags: string[] }): Record<string, JsonValue> {
  const admin = { tags, security: secured, "x-vx-roles": ["admin"] };
  const id = [{ name: "id", in: "path", required: true, description: "The key's id (a UUID)", schema: { type: "string", minLength: 1, maxLength: 36 } }];
  const issued = { description: "The key, shown this once (only its digest is kept)", content: json(ref("AdminIssuedApiKey")) };
  return {
    [apiKeysPath]: {
      get: { operationId: accountsOperationIds.apiKeysList, summary: "The API keys, newest first (admins only)", ...admin, responses: { "200": { description: "Every key", content: json(ref("AdminApiKeyList")) }, ...errors(["401", "403"]) } },
      post: {
        operationId: accountsOperationIds.apiKeysCreate,
        summary: "Create an API key (admins only)",
        ...admin,
        requestBody: { required: true, content: json(ref("AdminNewApiKey")) },
        responses: { "201": issued, ...errors(["400", "401", "403"]) },
      },
    },
    [`${apiKeysPath}/{id}/rotate`]: {
      post: { operationId: accountsOperationIds.apiKeysRotate, summary: "A new secret for an API key; the old one stops working (admins only)", ...admin, parameters: id, responses: { "200": issued, ...errors(["401", "403", "404"]) } },
    },
    [`${apiKeysPath}/{id}`]: {
      delete: { operationId: accountsOperationIds.apiKeysRevoke, summary: "Revoke an API key (admins only)", ...admin, parameters: id, responses: { "200": { description: "The revoked key", content: json(ref("AdminApiKey")) }, ...errors(["401", "403", "404"]) } },
    },
  };
}

/** The schemas of the API key routes. */
function apiKeySchemas(object: (properties: Record<string, JsonValue>, required?: string[]) => JsonValue): Record<string, JsonValue> {
  const token = { type: "string", minLength: 1, maxLength: 100, pattern: "^[!-+\\--~]+$" };
  return {
    AdminApiKey: apiKeySchema(),
    AdminApiKeyList: object({ items: { type: "array", items: ref("AdminApiKey") } }),
    AdminIssuedApiKey: object({ key: { type: "string", description: "The key: send it as the API key scheme says. Shown this once" }, apiKey: ref("AdminApiKey") }),
    AdminNewApiKey: object(
      {
        name: { type: "string", minLength: 1, maxLength: 200 },
        scopes: { type: "array", maxItems: 50, items: token },
        roles: { type: "array", maxItems: 50, items: token },
        ownerId: { type: "string", minLength: 1, maxLength: 191, description: "The user the key acts for" },
        expiresAt: { type: "string", format: "date-time", description: "When the key stops working (default: never)" },
      },
      ["name"],
    ),
  };
}

/** The bearer scheme added when the spec has none for the routes that need a caller. */
export const accountsBearerScheme = "vxAccountsBearer";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonValue) => ({ "application/json": { schema } });

function columnSchema({ column, enums }: { column: AccountsColumn; enums: ReadonlyMap<string, DbEnum> }): JsonValue {
  const e = enums.get(column.type);
  if (e) return { type: "string", enum: e.values.map((v) => v.name) };
  switch (column.type) {
    case "Int":
      return { type: "integer", format: "int32" };
    case "Float":
      return { type: "number" };
    case "Boolean":
      return { type: "boolean" };
    case "DateTime":
      return { type: "string", format: "date-time" };
    default:
      return { type: "string", maxLength: 1000 };
  }
}

function errors(statuses: string[]): Record<string, JsonValue> {
  const descriptions: Record<string, string> = {
    "400": "Invalid request",
    "401": "Credentials missing or invalid",
    "403": "The caller lacks the role",
    "404": "Not found",
    "409": "Conflict",
    "429": "Too many failed attempts: wait as long as Retry-After says",
  };
  return Object.fromEntries(statuses.map((s) => [s, { description: descriptions[s] ?? s, content: json(ref("AuthError")) }]));
}

/**
 * The accounts routes as an OpenAPI 3.1 document: read by the same reader as the spec (types, validators, docs) and
 * merged into the served document. Register, login (and its MFA step), refresh and the current user; TOTP enrolment.
 */
export function accountsDocument({
  decision,
  bearerScheme,
  tokenScheme = "Bearer",
  addScheme,
  enums,
  apiKeys = false,
}: {
  decision: AccountsDecision;
  bearerScheme: string;
  /** The word the access token is sent under (`Authorization: Token <jwt>`), the answer's `tokenType`. */
  tokenScheme?: string;
  addScheme: boolean;
  enums: ReadonlyMap<string, DbEnum>;
  apiKeys?: boolean;
}): JsonValue {
  const { identifier, path, mfa } = decision;
  const identifierSchema: JsonValue = decision.identifierIsEmail ? { type: "string", format: "email", maxLength: 320 } : { type: "string", minLength: 1, maxLength: 200 };
  // PASSWORD_MIN_LENGTH can only raise it (at least 10): a password the schema accepts is never too short by default.
  const password: JsonValue = { type: "string", minLength: 10, maxLength: 1024, writeOnly: true };
  const registerProperties: Record<string, JsonValue> = { [identifier.field]: identifierSchema, password };
  for (const column of decision.registerFields) registerProperties[column.field] = columnSchema({ column, enums });
  const secured = [{ [bearerScheme]: [] }];
  const tags = ["auth"];
  const post = (operationId: string, summary: string, rest: Record<string, JsonValue>) => ({ post: { operationId, summary, tags, ...rest } });
  const body = (name: string, required = true) => ({ requestBody: { required, content: json(ref(name)) } });
  const tokens = {
    "200": {
      description: "Access and refresh tokens; with AUTH_COOKIES=on they are set as HttpOnly cookies instead, and the body carries the CSRF token",
      content: json(ref("AuthTokens")),
    },
  };
  const paths: Record<string, JsonValue> = {
    [`${path}/register`]: post(accountsOperationIds.register, "Create an account", {
      security: [],
      ...body("AuthRegistration"),
      responses: { "201": { description: "The account", content: json(ref("AuthUser")) }, ...errors(["400", "409", "429"]) },
    }),
    [`${path}/login`]: post(accountsOperationIds.login, "Log in with the identifier and password", {
      security: [],
      ...body("AuthCredentials"),
      responses: {
        ...tokens,
        ...(mfa ? { "202": { description: "A second factor is needed: send a code with the MFA token to the MFA login route", content: json(ref("AuthMfaChallenge")) } } : {}),
        ...errors(["400", "401", "429"]),
      },
    }),
    [`${path}/refresh`]: post(accountsOperationIds.refresh, "New tokens for a refresh token (each refresh token works once)", {
      security: [],
      // Optional: with AUTH_COOKIES=on the refresh token comes in its cookie.
      ...body("AuthRefresh", false),
      responses: { ...tokens, ...errors(["400", "401"]) },
    }),
    [`${path}/logout`]: post(accountsOperationIds.logout, "Revoke the access token (and the refresh token's session when given)", {
      security: secured,
      ...body("AuthLogout", false),
      responses: { "204": { description: "Logged out" }, ...errors(["400", "401"]) },
    }),
    [`${path}/me`]: {
      get: { operationId: accountsOperationIds.me, summary: "The caller's account", tags, security: secured, responses: { "200": { description: "The account", content: json(ref("AuthUser")) }, ...errors(["401"]) } },
    },
  };
  paths[auditEventsPath] = {
    get: {
      operationId: accountsOperationIds.auditEvents,
      summary: "The audit log: who wrote what, when and from where (admins only)",
      tags,
      security: secured,
      "x-vx-roles": ["admin"],
      parameters: auditEventsParameters(),
      responses: { "200": { description: "A page of audit events, newest first", content: json(ref("AuditEventPage")) }, ...errors(["400", "401", "403"]) },
    },
  };
  if (apiKeys) Object.assign(paths, apiKeyPaths({ secured, tags }));
  if (mfa) {
    paths[`${path}/login/mfa`] = post(accountsOperationIds.loginMfa, "Finish a login with a TOTP or recovery code", {
      security: [],
      ...body("AuthMfaLogin"),
      responses: { ...tokens, ...errors(["400", "401", "429"]) },
    });
    paths[`${path}/mfa/totp`] = post(accountsOperationIds.totpEnrol, "Start TOTP enrolment: a secret and its otpauth URI for an authenticator app", {
      security: secured,
      responses: { "200": { description: "The secret, until confirmed", content: json(ref("AuthTotpEnrolment")) }, ...errors(["401", "409"]) },
    });
    paths[`${path}/mfa/totp/confirm`] = post(accountsOperationIds.totpConfirm, "Confirm TOTP enrolment with a code; returns the recovery codes, shown once", {
      security: secured,
      ...body("AuthTotpCode"),
      responses: { "200": { description: "Recovery codes", content: json(ref("AuthRecoveryCodes")) }, ...errors(["400", "401"]) },
    });
    paths[`${path}/mfa/totp/disable`] = post(accountsOperationIds.totpDisable, "Turn TOTP off, with a current code", {
      security: secured,
      ...body("AuthTotpCode"),
      responses: { "204": { description: "TOTP is off" }, ...errors(["400", "401"]) },
    });
  }
  const object = (properties: Record<string, JsonValue>, required: string[] = Object.keys(properties)): JsonValue => ({ type: "object", additionalProperties: false, required, properties });
  const token: JsonValue = { type: "string", minLength: 1, maxLength: 4096 };
  // Credentials a client sends: writeOnly, so the generated server masks them in its logs like passwords.
  const sentToken: JsonValue = { type: "string", minLength: 1, maxLength: 4096, writeOnly: true };
  // One-time codes are not: used once, expired within a minute, and masking `code` would hide error codes in logs.
  const code: JsonValue = { type: "string", minLength: 6, maxLength: 32 };
  const schemas: Record<string, JsonValue> = {
    AuthRegistration: object(registerProperties),
    AuthCredentials: object({ [identifier.field]: { type: "string", minLength: 1, maxLength: 320 }, password: { type: "string", minLength: 1, maxLength: 1024, writeOnly: true } }),
    AuthRefresh: object({ refreshToken: sentToken }, []),
    AuthLogout: object({ refreshToken: sentToken }, []),
    AuthTokens: object(
      {
        accessToken: token,
        refreshToken: token,
        tokenType: { type: "string", const: tokenScheme, description: `Send the access token as \`Authorization: ${tokenScheme} <accessToken>\`` },
        expiresIn: { type: "integer", minimum: 0, description: "Seconds until the access token expires" },
        csrfToken: { ...token, description: "With AUTH_COOKIES=on (the tokens are then cookies): send it in x-csrf-token with unsafe methods" },
      },
      ["tokenType", "expiresIn"],
    ),
    AuthUser: object({ id: decision.id.numeric ? { type: "integer" } : { type: "string" }, [identifier.field]: { type: "string" }, roles: { type: "array", items: { type: "string" } } }),
    AuthError: object({
      error: object({
        code: { type: "string" },
        message: { type: "string" },
        details: { type: "array", items: object({ field: { type: "string" }, message: { type: "string" } }) },
        timestamp: { type: "string" },
      }),
    }),
  };
  schemas.AuditEvent = auditEventSchema();
  schemas.AuditEventPage = object({ items: { type: "array", items: ref("AuditEvent") }, total: { type: "integer", minimum: 0 } });
  if (apiKeys) Object.assign(schemas, apiKeySchemas(object));
  if (mfa) {
    schemas.AuthMfaChallenge = object({ mfaRequired: { type: "boolean", const: true }, mfaToken: token });
    schemas.AuthMfaLogin = object({ mfaToken: sentToken, code });
    schemas.AuthTotpCode = object({ code });
    schemas.AuthTotpEnrolment = object({ secret: { type: "string" }, otpauthUri: { type: "string" } });
    schemas.AuthRecoveryCodes = object({ recoveryCodes: { type: "array", items: { type: "string" } } });
  }
  const components: Record<string, JsonValue> = { schemas };
  if (addScheme) components.securitySchemes = { [accountsBearerScheme]: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "An access token from the login route" } };
  return { openapi: "3.1.0", info: { title: "vx-gen accounts", version: "1" }, paths, components };
}
