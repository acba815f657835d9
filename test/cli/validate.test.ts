import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./runCli.js";

const stackTrace = /\n\s+at .+\(.+:\d+:\d+\)|TypeError|RangeError|ReferenceError/;

describe("vx-gen validate on bad input: a clear diagnostic naming the file and place, a non-zero exit, no stack trace", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "vx-cli-"));
    mkdirSync(join(dir, "a-directory.yaml"));
    // A whole spec minified onto one line of more than 2 MB.
    const paths: Record<string, unknown> = {};
    for (let i = 0; i < 6000; i++) {
      paths[`/items${i}/{id}`] = {
        get: {
          operationId: `getItem${i}`,
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", description: "x".repeat(200) } }],
          responses: { "200": { description: "ok" } },
        },
      };
    }
    writeFileSync(join(dir, "long-line.json"), JSON.stringify({ openapi: "3.0.3", info: { title: "long", version: "1" }, paths }));
    // A schema nested 500 levels deep.
    let schema: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 500; i++) schema = { type: "object", properties: { child: schema } };
    writeFileSync(
      join(dir, "deep.json"),
      JSON.stringify({ openapi: "3.1.0", info: { title: "deep", version: "1" }, paths: {}, components: { schemas: { Deep: schema } } }),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ["invalid YAML", "fixtures/bad/invalid-yaml.yaml", 1, /invalid-yaml\.yaml:\d+:\d+ error VX100 /],
    ["a document that is not OpenAPI", "fixtures/bad/not-openapi.yaml", 1, /not-openapi\.yaml(:\d+:\d+)? error VX101 /],
    ["an unknown $ref", "fixtures/bad/unknown-ref.yaml", 1, /unknown-ref\.yaml:11:\d+ error VX104 /],
    ["a remote $ref", "fixtures/bad/remote-ref.yaml", 1, /remote-ref\.yaml:11:\d+ error VX105 /],
    ["an empty file", "fixtures/bad/empty.yaml", 2, /empty\.yaml error VX004 /],
    ["a binary file", "fixtures/bad/binary.yaml", 2, /binary\.yaml error VX003 /],
    ["a missing file", "fixtures/bad/no-such-file.yaml", 2, /no-such-file\.yaml error VX001 /],
  ])("%s", (_what, file, code, pattern) => {
    const result = runCli({ args: ["validate", "--openapi", file] });
    expect(result.stderr).toMatch(pattern);
    expect(result.stderr).not.toMatch(stackTrace);
    expect(result.code).toBe(code);
  });

  it("a directory where a file is expected", () => {
    const result = runCli({ args: ["validate", "--openapi", join(dir, "a-directory.yaml")] });
    expect(result.stderr).toMatch(/a-directory\.yaml error VX002 /);
    expect(result.code).toBe(2);
  });

  it("a 2 MB single-line JSON spec reads fine", () => {
    const result = runCli({ args: ["validate", "--openapi", join(dir, "long-line.json")] });
    expect(result.stderr).toContain("6000 operations");
    expect(result.stderr).not.toMatch(stackTrace);
    expect(result.code).toBe(0);
  });

  it("a schema nested 500 deep does not blow the stack", () => {
    const result = runCli({ args: ["validate", "--openapi", join(dir, "deep.json")] });
    expect(result.stderr).not.toMatch(stackTrace);
    expect(result.stderr).toContain("1 schema");
    expect(result.code).toBeLessThanOrEqual(1);
  });

  it("a Prisma syntax error comes back with file and line", () => {
    const result = runCli({ args: ["validate", "--prisma", "fixtures/bad/syntax-error.prisma"] });
    expect(result.stderr).toMatch(/syntax-error\.prisma:\d+:\d+ error VX200 /);
    expect(result.stderr).not.toMatch(stackTrace);
    expect(result.code).toBe(1);
  });

  it("names that are not identifiers or collide after case conversion are reported, deterministically", () => {
    const result = runCli({ args: ["validate", "--openapi", "fixtures/bad/names.yaml", "--format", "json"] });
    const diagnostics = JSON.parse(result.stdout) as { code: string; message: string; location?: { line?: number } }[];
    const names = diagnostics.filter((d) => /^VX40\d$/.test(d.code));
    expect(names.map((d) => d.code).sort()).toEqual(["VX400", "VX400", "VX401", "VX401", "VX402"]);
    expect(names.find((d) => d.message.includes("'pet_item'"))?.message).toContain("'PetItem2'");
    expect(names.find((d) => d.message.includes("'getPets'"))?.message).toContain("'GetPets2'");
    expect(names.every((d) => typeof d.location?.line === "number")).toBe(true);
  });

  it("a schema the validators cannot compile is an error at its line, from validate and generate alike", () => {
    const file = "fixtures/bad/uncompilable-schemas.yaml";
    const validated = runCli({ args: ["validate", "--openapi", file] });
    expect(validated.code).toBe(1);
    const lines = validated.stderr.split("\n").filter((line) => / (error|warning) VX11[789] /.test(line));
    expect(lines.map((line) => line.replace(/: .*/, ":").replace(/ pattern ".*" cannot/, " pattern cannot"))).toEqual([
      `${file}:14:41 error VX117 pattern cannot be compiled:`,
      `${file}:15:41 error VX118 pattern cannot run in linear time:`,
      `${file}:16:39 error VX117 schema keyword "minLength" cannot be compiled into a validator:`,
      `${file}:17:26 error VX117 schema keyword "type" cannot be compiled into a validator:`,
      `${file}:18:61 warning VX119 this schema is not validated (\`x-vx-validate:`,
    ]);
    expect(validated.stderr).toContain("`\\h`: its meaning differs between regex engines");
    expect(validated.stderr).toContain("a backreference (`\\1`) cannot run on a linear-time engine");
    expect(validated.stderr).toContain('"integr" is not a JSON Schema type');
    expect(validated.stderr).not.toMatch(stackTrace);
    const out = join(dir, "uncompilable-out");
    const generated = runCli({ args: ["generate", "--openapi", file, "--out", out] });
    expect(generated.code).toBe(1);
    expect(generated.stderr).toContain(`${file}:14:41 error VX117`);
    expect(generated.stderr).toContain("nothing written");
    expect(existsSync(out)).toBe(false);
  });

  it("usage errors exit 2 with a hint, not a stack trace", () => {
    const none = runCli({ args: ["validate"] });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("give --openapi, --prisma, or both");
    const unknown = runCli({ args: ["frobnicate"] });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown argument|Unknown command/i);
  });

  it("--format json prints the diagnostics as data", () => {
    const result = runCli({ args: ["validate", "--openapi", "fixtures/bad/unknown-ref.yaml", "--format", "json"] });
    const diagnostics = JSON.parse(result.stdout) as { code: string; severity: string; location: { file: string; line: number; column: number; pointer?: string } }[];
    const ref = diagnostics.find((d) => d.code === "VX104");
    expect(ref).toMatchObject({ severity: "error", location: { file: "fixtures/bad/unknown-ref.yaml", line: 11 } });
    expect(result.code).toBe(1);
  });

  it("--help lists every command with an example", () => {
    const result = runCli({ args: ["--help"] });
    expect(result.code).toBe(0);
    for (const command of ["validate", "inspect"]) expect(result.stdout).toContain(`vx-gen ${command}`);
    const validateHelp = runCli({ args: ["validate", "--help"] });
    expect(validateHelp.stdout).toContain("Examples:");
  });
});
