import { describe, expect, it } from "vitest";
import { addAccounts } from "../../src/accounts/addAccounts.js";
import type { DbModel, Model } from "../../src/ir/types.js";
import { apiModel, bearerScheme, enumSchema, namedSchema, objectSchema, openApiSource, operation, property, refSchema } from "../../src/ir/factories/api.js";
import { dbEnum, dbModel, enumField, model, scalarField } from "../../src/ir/factories/db.js";

function user(fields: Partial<Record<"identifier" | "password" | "extra", boolean>> = {}): Model {
  return model({
    name: "User",
    fields: [
      scalarField({ name: "id", type: "Int", isId: true, default: { kind: "autoincrement" } }),
      ...(fields.identifier === false ? [] : [scalarField({ name: "email", isUnique: true })]),
      ...(fields.password === false ? [] : [scalarField({ name: "passwordHash" })]),
      enumField({ name: "role", type: "Role", default: { kind: "literal", value: "MEMBER" } }),
      ...(fields.extra ? [scalarField({ name: "displayName" })] : []),
    ],
    primaryKey: { fields: ["id"] },
  });
}

const roles = dbEnum({ name: "Role", values: ["MEMBER", "ADMIN"] });
const db = (m: Model, more: Model[] = []): DbModel => dbModel({ models: [m, ...more], enums: [roles] });
const marked = namedSchema({ name: "User", schema: objectSchema(), authRole: "user" });

describe("addAccounts", () => {
  it("adds nothing without a marked schema or config", () => {
    const api = apiModel();
    const result = addAccounts({ api, db: db(user()), options: undefined });
    expect(result.accounts).toBeUndefined();
    expect(result.api).toBe(api);
    expect(result.diagnostics).toEqual([]);
  });

  it("adds the accounts routes, bound as accounts operations, for the marked schema's model", () => {
    const result = addAccounts({ api: apiModel({ schemas: [marked] }), db: db(user({ extra: true })), options: undefined });
    expect(result.accounts).toMatchObject({
      model: "User",
      id: { field: "id", numeric: true },
      identifier: { field: "email" },
      password: { field: "passwordHash" },
      roles: { field: "role", isEnum: true },
      registerFields: [{ field: "displayName", type: "String" }],
      bearerScheme: "vxAccountsBearer",
      path: "/auth",
      mfa: true,
    });
    const routes = result.api.operations.map((op) => `${op.method} ${op.path} ${op.binding.kind}`);
    expect(routes).toEqual([
      "get /admin/audit-events accounts",
      "post /auth/login accounts",
      "post /auth/login/mfa accounts",
      "post /auth/logout accounts",
      "get /auth/me accounts",
      "post /auth/mfa/totp accounts",
      "post /auth/mfa/totp/confirm accounts",
      "post /auth/mfa/totp/disable accounts",
      "post /auth/refresh accounts",
      "post /auth/register accounts",
    ]);
    // Routes that need a caller require the bearer scheme; the others are public.
    const me = result.api.operations.find((op) => op.path === "/auth/me");
    expect(me?.security).toEqual([{ schemes: [{ name: "vxAccountsBearer", scopes: [] }] }]);
    const login = result.api.operations.find((op) => op.path === "/auth/login");
    expect(login?.security).toEqual([]);
    // The audit log's route: the bearer scheme and the admin role.
    const audit = result.api.operations.find((op) => op.path === "/admin/audit-events");
    expect([audit?.operationId, audit?.security, audit?.roles?.roles]).toEqual([
      "adminAuditEvents",
      [{ schemes: [{ name: "vxAccountsBearer", scopes: [] }] }],
      ["admin"],
    ]);
    expect(result.api.securitySchemes.map((s) => s.name)).toEqual(["vxAccountsBearer"]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["VX135"]);
  });

  it("uses the spec's own bearer scheme without adding one, and reads no warning about it", () => {
    const api = apiModel({ schemas: [marked], securitySchemes: [bearerScheme({ name: "jwt" })] });
    const result = addAccounts({ api, db: db(user()), options: { path: "/account", mfa: false } });
    expect(result.accounts?.bearerScheme).toBe("jwt");
    expect(result.api.securitySchemes.map((s) => s.name)).toEqual(["jwt"]);
    expect(result.api.operations.map((op) => op.path)).not.toContain("/account/mfa/totp");
    expect(result.api.operations.find((op) => op.path === "/account/me")?.security).toEqual([{ schemes: [{ name: "jwt", scopes: [] }] }]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["VX135"]);
  });

  it("turns off with accounts: false even when a schema is marked", () => {
    const result = addAccounts({ api: apiModel({ schemas: [marked] }), db: db(user()), options: false });
    expect(result.accounts).toBeUndefined();
    expect(result.diagnostics).toEqual([]);
  });

  it("refuses a user model without an identifier or a password hash column (VX131)", () => {
    for (const missing of [{ identifier: false }, { password: false }]) {
      const result = addAccounts({ api: apiModel({ schemas: [marked] }), db: db(user(missing)), options: undefined });
      expect(result.accounts).toBeUndefined();
      expect(result.diagnostics.map((d) => d.code)).toEqual(["VX131"]);
    }
  });

  it("refuses routes, operation ids or tables the spec or schema already has (VX132), adding nothing", () => {
    const taken = operation({ method: "post", path: "/auth/login", operationId: "signIn" });
    const result = addAccounts({ api: apiModel({ schemas: [marked], operations: [taken] }), db: db(user(), [model({ name: "VxMfa", fields: [scalarField({ name: "id", isId: true })] })]), options: undefined });
    expect(result.accounts).toBeUndefined();
    expect(result.api.operations).toEqual([taken]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["VX132", "VX132"]);
    expect(result.diagnostics.map((d) => d.message).join("\n")).toMatch(/POST \/auth\/login[\s\S]*model VxMfa/);
  });

  it("refuses two marked schemas (VX133)", () => {
    const other = namedSchema({ name: "Admin", schema: objectSchema(), authRole: "user" });
    const result = addAccounts({ api: apiModel({ schemas: [marked, other] }), db: db(user()), options: undefined });
    expect(result.diagnostics.map((d) => d.code)).toEqual(["VX133"]);
  });

  describe("roles as the API spells them", () => {
    const admin = operation({ operationId: "purge", path: "/purge", method: "post", roles: { kind: "roles", roles: ["admin"], source: openApiSource() } });
    it("from the user schema's enum for the roles column (through a ref)", () => {
      const roleSchema = namedSchema({ name: "Role", schema: enumSchema({ values: ["member", "admin"] }) });
      const schema = namedSchema({ name: "User", schema: objectSchema({ properties: [property({ name: "role", schema: refSchema({ name: "Role" }) })] }), authRole: "user" });
      const result = addAccounts({ api: apiModel({ schemas: [schema, roleSchema] }), db: db(user()), options: undefined });
      expect(result.accounts?.roleSpelling).toEqual([
        { stored: "MEMBER", api: "member" },
        { stored: "ADMIN", api: "admin" },
      ]);
    });

    it("else from the x-vx-roles values; a value with no counterpart keeps its stored spelling", () => {
      const result = addAccounts({ api: apiModel({ schemas: [marked], operations: [admin] }), db: db(user()), options: undefined });
      expect(result.accounts?.roleSpelling).toEqual([
        { stored: "MEMBER", api: "MEMBER" },
        { stored: "ADMIN", api: "admin" },
      ]);
    });

    it("nothing to spell when the API writes the stored values", () => {
      const upper = operation({ operationId: "purge", path: "/purge", method: "post", roles: { kind: "roles", roles: ["ADMIN"], source: openApiSource() } });
      const result = addAccounts({ api: apiModel({ schemas: [marked], operations: [upper] }), db: db(user()), options: undefined });
      expect(result.accounts?.roleSpelling).toBeUndefined();
    });
  });
});
