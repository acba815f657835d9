import { describe, expect, it } from "vitest";
import {
  allowedCorsOrigin,
  checkedServerSettings,
  defaultServerSettings,
  InvalidServerSettingsError,
  serverSettingsFromEnv,
} from "../../../src/generated/runtime/serverSettings.js";

// src/generated/runtime/serverSettings.ts: CORS and docs settings read from the environment.

describe("serverSettingsFromEnv", () => {
  it("unset or empty variables give the defaults: no CORS, no credentials, docs on", () => {
    expect(serverSettingsFromEnv({})).toEqual(defaultServerSettings);
    expect(serverSettingsFromEnv({ CORS_ORIGINS: " ", CORS_CREDENTIALS: "", DOCS: "" })).toEqual(defaultServerSettings);
  });

  it("reads a list of exact origins, credentials and the docs switch", () => {
    const settings = serverSettingsFromEnv({
      CORS_ORIGINS: "https://app.example.com, http://localhost:5173",
      CORS_CREDENTIALS: "true",
      DOCS: "off",
    });
    expect(settings).toEqual({
      ...defaultServerSettings,
      corsOrigins: ["https://app.example.com", "http://localhost:5173"],
      corsCredentials: true,
      docs: false,
    });
    expect(serverSettingsFromEnv({ CORS_ORIGINS: "*" }).corsOrigins).toBe("*");
  });

  it("reads TRUST_PROXY (off by default) and SHUTDOWN_TIMEOUT (10 s by default)", () => {
    expect(serverSettingsFromEnv({})).toMatchObject({ trustProxy: false, shutdownTimeout: 10_000 });
    expect(serverSettingsFromEnv({ TRUST_PROXY: "true", SHUTDOWN_TIMEOUT: "2500" })).toMatchObject({
      trustProxy: true,
      shutdownTimeout: 2500,
    });
    expect(serverSettingsFromEnv({ TRUST_PROXY: "10.0.0.0/8, 127.0.0.1" }).trustProxy).toEqual([
      "10.0.0.0/8",
      "127.0.0.1",
    ]);
    const attempt = () => serverSettingsFromEnv({ TRUST_PROXY: "proxy.example.com", SHUTDOWN_TIMEOUT: "5s" });
    expect(attempt).toThrow(/TRUST_PROXY: "proxy\.example\.com" is not an address/);
    expect(attempt).toThrow(/SHUTDOWN_TIMEOUT="5s": expected a whole number of milliseconds/);
    expect(() => checkedServerSettings({ shutdownTimeout: -1 })).toThrow(/shutdownTimeout: -1/);
  });

  it("reads METRICS (off in production unless METRICS_TOKEN is set) and METRICS_TOKEN (16 characters or more)", () => {
    expect(serverSettingsFromEnv({})).toMatchObject({ metrics: true, metricsToken: undefined });
    expect(serverSettingsFromEnv({ NODE_ENV: "production" }).metrics).toBe(false);
    const token = "0123456789abcdef";
    expect(serverSettingsFromEnv({ NODE_ENV: "production", METRICS_TOKEN: token })).toMatchObject({
      metrics: true,
      metricsToken: token,
    });
    expect(serverSettingsFromEnv({ NODE_ENV: "production", METRICS: "on" }).metrics).toBe(true);
    expect(serverSettingsFromEnv({ METRICS: "off", METRICS_TOKEN: token }).metrics).toBe(false);
    expect(() => serverSettingsFromEnv({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN: at least 16/);
    expect(() => serverSettingsFromEnv({ METRICS: "yes" })).toThrow(/METRICS="yes": expected on or off/);
  });

  it("turns docs off by default in production, and DOCS overrides it either way", () => {
    expect(serverSettingsFromEnv({ NODE_ENV: "production" }).docs).toBe(false);
    expect(serverSettingsFromEnv({ NODE_ENV: "production", DOCS: "on" }).docs).toBe(true);
    expect(serverSettingsFromEnv({ NODE_ENV: "development", DOCS: "off" }).docs).toBe(false);
  });

  it("stops on malformed values, naming every variable", () => {
    const attempt = () =>
      serverSettingsFromEnv({
        CORS_ORIGINS: "https://ok.example.com,https://bad.example.com/,ftp://x.example.com,*.example.com",
        CORS_CREDENTIALS: "yes",
        DOCS: "maybe",
      });
    expect(attempt).toThrow(InvalidServerSettingsError);
    expect(attempt).toThrow(/bad\.example\.com\/[\s\S]*ftp:[\s\S]*\*\.example\.com[\s\S]*CORS_CREDENTIALS[\s\S]*DOCS/);
    expect(() => serverSettingsFromEnv({ CORS_ORIGINS: "*,https://a.example.com" })).toThrow(/\* stands alone/);
  });

  it("refuses credentials with any origin, from the environment and from code", () => {
    expect(() => serverSettingsFromEnv({ CORS_ORIGINS: "*", CORS_CREDENTIALS: "true" })).toThrow(
      /CORS_CREDENTIALS=true/,
    );
    expect(() => checkedServerSettings({ corsOrigins: "*", corsCredentials: true })).toThrow(
      InvalidServerSettingsError,
    );
    expect(() => checkedServerSettings({ corsOrigins: ["https://a.example.com/path"] })).toThrow(/not an origin/);
    expect(
      checkedServerSettings({ corsOrigins: ["https://a.example.com"], corsCredentials: true }).corsCredentials,
    ).toBe(true);
  });
});

describe("allowedCorsOrigin", () => {
  it("allows a listed origin exactly, any origin with *, and nothing without an Origin", () => {
    const listed = { corsOrigins: ["https://app.example.com"] };
    expect(allowedCorsOrigin({ settings: listed, origin: "https://app.example.com" })).toBe("https://app.example.com");
    expect(allowedCorsOrigin({ settings: listed, origin: "https://app.example.com.evil.test" })).toBe(false);
    expect(allowedCorsOrigin({ settings: listed, origin: "http://app.example.com" })).toBe(false);
    expect(allowedCorsOrigin({ settings: listed, origin: undefined })).toBe(false);
    expect(allowedCorsOrigin({ settings: { corsOrigins: "*" }, origin: "https://any.test" })).toBe("*");
    expect(allowedCorsOrigin({ settings: { corsOrigins: [] }, origin: "https://any.test" })).toBe(false);
  });
});
