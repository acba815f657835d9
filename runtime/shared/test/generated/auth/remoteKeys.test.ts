import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createJwtAuthenticator,
  createOidcAuthenticator,
  type Authenticate,
} from "../../../src/generated/auth/jwtAuthenticator.js";
import {
  jwtSettings,
  keyPair,
  mint,
  startKeyServer,
  unsecuredToken,
  type KeyServer,
  type TestKeyPair,
} from "./authFixtures.js";

async function refusal(authenticate: Authenticate, token: string): Promise<string> {
  const result = await authenticate(token);
  if (result.ok) throw new Error("token accepted");
  return result.message;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: KeyServer;
let k1: TestKeyPair;
let k2: TestKeyPair;
beforeAll(async () => {
  server = await startKeyServer();
  k1 = await keyPair({ alg: "RS256", kid: "k1" });
  k2 = await keyPair({ alg: "EdDSA", kid: "k2", crv: "Ed25519" });
});
afterAll(() => server.close());
beforeEach(() => server.answers.clear());

describe("createJwtAuthenticator with JWT_JWKS_URL", () => {
  it("fetches the set on the first token, keeps it, and refetches for an unknown kid (key rotation)", async () => {
    server.answers.set("/rotate/jwks", { body: { keys: [k1.jwk] } });
    const authenticate = createJwtAuthenticator({
      settings: jwtSettings({ JWT_JWKS_URL: `${server.base}/rotate/jwks` }),
      tuning: { jwksCooldownMs: 0 },
    });
    expect(server.hits("/rotate/jwks")).toBe(0);
    const token1 = await mint({ key: k1.privateKey, alg: "RS256", kid: "k1" });
    for (let i = 0; i < 5; i++) expect((await authenticate(token1)).ok).toBe(true);
    expect(server.hits("/rotate/jwks")).toBe(1);

    // The issuer switches keys: a token with the new kid makes the set be fetched again.
    server.answers.set("/rotate/jwks", { body: { keys: [k2.jwk] } });
    const token2 = await mint({ key: k2.privateKey, alg: "EdDSA", kid: "k2" });
    expect((await authenticate(token2)).ok).toBe(true);
    expect(server.hits("/rotate/jwks")).toBe(2);
    expect(await refusal(authenticate, token1)).toBe("no key for the token");
  });

  it("waits the cooldown before refetching for an unknown kid (a flood of made-up kids is not a flood of fetches)", async () => {
    server.answers.set("/cool/jwks", { body: { keys: [k1.jwk] } });
    const authenticate = createJwtAuthenticator({
      settings: jwtSettings({ JWT_JWKS_URL: `${server.base}/cool/jwks` }),
      tuning: { jwksCooldownMs: 60_000 },
    });
    expect((await authenticate(await mint({ key: k1.privateKey, alg: "RS256", kid: "k1" }))).ok).toBe(true);
    for (let i = 0; i < 20; i++)
      expect(await refusal(authenticate, await mint({ key: k1.privateKey, alg: "RS256", kid: `made-up-${i}` }))).toBe(
        "no key for the token",
      );
    expect(server.hits("/cool/jwks")).toBe(1);
  });

  it("refuses (never throws) while the set cannot be fetched, and recovers when it can", async () => {
    server.answers.set("/down/jwks", { status: 503 });
    const authenticate = createJwtAuthenticator({
      settings: jwtSettings({ JWT_JWKS_URL: `${server.base}/down/jwks` }),
      tuning: { jwksCooldownMs: 0 },
    });
    const token1 = await mint({ key: k1.privateKey, alg: "RS256", kid: "k1" });
    expect((await authenticate(token1)).ok).toBe(false);
    server.answers.set("/down/jwks", { body: { not: "a set" } });
    expect((await authenticate(token1)).ok).toBe(false);
    server.answers.set("/down/jwks", { body: { keys: [k1.jwk] } });
    expect((await authenticate(token1)).ok).toBe(true);
  });

  it("never verifies with a symmetric key the set publishes (kty oct): HS256 with its kid is refused", async () => {
    const secret = new TextEncoder().encode("a-symmetric-key-published-by-mistake-0123");
    const oct = { kty: "oct", kid: "sym", k: Buffer.from(secret).toString("base64url") };
    server.answers.set("/oct/jwks", { body: { keys: [k1.jwk, oct] } });
    const authenticate = createJwtAuthenticator({ settings: jwtSettings({ JWT_JWKS_URL: `${server.base}/oct/jwks` }) });
    expect((await authenticate(await mint({ key: k1.privateKey, alg: "RS256", kid: "k1" }))).ok).toBe(true);
    expect(await refusal(authenticate, await mint({ key: secret, alg: "HS256", kid: "sym" }))).toBe(
      "token algorithm not accepted",
    );
    expect(await refusal(authenticate, await mint({ key: secret, alg: "HS256" }))).toBe("token algorithm not accepted");
  });

  it("refuses when the server does not answer at all (closed port)", async () => {
    const closed = await startKeyServer();
    await closed.close();
    const authenticate = createJwtAuthenticator({
      settings: jwtSettings({ JWT_JWKS_URL: `${closed.base}/jwks` }),
      tuning: { fetchTimeoutMs: 500 },
    });
    expect(await refusal(authenticate, await mint({ key: k1.privateKey, alg: "RS256", kid: "k1" }))).toBe(
      "signing keys unavailable",
    );
  });

  it("refuses alg none and HS256 signed with a listed key's PEM", async () => {
    server.answers.set("/confuse/jwks", { body: { keys: [k1.jwk] } });
    const authenticate = createJwtAuthenticator({
      settings: jwtSettings({ JWT_JWKS_URL: `${server.base}/confuse/jwks` }),
    });
    expect(await refusal(authenticate, unsecuredToken())).toBe("token algorithm not accepted");
    expect(
      await refusal(authenticate, await mint({ key: new TextEncoder().encode(k1.publicPem), alg: "HS256", kid: "k1" })),
    ).toBe("token algorithm not accepted");
  });
});

describe("createOidcAuthenticator", () => {
  const discovery = (issuer: string, jwksPath: string) => ({
    body: { issuer, jwks_uri: `${server.base}${jwksPath}`, authorization_endpoint: "https://x" },
  });

  it("fetches the discovery document lazily, once, and verifies tokens of its issuer with its jwks_uri", async () => {
    const issuer = "https://issuer.example/realms/a";
    server.answers.set("/a/.well-known/openid-configuration", discovery(issuer, "/a/jwks"));
    server.answers.set("/a/jwks", { body: { keys: [k1.jwk, k2.jwk] } });
    const authenticate = createOidcAuthenticator({
      discoveryUrl: `${server.base}/a/.well-known/openid-configuration`,
      audience: ["api"],
      rolesClaim: "realm_access.roles",
    });
    expect(server.hits("/a/.well-known/openid-configuration")).toBe(0);
    const token = await mint({
      key: k2.privateKey,
      alg: "EdDSA",
      kid: "k2",
      payload: { iss: issuer, aud: "api", scope: "pets:read", realm_access: { roles: ["staff"] } },
    });
    const result = await authenticate(token);
    expect(result.ok && result.principal).toMatchObject({
      kind: "jwt",
      subject: "user-1",
      scopes: ["pets:read"],
      roles: ["staff"],
    });
    for (let i = 0; i < 3; i++) expect((await authenticate(token)).ok).toBe(true);
    expect(server.hits("/a/.well-known/openid-configuration")).toBe(1);
    expect(server.hits("/a/jwks")).toBe(1);

    expect(
      await refusal(
        authenticate,
        await mint({
          key: k1.privateKey,
          alg: "RS256",
          kid: "k1",
          payload: { iss: "https://other.example", aud: "api" },
        }),
      ),
    ).toBe("token issuer not accepted");
    expect(
      await refusal(
        authenticate,
        await mint({ key: k1.privateKey, alg: "RS256", kid: "k1", payload: { iss: issuer, aud: "other" } }),
      ),
    ).toBe("token audience not accepted");
    expect(await refusal(authenticate, unsecuredToken({ iss: issuer, aud: "api" }))).toBe(
      "token algorithm not accepted",
    );
  });

  it("answers 401 while discovery is down, retries after the delay (not on every token), and then works", async () => {
    const issuer = "https://issuer.example/b";
    server.answers.set("/b/.well-known/openid-configuration", { status: 503 });
    server.answers.set("/b/jwks", { body: { keys: [k1.jwk] } });
    const authenticate = createOidcAuthenticator({
      discoveryUrl: `${server.base}/b/.well-known/openid-configuration`,
      tuning: { discoveryRetryMs: 200 },
    });
    const token = await mint({ key: k1.privateKey, alg: "RS256", kid: "k1", payload: { iss: issuer } });
    expect(await refusal(authenticate, token)).toBe("identity provider unavailable");
    expect(await refusal(authenticate, token)).toBe("identity provider unavailable");
    expect(server.hits("/b/.well-known/openid-configuration")).toBe(1);

    server.answers.set("/b/.well-known/openid-configuration", discovery(issuer, "/b/jwks"));
    expect(await refusal(authenticate, token)).toBe("identity provider unavailable"); // within the retry delay
    await sleep(250);
    expect((await authenticate(token)).ok).toBe(true);
    expect(server.hits("/b/.well-known/openid-configuration")).toBe(2);
  });

  it("shares one discovery fetch between concurrent first tokens", async () => {
    const issuer = "https://issuer.example/c";
    server.answers.set("/c/.well-known/openid-configuration", discovery(issuer, "/c/jwks"));
    server.answers.set("/c/jwks", { body: { keys: [k1.jwk] } });
    const authenticate = createOidcAuthenticator({ discoveryUrl: `${server.base}/c/.well-known/openid-configuration` });
    const token = await mint({ key: k1.privateKey, alg: "RS256", kid: "k1", payload: { iss: issuer } });
    const results = await Promise.all(Array.from({ length: 10 }, () => authenticate(token)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(server.hits("/c/.well-known/openid-configuration")).toBe(1);
  });

  it.each([
    ["no issuer", { jwks_uri: "http://127.0.0.1:1/jwks" }],
    ["no jwks_uri", { issuer: "https://issuer.example" }],
    [
      "jwks_uri over plain http off this machine",
      { issuer: "https://issuer.example", jwks_uri: "http://issuer.example/jwks" },
    ],
    ["jwks_uri not a URL", { issuer: "https://issuer.example", jwks_uri: "jwks" }],
    ["an array", ["issuer", "jwks_uri"]],
    [
      "inherited fields only",
      JSON.parse('{"__proto__": {"issuer": "https://issuer.example", "jwks_uri": "https://issuer.example/jwks"}}'),
    ],
  ])("refuses tokens when the discovery document has %s", async (_name, body) => {
    server.answers.set("/d/.well-known/openid-configuration", { body });
    const authenticate = createOidcAuthenticator({ discoveryUrl: `${server.base}/d/.well-known/openid-configuration` });
    const token = await mint({
      key: k1.privateKey,
      alg: "RS256",
      kid: "k1",
      payload: { iss: "https://issuer.example" },
    });
    expect(await refusal(authenticate, token)).toBe("identity provider unavailable");
  });

  it("does not follow a redirect of the discovery document", async () => {
    const issuer = "https://issuer.example/e";
    server.answers.set("/e/.well-known/openid-configuration", {
      status: 302,
      location: `${server.base}/e2/.well-known/openid-configuration`,
    });
    server.answers.set("/e2/.well-known/openid-configuration", discovery(issuer, "/e/jwks"));
    server.answers.set("/e/jwks", { body: { keys: [k1.jwk] } });
    const authenticate = createOidcAuthenticator({ discoveryUrl: `${server.base}/e/.well-known/openid-configuration` });
    expect(
      await refusal(
        authenticate,
        await mint({ key: k1.privateKey, alg: "RS256", kid: "k1", payload: { iss: issuer } }),
      ),
    ).toBe("identity provider unavailable");
    expect(server.hits("/e2/.well-known/openid-configuration")).toBe(0);
  });
});
