import { describe, expect, it } from "vitest";
import { operationView } from "../../generators/shared/operationView.js";
import { healthPaths } from "../../generators/shared/healthPaths.js";
import { secretNames } from "../../generators/shared/secretNames.js";
import { serverLimits } from "../../generators/shared/serverLimits.js";
import { serverSettingViews } from "../../generators/shared/serverSettingViews.js";
import { apiModel, bearerScheme, integerSchema, openApiSource, operation, parameter, stringSchema } from "../../src/ir/factories/api.js";
import type { SecurityScheme } from "../../src/ir/types.js";
import { resolveNames } from "../../src/naming/resolveNames.js";

/**
 * The view-model decisions behind the generated server's hardening: which request parts are secrets (redacted from
 * logs) and the defaults of its limits. The behaviour itself is tested against a running server in
 * hostileRequests.e2e.test.ts.
 */

const source = openApiSource();
const apiKey = (name: string, where: "query" | "header" | "cookie", paramName: string): SecurityScheme => ({ kind: "apiKey", name, in: where, paramName, source });

describe("secretNames", () => {
  it("lists Authorization and cookies always, and each scheme's header, query parameter or cookie, sorted and unique", () => {
    const schemes: SecurityScheme[] = [
      apiKey("partnerKey", "query", "api_key"),
      apiKey("headerKey", "header", "X-API-Key"),
      apiKey("again", "header", "x-api-key"),
      apiKey("session", "cookie", "sid"),
      apiKey("__proto__", "query", "constructor"),
      bearerScheme(),
      { kind: "oauth2", name: "oauth", flows: [{ flow: "clientCredentials", tokenUrl: "https://x/token", scopes: [] }], source },
    ];
    expect(secretNames(schemes)).toEqual({
      headers: ["authorization", "cookie", "proxy-authorization", "set-cookie", "x-api-key"],
      query: ["access_token", "api_key", "constructor"],
      cookies: ["sid"],
    });
  });

  it("keeps the defaults for a spec without schemes, and adds no access_token for basic authentication", () => {
    const basic: SecurityScheme = { kind: "http", name: "basic", scheme: "basic", source };
    expect(secretNames([basic])).toEqual({ headers: ["authorization", "cookie", "proxy-authorization", "set-cookie"], query: [], cookies: [] });
  });
});

describe("serverLimits", () => {
  const limitsOf = (operations: ReturnType<typeof operation>[]) => {
    const api = apiModel({ operations });
    const { names } = resolveNames({ api, db: null });
    return Object.fromEntries(serverLimits(api.operations.map((op) => operationView({ op, names }))).map((limit) => [limit.variable, limit.defaultValue]));
  };

  it("has the documented defaults, each within its own range", () => {
    for (const limit of serverLimits([])) {
      expect(limit.defaultValue, limit.variable).toBeGreaterThanOrEqual(limit.min);
      expect(limit.defaultValue, limit.variable).toBeLessThanOrEqual(limit.max);
    }
    expect(limitsOf([])).toEqual({ BODY_LIMIT: 1_048_576, JSON_MAX_DEPTH: 128, MAX_PARAM_LENGTH: 100, MAX_HEADER_SIZE: 16_384, REQUEST_TIMEOUT: 30_000, HEADERS_TIMEOUT: 20_000, CONNECTION_TIMEOUT: 120_000, KEEP_ALIVE_TIMEOUT: 72_000 });
  });

  it("raises MAX_PARAM_LENGTH to the longest path parameter a schema allows, percent-encoded, at most 16,384", () => {
    const byId = operation({ operationId: "getThing", path: "/things/{id}", parameters: [parameter({ name: "id", in: "path", required: true, schema: integerSchema() })] });
    expect(limitsOf([byId]).MAX_PARAM_LENGTH).toBe(100);
    const byName = operation({ operationId: "getTag", path: "/tags/{name}", parameters: [parameter({ name: "name", in: "path", required: true, schema: stringSchema({ maxLength: 40 }) })] });
    expect(limitsOf([byId, byName]).MAX_PARAM_LENGTH).toBe(480);
    const huge = operation({ operationId: "getBlob", path: "/blobs/{key}", parameters: [parameter({ name: "key", in: "path", required: true, schema: stringSchema({ maxLength: 1_000_000 }) })] });
    expect(limitsOf([huge]).MAX_PARAM_LENGTH).toBe(16_384);
  });
});

describe("healthPaths", () => {
  const pathsOf = ({ paths, basePath }: { paths: string[]; basePath: string }) => {
    const api = apiModel({ operations: paths.map((path) => operation({ path })) });
    const { names } = resolveNames({ api, db: null });
    return healthPaths({ views: api.operations.map((op) => operationView({ op, names })), basePath });
  };
  const plain = { liveness: "/healthz", readiness: "/readyz" };
  const moved = { liveness: "/_vx/healthz", readiness: "/_vx/readyz" };

  it("serves the probes at /healthz and /readyz unless an operation of the spec is served at either", () => {
    expect(pathsOf({ paths: ["/books", "/{id}"], basePath: "" })).toEqual(plain);
    expect(pathsOf({ paths: ["/healthz"], basePath: "/api" })).toEqual(plain);
    expect(pathsOf({ paths: ["/healthz"], basePath: "" })).toEqual(moved);
    expect(pathsOf({ paths: ["/readyz"], basePath: "/api" }).readiness).toBe("/readyz");
    expect(pathsOf({ paths: ["/readyz"], basePath: "" })).toEqual(moved);
  });
});

describe("serverSettingViews", () => {
  const variables = (accounts: boolean) => serverSettingViews({ accounts }).map((setting) => setting.variable);

  it("lists the credential routes' rate limit only for a project with the accounts routes", () => {
    expect(variables(true)).toEqual(expect.arrayContaining(["RATE_LIMIT_MAX", "RATE_LIMIT_AUTH_MAX", "RATE_LIMIT_AUTH_WINDOW"]));
    expect(variables(false)).toContain("RATE_LIMIT_MAX");
    expect(variables(false)).not.toContain("RATE_LIMIT_AUTH_MAX");
    expect(variables(false)).not.toContain("RATE_LIMIT_AUTH_WINDOW");
  });

  it("lists tracing and HTTPS, unset by default", () => {
    const settings = serverSettingViews({ accounts: false });
    for (const variable of ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SERVICE_NAME", "TLS_CERT_FILE", "TLS_KEY_FILE"])
      expect(settings.find((setting) => setting.variable === variable)?.defaultValue).toBe("");
  });
});
