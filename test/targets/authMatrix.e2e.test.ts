import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareProject, runGeneratedTests, typecheck, type GeneratedProject } from "./helpers/generatedProject.js";
import { runCommand, toolkitBin } from "./helpers/runCommand.js";
import { freePort, startServer, type RunningServer } from "./helpers/startServer.js";

/**
 * Authentication's test matrix (issue 14) on every target: the secured fixture (a JWT bearer scheme, OAuth 2 and
 * OpenID Connect with scopes, API keys in a header, the query and a cookie, HTTP basic, public operations, OR and AND
 * requirements) generated, built and started with its settings from the environment, then driven over HTTP with
 * tokens minted here: no credentials, malformed, wrong signature, expired, not yet valid, wrong issuer or audience,
 * `alg: none`, a valid token without the scope, and valid ones. A local identity provider serves the OpenID Connect
 * discovery document and its keys. The start-up refusals (missing or weak settings) are checked on the built server.
 */

const openapi = "fixtures/secured/openapi.yaml";
const prisma = "fixtures/secured/schema.prisma";
const issuer = "https://issuer.test";
const audience = "notes-api";
const basePath = "/api";

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

interface Keys {
  secret: string;
  otherSecret: string;
  apiKey: string;
  idp: { url: string; sign: (claims: JWTPayload, options?: { kid?: string }) => Promise<string>; close: () => Promise<void> };
}

/** An identity provider on a loopback port: its discovery document, its JWKS, and tokens signed with its RS256 key. */
async function startIdentityProvider(): Promise<Keys["idp"]> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "idp-1", alg: "RS256", use: "sig" };
  const server: Server = createServer((req, res) => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader("content-type", "application/json");
    if (req.url === "/.well-known/openid-configuration") res.end(JSON.stringify({ issuer: url, jwks_uri: `${url}/jwks` }));
    else if (req.url === "/jwks") res.end(JSON.stringify({ keys: [jwk] }));
    else res.writeHead(404).end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    sign: (claims, options = {}) =>
      new SignJWT({ iss: url, aud: audience, ...claims })
        .setProtectedHeader({ alg: "RS256", kid: options.kid ?? "idp-1" })
        .setIssuedAt()
        .setExpirationTime(claims.exp ?? "10m")
        .sign(privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An HS256 token: the server's issuer and audience, ten minutes of validity, unless `claims` say otherwise. */
function hs256({ secret, claims = {}, alg = "HS256" }: { secret: string; claims?: JWTPayload; alg?: string }): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ iss: issuer, aud: audience, sub: "user-1", iat: now, exp: now + 600, ...claims }).setProtectedHeader({ alg });
  return jwt.sign(new TextEncoder().encode(secret));
}

/** An unsecured token (`alg: none`, no signature) that would otherwise be valid. */
function unsecured(claims: JWTPayload = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return `${base64url({ alg: "none", typ: "JWT" })}.${base64url({ iss: issuer, aud: audience, sub: "user-1", exp: now + 600, ...claims })}.`;
}

interface Case {
  /** The scheme kind the row counts for in the matrix. */
  kind: string;
  name: string;
  method: string;
  path: () => string;
  headers?: (keys: Keys) => Promise<Record<string, string>> | Record<string, string>;
  body?: unknown;
  status: number;
  /** What the `WWW-Authenticate` header must contain (401 and 403 answers). */
  challenge?: RegExp;
  /** Checks of the answer's JSON body. */
  check?: (body: unknown) => void;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const now = () => Math.floor(Date.now() / 1000);
/** Ids of records the cases work on, created in beforeAll. */
const ids = { note: 0, tag: 0, doomed: 0, mine: 0, theirs: 0, myDoomed: 0 };

/** A token of a caller by subject (`sub`), for the owner-scoped documents. */
const as = async (k: Keys, sub: string | undefined) => bearer(await hs256({ secret: k.secret, claims: { sub } }));
interface DocumentBody {
  id: number;
  title: string;
  ownerId?: string;
}
const page = (body: unknown) => body as { items: DocumentBody[]; total: number };
const only = (owner: string) => (body: unknown) => {
  const { items, total } = page(body);
  expect(items.length).toBeGreaterThan(0);
  expect(items.every((d) => d.ownerId === owner)).toBe(true);
  expect(total).toBe(items.length);
};

const cases: Case[] = [
  // HTTP bearer (JWT, HS256 from JWT_SECRET): GET /notes/{id} uses the document's security.
  { kind: "jwt", name: "no credentials", method: "GET", path: () => `/notes/${ids.note}`, status: 401, challenge: /^Bearer/ },
  { kind: "jwt", name: "malformed token", method: "GET", path: () => `/notes/${ids.note}`, headers: () => bearer("not.a.jwt"), status: 401, challenge: /invalid_token/ },
  { kind: "jwt", name: "another scheme (Basic)", method: "GET", path: () => `/notes/${ids.note}`, headers: () => ({ authorization: "Basic dXNlcjpwYXNz" }), status: 401 },
  { kind: "jwt", name: "wrong signature", method: "GET", path: () => `/notes/${ids.note}`, headers: async (k) => bearer(await hs256({ secret: k.otherSecret })), status: 401, challenge: /invalid_token/ },
  { kind: "jwt", name: "expired", method: "GET", path: () => `/notes/${ids.note}`, headers: async (k) => bearer(await hs256({ secret: k.secret, claims: { exp: now() - 3600 } })), status: 401 },
  { kind: "jwt", name: "not yet valid (nbf)", method: "GET", path: () => `/notes/${ids.note}`, headers: async (k) => bearer(await hs256({ secret: k.secret, claims: { nbf: now() + 3600 } })), status: 401 },
  { kind: "jwt", name: "no exp", method: "GET", path: () => `/notes/${ids.note}`, headers: async (k) => bearer(await hs256({ secret: k.secret, claims: { exp: undefined } })), status: 401 },
  { kind: "jwt", name: "wrong issuer", method: "GET", path: () => `/notes/${ids.note}`, headers: async (k) => bearer(await hs256({ secret: k.secret, claims: { iss: "https://evil.test" } })), status: 401 },
  { kind: "jwt", name: "wrong audience", method: "GET", path: () => `/notes/${ids.note}`, headers: async (k) => bearer(await hs256({ secret: k.secret, claims: { aud: "another-api" } })), status: 401 },
  { kind: "jwt", name: "alg: none", method: "GET", path: () => `/notes/${ids.note}`, headers: () => bearer(unsecured()), status: 401 },
  { kind: "jwt", name: "HS512 with the right secret (algorithm pinned to HS256)", method: "GET", path: () => `/notes/${ids.note}`, headers: async (k) => bearer(await hs256({ secret: k.secret, alg: "HS512" })), status: 401 },
  { kind: "jwt", name: "valid", method: "GET", path: () => `/notes/${ids.note}`, headers: async (k) => bearer(await hs256({ secret: k.secret })), status: 200 },
  { kind: "jwt", name: "valid, within the clock tolerance after exp", method: "GET", path: () => `/notes/${ids.note}`, headers: async (k) => bearer(await hs256({ secret: k.secret, claims: { exp: now() - 5 } })), status: 200 },

  // OAuth 2 as a resource server: POST /notes needs notes:write.
  { kind: "oauth2", name: "no credentials", method: "POST", path: () => "/notes", body: { title: "t" }, status: 401, challenge: /^Bearer/ },
  { kind: "oauth2", name: "expired", method: "POST", path: () => "/notes", body: { title: "t" }, headers: async (k) => bearer(await hs256({ secret: k.secret, claims: { scope: "notes:write", exp: now() - 3600 } })), status: 401 },
  { kind: "oauth2", name: "wrong signature", method: "POST", path: () => "/notes", body: { title: "t" }, headers: async (k) => bearer(await hs256({ secret: k.otherSecret, claims: { scope: "notes:write" } })), status: 401 },
  { kind: "oauth2", name: "valid without the scope", method: "POST", path: () => "/notes", body: { title: "t" }, headers: async (k) => bearer(await hs256({ secret: k.secret, claims: { scope: "notes:read" } })), status: 403, challenge: /insufficient_scope.*notes:write/ },
  { kind: "oauth2", name: "valid without any scope claim", method: "POST", path: () => "/notes", body: { title: "t" }, headers: async (k) => bearer(await hs256({ secret: k.secret })), status: 403 },
  { kind: "oauth2", name: "valid, scope claim", method: "POST", path: () => "/notes", body: { title: "t" }, headers: async (k) => bearer(await hs256({ secret: k.secret, claims: { scope: "notes:read notes:write" } })), status: 201 },
  { kind: "oauth2", name: "valid, scp array claim", method: "POST", path: () => "/notes", body: { title: "t" }, headers: async (k) => bearer(await hs256({ secret: k.secret, claims: { scp: ["notes:write"] } })), status: 201 },

  // OpenID Connect: POST /tags needs tags:write; keys from the identity provider's discovery document.
  { kind: "openIdConnect", name: "no credentials", method: "POST", path: () => "/tags", body: { name: "a" }, status: 401, challenge: /^Bearer/ },
  { kind: "openIdConnect", name: "HS256 token of JWT_SECRET (not the issuer's key)", method: "POST", path: () => "/tags", body: { name: "a" }, headers: async (k) => bearer(await hs256({ secret: k.secret, claims: { scope: "tags:write" } })), status: 401 },
  { kind: "openIdConnect", name: "unknown key id", method: "POST", path: () => "/tags", body: { name: "a" }, headers: async (k) => bearer(await k.idp.sign({ scope: "tags:write" }, { kid: "idp-unknown" })), status: 401 },
  { kind: "openIdConnect", name: "wrong issuer", method: "POST", path: () => "/tags", body: { name: "a" }, headers: async (k) => bearer(await k.idp.sign({ scope: "tags:write", iss: "https://evil.test" })), status: 401 },
  { kind: "openIdConnect", name: "expired", method: "POST", path: () => "/tags", body: { name: "a" }, headers: async (k) => bearer(await k.idp.sign({ scope: "tags:write", exp: now() - 3600 })), status: 401 },
  { kind: "openIdConnect", name: "valid without the scope", method: "POST", path: () => "/tags", body: { name: "a" }, headers: async (k) => bearer(await k.idp.sign({ scope: "notes:write" })), status: 403, challenge: /insufficient_scope/ },
  { kind: "openIdConnect", name: "valid", method: "POST", path: () => "/tags", body: { name: `oidc-${Date.now()}` }, headers: async (k) => bearer(await k.idp.sign({ scope: "tags:write" })), status: 201 },

  // API keys: in a header (PATCH /notes/{id}, which also takes OAuth 2), the query (GET /tags) and a cookie (GET /tags/{id}).
  { kind: "apiKey (header)", name: "no credentials", method: "PATCH", path: () => `/notes/${ids.note}`, body: { title: "x" }, status: 401 },
  { kind: "apiKey (header)", name: "wrong key", method: "PATCH", path: () => `/notes/${ids.note}`, body: { title: "x" }, headers: () => ({ "x-api-key": "wrong-key-wrong-key-wrong-key" }), status: 401 },
  { kind: "apiKey (header)", name: "valid key", method: "PATCH", path: () => `/notes/${ids.note}`, body: { title: "x" }, headers: (k) => ({ "x-api-key": k.apiKey }), status: 200 },
  { kind: "apiKey (query)", name: "no credentials", method: "GET", path: () => "/tags", status: 401 },
  { kind: "apiKey (query)", name: "wrong key", method: "GET", path: () => "/tags?api_key=wrong-key-wrong-key-wrong-key", status: 401 },
  { kind: "apiKey (query)", name: "the key in a header instead", method: "GET", path: () => "/tags", headers: (k) => ({ api_key: k.apiKey }), status: 401 },
  { kind: "apiKey (query)", name: "valid key", method: "GET", path: () => `/tags?api_key=${encodeURIComponent(keysOf().apiKey)}`, status: 200 },
  { kind: "apiKey (cookie)", name: "no credentials", method: "GET", path: () => `/tags/${ids.tag}`, status: 401 },
  { kind: "apiKey (cookie)", name: "wrong key", method: "GET", path: () => `/tags/${ids.tag}`, headers: () => ({ cookie: "tag_session=wrong-key-wrong-key-wrong-key" }), status: 401 },
  { kind: "apiKey (cookie)", name: "valid key", method: "GET", path: () => `/tags/${ids.tag}`, headers: (k) => ({ cookie: `theme=dark; tag_session=${k.apiKey}` }), status: 200 },

  // Alternatives (OR) and combined schemes (AND).
  { kind: "OR", name: "OAuth 2 with the scope", method: "PATCH", path: () => `/notes/${ids.note}`, body: { title: "y" }, headers: async (k) => bearer(await hs256({ secret: k.secret, claims: { scope: "notes:write" } })), status: 200 },
  { kind: "OR", name: "OAuth 2 without the scope, no key: 403", method: "PATCH", path: () => `/notes/${ids.note}`, body: { title: "y" }, headers: async (k) => bearer(await hs256({ secret: k.secret, claims: { scope: "notes:read" } })), status: 403 },
  { kind: "OR", name: "OAuth 2 without the scope, but a key", method: "PATCH", path: () => `/notes/${ids.note}`, body: { title: "y" }, headers: async (k) => ({ ...bearer(await hs256({ secret: k.secret })), "x-api-key": k.apiKey }), status: 200 },
  { kind: "AND", name: "the token only", method: "DELETE", path: () => `/notes/${ids.doomed}`, headers: async (k) => bearer(await hs256({ secret: k.secret })), status: 401 },
  { kind: "AND", name: "the key only", method: "DELETE", path: () => `/notes/${ids.doomed}`, headers: (k) => ({ "x-api-key": k.apiKey }), status: 401 },
  { kind: "AND", name: "both", method: "DELETE", path: () => `/notes/${ids.doomed}`, headers: async (k) => ({ ...bearer(await hs256({ secret: k.secret })), "x-api-key": k.apiKey }), status: 204 },

  // Ownership (x-vx-owner: ownerId): user-1 owns `mine`, user-2 owns `theirs`; the owner is the token's subject.
  { kind: "ownership", name: "list shows only the caller's rows, total too", method: "GET", path: () => "/documents", headers: (k) => as(k, "user-1"), status: 200, check: (b) => { only("user-1")(b); expect(page(b).items.map((d) => d.id)).toContain(ids.mine); } },
  { kind: "ownership", name: "the other caller's list shows only theirs", method: "GET", path: () => "/documents", headers: (k) => as(k, "user-2"), status: 200, check: (b) => { only("user-2")(b); expect(page(b).items.map((d) => d.id)).not.toContain(ids.mine); } },
  { kind: "ownership", name: "an ownerId filter does not widen the list", method: "GET", path: () => "/documents?ownerId=user-2", headers: (k) => as(k, "user-1"), status: 200, check: only("user-1") },
  { kind: "ownership", name: "get another's row: 404", method: "GET", path: () => `/documents/${ids.theirs}`, headers: (k) => as(k, "user-1"), status: 404 },
  { kind: "ownership", name: "get my row", method: "GET", path: () => `/documents/${ids.mine}`, headers: (k) => as(k, "user-1"), status: 200, check: (b) => expect(b).toMatchObject({ id: ids.mine, ownerId: "user-1" }) },
  { kind: "ownership", name: "update another's row: 404", method: "PATCH", path: () => `/documents/${ids.theirs}`, body: { title: "taken" }, headers: (k) => as(k, "user-1"), status: 404 },
  { kind: "ownership", name: "...and it is unchanged", method: "GET", path: () => `/documents/${ids.theirs}`, headers: (k) => as(k, "user-2"), status: 200, check: (b) => expect(b).toMatchObject({ title: "theirs", ownerId: "user-2" }) },
  { kind: "ownership", name: "update my row", method: "PATCH", path: () => `/documents/${ids.mine}`, body: { title: "mine, edited" }, headers: (k) => as(k, "user-1"), status: 200, check: (b) => expect(b).toMatchObject({ title: "mine, edited", ownerId: "user-1" }) },
  { kind: "ownership", name: "delete another's row: 404", method: "DELETE", path: () => `/documents/${ids.theirs}`, headers: (k) => as(k, "user-1"), status: 404 },
  { kind: "ownership", name: "delete my row", method: "DELETE", path: () => `/documents/${ids.myDoomed}`, headers: (k) => as(k, "user-1"), status: 204 },
  { kind: "ownership", name: "create sets the owner from the caller", method: "POST", path: () => "/documents", body: { title: "new" }, headers: (k) => as(k, "user-2"), status: 201, check: (b) => expect(b).toMatchObject({ title: "new", ownerId: "user-2" }) },
  { kind: "ownership", name: "create with ownerId in the body: 400", method: "POST", path: () => "/documents", body: { title: "forged", ownerId: "user-2" }, headers: (k) => as(k, "user-1"), status: 400 },
  { kind: "ownership", name: "update with ownerId in the body: 400", method: "PATCH", path: () => `/documents/${ids.mine}`, body: { ownerId: "user-2" }, headers: (k) => as(k, "user-1"), status: 400 },
  { kind: "ownership", name: "a hostile subject owns its rows like any other", method: "POST", path: () => "/documents", body: { title: "proto" }, headers: (k) => as(k, "__proto__"), status: 201, check: (b) => expect(b).toMatchObject({ ownerId: "__proto__" }) },
  { kind: "ownership", name: "...and sees only them", method: "GET", path: () => "/documents", headers: (k) => as(k, "__proto__"), status: 200, check: only("__proto__") },
  { kind: "ownership", name: "an API key only (no subject): 403", method: "GET", path: () => "/documents", headers: (k) => ({ "x-api-key": k.apiKey }), status: 403 },
  { kind: "ownership", name: "a token without sub: 403", method: "GET", path: () => `/documents/${ids.mine}`, headers: (k) => as(k, undefined), status: 403 },
  { kind: "ownership", name: "no credentials: 401", method: "GET", path: () => "/documents", status: 401 },

  // Public operations, and a scheme with no default verifier (HTTP basic) that denies.
  { kind: "public", name: "no credentials", method: "GET", path: () => "/notes", status: 200 },
  { kind: "public", name: "an invalid token is not looked at", method: "GET", path: () => "/notes", headers: () => bearer("garbage"), status: 200 },
  { kind: "http basic (no default)", name: "credentials", method: "DELETE", path: () => `/tags/${ids.tag}`, headers: () => ({ authorization: "Basic dXNlcjpwYXNz" }), status: 401 },
  { kind: "http basic (no default)", name: "no credentials", method: "DELETE", path: () => `/tags/${ids.tag}`, status: 401 },
];

let currentKeys: Keys | undefined;
function keysOf(): Keys {
  if (!currentKeys) throw new Error("keys not made yet");
  return currentKeys;
}

for (const target of ["fastify", "express"]) {
  describe(`authentication matrix: the secured fixture on ${target}`, () => {
    let project: GeneratedProject;
    let server: RunningServer;
    let keys: Keys;
    let env: Record<string, string>;
    let ownTests: Awaited<ReturnType<typeof runGeneratedTests>> | undefined;
    const results = new Map<string, { passed: number; total: number }>();

    const call = async ({ method, path, headers = {}, body }: { method: string; path: string; headers?: Record<string, string>; body?: unknown }) => {
      const response = await fetch(`${server.url}${basePath}${path}`, {
        method,
        headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, text, challenge: response.headers.get("www-authenticate") };
    };

    beforeAll(async () => {
      project = await prepareProject({ name: `secured-${target}`, openapi, prisma, target });
      const tsc = toolkitBin("tsc");
      const build = await runCommand({ ...tsc, args: [...tsc.args, "-p", "tsconfig.build.json"], cwd: project.dir });
      expect(build.stdout + build.stderr).toBe("");
      const copy = await runCommand({ command: process.execPath, args: ["scripts/copy-json.mjs"], cwd: project.dir });
      expect(copy.code).toBe(0);
      await rm(join(project.dir, "auth.db"), { force: true });
      const push = await runCommand({ command: process.execPath, args: ["dist/generated/db/dbPush.js"], cwd: project.dir, env: { DATABASE_URL: "file:./auth.db" } });
      expect(push.code, push.stdout + push.stderr).toBe(0);
      const idp = await startIdentityProvider();
      keys = { secret: randomBytes(32).toString("hex"), otherSecret: randomBytes(32).toString("hex"), apiKey: randomBytes(24).toString("base64url"), idp };
      currentKeys = keys;
      env = {
        DATABASE_URL: "file:./auth.db",
        LOG_LEVEL: "info",
        JWT_SECRET: keys.secret,
        JWT_ISSUER: issuer,
        JWT_AUDIENCE: audience,
        API_KEYS: `another-key-of-thirty-chars-000,${keys.apiKey}`,
        OIDC_DISCOVERY_URL: `${idp.url}/.well-known/openid-configuration`,
      };
      // The project's own tests run before the server starts: two heavy processes never overlap.
      ownTests = await runGeneratedTests({ dir: project.dir });
      server = await startServer({ dir: project.dir, port: await freePort(), env });
      // The records the cases work on, made through the API itself with valid credentials.
      const writer = bearer(await hs256({ secret: keys.secret, claims: { scope: "notes:write" } }));
      const note = await call({ method: "POST", path: "/notes", headers: writer, body: { title: "first" } });
      expect(note.status, note.text).toBe(201);
      ids.note = (JSON.parse(note.text) as { id: number }).id;
      const doomed = await call({ method: "POST", path: "/notes", headers: writer, body: { title: "doomed" } });
      ids.doomed = (JSON.parse(doomed.text) as { id: number }).id;
      const tag = await call({ method: "POST", path: "/tags", headers: bearer(await idp.sign({ scope: "tags:write" })), body: { name: "first" } });
      expect(tag.status, tag.text).toBe(201);
      ids.tag = (JSON.parse(tag.text) as { id: number }).id;
      const created = async ({ sub, title }: { sub: string; title: string }) => {
        const answer = await call({ method: "POST", path: "/documents", headers: await as(keys, sub), body: { title } });
        expect(answer.status, answer.text).toBe(201);
        return (JSON.parse(answer.text) as { id: number }).id;
      };
      ids.mine = await created({ sub: "user-1", title: "mine" });
      ids.myDoomed = await created({ sub: "user-1", title: "doomed" });
      ids.theirs = await created({ sub: "user-2", title: "theirs" });
    }, 600_000);

    afterAll(async () => {
      const rows = [...results].map(([kind, r]) => `${kind} ${r.passed}/${r.total}`);
      console.log(`[secured-${target}] authentication matrix: ${rows.join(", ")}`);
      await keys?.idp.close();
      if (server) expect(await server.stop(), server.output()).toBe(0);
    });

    it("type-checks with tsc --strict", async () => {
      const result = await typecheck({ dir: project.dir });
      expect(result.stdout + result.stderr).toBe("");
    }, 240_000);

    for (const c of cases) {
      it(`${c.kind}: ${c.name} -> ${c.status}`, async () => {
        const row = results.get(c.kind) ?? { passed: 0, total: 0 };
        results.set(c.kind, row);
        row.total++;
        const answer = await call({ method: c.method, path: c.path(), headers: c.headers ? await c.headers(keys) : {}, body: c.body });
        expect(answer.status, answer.text).toBe(c.status);
        if (c.status === 401 || c.status === 403) {
          const error = (JSON.parse(answer.text) as { error: { code: string } }).error;
          expect(error.code).toBe(c.status === 401 ? "UNAUTHORIZED" : "FORBIDDEN");
        }
        if (c.challenge) expect(answer.challenge ?? "").toMatch(c.challenge);
        c.check?.(JSON.parse(answer.text));
        row.passed++;
      });
    }

    it("logs each refusal as a security event with the scheme and reason, and never a credential", async () => {
      const output = server.output();
      expect(output).toContain("security.denied");
      expect(output).toMatch(/bearerAuth: [^"\\]+/);
      expect(output).toMatch(/apiKeyQuery: [^"\\]+/);
      for (const secret of [keys.secret, keys.otherSecret, keys.apiKey, "wrong-key-wrong-key-wrong-key", "dXNlcjpwYXNz", "not.a.jwt"])
        expect(output, secret).not.toContain(secret);
      expect(output).not.toMatch(/eyJ[\w-]+\.eyJ/);
    });

    it("passes the project's own generated tests (owner-scoped documents driven as two callers)", async () => {
      const own = ownTests;
      if (!own) throw new Error("the project's tests did not run");
      expect(own.failed, own.stdout.slice(-4000) + own.stderr.slice(-2000)).toBe(0);
      expect(own.passed).toBeGreaterThan(0);
      const documentTests = await readFile(join(project.dir, "test/generated/document.test.ts"), "utf8");
      expect(documentTests).toContain("each caller reads and changes only their own rows");
    });

    it("refuses to start when a used scheme's setting is missing or weak, naming the variable (never its value)", async () => {
      const weak = "short-secret-0123";
      const runs = [
        { env: { ...env, JWT_SECRET: "" }, names: ["JWT_SECRET"] },
        { env: { ...env, JWT_SECRET: weak }, names: ["JWT_SECRET"] },
        // API_KEYS may be unset here (keys can all live in the VxApiKey table), but an entry too short still stops it.
        { env: { ...env, API_KEYS: "tiny-api-key" }, names: ["API_KEYS"] },
        { env: { ...env, JWT_SECRET: "", API_KEYS: `${keys.apiKey},tiny` }, names: ["JWT_SECRET", "API_KEYS"] },
      ];
      for (const run of runs) {
        const started = await runCommand({ command: process.execPath, args: ["dist/server.js"], cwd: project.dir, env: { ...run.env, PORT: String(await freePort()), HOST: "127.0.0.1" }, timeoutMs: 20_000 });
        const output = started.stdout + started.stderr;
        expect(started.code, output).toBe(1);
        for (const name of run.names) expect(output).toContain(name);
        expect(output).not.toContain(weak);
        expect(output).not.toMatch(/\n\s+at /);
      }
    }, 120_000);
  });
}
