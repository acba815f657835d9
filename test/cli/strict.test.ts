/**
 * `--strict` and `"strict": true` in the config: the tictactoe example of learn.openapis.org (cut down in
 * fixtures/openapi/lenient) departs from the official OpenAPI 3.1 schema only where vx-gen reads past it, so it
 * generates with a VX121 warning naming the key; strict runs refuse it, writing nothing. A document vx-gen cannot
 * generate from is refused either way.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runCli } from "./runCli.js";

const tictactoe = resolve("fixtures/openapi/lenient/tictactoe.yaml");
const broken = resolve("fixtures/openapi/bad/structure.yaml");

describe("--strict", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "vx-strict-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("without it, tictactoe generates: exit 0, files written, a warning naming bearerFormat at its line", () => {
    const out = join(dir, "lenient");
    const result = runCli({ args: ["generate", "--openapi", tictactoe, "--out", out] });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/tictactoe\.yaml:107:7 warning VX121 \/components\/securitySchemes\/bearerHttpAuthentication\/bearerFormat: "bearerFormat" is allowed/);
    expect(result.stderr).toContain("RFC 7235");
    expect(existsSync(join(out, "package.json"))).toBe(true);
    expect(existsSync(join(out, "src/security/bearer-http-authentication.ts"))).toBe(true);
    // `check --strict` after a lenient generate reads the inputs (not the manifest's fingerprint) and refuses them.
    const check = runCli({ args: ["check", "--strict", "--openapi", tictactoe, "--out", out] });
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("error VX121");
    expect(runCli({ args: ["check", "--openapi", tictactoe, "--out", out] }).code).toBe(0);
  });

  it("with it, generate refuses: exit 1, nothing written, the error names the key", () => {
    const out = join(dir, "strict");
    const result = runCli({ args: ["generate", "--strict", "--openapi", tictactoe, "--out", out] });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/tictactoe\.yaml:107:7 error VX121 .*"bearerFormat"/);
    expect(result.stderr).toContain("refused because of --strict");
    expect(result.stderr).toContain("nothing written");
    expect(existsSync(out)).toBe(false);
  });

  it("validate: exit 0 with a warning, 1 with --strict", () => {
    const lenient = runCli({ args: ["validate", "--openapi", tictactoe] });
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toContain("0 errors, 1 warning");
    const strict = runCli({ args: ["validate", "--strict", "--openapi", tictactoe] });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("1 error, 0 warnings");
  });

  it('"strict": true in the config refuses too; --no-strict wins over it', () => {
    const config = join(dir, "vx.config.json");
    writeFileSync(config, JSON.stringify({ openapi: tictactoe, out: "from-config", strict: true }));
    const strict = runCli({ args: ["generate", "--config", config] });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("error VX121");
    expect(existsSync(join(dir, "from-config"))).toBe(false);
    const lenient = runCli({ args: ["generate", "--config", config, "--no-strict"] });
    expect(lenient.code).toBe(0);
    expect(existsSync(join(dir, "from-config/package.json"))).toBe(true);
  });

  it("a document vx-gen cannot generate from is refused without --strict", () => {
    const out = join(dir, "broken");
    const result = runCli({ args: ["generate", "--openapi", broken, "--out", out] });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error VX103 /paths/~1a/get: missing required field "responses"');
    expect(result.stderr).toContain("nothing written");
    expect(existsSync(out)).toBe(false);
  });

  it("tictactoe as published (security written as maps) is refused with and without --strict, naming the key", () => {
    const upstream = resolve("fixtures/openapi/bad/tictactoe-upstream.yaml");
    for (const strict of [[], ["--strict"]]) {
      const out = join(dir, `upstream${strict.length}`);
      const result = runCli({ args: ["generate", ...strict, "--openapi", upstream, "--out", out] });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('tictactoe-upstream.yaml:31:7 error VX103 /paths/~1board/get/security: "security" is a map of schemes');
      expect(result.stderr).toMatch(strict.length > 0 ? /error VX121 .*"bearerFormat"/ : /warning VX121 .*"bearerFormat"/);
      expect(existsSync(out)).toBe(false);
    }
  });

  it("--help of every command that reads specs describes it", () => {
    for (const command of ["generate", "check", "watch", "validate", "inspect"]) {
      expect(runCli({ args: [command, "--help"] }).stdout, command).toMatch(/--strict\s+Treat departures from the OpenAPI schema/);
    }
  });
});
