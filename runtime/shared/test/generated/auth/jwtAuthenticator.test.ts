import { mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SignJWT, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJwtAuthenticator, type Authenticate } from "../../../src/generated/auth/jwtAuthenticator.js";
import {
  jwtSettings,
  keyPair,
  mint,
  nowSeconds,
  testSecret,
  unsecuredToken,
  type TestKeyPair,
} from "./authFixtures.js";

const secretKey = new TextEncoder().encode(testSecret);

async function refusal(authenticate: Authenticate, token: string): Promise<string> {
  const result = await authenticate(token);
  if (result.ok) throw new Error("token accepted: " + JSON.stringify(result.principal));
  return result.message;
}

describe("createJwtAuthenticator with JWT_SECRET (HS256)", () => {
  const authenticate = createJwtAuthenticator({ settings: jwtSettings({ JWT_SECRET: testSecret }) });
  const sign = (payload: JWTPayload, alg = "HS256") => mint({ key: secretKey, alg, payload });

  it("accepts a valid token and names its subject and claims", async () => {
    const token = await sign({ sub: "alice", tenant: "t1" });
    const result = await authenticate(token);
    expect(result.ok && result.principal).toMatchObject({
      kind: "jwt",
      token,
      subject: "alice",
      scopes: [],
      roles: [],
      claims: { sub: "alice", tenant: "t1" },
    });
    expect(result.ok && Object.isFrozen(result.principal.claims)).toBe(true);
  });

  it("leaves the subject undefined when `sub` is not a string", async () => {
    const result = await authenticate(await sign({ sub: undefined, user: 7 }));
    expect(result.ok && result.principal.subject).toBeUndefined();
  });

  it("refuses a token without exp", async () => {
    expect(await refusal(authenticate, await sign({ exp: undefined }))).toBe("token has no expiry");
  });

  it("refuses time claims that are not numbers", async () => {
    for (const claim of ["exp", "nbf", "iat"]) {
      expect(await refusal(authenticate, await sign({ [claim]: "soon" })), claim).toBe("token claims malformed");
      expect(await refusal(authenticate, await sign({ [claim]: [nowSeconds()] })), claim).toBe(
        "token claims malformed",
      );
    }
  });

  it("refuses an expired token, and accepts one expired within the clock tolerance (30 s)", async () => {
    expect(await refusal(authenticate, await sign({ exp: nowSeconds() - 60, iat: nowSeconds() - 120 }))).toBe(
      "token expired",
    );
    expect((await authenticate(await sign({ exp: nowSeconds() - 10, iat: nowSeconds() - 120 }))).ok).toBe(true);
  });

  it("refuses a token not yet valid (nbf) beyond the tolerance", async () => {
    expect(await refusal(authenticate, await sign({ nbf: nowSeconds() + 120 }))).toBe("token not yet valid");
    expect((await authenticate(await sign({ nbf: nowSeconds() + 10 }))).ok).toBe(true);
  });

  it("refuses a token issued in the future beyond the tolerance (jose checks iat only with a max age)", async () => {
    expect(await refusal(authenticate, await sign({ iat: nowSeconds() + 120 }))).toBe("token issued in the future");
    expect((await authenticate(await sign({ iat: nowSeconds() + 10 }))).ok).toBe(true);
  });

  it("refuses a token signed with another secret", async () => {
    const other = await mint({ key: new TextEncoder().encode(testSecret + "x"), alg: "HS256" });
    expect(await refusal(authenticate, other)).toBe("token signature invalid");
  });

  it("refuses a token whose payload was changed after signing", async () => {
    const [header, , signature] = (await sign({ roles: ["user"] })).split(".");
    const forged = Buffer.from(JSON.stringify({ sub: "user-1", exp: nowSeconds() + 300, roles: ["admin"] })).toString(
      "base64url",
    );
    expect(await refusal(authenticate, `${header}.${forged}.${signature}`)).toBe("token signature invalid");
  });

  it("refuses HS384/HS512 with the same secret: the algorithm is pinned to HS256", async () => {
    expect(await refusal(authenticate, await sign({}, "HS512"))).toBe("token algorithm not accepted");
    expect(await refusal(authenticate, await sign({}, "HS384"))).toBe("token algorithm not accepted");
  });

  it("refuses alg none (an unsecured token crafted by hand)", async () => {
    expect(await refusal(authenticate, unsecuredToken())).toBe("token algorithm not accepted");
    const [header, payload] = (await sign({})).split(".");
    const noneHeader = Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url");
    expect(await refusal(authenticate, `${noneHeader}.${payload}.`)).toBe("token algorithm not accepted");
    expect(header).toBeDefined();
  });

  it("refuses malformed tokens without throwing", async () => {
    for (const token of [
      "",
      "abc",
      "a.b.c",
      "a.b",
      "...",
      `${Buffer.from("[]").toString("base64url")}.e30.`,
      "x".repeat(20_000),
    ]) {
      expect(await refusal(authenticate, token), token.slice(0, 20)).toBe("malformed token");
    }
    // The signature is checked before the payload is read: a garbage payload under a made-up signature fails there.
    expect(await refusal(authenticate, "eyJhbGciOiJIUzI1NiJ9.%%%.abc")).toBe("token signature invalid");
    const [header, , signature] = (await sign({})).split(".");
    expect(await refusal(authenticate, `${header}.bm90IGpzb24.${signature}`)).toBe("token signature invalid");
  });

  it("collects scopes from `scope` and `scp` (string or array), without repeats or non-strings", async () => {
    const result = await authenticate(
      await sign({ scope: "read  write\tadmin:x", scp: ["write", 5, "pets:read", null] }),
    );
    expect(result.ok && result.principal.scopes).toEqual(["read", "write", "admin:x", "pets:read"]);
    const scpOnly = await authenticate(await sign({ scp: "a b" }));
    expect(scpOnly.ok && scpOnly.principal.scopes).toEqual(["a", "b"]);
    const wrongTypes = await authenticate(await sign({ scope: 42, scp: { a: 1 } }));
    expect(wrongTypes.ok && wrongTypes.principal.scopes).toEqual([]);
  });

  it("reads roles from the default `roles` claim, dropping non-strings", async () => {
    const result = await authenticate(await sign({ roles: ["admin", 1, null, { r: "x" }, "staff", "admin"] }));
    expect(result.ok && result.principal.roles).toEqual(["admin", "staff"]);
    const single = await authenticate(await sign({ roles: "admin" }));
    expect(single.ok && single.principal.roles).toEqual(["admin"]);
  });
});

describe("createJwtAuthenticator claim settings", () => {
  const sign = (payload: JWTPayload) => mint({ key: secretKey, alg: "HS256", payload });

  it("reads roles from a dotted claim path (JWT_ROLES_CLAIM=realm_access.roles)", async () => {
    const authenticate = createJwtAuthenticator({
      settings: jwtSettings({ JWT_SECRET: testSecret, JWT_ROLES_CLAIM: "realm_access.roles" }),
    });
    const result = await authenticate(
      await sign({ realm_access: { roles: ["admin", 3, "staff"] }, roles: ["ignored"] }),
    );
    expect(result.ok && result.principal.roles).toEqual(["admin", "staff"]);
    const missing = await authenticate(await sign({ realm_access: ["roles"] }));
    expect(missing.ok && missing.principal.roles).toEqual([]);
  });

  it("follows own claims only: `constructor` or `__proto__` in the path finds nothing inherited, and pollutes nothing", async () => {
    const inherited = createJwtAuthenticator({
      settings: jwtSettings({ JWT_SECRET: testSecret, JWT_ROLES_CLAIM: "constructor.name" }),
    });
    const result = await inherited(await sign({}));
    expect(result.ok && result.principal.roles).toEqual([]);
    const proto = createJwtAuthenticator({
      settings: jwtSettings({ JWT_SECRET: testSecret, JWT_ROLES_CLAIM: "__proto__.roles" }),
    });
    // A claim named __proto__ (JSON.parse makes it an own property) is a claim like any other.
    const payload = JSON.parse('{"__proto__": {"roles": ["admin"]}, "scope": "a"}') as JWTPayload;
    const own = await proto(await sign(payload));
    expect(own.ok && own.principal.roles).toEqual(["admin"]);
    expect(({} as Record<string, unknown>)["roles"]).toBeUndefined();
  });

  it("checks the issuer when JWT_ISSUER is set", async () => {
    const authenticate = createJwtAuthenticator({
      settings: jwtSettings({ JWT_SECRET: testSecret, JWT_ISSUER: "https://issuer.example" }),
    });
    expect((await authenticate(await sign({ iss: "https://issuer.example" }))).ok).toBe(true);
    expect(await refusal(authenticate, await sign({ iss: "https://evil.example" }))).toBe("token issuer not accepted");
    expect(await refusal(authenticate, await sign({}))).toBe("token issuer not accepted");
  });

  it("checks the audience when JWT_AUDIENCE is set (any of the listed)", async () => {
    const authenticate = createJwtAuthenticator({
      settings: jwtSettings({ JWT_SECRET: testSecret, JWT_AUDIENCE: "api-a, api-b" }),
    });
    expect((await authenticate(await sign({ aud: "api-b" }))).ok).toBe(true);
    expect((await authenticate(await sign({ aud: ["other", "api-a"] }))).ok).toBe(true);
    expect(await refusal(authenticate, await sign({ aud: "api-c" }))).toBe("token audience not accepted");
    expect(await refusal(authenticate, await sign({}))).toBe("token audience not accepted");
  });

  it("applies JWT_CLOCK_TOLERANCE=0 strictly", async () => {
    const authenticate = createJwtAuthenticator({
      settings: jwtSettings({ JWT_SECRET: testSecret, JWT_CLOCK_TOLERANCE: "0" }),
    });
    expect(await refusal(authenticate, await sign({ exp: nowSeconds() - 2, iat: nowSeconds() - 60 }))).toBe(
      "token expired",
    );
    expect(await refusal(authenticate, await sign({ nbf: nowSeconds() + 5 }))).toBe("token not yet valid");
  });
});

describe("createJwtAuthenticator with JWT_PUBLIC_KEY (PEM)", () => {
  let rsa: TestKeyPair;
  let otherRsa: TestKeyPair;
  beforeAll(async () => {
    rsa = await keyPair({ alg: "RS256" });
    otherRsa = await keyPair({ alg: "RS256" });
  });

  it("accepts RS256 signed by the key, with the PEM given on one line with literal \\n", async () => {
    const authenticate = createJwtAuthenticator({
      settings: jwtSettings({ JWT_PUBLIC_KEY: rsa.publicPem.replace(/\n/g, "\\n") }),
    });
    expect((await authenticate(await mint({ key: rsa.privateKey, alg: "RS256" }))).ok).toBe(true);
    expect(await refusal(authenticate, await mint({ key: otherRsa.privateKey, alg: "RS256" }))).toBe(
      "token signature invalid",
    );
  });

  it("refuses algorithm confusion: an HS256 token signed with the public key PEM as the secret", async () => {
    const authenticate = createJwtAuthenticator({ settings: jwtSettings({ JWT_PUBLIC_KEY: rsa.publicPem }) });
    for (const secret of [rsa.publicPem, rsa.publicPem.trim(), rsa.publicPem.replace(/\n/g, "\\n")]) {
      const confused = await mint({ key: new TextEncoder().encode(secret), alg: "HS256" });
      expect(await refusal(authenticate, confused)).toBe("token algorithm not accepted");
    }
  });

  it("refuses alg none and other RSA algorithms than RS256 (PS256, RS512) with the same key", async () => {
    const authenticate = createJwtAuthenticator({ settings: jwtSettings({ JWT_PUBLIC_KEY: rsa.publicPem }) });
    expect(await refusal(authenticate, unsecuredToken())).toBe("token algorithm not accepted");
    const rsaAny = await keyPair({ alg: "PS256" });
    const ps = createJwtAuthenticator({ settings: jwtSettings({ JWT_PUBLIC_KEY: rsaAny.publicPem }) });
    expect(await refusal(ps, await mint({ key: rsaAny.privateKey, alg: "PS256" }))).toBe(
      "token algorithm not accepted",
    );
  });

  it.each([
    ["ES256", undefined],
    ["ES384", undefined],
    ["ES512", undefined],
    ["EdDSA", "Ed25519"],
  ])("accepts %s with an EC/Ed25519 public key and refuses HS256 signed with its PEM", async (alg, crv) => {
    const pair = await keyPair({ alg, ...(crv ? { crv } : {}) });
    const authenticate = createJwtAuthenticator({ settings: jwtSettings({ JWT_PUBLIC_KEY: pair.publicPem }) });
    expect((await authenticate(await mint({ key: pair.privateKey, alg }))).ok).toBe(true);
    expect(
      await refusal(authenticate, await mint({ key: new TextEncoder().encode(pair.publicPem), alg: "HS256" })),
    ).toBe("token algorithm not accepted");
    expect(await refusal(authenticate, await mint({ key: rsa.privateKey, alg: "RS256" }))).toBe(
      "token algorithm not accepted",
    );
  });
});

describe("createJwtAuthenticator with JWT_JWKS_FILE", () => {
  let dir: string;
  let k1: TestKeyPair;
  let k2: TestKeyPair;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "vx-jwks-"));
    k1 = await keyPair({ alg: "RS256", kid: "k1" });
    k2 = await keyPair({ alg: "ES256", kid: "k2" });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("picks keys by kid, and takes a rewritten file's keys without a restart (looked at no more often than asked)", async () => {
    const file = join(dir, "jwks.json");
    await writeFile(file, JSON.stringify({ keys: [k1.jwk] }));
    const authenticate = createJwtAuthenticator({
      settings: jwtSettings({ JWT_JWKS_FILE: file }),
      tuning: { jwksFileCheckMs: 300 },
    });
    const token1 = await mint({ key: k1.privateKey, alg: "RS256", kid: "k1" });
    const token2 = await mint({ key: k2.privateKey, alg: "ES256", kid: "k2" });
    expect((await authenticate(token1)).ok).toBe(true);
    expect(await refusal(authenticate, token2)).toBe("no key for the token");

    // Rotation: k2 added and k1 retired, written whole (temp file + rename, as a deploy would).
    await writeFile(file + ".tmp", JSON.stringify({ keys: [k2.jwk] }));
    await rename(file + ".tmp", file);
    expect(await refusal(authenticate, token2)).toBe("no key for the token"); // not looked at yet: within 300 ms
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await authenticate(token2)).ok).toBe(true);
    expect(await refusal(authenticate, token1)).toBe("no key for the token");

    // A rewrite that is not a JWK set (half-written, or a private key) keeps the keys in use.
    await writeFile(file, '{"keys": [');
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await authenticate(token2)).ok).toBe(true);
    await rm(file);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await authenticate(token2)).ok).toBe(true);
  });

  it("refuses a symmetric token whose kid names nothing, and HS256 signed with a listed key's PEM", async () => {
    const file = join(dir, "jwks2.json");
    await writeFile(file, JSON.stringify({ keys: [k1.jwk] }));
    const authenticate = createJwtAuthenticator({ settings: jwtSettings({ JWT_JWKS_FILE: file }) });
    const confused = await new SignJWT({ exp: nowSeconds() + 60 })
      .setProtectedHeader({ alg: "HS256", kid: "k1" })
      .sign(new TextEncoder().encode(k1.publicPem));
    expect(await refusal(authenticate, confused)).toBe("token algorithm not accepted");
    expect(await refusal(authenticate, unsecuredToken())).toBe("token algorithm not accepted");
  });
});
