import { describe, expect, it } from "vitest";
import { ApiError } from "../../../src/generated/runtime/errors.js";
import {
  apiKeyCredential,
  defaultRateLimitSettings,
  parseWindow,
  principalId,
  rateLimitKeyOf,
  rateLimitSettingsFromEnv,
  resolvedRateLimit,
  tooManyRequests,
} from "../../../src/generated/runtime/rateLimit.js";
import { InvalidServerSettingsError } from "../../../src/generated/runtime/serverSettings.js";

// src/generated/runtime/rateLimit.ts: the rate-limit settings, each route's limit and each request's counter key.

describe("rateLimitSettingsFromEnv", () => {
  it("unset or empty variables give the defaults: 1000 a minute, 10 a minute on credential routes, in memory", () => {
    expect(rateLimitSettingsFromEnv({ env: {}, credentialRoutes: true })).toEqual(defaultRateLimitSettings);
    expect(rateLimitSettingsFromEnv({ env: { RATE_LIMIT_MAX: " ", REDIS_URL: "" }, credentialRoutes: true })).toEqual(
      defaultRateLimitSettings,
    );
    expect(defaultRateLimitSettings).toMatchObject({
      max: 1_000,
      windowMs: 60_000,
      credentialsMax: 10,
      credentialsWindowMs: 60_000,
    });
  });

  it("reads every setting; 0 turns a limit off", () => {
    expect(
      rateLimitSettingsFromEnv({
        env: {
          RATE_LIMIT_MAX: "0",
          RATE_LIMIT_WINDOW: "30s",
          RATE_LIMIT_AUTH_MAX: "3",
          RATE_LIMIT_AUTH_WINDOW: "1500",
          REDIS_URL: "redis://:secret@127.0.0.1:6379/2",
          RATE_LIMIT_PREFIX: "bookstore:rl:",
        },
        credentialRoutes: true,
      }),
    ).toEqual({
      max: 0,
      windowMs: 30_000,
      credentialsMax: 3,
      credentialsWindowMs: 1_500,
      redisUrl: "redis://:secret@127.0.0.1:6379/2",
      prefix: "bookstore:rl:",
    });
  });

  it("stops on every malformed value, naming each variable and never quoting the Redis URL", () => {
    const env = {
      RATE_LIMIT_MAX: "lots",
      RATE_LIMIT_WINDOW: "1w",
      RATE_LIMIT_AUTH_MAX: "-1",
      RATE_LIMIT_AUTH_WINDOW: "0s",
      REDIS_URL: "http://user:hunter2@cache:6379",
      RATE_LIMIT_PREFIX: "a b",
    };
    let thrown: unknown;
    try {
      rateLimitSettingsFromEnv({ env, credentialRoutes: true });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidServerSettingsError);
    const message = (thrown as Error).message;
    for (const name of Object.keys(env)) expect(message).toContain(name);
    expect(message).not.toContain("hunter2");
  });

  it("ignores the credential routes' settings in a project without credential routes (a stale value never stops it)", () => {
    const env = { RATE_LIMIT_AUTH_MAX: "-1", RATE_LIMIT_AUTH_WINDOW: "soon" };
    expect(rateLimitSettingsFromEnv({ env, credentialRoutes: false })).toEqual(defaultRateLimitSettings);
    expect(() => rateLimitSettingsFromEnv({ env, credentialRoutes: true })).toThrow(InvalidServerSettingsError);
  });
});

describe("parseWindow", () => {
  it("reads units and milliseconds up to a day", () => {
    expect(["500ms", "30s", "1m", "2h", "1d", "1500"].map(parseWindow)).toEqual([
      500, 30_000, 60_000, 7_200_000, 86_400_000, 1_500,
    ]);
    for (const bad of ["", "0", "1 m", "1w", "2d", "-1s", "1.5s"]) expect(parseWindow(bad), bad).toBeUndefined();
  });
});

describe("resolvedRateLimit", () => {
  const settings = {
    ...defaultRateLimitSettings,
    max: 100,
    windowMs: 10_000,
    credentialsMax: 4,
    credentialsWindowMs: 5_000,
  };

  it("a route's own limit, the credential routes', else the global one shared under one name", () => {
    expect(
      resolvedRateLimit({
        route: { operationId: "listBooks", rateLimit: { max: 5, windowMs: 1_000, key: "principal" } },
        settings,
      }),
    ).toEqual({ name: "listBooks", max: 5, windowMs: 1_000, key: "principal", apiKeys: [] });
    expect(resolvedRateLimit({ route: { operationId: "login", rateLimit: "credentials" }, settings })).toEqual({
      name: "login",
      max: 4,
      windowMs: 5_000,
      key: "ip",
      apiKeys: [],
    });
    expect(resolvedRateLimit({ route: { operationId: "getBook" }, settings })).toEqual({
      name: "global",
      max: 100,
      windowMs: 10_000,
      key: "ip",
      apiKeys: [],
    });
  });

  it("RATE_LIMIT_AUTH_MAX=0 puts credential routes under the global limit; RATE_LIMIT_MAX=0 leaves only own limits", () => {
    expect(
      resolvedRateLimit({
        route: { operationId: "login", rateLimit: "credentials" },
        settings: { ...settings, credentialsMax: 0 },
      })?.name,
    ).toBe("global");
    const off = { ...settings, max: 0 };
    expect(resolvedRateLimit({ route: { operationId: "getBook" }, settings: off })).toBeUndefined();
    expect(
      resolvedRateLimit({ route: { operationId: "a", rateLimit: { max: 1, windowMs: 1, key: "ip" } }, settings: off })
        ?.max,
    ).toBe(1);
  });
});

describe("counter keys", () => {
  const limit = { name: "listBooks", key: "ip" as const };

  it("count by address, by principal (subject or API key id), by a hash of the API key; never the key itself", () => {
    expect(rateLimitKeyOf({ limit, ip: "10.0.0.1", auth: {}, credential: undefined })).toBe("listBooks:ip:10.0.0.1");
    const principal = { ...limit, key: "principal" as const };
    const alice = rateLimitKeyOf({
      limit: principal,
      ip: "10.0.0.1",
      auth: { bearer: { subject: "alice" } },
      credential: undefined,
    });
    const aliceElsewhere = rateLimitKeyOf({
      limit: principal,
      ip: "10.9.9.9",
      auth: { bearer: { subject: "alice" } },
      credential: undefined,
    });
    const bob = rateLimitKeyOf({
      limit: principal,
      ip: "10.0.0.1",
      auth: { bearer: { subject: "bob" } },
      credential: undefined,
    });
    expect(alice).toMatch(/^listBooks:principal:[0-9a-f]{32}$/);
    expect(alice).toBe(aliceElsewhere);
    expect(alice).not.toBe(bob);
    // Anonymous: by address.
    expect(rateLimitKeyOf({ limit: principal, ip: "10.0.0.1", auth: {}, credential: undefined })).toBe(
      "listBooks:ip:10.0.0.1",
    );
    const apiKey = { ...limit, key: "apiKey" as const };
    const secret = "sk_live_0123456789abcdefghijkl";
    const keyed = rateLimitKeyOf({ limit: apiKey, ip: "10.0.0.1", auth: {}, credential: secret });
    expect(keyed).toMatch(/^listBooks:apiKey:[0-9a-f]{32}$/);
    expect(keyed).not.toContain(secret);
    expect(rateLimitKeyOf({ limit: apiKey, ip: "10.0.0.1", auth: {}, credential: undefined })).toBe(
      "listBooks:ip:10.0.0.1",
    );
  });

  it("principalId takes the first principal with a subject or a key id", () => {
    expect(principalId({})).toBeUndefined();
    expect(principalId({ a: null, b: "x", c: { subject: "" }, d: { keyId: "abc123" } })).toBe("key:abc123");
    expect(principalId({ a: { subject: "alice", keyId: "k" } })).toBe("subject:alice");
  });

  it("apiKeyCredential reads the first location the request fills: header (any case), query, cookie", () => {
    const locations = [
      { in: "header" as const, name: "X-Api-Key" },
      { in: "query" as const, name: "api_key" },
      { in: "cookie" as const, name: "__proto__" },
    ];
    const read = (request: {
      headers?: Record<string, string | string[]>;
      query?: Record<string, unknown>;
      cookies?: Record<string, string>;
    }) =>
      apiKeyCredential({
        locations,
        headers: request.headers ?? {},
        query: request.query ?? {},
        cookies: request.cookies ?? {},
      });
    expect(read({ headers: { "x-api-key": "h" }, query: { api_key: "q" } })).toBe("h");
    expect(read({ headers: { "x-api-key": ["first", "second"] } })).toBe("first");
    expect(read({ query: { api_key: "q" } })).toBe("q");
    expect(read({ query: { api_key: ["first", "second"] } })).toBe("first");
    expect(read({ query: { api_key: { nested: "object" } } })).toBeUndefined();
    const cookies: Record<string, string> = Object.create(null);
    cookies["__proto__"] = "c";
    expect(read({ cookies })).toBe("c");
    expect(read({ cookies: {} })).toBeUndefined();
  });
});

describe("tooManyRequests", () => {
  it("is 429 TOO_MANY_REQUESTS with Retry-After", () => {
    const error = tooManyRequests(42);
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.code, error.headers]).toEqual([429, "TOO_MANY_REQUESTS", { "retry-after": "42" }]);
    expect(error.message).toMatch(/42 s/);
  });
});
