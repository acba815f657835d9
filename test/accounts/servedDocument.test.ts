import { describe, expect, it } from "vitest";
import type { AccountsModel, Diagnostic } from "../../src/ir/types.js";
import { servedDocument } from "../../generators/shared/servedDocument.js";
import { prismaSource } from "../../src/ir/factories/db.js";

const column = (field: string) => ({ field, type: "String", list: false, required: true, isEnum: false, source: prismaSource({ field }) });
const accounts: AccountsModel = {
  kind: "accounts",
  model: "User",
  id: { field: "id", numeric: true, type: "Int" },
  identifier: column("email"),
  identifierIsEmail: true,
  password: column("passwordHash"),
  registerFields: [],
  path: "/auth",
  mfa: false,
  bearerScheme: "vxAccountsBearer",
  tokenScheme: "Bearer",
  document: {
    openapi: "3.1.0",
    paths: { "/auth/login": { post: { operationId: "authLogin" } } },
    components: { schemas: { AuthTokens: { type: "object" } }, securitySchemes: { vxAccountsBearer: { type: "http", scheme: "bearer" } } },
  },
  operations: [{ action: "login", operationId: "authLogin" }],
  source: { kind: "config" },
};

const spec = { openapi: "3.0.3", info: { title: "t", version: "1" }, paths: { "/books": { get: {} } }, components: { schemas: { Book: { type: "object" } } } };

describe("servedDocument", () => {
  it("serves the spec as it was read when there are no accounts", () => {
    const json = { bytes: Buffer.from(JSON.stringify(spec)) };
    expect(servedDocument({ json, accounts: undefined, document: undefined, diagnostics: [] })).toBe(json);
  });

  it("adds the accounts' paths, schemas and security scheme after the spec's own", () => {
    const served = servedDocument({ json: { text: JSON.stringify(spec) }, accounts, document: undefined, diagnostics: [] });
    const value = JSON.parse("text" in served ? served.text : "{}") as typeof spec & { components: { securitySchemes: unknown } };
    expect(Object.keys(value.paths)).toEqual(["/books", "/auth/login"]);
    expect(Object.keys(value.components.schemas)).toEqual(["Book", "AuthTokens"]);
    expect(value.components.securitySchemes).toEqual({ vxAccountsBearer: { type: "http", scheme: "bearer" } });
    expect(value.info).toEqual(spec.info);
  });

  it("serves a Swagger 2.0 spec as written, with VX134", () => {
    const diagnostics: Diagnostic[] = [];
    const json = { text: JSON.stringify({ swagger: "2.0", paths: {} }) };
    expect(servedDocument({ json, accounts, document: undefined, diagnostics })).toBe(json);
    expect(diagnostics.map((d) => d.code)).toEqual(["VX134"]);
  });
});
