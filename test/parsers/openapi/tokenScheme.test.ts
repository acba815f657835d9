import { describe, expect, it } from "vitest";
import { usesApiKeyTable } from "../../../src/apiKeys/usesApiKeyTable.js";
import { planSchemeDefault, renderVerifierIndex } from "../../../generators/shared/renderSecurity.js";
import type { Diagnostic, SecurityScheme } from "../../../src/ir/types.js";
import { dbModel, model } from "../../../src/ir/factories/db.js";
import { mustApi, readSpecText } from "./helpers.js";

// `Authorization: Token <jwt>`: an apiKey scheme in the Authorization header whose description (or x-vx-token-scheme)
// names the word before the token is a JWT under that word, not an API key.

function spec(scheme: string): string {
  return `openapi: 3.1.0
info: { title: t, version: "1" }
components:
  securitySchemes:
    Token:
${scheme}
paths:
  /things:
    get:
      operationId: listThings
      security: [{ Token: [] }]
      responses: { "200": { description: ok } }
`;
}

async function schemeOf(scheme: string): Promise<{ scheme: SecurityScheme | undefined; diagnostics: Diagnostic[] }> {
  const result = await readSpecText({ text: spec(scheme) });
  return { scheme: mustApi(result).securitySchemes[0], diagnostics: result.diagnostics.filter((d) => d.code === "VX330") };
}

const realWorld = `      type: apiKey
      in: header
      name: Authorization
      description: |
        For accessing the protected API resources, you must have received a a valid JWT token after registering or logging in.

        The following format must be in the 'Authorization' header :

            Token xxxxxx.yyyyyyy.zzzzzz`;

describe("token schemes", () => {
  it("reads the word before the example token of RealWorld's description (not the `JWT token` of its prose)", async () => {
    const { scheme, diagnostics } = await schemeOf(realWorld);
    expect(scheme).toMatchObject({ kind: "apiKey", paramName: "Authorization", tokenScheme: "Token" });
    expect(diagnostics).toEqual([]);
    expect(planSchemeDefault({ scheme: scheme as SecurityScheme, accounts: false })).toEqual({ kind: "jwt", tokenScheme: "Token" });
  });

  it.each([
    ["Send `Authorization: Bearer <token>`.", "Bearer"],
    ["Format: JWT {jwt}", "JWT"],
    ["e.g. bearer eyJhbGciOiJIUzI1NiJ9.e30.x", "Bearer"],
    ["Put the <token> in the header", undefined],
    ["A key from your dashboard.", undefined],
  ])("description %j -> %j", async (description, word) => {
    const { scheme } = await schemeOf(`      { type: apiKey, in: header, name: Authorization, description: ${JSON.stringify(description)} }`);
    expect(scheme?.kind === "apiKey" ? scheme.tokenScheme : "not an apiKey").toBe(word);
  });

  it("takes x-vx-token-scheme over the description, and only on the Authorization header", async () => {
    expect((await schemeOf("      { type: apiKey, in: header, name: authorization, x-vx-token-scheme: Token }")).scheme).toMatchObject({ tokenScheme: "Token" });
    const elsewhere = await schemeOf("      { type: apiKey, in: header, name: X-Token, x-vx-token-scheme: Token }");
    expect(elsewhere.scheme).not.toHaveProperty("tokenScheme");
    expect(elsewhere.diagnostics.map((d) => [d.severity, d.location?.pointer])).toEqual([["warning", "/components/securitySchemes/Token/x-vx-token-scheme"]]);
  });

  it.each(["Tok`en", "a b", "${x}", "", 3])("refuses x-vx-token-scheme %j (VX330), leaving an API key", async (word) => {
    const { scheme, diagnostics } = await schemeOf(`      { type: apiKey, in: header, name: Authorization, x-vx-token-scheme: ${JSON.stringify(word)} }`);
    expect(scheme).not.toHaveProperty("tokenScheme");
    expect(diagnostics).toHaveLength(1);
    expect(planSchemeDefault({ scheme: scheme as SecurityScheme, accounts: false })).toMatchObject({ kind: "apiKey" });
  });

  it("prints the scheme word into the verifiers' defaults, and keeps it out of the API key table", async () => {
    const { scheme } = await schemeOf(realWorld);
    const view = { scheme: scheme as SecurityScheme, verifier: "verifyToken", file: "token", accounts: false, apiKeyTable: false };
    expect(renderVerifierIndex({ schemes: [view], used: new Set(["Token"]) })).toContain('Token: { kind: "jwt", tokenScheme: "Token" },');
    const api = mustApi(await readSpecText({ text: spec(realWorld) }));
    expect(usesApiKeyTable({ api, db: dbModel({ models: [model({ name: "Thing" })] }), enabled: undefined })).toBe(false);
  });
});
