import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorHandler } from "../../../runtime/fastify/src/generated/fastify/errorHandler.js";
import { authOf, requireSecurity, type SecurityRequirement } from "../../../runtime/fastify/src/generated/fastify/security.js";
import { expectError } from "../../../runtime/shared/test/generated/support/assertions.js";
import type { SecurityRequest, SecurityVerifier, SecurityVerifiers } from "../../../runtime/stubs/src/generated/security/types.js";

// runtime/fastify/fastify/security.ts: the hook guarding an operation, on a small app with verifiers of its own.

const seen: { scheme: string; scopes: string[]; request: SecurityRequest }[] = [];

/** Verifiers by scheme name, as a project writes them: bearer checks a token, the key knows callers it forbids. */
const bearerAuth: SecurityVerifier = async ({ request, scopes }) => {
  seen.push({ scheme: "bearerAuth", scopes, request });
  return request.headers["authorization"] === "Bearer good" ? { ok: true, principal: { user: "ann" } } : { ok: false };
};
const apiKey: SecurityVerifier = async ({ request, scopes }) => {
  seen.push({ scheme: "apiKey", scopes, request });
  if (request.cookies["key"] === "known-but-banned") return { ok: false, forbidden: true };
  return request.query["key"] === "k1" || request.cookies["key"] === "k1" ? { ok: true, principal: "key-1" } : { ok: false };
};
// `["__proto__"]`: an own property (a spec may name a scheme so), not the literal's prototype. The stub's
// SecurityVerifiers (the bookstore's) names only bearerAuth: these are the schemes of a spec of the test's own.
const verifiers: SecurityVerifiers = { bearerAuth, apiKey, ["__proto__"]: async () => ({ ok: true, principal: "proto" }) } as SecurityVerifiers;

const routes: Record<string, SecurityRequirement[]> = {
  "/bearer": [[{ scheme: "bearerAuth", scopes: ["read"] }]],
  "/either": [[{ scheme: "bearerAuth", scopes: [] }], [{ scheme: "apiKey", scopes: [] }]],
  "/both": [[{ scheme: "bearerAuth", scopes: [] }, { scheme: "apiKey", scopes: ["admin"] }]],
  "/optional": [[{ scheme: "bearerAuth", scopes: [] }], []],
  "/unknown": [[{ scheme: "valueOf", scopes: [] }]],
  "/proto": [[{ scheme: "__proto__", scopes: [] }]],
};

let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  app.setErrorHandler(errorHandler);
  for (const [url, requirements] of Object.entries(routes)) {
    app.get(url, { onRequest: requireSecurity({ requirements, verifiers }) }, async (request) => ({ auth: authOf(request) }));
  }
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await app.inject({ method: "GET", url, headers });
  return { status: response.statusCode, body: response.json() as unknown, headers: response.headers };
}

describe("requireSecurity", () => {
  it("lets a verified caller through, with the verifier's principal and the operation's scopes", async () => {
    seen.length = 0;
    expect(await get("/bearer", { authorization: "Bearer good" })).toEqual({ status: 200, headers: expect.anything(), body: { auth: { bearerAuth: { user: "ann" } } } });
    expect(seen.map((s) => [s.scheme, s.scopes])).toEqual([["bearerAuth", ["read"]]]);
  });

  it("answers 401 UNAUTHORIZED without credentials or with wrong ones", async () => {
    expectError({ response: await get("/bearer"), code: "UNAUTHORIZED", status: 401 });
    expectError({ response: await get("/bearer", { authorization: "Bearer bad" }), code: "UNAUTHORIZED", status: 401 });
  });

  it("passes when one alternative passes: the query, the header or a cookie", async () => {
    expect(await get("/either?key=k1")).toEqual({ status: 200, headers: expect.anything(), body: { auth: { apiKey: "key-1" } } });
    expect(await get("/either", { cookie: "other=1; key=k1" })).toEqual({ status: 200, headers: expect.anything(), body: { auth: { apiKey: "key-1" } } });
    expect((await get("/either", { authorization: "Bearer good" })).status).toBe(200);
    expectError({ response: await get("/either?key=k2"), code: "UNAUTHORIZED", status: 401 });
  });

  it("needs every scheme of an alternative", async () => {
    expectError({ response: await get("/both", { authorization: "Bearer good" }), code: "UNAUTHORIZED", status: 401 });
    expect(await get("/both?key=k1", { authorization: "Bearer good" })).toEqual({ status: 200, headers: expect.anything(), body: { auth: { bearerAuth: { user: "ann" }, apiKey: "key-1" } } });
  });

  it("answers 403 FORBIDDEN when a verifier knows the caller but refuses them", async () => {
    expectError({ response: await get("/either", { cookie: "key=known-but-banned" }), code: "FORBIDDEN", status: 403 });
  });

  it("an empty alternative lets anyone through, with no principal", async () => {
    expect(await get("/optional")).toEqual({ status: 200, headers: expect.anything(), body: { auth: {} } });
  });

  it("a scheme named __proto__ is a scheme like any other", async () => {
    const response = await app.inject({ method: "GET", url: "/proto" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('{"auth":{"__proto__":"proto"}}');
  });

  it("denies a scheme it has no verifier for, whatever its name", async () => {
    expectError({ response: await get("/unknown"), code: "UNAUTHORIZED", status: 401 });
  });
});
