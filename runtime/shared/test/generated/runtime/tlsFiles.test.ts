import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultLimits } from "../../../src/generated/runtime/limits.js";
import { createNodeServer } from "../../../src/generated/runtime/nodeServer.js";
import { InvalidServerSettingsError } from "../../../src/generated/runtime/serverSettings.js";
import { tlsFilesFromEnv } from "../../../src/generated/runtime/tlsFiles.js";

// src/generated/runtime/tlsFiles.ts and nodeServer.ts: HTTPS from TLS_CERT_FILE and TLS_KEY_FILE, with a self-signed
// test certificate.

let dir: string;
let cert: string;
let key: string;

/** A self-signed certificate for 127.0.0.1 and localhost (openssl, EC P-256, valid until 2126): for this test only. */
const testCertificate = `-----BEGIN CERTIFICATE-----
MIIBnDCCAUGgAwIBAgIUELvVJO7ojKiimTDifdJ0REP7X7QwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwNzAwNTc1MloYDzIxMjYxMTEz
MDA1NzUyWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASXaXbHAv9WezTb0R3wswmiwBa64P9CLC9vshjxAODDssC8F2RNVVtD
OEy9kmD24XnFpstyrnTJuAGNpWYYpoG/o28wbTAdBgNVHQ4EFgQU4thpScH6Xcjr
SOX0riNMH6oiYdcwHwYDVR0jBBgwFoAU4thpScH6XcjrSOX0riNMH6oiYdcwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI
zj0EAwIDSQAwRgIhAP22J+NArQxJnsCHphV6cbj/Y5CPiS1Q4zNXWuORNgVXAiEA
2KxjTreiIR9NORY9TZUifTqVXL7JmOyPaHggih5Wn00=
-----END CERTIFICATE-----
`;
const testKey = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQguD7v0DcYH8egF+0p
KNQKb0e1/HPhoPOhBRK0S8t90oGhRANCAASXaXbHAv9WezTb0R3wswmiwBa64P9C
LC9vshjxAODDssC8F2RNVVtDOEy9kmD24XnFpstyrnTJuAGNpWYYpoG/
-----END PRIVATE KEY-----
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tls-"));
  cert = join(dir, "cert.pem");
  key = join(dir, "key.pem");
  writeFileSync(cert, testCertificate);
  writeFileSync(key, testKey);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const failure = (problem: string) =>
  new InvalidServerSettingsError(`invalid server settings in the environment:\n  ${problem}`);

describe("tlsFilesFromEnv", () => {
  it("is plain HTTP without either variable", () => {
    expect(tlsFilesFromEnv({})).toBeUndefined();
    expect(tlsFilesFromEnv({ TLS_CERT_FILE: "", TLS_KEY_FILE: " " })).toBeUndefined();
  });

  it("reads both files", () => {
    const files = tlsFilesFromEnv({ TLS_CERT_FILE: cert, TLS_KEY_FILE: key });
    expect(files?.cert.toString()).toContain("BEGIN CERTIFICATE");
    expect(files?.key.toString()).toContain("PRIVATE KEY");
  });

  it("refuses one without the other", () => {
    expect(() => tlsFilesFromEnv({ TLS_CERT_FILE: cert })).toThrow(
      failure("TLS_KEY_FILE is not set: TLS_CERT_FILE and TLS_KEY_FILE go together"),
    );
    expect(() => tlsFilesFromEnv({ TLS_KEY_FILE: key })).toThrow(
      failure("TLS_CERT_FILE is not set: TLS_CERT_FILE and TLS_KEY_FILE go together"),
    );
  });

  it("names the variable whose file cannot be read", () => {
    const missing = join(dir, "missing.pem");
    expect(() => tlsFilesFromEnv({ TLS_CERT_FILE: cert, TLS_KEY_FILE: missing })).toThrow(
      failure(`TLS_KEY_FILE=${JSON.stringify(missing)}: the file cannot be read (ENOENT)`),
    );
  });

  it("refuses files that are not a certificate and its key", () => {
    const garbage = join(dir, "garbage.pem");
    writeFileSync(garbage, "not a certificate");
    expect(() => tlsFilesFromEnv({ TLS_CERT_FILE: garbage, TLS_KEY_FILE: key })).toThrow(
      /TLS_CERT_FILE and TLS_KEY_FILE are not a usable certificate and private key/,
    );
  });
});

describe("createNodeServer", () => {
  it("serves HTTPS with the certificate, the limits' timeouts set", async () => {
    const tls = tlsFilesFromEnv({ TLS_CERT_FILE: cert, TLS_KEY_FILE: key });
    const server = createNodeServer({ limits: defaultLimits, tls, handler: (_req, res) => res.end("secure") });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    expect(server.keepAliveTimeout).toBe(defaultLimits.keepAliveTimeout);
    const { port } = server.address() as AddressInfo;
    const body = await new Promise<string>((resolve, reject) => {
      const sent = request({ host: "127.0.0.1", port, path: "/", ca: tls?.cert }, (answer) => {
        let text = "";
        answer.on("data", (chunk: Buffer) => (text += chunk.toString()));
        answer.on("end", () => resolve(text));
      });
      sent.on("error", reject).end();
    });
    expect(body).toBe("secure");
    await new Promise((resolve) => server.close(resolve));
  });
});
