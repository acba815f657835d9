import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  authSettingsFromEnv,
  describeAuthVariables,
  InvalidAuthSettingsError,
  type AuthNeeds,
  type AuthSettingProblem,
} from "../../../src/generated/auth/authSettings.js";
import { keyPair, testSecret, type TestKeyPair } from "./authFixtures.js";

type Env = Record<string, string | undefined>;
const bearer: AuthNeeds = { jwt: true, oidcDiscoveryUrls: [], apiKeys: false };
const apiKeysOnly: AuthNeeds = { jwt: false, oidcDiscoveryUrls: [], apiKeys: true };
const nothing: AuthNeeds = { jwt: false, oidcDiscoveryUrls: [], apiKeys: false };

/** The problems `authSettingsFromEnv` throws, checking that the message names each variable and holds no value given. */
function problemsOf({ env, needs }: { env: Env; needs: AuthNeeds }): AuthSettingProblem[] {
  try {
    authSettingsFromEnv({ env, needs });
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidAuthSettingsError);
    const { message, problems } = error as InvalidAuthSettingsError;
    for (const problem of problems) expect(message).toContain(`${problem.variable}: ${problem.problem}`);
    for (const value of Object.values(env)) {
      if (value === undefined || value.trim().length < 6) continue;
      for (const part of value
        .split(/[,\n]|\\n/)
        .map((p) => p.trim())
        .filter((p) => p.length >= 6 && !/-----/.test(p))) {
        expect(message, "a value of the environment in the message").not.toContain(part);
      }
    }
    return [...problems];
  }
  throw new Error("no error thrown");
}

function pem({ type, options }: { type: string; options: object }): { publicPem: string; privatePem: string } {
  const { publicKey, privateKey } = generateKeyPairSync(type as "rsa", options as { modulusLength: number });
  return {
    publicPem: publicKey.export({ type: "spki", format: "pem" }) as string,
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
  };
}

describe("authSettingsFromEnv", () => {
  it("reads nothing a scheme in use does not need: bad unused variables do not stop start-up", () => {
    const env = {
      JWT_SECRET: "short",
      API_KEYS: ",",
      JWT_CLOCK_TOLERANCE: "forever",
      JWT_JWKS_URL: "http://evil.example",
      OIDC_DISCOVERY_URL: "ftp://x",
    };
    const settings = authSettingsFromEnv({ env, needs: nothing });
    expect(settings.jwt).toBeUndefined();
    expect(settings.apiKeys).toBeUndefined();
    expect(settings.oidc.size).toBe(0);
    expect(authSettingsFromEnv({ env: { ...env, API_KEYS: "k".repeat(24) }, needs: apiKeysOnly }).apiKeys?.size).toBe(
      1,
    );
  });

  it("takes JWT_SECRET as an HS256 key that does not show its bytes when logged or serialised", () => {
    const settings = authSettingsFromEnv({ env: { JWT_SECRET: testSecret }, needs: bearer });
    expect(settings.jwt).toMatchObject({
      keySource: { kind: "secret", algorithms: ["HS256"] },
      issuer: undefined,
      audience: undefined,
      clockTolerance: 30,
      rolesClaim: "roles",
    });
    expect(inspect(settings, { depth: 10 })).not.toContain(testSecret.slice(0, 12));
    expect(JSON.stringify(settings)).not.toContain(testSecret.slice(0, 12));
  });

  it("refuses a JWT_SECRET shorter than 32 bytes (counted in UTF-8 bytes), without printing it", () => {
    expect(problemsOf({ env: { JWT_SECRET: "not-32-bytes-long-secret-1234" }, needs: bearer })).toEqual([
      { variable: "JWT_SECRET", problem: expect.stringContaining("shorter than 32 bytes (has 29)") },
    ]);
    // 11 three-byte characters are 33 bytes.
    expect(authSettingsFromEnv({ env: { JWT_SECRET: "€".repeat(11) }, needs: bearer }).jwt?.keySource.kind).toBe(
      "secret",
    );
  });

  it("names the variable when no key source is set; a blank value counts as unset", () => {
    for (const env of [{}, { JWT_SECRET: "" }, { JWT_SECRET: "   ", JWT_PUBLIC_KEY: "" }]) {
      const [problem] = problemsOf({ env, needs: bearer });
      expect(problem?.variable).toBe("JWT_SECRET");
      expect(problem?.problem).toMatch(/missing.*JWT_PUBLIC_KEY, JWT_JWKS_URL, JWT_JWKS_FILE/);
    }
  });

  it("refuses more than one key source, naming each", () => {
    const problems = problemsOf({
      env: { JWT_SECRET: testSecret, JWT_JWKS_URL: "https://idp.example/jwks" },
      needs: bearer,
    });
    expect(problems).toEqual([
      { variable: "JWT_SECRET, JWT_JWKS_URL", problem: expect.stringContaining("more than one") },
    ]);
  });

  it("collects every problem before throwing", () => {
    const problems = problemsOf({
      env: {
        JWT_SECRET: "short-secret-value",
        JWT_AUDIENCE: "a,,b",
        JWT_CLOCK_TOLERANCE: "301",
        JWT_ROLES_CLAIM: "realm..roles",
        API_KEYS: "tiny-key-value",
      },
      needs: { jwt: true, oidcDiscoveryUrls: [], apiKeys: true },
    });
    expect(problems.map((p) => p.variable).sort()).toEqual([
      "API_KEYS",
      "JWT_AUDIENCE",
      "JWT_CLOCK_TOLERANCE",
      "JWT_ROLES_CLAIM",
      "JWT_SECRET",
    ]);
  });
});

describe("authSettingsFromEnv: JWT_PUBLIC_KEY", () => {
  const algorithmsOf = (publicPem: string) => {
    const source = authSettingsFromEnv({ env: { JWT_PUBLIC_KEY: publicPem }, needs: bearer }).jwt?.keySource;
    return source?.kind === "publicKey" ? source.algorithms : undefined;
  };

  it("derives the algorithm from the key type", () => {
    expect(algorithmsOf(pem({ type: "rsa", options: { modulusLength: 2048 } }).publicPem)).toEqual(["RS256"]);
    expect(algorithmsOf(pem({ type: "ec", options: { namedCurve: "P-256" } }).publicPem)).toEqual(["ES256"]);
    expect(algorithmsOf(pem({ type: "ec", options: { namedCurve: "P-384" } }).publicPem)).toEqual(["ES384"]);
    expect(algorithmsOf(pem({ type: "ec", options: { namedCurve: "P-521" } }).publicPem)).toEqual(["ES512"]);
    expect(algorithmsOf(pem({ type: "ed25519", options: {} }).publicPem)).toEqual(["EdDSA", "Ed25519"]);
  });

  it("accepts the PEM on one line with literal \\n", () => {
    const { publicPem } = pem({ type: "ec", options: { namedCurve: "P-256" } });
    expect(algorithmsOf(publicPem.trim().replace(/\n/g, "\\n"))).toEqual(["ES256"]);
  });

  it.each([
    [
      "garbage",
      "-----BEGIN PUBLIC KEY-----\\nbm90IGEga2V5IGF0IGFsbA==\\n-----END PUBLIC KEY-----",
      /not a PEM public key that parses/,
    ],
    ["not PEM", "just-some-words-not-a-key", /not a PEM public key that parses/],
    ["RSA 1024", pem({ type: "rsa", options: { modulusLength: 1024 } }).publicPem, /RSA key shorter than 2048 bits/],
    ["secp256k1", pem({ type: "ec", options: { namedCurve: "secp256k1" } }).publicPem, /curve other than P-256/],
    ["Ed448", pem({ type: "ed448", options: {} }).publicPem, /unsupported type/],
    ["X25519", pem({ type: "x25519", options: {} }).publicPem, /unsupported type/],
    ["DSA", pem({ type: "dsa", options: { modulusLength: 2048, divisorLength: 256 } }).publicPem, /unsupported type/],
  ])("refuses %s", (_name, value, problem) => {
    expect(problemsOf({ env: { JWT_PUBLIC_KEY: value }, needs: bearer })).toEqual([
      { variable: "JWT_PUBLIC_KEY", problem: expect.stringMatching(problem) },
    ]);
  });

  it("refuses a private key, and never prints its material", () => {
    const { privatePem } = pem({ type: "rsa", options: { modulusLength: 2048 } });
    const problems = problemsOf({ env: { JWT_PUBLIC_KEY: privatePem }, needs: bearer });
    expect(problems).toEqual([{ variable: "JWT_PUBLIC_KEY", problem: expect.stringContaining("private key") }]);
    const body = privatePem.split("\n")[1] ?? "";
    expect(body.length).toBeGreaterThan(20);
    expect(JSON.stringify(problems)).not.toContain(body.slice(0, 20));
  });
});

describe("authSettingsFromEnv: JWT_JWKS_URL and OIDC discovery URLs", () => {
  it.each([
    "https://idp.example/.well-known/jwks.json",
    "http://127.0.0.1:8080/jwks",
    "http://localhost/jwks",
    "http://[::1]:9/jwks",
    "HTTP://LOCALHOST/jwks",
  ])("accepts %s", (url) => {
    expect(authSettingsFromEnv({ env: { JWT_JWKS_URL: url }, needs: bearer }).jwt?.keySource.kind).toBe("jwksUrl");
  });

  it.each([
    "http://idp.example/jwks",
    "http://127.0.0.1.evil.example/jwks",
    "http://localhost.evil.example/jwks",
    "ftp://idp.example/jwks",
    "file:///etc/jwks.json",
    "idp.example/jwks",
    "not a url",
  ])("refuses %s", (url) => {
    expect(problemsOf({ env: { JWT_JWKS_URL: url }, needs: bearer })).toEqual([
      { variable: "JWT_JWKS_URL", problem: expect.stringMatching(/https|not a URL/) },
    ]);
  });

  it("keys OIDC settings by the spec's openIdConnectUrl, with the JWT claim settings; no JWT key source needed", () => {
    const specUrl = "https://idp.example/.well-known/openid-configuration";
    const settings = authSettingsFromEnv({
      env: { JWT_AUDIENCE: "api", JWT_ROLES_CLAIM: "realm_access.roles" },
      needs: { jwt: false, oidcDiscoveryUrls: [specUrl], apiKeys: false },
    });
    expect(settings.jwt).toBeUndefined();
    expect(settings.oidc.get(specUrl)).toEqual({
      discoveryUrl: new URL(specUrl),
      audience: ["api"],
      clockTolerance: 30,
      rolesClaim: "realm_access.roles",
    });
  });

  it("lets OIDC_DISCOVERY_URL override every scheme's URL, and checks it once", () => {
    const needs: AuthNeeds = {
      jwt: false,
      oidcDiscoveryUrls: ["https://a.example/x", "https://b.example/y"],
      apiKeys: false,
    };
    const settings = authSettingsFromEnv({
      env: { OIDC_DISCOVERY_URL: "http://127.0.0.1:3999/.well-known/openid-configuration" },
      needs,
    });
    expect([...settings.oidc.values()].map((s) => s.discoveryUrl.href)).toEqual(
      Array(2).fill("http://127.0.0.1:3999/.well-known/openid-configuration"),
    );
    expect(problemsOf({ env: { OIDC_DISCOVERY_URL: "http://idp.example/x" }, needs })).toEqual([
      { variable: "OIDC_DISCOVERY_URL", problem: expect.stringContaining("https") },
    ]);
  });

  it("refuses a spec URL that is not https, naming OIDC_DISCOVERY_URL as the way out", () => {
    const problems = problemsOf({
      env: {},
      needs: { jwt: false, oidcDiscoveryUrls: ["http://idp.example/.well-known/openid-configuration"], apiKeys: false },
    });
    expect(problems).toEqual([
      {
        variable: "OIDC_DISCOVERY_URL",
        problem: expect.stringMatching(/^not set, and the spec's openIdConnectUrl must be an https URL/),
      },
    ]);
  });
});

describe("authSettingsFromEnv: JWT_JWKS_FILE", () => {
  let dir: string;
  let rsa: TestKeyPair;
  const fileWith = async (name: string, text: string) => {
    const file = join(dir, name);
    await writeFile(file, text);
    return file;
  };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "vx-jwks-settings-"));
    rsa = await keyPair({ alg: "RS256" });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("accepts a JWK set of public keys, by absolute path", async () => {
    const file = await fileWith("ok.json", JSON.stringify({ keys: [rsa.jwk] }));
    expect(authSettingsFromEnv({ env: { JWT_JWKS_FILE: file }, needs: bearer }).jwt?.keySource).toEqual({
      kind: "jwksFile",
      path: file,
    });
  });

  it("refuses a file that cannot be read, or is not a JWK set of public keys", async () => {
    const cases: [string, RegExp][] = [
      [join(dir, "absent.json"), /cannot be read \(ENOENT\)/],
      [dir, /cannot be read \(EISDIR\)/],
      [await fileWith("text.json", "keys: none"), /is not JSON/],
      [await fileWith("array.json", "[]"), /not a JWK set/],
      [await fileWith("empty.json", '{"keys": []}'), /not a JWK set/],
      [await fileWith("proto.json", '{"__proto__": {"keys": [{"kty": "RSA"}]}}'), /not a JWK set/],
      [await fileWith("nokty.json", '{"keys": [{"n": "x"}]}'), /without "kty"/],
      [
        await fileWith("oct.json", JSON.stringify({ keys: [{ kty: "oct", k: "c2VjcmV0LXNlY3JldC1zZWNyZXQ" }] })),
        /symmetric key/,
      ],
      [
        await fileWith("private.json", JSON.stringify({ keys: [{ ...rsa.jwk, d: "cHJpdmF0ZS1wYXJ0LW9mLWtleQ" }] })),
        /private key/,
      ],
    ];
    for (const [file, problem] of cases) {
      const problems = problemsOf({ env: { JWT_JWKS_FILE: file }, needs: bearer });
      expect(problems, file).toEqual([{ variable: "JWT_JWKS_FILE", problem: expect.stringMatching(problem) }]);
      expect(JSON.stringify(problems)).not.toMatch(/c2VjcmV0|cHJpdmF0ZS/);
    }
  });
});

describe("authSettingsFromEnv: claim settings", () => {
  const settingsOf = (env: Env) => authSettingsFromEnv({ env: { JWT_SECRET: testSecret, ...env }, needs: bearer }).jwt;

  it("reads issuer, audience (comma-separated, trimmed), clock tolerance and the roles claim", () => {
    expect(
      settingsOf({
        JWT_ISSUER: " https://issuer.example ",
        JWT_AUDIENCE: "api-a, api-b",
        JWT_CLOCK_TOLERANCE: "0",
        JWT_ROLES_CLAIM: "realm_access.roles",
      }),
    ).toMatchObject({
      issuer: "https://issuer.example",
      audience: ["api-a", "api-b"],
      clockTolerance: 0,
      rolesClaim: "realm_access.roles",
    });
    expect(settingsOf({ JWT_CLOCK_TOLERANCE: "300" })?.clockTolerance).toBe(300);
  });

  it.each(["-1", "301", "1.5", "30s", "1e2", "0x10", "9999999"])("refuses JWT_CLOCK_TOLERANCE=%s", (value) => {
    expect(problemsOf({ env: { JWT_SECRET: testSecret, JWT_CLOCK_TOLERANCE: value }, needs: bearer })).toEqual([
      { variable: "JWT_CLOCK_TOLERANCE", problem: "must be a whole number of seconds from 0 to 300" },
    ]);
  });

  it.each([".roles", "roles.", "a..b"])("refuses JWT_ROLES_CLAIM=%s", (value) => {
    expect(
      problemsOf({ env: { JWT_SECRET: testSecret, JWT_ROLES_CLAIM: value }, needs: bearer }).map((p) => p.variable),
    ).toEqual(["JWT_ROLES_CLAIM"]);
  });
});

describe("authSettingsFromEnv: API_KEYS", () => {
  const key = (n: number) => `key-${n}-`.padEnd(32, "x");

  it("builds the key store from comma-separated keys, trimmed, without repeats", () => {
    const store = authSettingsFromEnv({
      env: { API_KEYS: ` ${key(1)} ,${key(2)},${key(1)}` },
      needs: apiKeysOnly,
    }).apiKeys;
    expect(store?.size).toBe(2);
    expect(store?.find(key(2))?.kind).toBe("apiKey");
    expect(store?.find(` ${key(1)} `)).toBeUndefined();
  });

  it("names each empty or short entry by position and never prints a key", () => {
    const problems = problemsOf({ env: { API_KEYS: `${key(1)},,short-key-value-123,${key(2)},` }, needs: apiKeysOnly });
    expect(problems).toEqual([
      { variable: "API_KEYS", problem: "entry 2 of 5 is empty" },
      { variable: "API_KEYS", problem: "entry 3 of 5 is shorter than 24 characters" },
      { variable: "API_KEYS", problem: "entry 5 of 5 is empty" },
    ]);
    expect(problemsOf({ env: {}, needs: apiKeysOnly })).toEqual([
      { variable: "API_KEYS", problem: expect.stringContaining("missing") },
    ]);
  });
});

describe("describeAuthVariables", () => {
  it("describes every variable the settings read, and each message's variable is one of them", () => {
    const described = describeAuthVariables().map((v) => v.variable);
    expect(described).toEqual([
      "JWT_SECRET",
      "JWT_PUBLIC_KEY",
      "JWT_JWKS_URL",
      "JWT_JWKS_FILE",
      "JWT_ISSUER",
      "JWT_AUDIENCE",
      "JWT_CLOCK_TOLERANCE",
      "JWT_ROLES_CLAIM",
      "OIDC_DISCOVERY_URL",
      "API_KEYS",
    ]);
    for (const { meaning } of describeAuthVariables()) expect(meaning.length).toBeGreaterThan(10);
  });
});
