import { describe, expect, it } from "vitest";
import { addAccounts } from "../../src/accounts/addAccounts.js";
import { apiKeyTableCollisions } from "../../src/apiKeys/apiKeyTableCollisions.js";
import { usesApiKeyTable } from "../../src/apiKeys/usesApiKeyTable.js";
import { apiModel, namedSchema, objectSchema, openApiSource, operation } from "../../src/ir/factories/api.js";
import { dbModel, model, prismaSource, scalarField } from "../../src/ir/factories/db.js";
import type { SecurityScheme } from "../../src/ir/types.js";
import { apiKeyPrismaModel } from "../../generators/shared/apiKeyPrismaModel.js";
import { authVariables, planSchemeDefault, renderVerifierIndex, type SchemeView } from "../../generators/shared/renderSecurity.js";

const keyScheme: SecurityScheme = { kind: "apiKey", name: "apiKey", paramName: "X-API-Key", in: "header", source: openApiSource() };
const withKey = operation({ path: "/widgets", security: [{ schemes: [{ name: "apiKey", scopes: ["widgets:read"] }] }] });
const db = dbModel({ models: [model({ name: "Widget" })] });

describe("usesApiKeyTable", () => {
  it("is true with a database and an operation requiring an API key scheme, unless turned off", () => {
    const api = apiModel({ operations: [withKey], securitySchemes: [keyScheme] });
    expect(usesApiKeyTable({ api, db, enabled: undefined })).toBe(true);
    expect(usesApiKeyTable({ api, db, enabled: false })).toBe(false);
    expect(usesApiKeyTable({ api, db: null, enabled: undefined })).toBe(false);
    expect(usesApiKeyTable({ api, db: dbModel({ provider: "mongodb" }), enabled: true })).toBe(false);
  });

  it("is false when the API key scheme is defined but no operation requires it", () => {
    const api = apiModel({ operations: [operation({ path: "/open" })], securitySchemes: [keyScheme] });
    expect(usesApiKeyTable({ api, db, enabled: undefined })).toBe(false);
  });
});

describe("apiKeyTableCollisions", () => {
  it("is VX170 at each model named like the table or its service, in any case", () => {
    const found = apiKeyTableCollisions({
      db: dbModel({ models: [model({ name: "VxApiKey", source: prismaSource({ file: "s.prisma", line: 3, column: 1 }) }), model({ name: "vxapikeys" }), model({ name: "ApiKey" })] }),
    });
    expect(found.map((d) => [d.code, d.severity])).toEqual([
      ["VX170", "error"],
      ["VX170", "error"],
    ]);
    expect(found[0]?.location).toMatchObject({ file: "s.prisma", line: 3 });
  });
});

describe("the admins' API key routes", () => {
  const user = model({
    name: "User",
    fields: [scalarField({ name: "id", isId: true }), scalarField({ name: "email", isUnique: true }), scalarField({ name: "passwordHash" })],
    primaryKey: { fields: ["id"] },
  });
  const api = apiModel({ schemas: [namedSchema({ name: "User", schema: objectSchema(), authRole: "user" })] });

  it("are added beside the audit log's with the table, admins only, behind the accounts' bearer scheme", () => {
    const result = addAccounts({ api, db: dbModel({ models: [user] }), options: undefined, apiKeyTable: true });
    const admin = result.api.operations.filter((op) => op.path.startsWith("/admin/api-keys"));
    expect(admin.map((op) => `${op.method} ${op.path} ${op.operationId}`)).toEqual([
      "get /admin/api-keys adminListApiKeys",
      "post /admin/api-keys adminCreateApiKey",
      "delete /admin/api-keys/{id} adminRevokeApiKey",
      "post /admin/api-keys/{id}/rotate adminRotateApiKey",
    ]);
    for (const op of admin) {
      expect(op.binding).toMatchObject({ kind: "accounts" });
      expect(op.security).toEqual([{ schemes: [{ name: "vxAccountsBearer", scopes: [] }] }]);
      expect(op.roles).toMatchObject({ kind: "roles", roles: ["admin"] });
    }
    expect(result.api.schemas.map((s) => s.name)).toEqual(expect.arrayContaining(["AdminApiKey", "AdminApiKeyList", "AdminIssuedApiKey", "AdminNewApiKey"]));
  });

  it("are not added without the table", () => {
    const result = addAccounts({ api, db: dbModel({ models: [user] }), options: undefined });
    expect(result.api.operations.some((op) => op.path.startsWith("/admin/api-keys"))).toBe(false);
    expect(result.api.operations.some((op) => op.path === "/admin/audit-events")).toBe(true);
  });
});

describe("apiKeyPrismaModel", () => {
  it("keeps scopes and roles as strings (SQLite has no lists), long text on MySQL and SQL Server, never the key", () => {
    const sqlite = apiKeyPrismaModel("sqlite");
    expect(sqlite).toContain("model VxApiKey {");
    expect(sqlite).toMatch(/prefix\s+String\s+@unique/);
    expect(sqlite).toMatch(/scopes\s+String\n/);
    expect(sqlite).not.toMatch(/String\[\]/);
    expect(apiKeyPrismaModel("mysql")).toMatch(/scopes\s+String @db\.Text/);
    expect(apiKeyPrismaModel("sqlserver")).toMatch(/roles\s+String @db\.NVarChar\(Max\)/);
    expect(apiKeyPrismaModel("postgresql")).toBe(sqlite);
  });
});

describe("API key schemes with the table", () => {
  const scheme = (apiKeyTable: boolean): SchemeView => ({ scheme: keyScheme, verifier: "verifyApiKey", file: "api-key", accounts: false, apiKeyTable });
  const used = new Set(["apiKey"]);

  it("make API_KEYS optional and say so in .env.example and the README", () => {
    expect(authVariables({ schemes: [scheme(false)], used })).toEqual([expect.objectContaining({ name: "API_KEYS", required: "yes" })]);
    expect(authVariables({ schemes: [scheme(true)], used })).toEqual([expect.objectContaining({ name: "API_KEYS", required: "no" })]);
  });

  it("have a default that reads the table (`table: true` in schemeDefaults)", () => {
    expect(planSchemeDefault(scheme(true))).toEqual({ kind: "apiKey", location: "header", name: "X-API-Key", table: true });
    expect(renderVerifierIndex({ schemes: [scheme(true)], used })).toContain('apiKey: { kind: "apiKey", location: "header", name: "X-API-Key", table: true },');
    expect(renderVerifierIndex({ schemes: [scheme(false)], used })).toContain('apiKey: { kind: "apiKey", location: "header", name: "X-API-Key" },');
  });
});
